"""The append-only audit log."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event


def init_app(app: Flask) -> None:
    """Guard the app's sessions: an audit event is never changed or deleted."""
    from referral import database
    from referral.audit.models import refuse_audit_edits

    event.listen(database.get_database(app).sessionmaker, "before_flush", refuse_audit_edits)
