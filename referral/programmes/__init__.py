"""Programmes (PRE): set-up from zero by the CLI and the admin's « Programmes » page."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the « Programmes » pages."""
    from referral.programmes.blueprint import blueprint

    app.register_blueprint(blueprint)
