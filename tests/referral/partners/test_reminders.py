"""`relais catalogue remind`: one e-mail per organisation, at most one reminder per period."""

import datetime as dt

import pytest

from referral.french import french_date
from tests.common.factories import ServiceFactory

OLD = dt.date.today() - dt.timedelta(days=400)


@pytest.fixture
def overdue(organisation):
    return ServiceFactory(organisation=organisation, name="Fiche ancienne", last_verified_on=OLD)


def test_remind_writes_to_the_partners_of_overdue_entries(runner, partner, overdue, smtp_server):
    result = runner.invoke(args=["catalogue", "remind"])
    [message] = smtp_server.received.messages
    assert message.envelope_recipients == [partner.email]
    assert "Fiche ancienne" in message.get_content()
    assert "1 structure, 1 fiche" in result.output


def test_the_reminder_says_when_each_entry_was_checked_in_french(
    runner, partner, overdue, smtp_server
):
    runner.invoke(args=["catalogue", "remind"])
    body = smtp_server.received.messages[0].get_content()
    assert f"Fiche ancienne : vérifiée le {french_date(OLD, 'long')}" in body
    assert "Cette fiche de" in body and OLD.isoformat() not in body


def test_remind_twice_in_a_period_sends_once(runner, partner, overdue, smtp_server):
    runner.invoke(args=["catalogue", "remind"])
    result = runner.invoke(args=["catalogue", "remind"])
    assert len(smtp_server.received.messages) == 1
    assert "déjà rappelées pour cette période : 1" in result.output


def test_remind_again_once_a_new_period_is_overdue(
    runner, partner, overdue, smtp_server, db_session
):
    runner.invoke(args=["catalogue", "remind"])
    overdue.last_verified_on = OLD + dt.timedelta(days=10)
    db_session.flush()
    runner.invoke(args=["catalogue", "remind"])
    assert len(smtp_server.received.messages) == 2


def test_remind_skips_entries_checked_recently(runner, partner, organisation, smtp_server):
    ServiceFactory(organisation=organisation)
    runner.invoke(args=["catalogue", "remind"])
    assert smtp_server.received.messages == []


def test_remind_falls_back_to_the_organisation_address(runner, overdue, smtp_server):
    runner.invoke(args=["catalogue", "remind"])
    assert smtp_server.received.messages[0].envelope_recipients == ["cmp@exemple.test"]
