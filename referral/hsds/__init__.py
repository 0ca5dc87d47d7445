"""The read-only HSDS 3 API under /hsds: public, active services only, JSON errors."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the HSDS API; it is public and read-only, so it is exempt from CSRF."""
    from referral.accounts.extensions import csrf
    from referral.hsds.blueprint import blueprint

    csrf.exempt(blueprint)
    app.register_blueprint(blueprint)
