"""Every error under /api/v1 is JSON: `{"errors": {field: [message]}}`, in French."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from marshmallow import Schema, ValidationError, fields
from werkzeug.exceptions import HTTPException

#: What an error says when the code that raised it gave no message of its own.
DEFAULT_MESSAGES = {
    400: "Requête invalide.",
    401: "Authentification requise : en-tête « Authorization: Bearer <jeton> ».",
    403: "Vous n'avez pas accès à cette ressource.",
    404: "Ressource introuvable.",
    405: "Méthode non autorisée pour cette adresse.",
    409: "Conflit avec l'état actuel de la ressource.",
    413: "Requête trop volumineuse.",
    415: "Type de contenu non pris en charge.",
    422: "Requête impossible à traiter.",
    429: "Trop de requêtes : réessayez plus tard.",
    500: "Erreur interne du serveur.",
}

#: Headers of an HTTP error worth keeping in the JSON answer (405 says which methods exist).
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ErrorOut(Schema):
    """Field-level error messages (`_request` for the request as a whole, `_body` its body)."""

    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


def flat_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten nested messages: `{"child": {"birth_date": […]}}` → `child.birth_date`."""
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(flat_errors(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        return {prefix or "_schema": list(messages)}
    if isinstance(messages, list):
        flat = {}
        for item in messages:
            for key, value in flat_errors(item, prefix).items():
                flat.setdefault(key, []).extend(value)
        return flat
    return {prefix or "_schema": [str(messages)]}


def validation_error(error: ValidationError) -> tuple[Response, int]:
    """Answer invalid input: 400 with each field's messages, nested fields flattened."""
    return jsonify(errors=flat_errors(error.messages)), 400


def http_error(error: HTTPException) -> Response:
    """Answer any HTTP error (404, 405, 401, 403…) in JSON, with a French message by default."""
    code = error.code or 500
    described = error.description and error.description != type(error).description
    message = error.description if described else DEFAULT_MESSAGES.get(code, error.name)
    response = jsonify(errors={"_request": [message]})
    response.status_code = code
    for name, value in error.get_headers():
        if name in KEPT_HEADERS:
            response.headers[name] = value
    if code == 401:
        response.headers.setdefault("WWW-Authenticate", "Bearer")
    return response
