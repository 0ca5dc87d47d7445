"""Parse the page forms of the pathway space (the API's schemas do the checking)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from catalogue.geography import resolve_commune
from catalogue.models import Commune
from referral.pathways.schemas import PathwayIn
from referral.programmes.models import Programme


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _in_territory(programme: Programme | None, commune: Commune) -> bool:
    if programme is None:
        return False
    return (
        commune.insee_code in (programme.territory_communes or [])
        or commune.epci_siren == programme.territory_epci
        or commune.department_code == programme.department_code
    )


def commune_code(
    session: Session, text: str | None, programme: Programme | None = None
) -> tuple[str | None, list[str]]:
    """Turn what a référent typed (name, postcode or INSEE code) into one INSEE code.

    Among several communes, those of the programme's territory win.
    """
    if not text or not text.strip():
        return None, []
    found = resolve_commune(session, text)
    local = [commune for commune in found if _in_territory(programme, commune)]
    found = local if len(found) > 1 and local else found
    if len(found) == 1:
        return found[0].insee_code, []
    if not found:
        return None, [f"Commune introuvable : « {text.strip()} »."]
    choices = ", ".join(f"{c.name} ({c.postcodes.split()[0]}, code {c.insee_code})" for c in found)
    return None, [f"Plusieurs communes correspondent : {choices}. Précisez le code INSEE."]


def parse_new_pathway(
    session: Session, form: MultiDict[str, str], programme: Programme | None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Return (data ready for `create_pathway`, errors per form field)."""
    commune, commune_errors = commune_code(session, form.get("commune"), programme)
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
            "commune": commune,
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
        return {}, {
            **_flatten(error.messages),
            **({"commune": commune_errors} if commune_errors else {}),
        }
    if commune_errors:
        return {}, {"commune": commune_errors}
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
