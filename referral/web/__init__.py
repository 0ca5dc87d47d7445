"""The shared layout of the pages: template filters and French error pages."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from referral.api import errors as api_errors
from referral.web import filters, messages


def _error_page(error: HTTPException) -> ResponseReturnValue:
    if request.path.startswith(("/api/", "/hsds")):
        return api_errors.http_error(error)  # also a URL or a method that no route knows
    code = error.code or 500
    return render_template("error.html", error=error, code=code), code


def init_app(app: Flask) -> None:
    """Register the template helpers and the French error pages."""
    filters.init_app(app)
    messages.init_app(app)
    app.jinja_env.globals["url_rules"] = app.view_functions
    app.jinja_env.globals["demo_mode"] = lambda: app.config["DEMO"]
    app.register_error_handler(HTTPException, _error_page)
