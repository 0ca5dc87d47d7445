"""Audit events in words: the action, its object and its details, never the stored codes."""

from __future__ import annotations

from typing import Any

from catalogue.hours import french_list
from referral.audit_labels import (
    AREAS,
    AUDIT_ACTIONS,
    AUDIT_DETAILS,
    AUDIT_READS,
    AUDIT_TARGETS,
    METHODS,
    SERVICE_ACTIONS,
)
from referral.labels import LABELS


def audit_action(action: str) -> str:
    """Name an audit action in French."""
    if action in AUDIT_ACTIONS:
        return AUDIT_ACTIONS[action]
    if action.startswith("read_"):
        return "consultation " + AUDIT_READS.get(action[5:], "d'un dossier")
    if action.startswith("service."):
        return SERVICE_ACTIONS.get(action[8:], "fiche service modifiée")
    if action.startswith("link."):
        return "lien sécurisé " + ("utilisé" if ".used" in action else "refusé")
    return action.replace("_", " ").replace(".", " : ")


def audit_target(target_type: str | None, target_id: object) -> str:
    """Name the object of an event: « orientation n° 12 »."""
    if not target_type:
        return ""
    noun = AUDIT_TARGETS.get(target_type, target_type.replace("_", " "))
    # Some events stored the text "None" for a missing id: say nothing rather than « n° None ».
    return f"{noun} n° {target_id}" if target_id not in (None, "", "None") else noun


def page_name(endpoint: str) -> str:
    """Name a page from its endpoint: « parcours (page show) » reads « parcours »."""
    area, _, _ = endpoint.partition(".")
    return AREAS.get(area, "une page")


def _state(value: Any) -> str:
    for kind in ("referral_state", "pathway_state", "status", "capacity", "need_status"):
        if str(value) in LABELS[kind]:
            return LABELS[kind][str(value)]
    return str(value)


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if key == "fields" and isinstance(value, list):
        return french_list([LABELS["service_field"].get(v, "autre champ") for v in value] or ["—"])
    if key == "roles" and isinstance(value, list):
        return french_list([LABELS["role"].get(str(v), str(v)) for v in value] or ["—"])
    if isinstance(value, list):
        return french_list([_value(key, v) for v in value]) if value else "—"
    if isinstance(value, dict):
        return " ; ".join(f"{_key(k)} : {_value(k, v)}" for k, v in value.items())
    return _scalar(key, value)


def _scalar(key: str, value: Any) -> str:
    words = {
        "endpoint": lambda: page_name(str(value)),
        "method": lambda: METHODS.get(str(value), str(value)),
        "channel": lambda: LABELS["channel"].get(str(value), str(value)),
        "origin": lambda: LABELS["change_origin"].get(str(value), str(value)),
        "from": lambda: _state(value),
        "to": lambda: _state(value),
    }
    return words[key]() if key in words else str(value).replace("_", " ")


def _key(key: str) -> str:
    return AUDIT_DETAILS.get(key, key.replace("_", " "))


def audit_details(details: dict[str, Any] | None) -> list[tuple[str, str]]:
    """Return an event's details as (French name, value in words) pairs."""
    return [(_key(key), _value(key, value)) for key, value in (details or {}).items()]
