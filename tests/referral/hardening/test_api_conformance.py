"""The API answers as its OpenAPI document says: access errors documented, JSON everywhere,
radius 0 allowed, nested errors flattened, a database outage is 503 with Retry-After."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from referral.accounts.services import issue_token
from tests.common.apps import make_test_app
from tests.common.factories import UserFactory

ERROR_SHAPE_KEYS = {"errors"}


def _document(client: FlaskClient) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").get_json()


def test_operations_needing_a_token_document_401_and_403(client: FlaskClient) -> None:
    operation = _document(client)["paths"]["/api/v1/pathways/{pathway_id}"]["get"]
    assert {"401", "403"} <= set(operation["responses"])


def test_public_operations_do_not_claim_a_401(client: FlaskClient) -> None:
    assert "401" not in _document(client)["paths"]["/api/v1/needs"]["get"]["responses"]


@pytest.mark.parametrize(
    "path", ["/api/v1/pathways/pas-un-uuid", "/api/v1/services/123", "/api/v1/nulle-part"]
)
def test_a_malformed_id_is_a_json_404(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.is_json) == (404, True)
    assert set(response.get_json()) == ERROR_SHAPE_KEYS


def test_a_radius_of_zero_is_accepted(client: FlaskClient, db_session: Session) -> None:
    response = client.get("/api/v1/services?lat=46.58&lon=0.34&radius_km=0")
    assert response.status_code == 200


def test_nested_validation_errors_are_flat(client: FlaskClient, db_session: Session) -> None:
    _, clear = issue_token(db_session, UserFactory(roles=["referent"]))
    response = client.post(
        "/api/v1/pathways",
        json={"child": {"first_name": ""}, "family": {}},
        headers={"Authorization": f"Bearer {clear}"},
    )
    errors = response.get_json()["errors"]
    assert response.status_code == 400 and "child.first_name" in errors
    assert all(
        isinstance(messages, list) and all(isinstance(m, str) for m in messages)
        for messages in errors.values()
    )


@pytest.fixture
def unreachable(tmp_path) -> FlaskClient:
    """An app whose PostgreSQL refuses connections (nothing listens on port 9)."""
    url = "postgresql+psycopg://postgres@127.0.0.1:9/relais?connect_timeout=2"
    return make_test_app(url, tmp_path).test_client()


def test_a_database_outage_is_503_with_retry_after_on_the_api(unreachable: FlaskClient) -> None:
    response = unreachable.get("/api/v1/needs")
    assert (response.status_code, response.is_json) == (503, True)
    assert int(response.headers["Retry-After"]) > 0


def test_a_database_outage_is_a_french_503_page(unreachable: FlaskClient) -> None:
    response = unreachable.get("/services")
    assert response.status_code == 503 and "injoignable" in response.get_data(as_text=True)
