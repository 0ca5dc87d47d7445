"""Operations: health endpoints, `relais doctor`, backup and restore."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register `/healthz` and `/readyz`."""
    from referral.ops.blueprint import blueprint

    app.register_blueprint(blueprint)
