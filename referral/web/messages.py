"""Validation messages in French, set once: marshmallow (pages, API) and WTForms (every form)."""

from __future__ import annotations

from flask import Flask
from flask_wtf import FlaskForm

from catalogue.messages import use_french_messages

WTFORMS_LOCALES = ("fr_FR", "fr")


def init_app(app: Flask) -> None:
    """Make every schema and every form of the app speak French."""
    use_french_messages()
    # Flask-WTF looks for Flask-Babel unless told not to; WTForms then uses its own French
    # catalogue (wtforms/locale/fr), chosen once for every FlaskForm through the shared Meta.
    app.config["WTF_I18N_ENABLED"] = False
    FlaskForm.Meta.locales = WTFORMS_LOCALES
