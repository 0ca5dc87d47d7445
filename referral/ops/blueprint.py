"""Health endpoints for load balancers and monitoring: JSON, public, no personal data."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

from referral.ops.health import run_checks

blueprint = Blueprint("ops", __name__)


@blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Answer while the process is up (it checks nothing else)."""
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Say whether the instance can serve: database, migrations, index, mail (503 when not)."""
    checks = run_checks(current_app._get_current_object())  # type: ignore[attr-defined]
    ready = all(check.ok for check in checks)
    body = {"status": "ok" if ready else "fail", "checks": {c.name: c.public() for c in checks}}
    response = jsonify(body)
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response
