"""The data-protection settings: retention period and mode, bulk-export alert threshold."""

from __future__ import annotations

import os
from typing import Any

from referral.config import ConfigError
from referral.privacy.retention import DEFAULT_RETENTION_DAYS, MODES

DEFAULT_BULK_EXPORTS_PER_HOUR = 10


def _setting(config: dict[str, Any], name: str, default: Any) -> Any:
    """Return a setting from the app's config, else the environment, else the default."""
    if config.get(name) is not None:
        return config[name]
    return os.environ.get(f"RELAIS_{name}") or os.environ.get(name) or default


def retention_days(config: dict[str, Any]) -> int:
    """Return `RETENTION_DAYS` (default 730, two years after the last contact)."""
    value = _setting(config, "RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(
            f"RETENTION_DAYS doit être un nombre de jours, pas « {value} »."
        ) from error
    if days < 1:
        raise ConfigError("RETENTION_DAYS doit être un nombre de jours positif.")
    return days


def retention_mode(config: dict[str, Any]) -> str:
    """Return `RETENTION_MODE`: `delete` (default) or `anonymise`."""
    mode = str(_setting(config, "RETENTION_MODE", "delete")).strip().lower()
    if mode not in MODES:
        raise ConfigError(
            f"RETENTION_MODE doit valoir « delete » ou « anonymise », pas « {mode} »."
        )
    return mode


def bulk_export_threshold(config: dict[str, Any]) -> int:
    """Return how many exports by one person within an hour raise an alert."""
    return int(_setting(config, "BULK_EXPORTS_PER_HOUR", DEFAULT_BULK_EXPORTS_PER_HOUR))
