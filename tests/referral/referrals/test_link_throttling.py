"""The signed partner links need no account, so guessing at them is throttled per address."""

import pytest

from referral.referrals.links import make_token
from tests.common.referrals_world import make_world


@pytest.fixture
def app_settings(mail_settings):
    return {**mail_settings, "RATELIMIT_ENABLED": True, "LINK_RATE_LIMIT": "3 per minute"}


def test_too_many_link_requests_get_429(app, client):
    with app.test_request_context():
        referral = make_world().referral("sent", payload={"child_first_name": "Lina"})
        url = f"/o/{referral.uid}/{make_token(referral)}"
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_guessed_tokens_count_against_the_same_limit(app, client):
    with app.test_request_context():
        referral = make_world().referral("sent", payload={"child_first_name": "Lina"})
    statuses = [client.get(f"/o/{referral.uid}/devine{n}").status_code for n in range(4)]
    assert statuses[-1] == 429
