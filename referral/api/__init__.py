"""The JSON API under /api/v1: one flask-smorest Api, each area's blueprint nested in it.

The OpenAPI document is generated from the routes and their marshmallow schemas.
"""

from __future__ import annotations

import functools
from typing import Any

import flask
import flask_smorest
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from referral.api.blueprint import ApiBlueprint
from referral.api.errors import ErrorOut, http_error, validation_error

SPEC = {
    "title": "Relais API",
    "version": "1",
    "openapi_version": "3.0.3",
    "info": {"description": "Catalogue du droit commun, parcours et orientations (PRE)."},
}
BEARER = {
    "type": "http",
    "scheme": "bearer",
    "description": "Jeton d'accès personnel (relais accounts token).",
}


class Api(flask_smorest.Api):
    """flask-smorest's Api, documenting our error shape and leaving page errors to the pages."""

    ERROR_SCHEMA = ErrorOut

    def _register_error_handlers(self) -> None:
        """Answer errors only under /api/v1 (the root blueprint's handlers), never app-wide."""


def _empty_is_absent(
    _converter: Any, _field: Any, *, ret: dict[str, Any], **_: Any
) -> dict[str, Any]:
    """Document what the parser does: an empty query value (`postcode=`) counts as absent."""
    return {"allowEmptyValue": True} if ret.get("in") == "query" else {}


def openapi() -> ResponseReturnValue:
    """Serve the OpenAPI document."""
    return flask_smorest.current_api.spec.to_dict()


@functools.cache
def api_blueprint() -> ApiBlueprint:
    """Build the root blueprint once: the OpenAPI route, the JSON errors, each area's API."""
    from referral.catalogue import api as catalogue
    from referral.partners import api as partners
    from referral.pathways import api as pathways
    from referral.pathways.services import TransitionRefused
    from referral.referrals import api as referrals
    from referral.referrals.errors import TrackingError

    root = ApiBlueprint("api", __name__, url_prefix="/api/v1", description="Document OpenAPI.")
    # Flask's own add_url_rule: the document does not describe itself.
    flask.Blueprint.add_url_rule(root, "/openapi.json", "openapi", openapi)
    root.register_error_handler(ValidationError, validation_error)
    root.register_error_handler(HTTPException, http_error)
    # Domain refusals become HTTP here, once, for every route of the API.
    root.register_error_handler(TrackingError, referrals.refusal)
    root.register_error_handler(TransitionRefused, pathways.refusal)
    for area in (catalogue, partners, pathways, referrals):
        root.register_blueprint(area.blueprint)
    return root


def init_app(app: flask.Flask) -> None:
    """Register the API; it authenticates by token, so CSRF is checked by the API guard."""
    from referral.accounts import csrf

    root = api_blueprint()
    api = Api(app, spec_kwargs=dict(SPEC))
    api.spec.components.security_scheme("bearer", BEARER)
    api.ma_plugin.converter.add_parameter_attribute_function(_empty_is_absent)
    for nested in (root, *_nested(root)):
        csrf.exempt(nested)
        if nested is not root:
            api.spec.tag({"name": nested.name, "description": nested.description})
    api.register_blueprint(root)
    # flask-smorest adds an English `openapi` command group; the relais CLI stays as documented.
    app.cli.commands.pop("openapi", None)


def _nested(root: ApiBlueprint) -> list[Any]:
    return [blueprint for blueprint, _options in root._blueprints]
