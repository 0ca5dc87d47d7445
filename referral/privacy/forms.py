"""Parse the data-protection forms: French messages tied to each field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from referral.privacy.audit_review import AuditFilters

SEXES = ("F", "M")
SCHOOL_LEVELS = ("", "maternelle", "elementaire", "college", "lycee")


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def audit_filters(args: Mapping[str, str]) -> tuple[AuditFilters, dict[str, str]]:
    """Return the audit filters from the query string, and the messages of wrong ones."""
    errors: dict[str, str] = {}
    child = args.get("child", "").strip()
    if child and not child.isdigit():
        errors["child"] = "L'identifiant interne de l'enfant est un nombre."
    dates: dict[str, dt.date | None] = {}
    for name in ("start", "end"):
        raw = args.get(name, "").strip()
        dates[name] = _date(raw) if raw else None
        if raw and dates[name] is None:
            errors[name] = "Date attendue au format AAAA-MM-JJ."
    filters = AuditFilters(
        user=(args.get("user") or args.get("actor") or "").strip(),
        child_id=int(child) if child.isdigit() else None,
        action=args.get("action", "").strip(),
        start=dates["start"],
        end=dates["end"],
        category=args.get("category", "").strip(),
    )
    return filters, errors


def parse_rectification(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the corrected values and the messages of the fields to fix."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in ("first_name", "last_name"):
        value = form.get(name, "").strip()
        if not value:
            errors[name] = "Ce champ est obligatoire."
        values[name] = value
    values["sex"] = form.get("sex", "")
    if values["sex"] not in SEXES:
        errors["sex"] = "Choisissez F ou M."
    birth = _date(form.get("birth_date", "").strip())
    if birth is None or birth > dt.date.today():
        errors["birth_date"] = "Date de naissance au format AAAA-MM-JJ, pas dans le futur."
    values["birth_date"] = birth
    values["school_level"] = form.get("school_level", "") or None
    if (values["school_level"] or "") not in SCHOOL_LEVELS:
        errors["school_level"] = "Niveau scolaire inconnu."
    values["school_name"] = form.get("school_name", "").strip() or None
    values["address"] = form.get("address", "").strip() or None
    values["qpv"] = form.get("qpv") == "1"
    return values, errors
