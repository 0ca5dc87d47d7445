"""Every URL rule of the hsds area, on one screen."""

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from referral.hsds import views

blueprint = Blueprint("hsds", __name__, url_prefix="/hsds")
rule = blueprint.add_url_rule


def _validation_error(error: ValidationError) -> ResponseReturnValue:
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return jsonify(errors=messages), 400


def _http_error(error: HTTPException) -> ResponseReturnValue:
    return jsonify(errors={"_request": [error.description or error.name]}), error.code or 500


blueprint.register_error_handler(ValidationError, _validation_error)
blueprint.register_error_handler(HTTPException, _http_error)

rule("/", view_func=views.root, methods=["GET"])
rule("/services", view_func=views.services, methods=["GET"])
rule("/services/<uuid:service_id>", view_func=views.service, methods=["GET"])
rule("/organizations", view_func=views.organizations, methods=["GET"])
rule("/service_at_locations", view_func=views.service_at_locations, methods=["GET"])
rule("/taxonomies", view_func=views.taxonomies, methods=["GET"])
rule("/taxonomy_terms", view_func=views.taxonomy_terms, methods=["GET"])
