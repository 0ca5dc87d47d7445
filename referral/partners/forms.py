"""Read the service and place forms into the catalogue schemas' plain values."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

LIST_FIELDS = ("needs", "publics", "school_levels", "mobilisation")
CODE_LIST_FIELDS = ("languages", "area_communes", "area_departments", "area_epcis", "keywords")
TEXT_FIELDS = (
    "name",
    "description",
    "eligibility",
    "cost",
    "cost_details",
    "capacity",
    "opening_hours",
    "accessibility",
)
OPTIONAL_TEXT_FIELDS = ("referral_email", "referral_phone")
NUMBER_FIELDS = ("age_min", "age_max", "waitlist_weeks", "update_frequency_days", "area_radius_km")
FLAG_FIELDS = ("qpv_only", "rep_only", "mdph_required", "confidential_address")
PLACE_FIELDS = (
    "name",
    "address",
    "postcode",
    "commune_insee",
    "latitude",
    "longitude",
    "accessibility",
    "transport",
)


def _number(value: str) -> Any:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return value  # the schema says what is wrong with it
    return int(number) if number.is_integer() else number


def service_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """Return the service fields posted by the form, ready for `ServiceInput`."""
    values: dict[str, Any] = {name: form.get(name, "").strip() for name in TEXT_FIELDS}
    values |= {name: form.getlist(name) for name in LIST_FIELDS}
    # Only the lists the form shows: a field it does not show must be kept, not emptied.
    values |= {name: split_codes(form[name]) for name in CODE_LIST_FIELDS if name in form}
    values |= {name: (form.get(name, "").strip() or None) for name in OPTIONAL_TEXT_FIELDS}
    values |= {name: _number(form.get(name, "")) for name in NUMBER_FIELDS}
    values |= {name: name in form for name in FLAG_FIELDS}
    if values["update_frequency_days"] is None:
        values.pop("update_frequency_days")
    return values


def split_codes(text: str) -> list[str]:
    """Split a comma- or space-separated list of codes."""
    return [
        part.strip() for part in text.replace(";", ",").replace(" ", ",").split(",") if part.strip()
    ]


def place_values(form: MultiDict[str, str]) -> dict[str, Any]:
    """Return the place fields posted by the form, ready for `PlaceInput`."""
    values: dict[str, Any] = {name: form.get(name, "").strip() for name in PLACE_FIELDS}
    for name in ("latitude", "longitude"):
        values[name] = _number(values[name])
    values["commune_insee"] = values["commune_insee"] or None
    return values


def version_of(form: MultiDict[str, str]) -> int | None:
    """Return the version the editor started from."""
    value = form.get("version", "")
    return int(value) if value.isdigit() else None
