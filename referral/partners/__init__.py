"""Partner self-service: a partner's own services and places, their history and reminders."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Record who changed the catalogue: the partners' edits are audited."""
    from referral import database
    from referral.partners import auditing

    auditing.listen(database.get_database(app).sessionmaker)
