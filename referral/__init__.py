"""Relais, the application: accounts, pathways, matching, referrals, pages, API and CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from referral import (
    accounts,
    api,
    audit,
    commands,
    config,
    database,
    geocoding,
    hsds,
    ops,
    partners,
    programmes,
    search,
    web,
)
from referral.web import headers, outage


def templates_dir() -> Path:
    """Return the Jinja templates folder, in a wheel or in a source checkout."""
    packaged = Path(__file__).parent / "_templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def page_blueprints() -> list[Blueprint]:
    """Return the blueprint of every area that serves pages."""
    from referral.accounts.blueprint import blueprint as accounts_pages
    from referral.catalogue.blueprint import blueprint as catalogue_pages
    from referral.exits.blueprint import blueprint as exits_pages
    from referral.imports.blueprint import blueprint as imports_pages
    from referral.indicators.blueprint import blueprint as indicators_pages
    from referral.meetings.blueprint import blueprint as meetings_pages
    from referral.moderation.blueprint import blueprint as moderation_pages
    from referral.partners.blueprint import blueprint as partners_pages
    from referral.pathways.blueprint import blueprint as pathways_pages
    from referral.privacy.blueprint import blueprint as privacy_pages
    from referral.referrals.blueprint import blueprint as referrals_pages
    from referral.search.blueprint import blueprint as search_pages

    return [
        catalogue_pages,
        search_pages,
        accounts_pages,
        partners_pages,
        moderation_pages,
        imports_pages,
        pathways_pages,
        referrals_pages,
        exits_pages,
        meetings_pages,
        indicators_pages,
        privacy_pages,
    ]


def create_app(settings: dict[str, Any] | None = None) -> Flask:
    """Build the Relais application: configuration, extensions, blueprints, commands."""
    app = Flask(__name__, template_folder=str(templates_dir()))
    app.config.from_mapping(config.build(settings))
    database.init_app(app)
    audit.init_app(app)
    geocoding.init_app(app)
    accounts.init_app(app)
    partners.init_app(app)
    search.init_app(app)
    web.init_app(app)
    for blueprint in page_blueprints():
        app.register_blueprint(blueprint)
    api.init_app(app)
    hsds.init_app(app)
    programmes.init_app(app)
    ops.init_app(app)
    commands.init_app(app)
    headers.init_app(app)
    outage.init_app(app)
    trust_proxies(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from the `PROXY_HOPS` proxies in front, if any.

    Behind a load balancer every request comes from its address: without this, the limits per
    address would count every user together.
    """
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
