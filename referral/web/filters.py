"""Jinja filters that show stored values as people read them (labels, numbers, dates, hours)."""

from __future__ import annotations

import datetime as dt

from flask import Flask

from catalogue.hours import plain_hours
from referral.labels import label


def french_number(value: float, digits: int = 1) -> str:
    """Write a number with a decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def french_date(value: dt.date | None) -> str:
    """Write a date as dd/mm/yyyy (empty when unknown)."""
    return value.strftime("%d/%m/%Y") if value else ""


def init_app(app: Flask) -> None:
    """Register the filters on the app's Jinja environment."""
    app.jinja_env.filters["label"] = lambda code, kind: label(kind, code)
    app.jinja_env.filters["fr_number"] = french_number
    app.jinja_env.filters["fr_date"] = french_date
    app.jinja_env.filters["plain_hours"] = plain_hours
