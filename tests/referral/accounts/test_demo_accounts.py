"""Demo accounts: one per role at least, idempotent, listed on the sign-in page in demo mode."""

import pytest

from referral.accounts.models import Role
from referral.accounts.services import authenticate
from referral.demo.accounts import ACCOUNTS, DEMO_PASSWORD, load_accounts
from tests.common.factories import OrganisationFactory


@pytest.fixture
def demo_organisations():
    return [
        OrganisationFactory(kind=kind, source="demo", source_id=f"org:test-{kind}-{n}")
        for kind in ("cmp", "club", "caf")
        for n in (2, 1)
    ]


def test_every_role_gets_a_demo_account(db_session, demo_organisations):
    load_accounts(db_session)
    roles = {role for account in ACCOUNTS for role in account.roles}
    assert roles == {role.value for role in Role}


def test_loading_twice_creates_nothing_more(db_session, demo_organisations):
    first = load_accounts(db_session)
    assert (first, load_accounts(db_session)) == (len(ACCOUNTS), 0)


def test_partners_belong_to_the_first_organisation_of_their_kind(db_session, demo_organisations):
    load_accounts(db_session)
    user = authenticate(db_session, "partenaire-cmp@demo.relais.example", DEMO_PASSWORD)
    assert user.organisation.source_id == "org:test-cmp-1"


def test_sign_in_page_lists_demo_accounts_in_demo_mode(app, client, db_session, demo_organisations):
    load_accounts(db_session)
    app.config["DEMO"] = True
    page = client.get("/login").get_data(as_text=True)
    assert "coordination@demo.relais.example" in page and DEMO_PASSWORD in page


def test_sign_in_page_hides_demo_accounts_outside_demo_mode(client, db_session, demo_organisations):
    load_accounts(db_session)
    assert DEMO_PASSWORD not in client.get("/login").get_data(as_text=True)


def test_demo_staff_belong_to_the_demo_programme_admins_and_partners_to_none(
    db_session, demo_organisations
):
    from sqlalchemy import select

    from referral.accounts.models import User
    from referral.demo import DemoReport
    from referral.demo.pathways import pathways_step

    load_accounts(db_session)
    pathways_step(db_session, DemoReport())
    users = db_session.scalars(select(User)).all()
    linked = {role for user in users if user.programme_id for role in user.roles}
    unlinked = {role for user in users if user.programme_id is None for role in user.roles}
    assert linked == {"coordinator", "referent", "eps_member", "funder", "dpo"}
    assert unlinked == {"admin", "partner", "partner_admin"}
