"""The OpenAPI 3 document of /api/v1, generated from the views' docstrings and schemas."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec_webframeworks.flask import FlaskPlugin
from flask import current_app
from flask.typing import ResponseReturnValue

from referral.api import blueprint


def build_spec() -> APISpec:
    """Describe every route of the API blueprint."""
    spec = APISpec(
        title="Relais API",
        version="1",
        openapi_version="3.0.3",
        plugins=[FlaskPlugin(), MarshmallowPlugin()],
        info={"description": "Catalogue du droit commun, parcours et orientations (PRE)."},
    )
    for rule in current_app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi":
            spec.path(view=current_app.view_functions[rule.endpoint], app=current_app)
    return spec


def _with_descriptions(document: dict[str, Any]) -> dict[str, Any]:
    """Give every response the description OpenAPI requires, from its HTTP status."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                response.setdefault("description", HTTPStatus(int(status)).phrase)
    return document


def _with_access_errors(document: dict[str, Any]) -> dict[str, Any]:
    """Document 401 (no valid token) and 403 (role refused) on operations needing a sign-in."""
    refusal = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    }
    for rule in current_app.url_map.iter_rules():
        view = current_app.view_functions[rule.endpoint]
        if not rule.endpoint.startswith("api.") or not getattr(view, "signed_in_only", False):
            continue
        operations = document["paths"].get(FlaskPlugin.flaskpath2openapi(rule.rule), {})
        for method in rule.methods or ():
            responses = operations.get(method.lower(), {}).get("responses")
            if responses is not None:
                responses.setdefault("401", dict(refusal))
                responses.setdefault("403", dict(refusal))
    return document


@blueprint.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """Serve the OpenAPI document."""
    return _with_descriptions(_with_access_errors(build_spec().to_dict()))
