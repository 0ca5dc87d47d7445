"""The partner's CSV export of the referrals it received: no more than what it may read."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from referral.french import local_moment
from referral.labels import label
from referral.referrals.models import Referral
from referral.referrals.payload import partner_view

HEADER = (
    "service",
    "reçue le",
    "étape",
    "motif de refus",
    "date prévue",
    "rendez-vous",
    "prénom de l'enfant",
    "âge",
    "niveau",
    "besoin",
    "parents à contacter",
    "référent",
    "message",
)
#: A spreadsheet runs cells starting with these as formulas (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _contacts(guardians: list[dict[str, Any]]) -> str:
    return " | ".join(
        ", ".join(part for part in (g.get("name"), g.get("phone"), g.get("email")) if part)
        for g in guardians
    )


def row_of(referral: Referral) -> list[str]:
    """Return a referral's row: the service, dates, outcome and the payload still readable."""
    payload = partner_view(referral)
    referent = payload.get("referent_contact") or {}
    values = [
        referral.service.name,
        local_moment(referral.sent_at).date().isoformat() if referral.sent_at else "",
        label("referral_state", referral.state),
        label("decline_reason", referral.decline_reason),
        referral.expected_on.isoformat() if referral.expected_on else "",
        referral.appointment_on.isoformat() if referral.appointment_on else "",
        payload.get("child_first_name"),
        payload.get("child_age"),
        payload.get("school_level"),
        payload.get("need"),
        _contacts(payload.get("parent_contact") or []),
        ", ".join(part for part in (referent.get("name"), referent.get("phone")) if part),
        payload.get("family_message"),
    ]
    return [_cell(value) for value in values]


def to_csv(referrals: Iterable[Referral]) -> str:
    """Return the referrals as a semicolon CSV (what French spreadsheets open directly)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(row_of(referral) for referral in referrals)
    return out.getvalue()
