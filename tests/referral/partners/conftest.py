"""Partner self-service tests: CSRF off (tested in tests/referral/accounts/test_csrf.py)."""

from __future__ import annotations

from typing import Any

import pytest

from catalogue.models import ChangeOrigin
from catalogue.services import create_service
from tests.common.factories import OrganisationFactory, UserFactory


@pytest.fixture
def app_settings(mail_settings: dict[str, Any]) -> dict[str, Any]:
    return {**mail_settings, "WTF_CSRF_ENABLED": False}


@pytest.fixture
def organisation():
    return OrganisationFactory(name="CMP des Essais", email="cmp@exemple.test")


@pytest.fixture
def partner(organisation):
    return UserFactory(organisation=organisation, roles=["partner"], email="partenaire@cmp.test")


@pytest.fixture
def other_partner():
    return UserFactory(
        organisation=OrganisationFactory(name="Club voisin"), roles=["partner_admin"]
    )


@pytest.fixture
def coordinator():
    return UserFactory(roles=["coordinator"], email="coordination@pre.test")


@pytest.fixture
def service(db_session, organisation):
    """A service created through the catalogue's services, so it has a history."""
    return create_service(
        db_session,
        organisation,
        {
            "name": "Consultations enfants",
            "status": "active",
            "publics": ["child"],
            "needs": ["scolarite--soutien-scolaire"],
            "last_verified_on": "2026-01-05",
        },
        actor_id=None,
        origin=ChangeOrigin.IMPORT,
    )


from tests.common.synced import client  # noqa: E402, F401
