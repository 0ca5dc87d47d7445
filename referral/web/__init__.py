"""Server-rendered pages: layout helpers, error pages, and one blueprint per area."""

from __future__ import annotations

import datetime as dt

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from referral.web.accounts import blueprint as accounts_blueprint
from referral.web.catalogue import blueprint as catalogue_blueprint
from referral.web.imports import blueprint as imports_blueprint
from referral.web.indicators import blueprint as indicators_blueprint
from referral.web.labels import label
from referral.web.meetings import blueprint as meetings_blueprint
from referral.web.moderation import blueprint as moderation_blueprint
from referral.web.partner import blueprint as partner_blueprint
from referral.web.pathways import blueprint as pathways_blueprint
from referral.web.privacy import blueprint as privacy_blueprint
from referral.web.search import blueprint as search_blueprint
from referral.web.tracking import blueprint as tracking_blueprint


def _french_number(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _french_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _error_page(error: HTTPException) -> ResponseReturnValue:
    if request.path.startswith("/api/"):
        # Also for URLs no API rule matched (a malformed id): JSON in the documented shape.
        message = error.description or error.name
        return jsonify(errors={"_request": [message]}), error.code or 500
    if request.path.startswith("/hsds"):
        return error
    code = error.code or 500
    return render_template("error.html", error=error, code=code), code


def init_app(app: Flask) -> None:
    """Register the page blueprints, template helpers and French error pages."""
    app.jinja_env.filters["label"] = lambda code, kind: label(kind, code)
    app.jinja_env.filters["fr_number"] = _french_number
    app.jinja_env.filters["fr_date"] = _french_date
    app.jinja_env.globals["url_rules"] = app.view_functions
    app.jinja_env.globals["demo_mode"] = lambda: app.config["DEMO"]
    app.register_error_handler(HTTPException, _error_page)
    app.register_blueprint(catalogue_blueprint)
    app.register_blueprint(imports_blueprint)
    app.register_blueprint(indicators_blueprint)
    app.register_blueprint(privacy_blueprint)
    app.register_blueprint(accounts_blueprint)
    app.register_blueprint(partner_blueprint)
    app.register_blueprint(moderation_blueprint)
    app.register_blueprint(tracking_blueprint)
    app.register_blueprint(pathways_blueprint)
    app.register_blueprint(meetings_blueprint)
    app.register_blueprint(search_blueprint)
