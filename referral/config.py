"""Configuration read from the environment, with defaults for a local install."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from importers.limits import MB, Limits

TRUE_WORDS = {"1", "true", "yes", "on", "oui"}


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message is one sentence for a person."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE_WORDS


def sqlite_url(data_dir: Path) -> str:
    """Return the URL of the embedded SQLite database inside the data dir."""
    return f"sqlite:///{(data_dir / 'relais.sqlite3').resolve()}"


def from_environment() -> dict[str, Any]:
    """Build the configuration from environment variables (see README)."""
    data_dir = Path(os.environ.get("RELAIS_DATA_DIR", "instance"))
    return {
        "DATA_DIR": data_dir,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or sqlite_url(data_dir),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "DEMO": _flag("RELAIS_DEMO"),
        "SESSION_IDLE_MINUTES": int(os.environ.get("RELAIS_SESSION_IDLE_MINUTES", "30")),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "MODERATION_REQUIRED": _flag("RELAIS_MODERATION_REQUIRED", True),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "relais@localhost"),
        "MAP_TILE_URL": os.environ.get(
            "RELAIS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        ),
        "GEOCODER_DOMAIN": os.environ.get("RELAIS_GEOCODER_DOMAIN", "data.geopf.fr/geocodage"),
        "PROCONNECT_CLIENT_ID": os.environ.get("PROCONNECT_CLIENT_ID"),
        "PROCONNECT_CLIENT_SECRET": os.environ.get("PROCONNECT_CLIENT_SECRET"),
        "PROCONNECT_ISSUER": os.environ.get("PROCONNECT_ISSUER"),
        "PROCONNECT_SCOPES": os.environ.get(
            "PROCONNECT_SCOPES", "openid email given_name usual_name"
        ),
        "MAX_CONTENT_LENGTH": _number("RELAIS_MAX_UPLOAD_MB", 20) * MB,
        "IMPORT_LIMITS": import_limits(),
        "SEARCH_BACKEND": os.environ.get("RELAIS_SEARCH_BACKEND", "whoosh").strip().lower(),
        "PROXY_HOPS": _count("RELAIS_PROXY_HOPS"),
        # The address people reach Relais at, for links in mails sent outside a request (cron).
        "BASE_URL": os.environ.get("RELAIS_BASE_URL"),
    }


def _number(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if not value else _positive(name.removeprefix("RELAIS_"), value)


def _count(name: str) -> int:
    """Read a whole number that may be zero (absent: zero)."""
    value = os.environ.get(name, "").strip() or "0"
    if not value.isdigit():
        raise ConfigError(f"{name} doit être un nombre entier (0 ou plus), pas « {value} ».")
    return int(value)


def import_limits() -> Limits:
    """Read the import limits set in the environment (`RELAIS_IMPORT_MAX_*`)."""
    return Limits(
        archive_bytes=_number("RELAIS_IMPORT_MAX_ARCHIVE_MB", 100) * MB,
        archive_entries=_number("RELAIS_IMPORT_MAX_ARCHIVE_FILES", 1000),
        compression_ratio=_number("RELAIS_IMPORT_MAX_COMPRESSION_RATIO", 100),
        rows=_number("RELAIS_IMPORT_MAX_ROWS", 200_000),
        columns=_number("RELAIS_IMPORT_MAX_COLUMNS", 100),
    )


TIMER_SETTINGS = (
    "REFERRAL_EXPIRY_DAYS",
    "REFERRAL_LINK_DAYS",
    "EXIT_REVIEW_MONTHS",
    "POST_EXIT_CHECK_MONTHS",
)


def _timer_settings() -> dict[str, Any]:
    """Read the referral delays set in the environment (`RELAIS_<NAME>`); the code has defaults."""
    settings: dict[str, Any] = {}
    for name in TIMER_SETTINGS:
        value = os.environ.get(f"RELAIS_{name}")
        if value:
            settings[name] = _positive(name, value)
    reminders = os.environ.get("RELAIS_REFERRAL_REMINDER_DAYS")
    if reminders:
        days = [_positive("REFERRAL_REMINDER_DAYS", part) for part in reminders.split(",")]
        settings["REFERRAL_REMINDER_DAYS"] = tuple(days)
    return settings


def _positive(name: str, value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise ConfigError(f"RELAIS_{name} doit être un nombre entier positif, pas « {value} ».")
    return int(value)


def build(overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Merge explicit overrides over the environment and derive dependent values."""
    config = {**from_environment(), **_timer_settings(), **(overrides or {})}
    config["DATA_DIR"] = Path(config["DATA_DIR"])
    if overrides and "DATA_DIR" in overrides and "DATABASE_URL" not in overrides:
        config["DATABASE_URL"] = os.environ.get("DATABASE_URL") or sqlite_url(config["DATA_DIR"])
    config.setdefault("INDEX_DIR", config["DATA_DIR"] / "index")
    check_search_backend(config)
    # A demo is served on plain http; every real deployment sends cookies over https only.
    config.setdefault("SESSION_COOKIE_SECURE", not config["DEMO"])
    if not config["SECRET_KEY"] and config["DEMO"]:
        config["SECRET_KEY"] = demo_secret_key(config["DATA_DIR"])
    return config


SEARCH_BACKENDS = ("whoosh", "postgresql")


def check_search_backend(config: dict[str, Any]) -> None:
    """Refuse an unknown search backend, and the PostgreSQL one without a PostgreSQL database."""
    backend = config.setdefault("SEARCH_BACKEND", "whoosh")
    if backend not in SEARCH_BACKENDS:
        raise ConfigError(
            f"RELAIS_SEARCH_BACKEND vaut « whoosh » ou « postgresql », pas « {backend} »."
        )
    if backend == "postgresql" and not str(config["DATABASE_URL"]).startswith("postgresql"):
        raise ConfigError(
            "RELAIS_SEARCH_BACKEND=postgresql demande une base PostgreSQL (DATABASE_URL)."
        )


def demo_secret_key(data_dir: Path) -> str:
    """Return the demo's secret key kept in the data dir, creating it on first use."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
