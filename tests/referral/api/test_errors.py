"""Every error under /api/v1 is JSON with field-level messages, and the document says so."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from tests.referral import access

ERROR_STATUSES = {"401", "403", "404"}


def _only_request_message(response) -> str:
    body = response.get_json()
    assert list(body) == ["errors"] and list(body["errors"]) == ["_request"], body
    return body["errors"]["_request"][0]


@pytest.mark.parametrize(
    "path", ["/api/v1/nulle-part", "/api/v1/services/pas-un-uuid", "/api/v1/pathways/123"]
)
def test_an_unknown_address_is_a_json_404(client, path):
    response = client.get(path)
    assert (response.status_code, response.mimetype) == (404, "application/json")
    assert _only_request_message(response) == "Ressource introuvable."


def test_a_method_no_route_allows_is_a_json_405_saying_which_are(client):
    response = client.delete("/api/v1/needs")
    assert (response.status_code, response.mimetype) == (405, "application/json")
    assert "Méthode non autorisée" in _only_request_message(response)
    assert "GET" in response.headers["Allow"]


def test_an_unknown_object_is_a_json_404_with_its_own_message(client, db_session):
    response = client.get("/api/v1/services/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert _only_request_message(response) == "Service introuvable."


def test_a_call_without_credentials_is_a_json_401_naming_the_scheme(client):
    response = client.get("/api/v1/partner/referrals")
    assert (response.status_code, response.mimetype) == (401, "application/json")
    assert "Bearer" in _only_request_message(response)
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_pages_keep_their_french_html_error_page(client):
    response = client.get("/nulle-part")
    assert (response.status_code, response.mimetype) == (404, "text/html")


def test_query_errors_are_flat_not_nested_by_location(client, db_session):
    response = client.get("/api/v1/services?age=douze&per_page=0")
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"age", "per_page"}


def test_body_errors_are_flat_not_nested_by_location(client, db_session):
    response = client.post("/api/v1/services/search", json={"age": "douze"})
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"age"}


def test_an_empty_query_value_counts_as_absent(client, db_session):
    assert client.get("/api/v1/services?age=&commune=&q=").status_code == 200


def test_a_body_that_is_not_json_is_a_400_naming_the_body(client, db_session):
    response = client.post(
        "/api/v1/services/search", data="{pas du json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.get_json()["errors"] == {
        "_body": ["Le corps de la requête n'est pas du JSON valide."]
    }


def test_a_form_body_is_refused_as_not_json(client, db_session):
    response = client.post("/api/v1/services/search", data={"q": "judo"})
    assert response.status_code == 400
    assert list(response.get_json()["errors"]) == ["_body"]


def _api_tables() -> dict[str, dict[str, int]]:
    tables: dict[str, dict[str, int]] = {}
    for info in pkgutil.iter_modules(access.__path__):
        module = importlib.import_module(f"{access.__name__}.{info.name}")
        routes = getattr(module, "ROUTES", {})
        tables |= {name: table for name, table in routes.items() if name.startswith("api.")}
    tables.pop("api.openapi")
    return tables


def _operation(app, document, endpoint: str) -> dict:
    rule = next(app.url_map.iter_rules(endpoint))
    path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
    methods = (rule.methods or set()) - {"HEAD", "OPTIONS"}
    return document["paths"][path][next(iter(methods)).lower()]


@pytest.mark.parametrize("endpoint", sorted(_api_tables()))
def test_the_document_lists_the_refusals_each_route_answers(app, client, endpoint):
    expected = {str(status) for status in _api_tables()[endpoint].values()} & ERROR_STATUSES
    operation = _operation(app, client.get("/api/v1/openapi.json").get_json(), endpoint)
    assert expected <= set(operation["responses"])
    if "401" in expected:
        assert operation["security"] == [{"bearer": []}]
