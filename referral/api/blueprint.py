"""The blueprint every area's API is written on: schemas parse the input and document it."""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import flask
import flask_smorest
from marshmallow import Schema, ValidationError
from webargs import core
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import MultiDict

F = TypeVar("F", bound=Callable[..., Any])

JSON_EXPECTED = "Un objet JSON est attendu (Content-Type: application/json)."
JSON_INVALID = "Le corps de la requête n'est pas du JSON valide."


class ApiParser(FlaskParser):
    """webargs, answering as the API always has: 400 and `{field: [message]}`, no location."""

    DEFAULT_VALIDATION_STATUS = 400

    def load_querystring(self, req: flask.Request, schema: Schema) -> Any:
        """Read the query string, an empty value counting as an absent one (as forms send it)."""
        given = MultiDict((k, v) for k, v in req.args.items(multi=True) if v != "")
        return self._makeproxy(given, schema)

    def load_json(self, req: flask.Request, schema: Schema) -> Any:
        """Read the JSON body; a body that is not JSON is refused, not taken as empty."""
        data = super().load_json(req, schema)
        if data is core.missing:
            raise ValidationError({"_body": [JSON_EXPECTED]})
        return data

    def _handle_invalid_json_error(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise ValidationError({"_body": [JSON_INVALID]})

    def _on_validation_error(self, error: ValidationError, *_args: Any, **_kwargs: Any) -> NoReturn:
        # The API's error handler answers it: 400 with the schema's own (flat) messages.
        raise error


class ApiBlueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with Relais's parser and its documented refusals."""

    ARGUMENTS_PARSER = ApiParser()

    def route(self, rule: str, *, parameters: Any = None, tags: Any = None, **options: Any) -> Any:
        """Register a route, tagged in the OpenAPI document with its area's name."""
        return super().route(rule, parameters=parameters, tags=tags or [self.name], **options)

    def refusals(self, *statuses: int) -> Callable[[F], F]:
        """Document the error answers of a route (401 also names the bearer token it needs)."""

        def decorate(view: F) -> F:
            for status in statuses:
                view = self.alt_response(status, response=http.HTTPStatus(status).name)(view)
            if 401 in statuses:
                view = self.doc(security=[{"bearer": []}])(view)
            return view

        return decorate
