"""The JSON API under /api/v1, described by an OpenAPI document built from its schemas."""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from referral.api.errors import flat_errors

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def _validation_error(error: ValidationError) -> ResponseReturnValue:
    return jsonify(errors=flat_errors(error.messages)), 400


def _http_error(error: HTTPException) -> ResponseReturnValue:
    return jsonify(errors={"_request": [error.description or error.name]}), error.code or 500


blueprint.register_error_handler(ValidationError, _validation_error)
blueprint.register_error_handler(HTTPException, _http_error)

from referral.api import (  # noqa: E402, F401
    catalogue,
    openapi,
    partner,
    pathways,
    referrals,
)


def init_app(app: Flask) -> None:
    """Register the API; it authenticates by token, so it is exempt from CSRF."""
    from referral.accounts import csrf

    csrf.exempt(blueprint)
    app.register_blueprint(blueprint)
