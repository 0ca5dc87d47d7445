"""The audit log is append-only in every session of the app, the tests' own included."""

import pytest

from referral.audit.models import AppendOnlyError
from referral.audit.services import record


def _event(db_session):
    entry = record(db_session, actor_id=None, action="sign_in.failure", category="security")
    db_session.flush()
    return entry


def test_an_audit_event_cannot_be_changed(db_session):
    entry = _event(db_session)
    entry.action = "sign_in.success"
    with pytest.raises(AppendOnlyError):
        db_session.flush()


def test_an_audit_event_cannot_be_deleted(db_session):
    entry = _event(db_session)
    db_session.delete(entry)
    with pytest.raises(AppendOnlyError):
        db_session.flush()


def test_a_request_session_refuses_the_edit_too(app):
    from referral import database

    with app.test_request_context():
        entry = _event(database.session())
        entry.details = {"changed": True}
        with pytest.raises(AppendOnlyError):
            database.session().flush()
