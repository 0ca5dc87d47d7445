"""A token's use is noted at most once a minute: a plain read does not write each time."""

import datetime as dt

from referral.accounts.services import issue_token, token_for
from tests.common.factories import UserFactory


def test_a_second_use_within_a_minute_writes_nothing(db_session):
    token, clear = issue_token(db_session, UserFactory())
    token_for(db_session, clear)
    first = token.last_used_at
    token_for(db_session, clear)
    assert token.last_used_at == first and first is not None
    assert token not in db_session.dirty


def test_a_use_a_minute_later_is_noted(db_session):
    token, clear = issue_token(db_session, UserFactory())
    token.last_used_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
    db_session.flush()
    token_for(db_session, clear)
    assert dt.datetime.now(dt.UTC) - token.last_used_at.replace(tzinfo=dt.UTC) < dt.timedelta(
        seconds=5
    )
