"""Jinja filters that show stored values as people read them (labels, numbers, dates, hours).

One French presentation layer: every page, the family sheet, the consent form, the e-mails and
the CSV headers use these, so a value reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from babel import Locale
from flask import Flask
from markupsafe import Markup, escape

from catalogue.hours import french_list, plain_hours
from referral.french import LOCALE, french_date, french_datetime, french_number, plural, plural_word
from referral.labels import LABELS, label
from referral.web import audit_words, places

_FRENCH = Locale.parse(LOCALE)


def language_name(code: str) -> str:
    """Name a language in French from its code (our table first, then Unicode CLDR)."""
    known = LABELS["language"].get(code)
    return known or _FRENCH.languages.get(code, code)


def languages(codes: list[str] | None) -> str:
    """Name a list of languages: « français et portugais »."""
    return french_list([language_name(code) for code in codes]) if codes else ""


def yes_no(value: object) -> str:
    """Say a flag in French."""
    return "oui" if value else "non"


def phone(value: str | None) -> str:
    """Format a phone number the French way (« 05 49 12 34 56 »), or leave it as written."""
    parsed = _parse_phone(value)
    if parsed is None:
        return value or ""
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style)


def phone_link(value: str | None) -> Markup:
    """Return the formatted number as a `tel:` link (plain text when it is not a number)."""
    parsed = _parse_phone(value)
    if parsed is None:
        return escape(value or "")
    target = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return Markup('<a href="tel:{}">{}</a>').format(target, phone(value))


def _parse_phone(value: str | None) -> phonenumbers.PhoneNumber | None:
    if not value:
        return None
    try:
        parsed = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


def init_app(app: Flask) -> None:
    """Register the filters on the app's Jinja environment."""
    filters: dict[str, Any] = {
        "label": lambda code, kind: label(kind, code),
        "fr_number": french_number,
        "fr_date": french_date,
        "fr_datetime": french_datetime,
        "plural": plural,
        "plural_word": plural_word,
        "language_name": language_name,
        "languages": languages,
        "yes_no": yes_no,
        "phone": phone,
        "phone_link": phone_link,
        "plain_hours": plain_hours,
        "address": places.address,
        "commune_name": places.commune_name,
        "service_area": places.service_area,
        "programme_territory": places.programme_territory,
        "change_value": places.change_value,
        "audit_action": audit_words.audit_action,
        "audit_target": audit_words.audit_target,
        "audit_details": audit_words.audit_details,
    }
    app.jinja_env.filters.update(filters)
