"""Relais, the application: accounts, pathways, matching, referrals, pages, API and CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from referral import accounts, api, cli, config, database, hsds, search, web
from referral.web import headers, outage


def templates_dir() -> Path:
    """Return the Jinja templates folder, in a wheel or in a source checkout."""
    packaged = Path(__file__).parent / "_templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def create_app(settings: dict[str, Any] | None = None) -> Flask:
    """Build the Relais application: configuration, extensions, blueprints, commands."""
    app = Flask(__name__, template_folder=str(templates_dir()))
    app.config.from_mapping(config.build(settings))
    database.init_app(app)
    accounts.init_app(app)
    search.init_app(app)
    web.init_app(app)
    api.init_app(app)
    hsds.init_app(app)
    cli.init_app(app)
    headers.init_app(app)
    outage.init_app(app)
    return app
