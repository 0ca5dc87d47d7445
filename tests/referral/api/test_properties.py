"""Property tests of the API: schemathesis sends cases generated from the OpenAPI document the
code produces, anonymously and with a token of each role, and every answer must be what the
document says (no 500, documented status, content type, headers and body schema).

A fixed seed and a fixed number of examples per operation keep the run reproducible and within
its budget (`API_EXAMPLES`, default 12).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy.orm import Session

from referral import database
from referral.accounts.models import Role
from referral.accounts.services import issue_token
from tests.common.apps import make_test_app
from tests.common.factories import OrganisationFactory, ProgrammeFactory, UserFactory

# A schema-valid request may still break a rule across fields (one place: lat and lon, or a
# commune, or an address; a contract ends after it starts), which OpenAPI cannot state: such a
# documented 400 is not a contradiction of the document, so this one check is left out.
CROSS_FIELD_RULES = positive_data_acceptance
EXAMPLES = int(os.environ.get("API_EXAMPLES", "12"))
STAFF = [Role.COORDINATOR, Role.REFERENT, Role.EPS_MEMBER, Role.FUNDER, Role.DPO]


def _served_document() -> dict[str, Any]:
    """Return the OpenAPI document an app serves (built aside, at collection)."""
    with tempfile.TemporaryDirectory() as folder:
        app = make_test_app(f"sqlite:///{folder}/document.sqlite3", Path(folder))
        document: dict[str, Any] = app.test_client().get("/api/v1/openapi.json").get_json()
        database.get_database(app).engine.dispose()
    return document


class _LentApp:
    """The running test's app, as schemathesis's WSGI transport calls it (probes included)."""

    app: Any = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        return self.app(environ, start_response)


LENT = _LentApp()
schema = schemathesis.openapi.from_dict(_served_document())
schema.app = LENT  # every operation, and every probe a check sends, reaches the test's app


@pytest.fixture
def authorisations(db_session: Session) -> list[dict[str, str]]:
    """Return the headers of each caller: anonymous, each staff role, a partner, an admin."""
    programme = ProgrammeFactory()
    users = [UserFactory(organisation=programme.organisation, roles=[role]) for role in STAFF]
    users.append(UserFactory(organisation=OrganisationFactory(), roles=[Role.PARTNER_ADMIN]))
    users.append(UserFactory(roles=[Role.ADMIN]))
    db_session.flush()
    headers: list[dict[str, str]] = [{}]
    for user in users:
        headers.append({"Authorization": f"Bearer {issue_token(db_session, user)[1]}"})
    db_session.flush()
    return headers


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(
    app: Any, case: Any, authorisations: list[dict[str, str]]
) -> None:
    LENT.app = app
    for headers in authorisations:
        case.call_and_validate(headers=headers, excluded_checks=[CROSS_FIELD_RULES])
