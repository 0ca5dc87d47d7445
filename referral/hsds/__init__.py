"""The read-only HSDS 3 API under /hsds: public, active services only, JSON errors."""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

blueprint = Blueprint("hsds", __name__, url_prefix="/hsds")


def _validation_error(error: ValidationError) -> ResponseReturnValue:
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return jsonify(errors=messages), 400


def _http_error(error: HTTPException) -> ResponseReturnValue:
    return jsonify(errors={"_request": [error.description or error.name]}), error.code or 500


blueprint.register_error_handler(ValidationError, _validation_error)
blueprint.register_error_handler(HTTPException, _http_error)

from referral.hsds import views  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Register the HSDS API; it is public and read-only, so it is exempt from CSRF."""
    from referral.accounts import csrf

    csrf.exempt(blueprint)
    app.register_blueprint(blueprint)
