"""Parse the page forms of the pathway space (the API's schemas do the checking)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from referral.pathways.schemas import PathwayIn


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def parse_new_pathway(form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Return (data ready for `create_pathway`, errors per form field)."""
    payload: dict[str, Any] = {
        "child": {
            key: _blank_to_none(form.get(key))
            for key in (
                "first_name",
                "last_name",
                "sex",
                "birth_date",
                "school_level",
                "school_name",
            )
        },
        "family": {
            "commune": _blank_to_none(form.get("commune")),
            "qpv": form.get("qpv") == "on",
            "free_only": form.get("free_only") == "on",
            "days_available": form.getlist("days_available"),
            "languages": [
                code.strip() for code in form.get("languages", "fr").split(",") if code.strip()
            ],
        },
        "contract_start": _blank_to_none(form.get("contract_start")),
        "contract_end": _blank_to_none(form.get("contract_end")),
    }
    payload["child"]["school_priority"] = form.get("school_priority") or "none"
    if _blank_to_none(form.get("max_distance_km")):
        payload["family"]["max_distance_km"] = form.get("max_distance_km", "").replace(",", ".")
    payload["child"] = {k: v for k, v in payload["child"].items() if v is not None}
    payload["family"] = {k: v for k, v in payload["family"].items() if v is not None}
    payload = {k: v for k, v in payload.items() if v is not None}
    try:
        data = PathwayIn().load(payload)
    except ValidationError as error:
        return {}, _flatten(error.messages)
    data["family"]["commune_insee"] = data["family"].pop("commune")
    return data, {}


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn nested marshmallow messages into {form field: [messages]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(value, dict):
                flat.update(_flatten(value))
            else:
                flat[str(key)] = [str(each) for each in value]
    return flat
