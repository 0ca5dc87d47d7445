"""Validate with the catalogue's schemas, dropping defective optional fields with a warning."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError

from importers.records import Record

FRENCH = [
    (
        re.compile(r"Must be greater than or equal to (\S+) and less than or equal to (\S+)\."),
        r"Doit être comprise entre \1 et \2.",
    ),
    (
        re.compile(r"Must be greater than (\S+) and less than or equal to (\S+)\."),
        r"Doit être supérieure à \1 et au plus \2.",
    ),
    (re.compile(r"Must be one of: (.*)\."), r"Valeur inconnue (attendu : \1)."),
    (re.compile(r"Not a valid email address\."), "Adresse e-mail invalide."),
    (re.compile(r"Not a valid URL\."), "Adresse web invalide."),
    (re.compile(r"Not a valid integer\."), "Nombre entier attendu."),
    (re.compile(r"Not a valid number\."), "Nombre attendu."),
    (re.compile(r"Not a valid date\."), "Date invalide."),
    (re.compile(r"Not a valid boolean\."), "Oui ou non attendu."),
    (re.compile(r"Not a valid string\."), "Texte attendu."),
    (re.compile(r"Not a valid list\."), "Liste attendue."),
    (re.compile(r"String does not match expected pattern\."), "Format invalide."),
    (re.compile(r"Missing data for required field\."), "Champ obligatoire manquant."),
    (re.compile(r"Field may not be null\."), "Champ obligatoire manquant."),
    (
        re.compile(
            r"(Shorter than minimum length|Longer than maximum length|Length must be between) .*"
        ),
        "Longueur invalide.",
    ),
    (re.compile(r"Unknown field\."), "Champ inconnu."),
]
PAIRED = {"latitude": ("latitude", "longitude"), "longitude": ("latitude", "longitude")}


def _text(messages: Any) -> str:
    if isinstance(messages, dict):
        return " ".join(_text(value) for value in messages.values())
    if isinstance(messages, list):
        return " ".join(_text(value) for value in messages)
    text = str(messages)
    for pattern, french in FRENCH:
        text = pattern.sub(french, text)
    return text


def _drop(data: dict[str, Any], name: str, messages: Any, record: Record, what: str) -> None:
    value = data.get(name)
    if (
        isinstance(messages, dict)
        and isinstance(value, list)
        and all(isinstance(key, int) for key in messages)
    ):
        bad = [value[index] for index in sorted(messages) if index < len(value)]
        data[name] = [item for index, item in enumerate(value) if index not in messages]
        record.warn(
            name, f"{_text(messages)} Valeur ignorée ({what}) : {', '.join(map(str, bad))}."
        )
        return
    for each in PAIRED.get(name, (name,)):
        data.pop(each, None)
    record.warn(name, f"{_text(messages)} Champ ignoré ({what}).")


def lenient_load(
    schema: Schema, data: dict[str, Any], record: Record, *, required: set[str], what: str
) -> dict[str, Any] | None:
    """Return the data a schema accepts, without the defective optional fields (warned).

    A defective required field, or an error about the whole record, rejects the record
    (None is returned).
    """
    data = dict(data)
    for _ in range(len(data) + 1):
        try:
            schema.load(data)
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {"": error.messages}
            for name, text in messages.items():
                if name in required or name not in data:
                    record.reject(name if name != "_schema" else "", f"{_text(text)} ({what})")
                    return None
                _drop(data, name, text, record, what)
            continue
        return data
    return None
