"""A database that cannot be reached answers 503 with `Retry-After`, never a bare 500."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

RETRY_AFTER_SECONDS = 30
MESSAGE = "La base de données est momentanément injoignable : réessayez dans un instant."
log = logging.getLogger(__name__)


def _unavailable(error: Exception) -> ResponseReturnValue:
    log.error("Base de données injoignable : %s", error)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.path.startswith(("/api/", "/hsds")):
        return jsonify(errors={"_request": [MESSAGE]}), 503, headers
    page = render_template("error.html", error=None, code=503, message=MESSAGE)
    return page, 503, headers


def init_app(app: Flask) -> None:
    """Answer 503 when the database is down (PostgreSQL cut, SQLite locked too long)."""
    for kind in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(kind, _unavailable)
