"""The OpenAPI 3 document of /api/v1, generated from the views' docstrings and schemas."""

from __future__ import annotations

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


@blueprint.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """Serve the OpenAPI document."""
    return build_spec().to_dict()
