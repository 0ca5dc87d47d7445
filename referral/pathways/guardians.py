"""The family's contacts (parents, guardians): minimised, validated, who the partner may call."""

from __future__ import annotations

from typing import Any

import phonenumbers

RELATIONSHIPS = ("mother", "father", "guardian", "foster", "other")
#: What is kept of a guardian, nothing more.
GUARDIAN_FIELDS = ("name", "relationship", "phone", "email", "language", "may_contact")


def normalise_phone(text: str, region: str = "FR") -> str:
    """Return a phone number in its national (French) or international form, or raise ValueError."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValueError(f"Numéro de téléphone illisible : « {text} ».") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"Numéro de téléphone invalide : « {text} ».")
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def minimised(guardian: dict[str, Any]) -> dict[str, Any]:
    """Keep only the guardian fields Relais stores, empty text as None."""
    kept = {key: guardian.get(key) for key in GUARDIAN_FIELDS}
    kept = {key: (value.strip() or None) if isinstance(value, str) else value
            for key, value in kept.items()}  # fmt: skip
    kept["may_contact"] = bool(guardian.get("may_contact", True))
    return kept
