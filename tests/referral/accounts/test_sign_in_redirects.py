"""After signing in, `next` never leads to another site and never breaks the answer."""

import pytest

from tests.referral.accounts.conftest import sign_in_form


@pytest.mark.parametrize(
    "target",
    ["/\t/evil.example", "/\n/x", "/\r\n/x", "/ /evil.example", "https://evil.example/", "/\x00"],
)
def test_a_next_with_control_characters_lands_where_the_work_is(client, make_user, target):
    user = make_user()
    response = sign_in_form(client, user.email, next=target)
    assert (response.status_code, response.headers["Location"]) == (302, "/pathways")  # caseload


def test_a_tab_in_the_query_string_is_refused_too(client, make_user):
    user = make_user()
    client.get("/login?next=/%09/evil.example")
    response = sign_in_form(client, user.email, next="/\t/evil.example")
    assert response.headers["Location"] == "/pathways"
