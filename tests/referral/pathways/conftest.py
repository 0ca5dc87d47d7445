"""The référent, their pathway (one need) and their signed-in client, shared by the page tests."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from referral.pathways.models import Pathway
from tests.common.factories import NeedFactory, PathwayFactory, ProgrammeFactory, UserFactory
from tests.common.matching_helpers import SOUTIEN


@pytest.fixture
def referent(db_session: Session) -> Any:
    programme = ProgrammeFactory()
    return UserFactory(roles=["referent"], organisation=programme.organisation, programme=programme)


@pytest.fixture
def pathway(db_session: Session, referent: Any) -> Pathway:
    found = PathwayFactory(referent=referent)
    NeedFactory(pathway=found, need_code=SOUTIEN)
    return found


@pytest.fixture
def page(client: FlaskClient, signed_in: Any, referent: Any) -> FlaskClient:
    return signed_in(client, referent)
