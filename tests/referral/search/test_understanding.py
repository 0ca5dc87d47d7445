"""Everyday queries on the search page, the JSON API and the HSDS API: one engine for all."""

from __future__ import annotations

from typing import Any

import pytest

from catalogue.models import NeedTerm
from tests.common.factories import OrganisationFactory, ServiceFactory


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False, "SEARCH_BACKEND": search_backend}


def need(db_session, code: str) -> NeedTerm:
    found = db_session.get(NeedTerm, code)
    assert found is not None
    return found


def test_the_page_applies_a_correction_and_offers_the_words_as_typed(client, db_session):
    ServiceFactory(name="Consultation de psychologue")
    page = client.get("/search?q=psycologue").get_data(as_text=True)
    assert "Résultats pour <strong>psychologue</strong>" in page
    assert "rechercher plutôt" in page and "exact=1" in page
    assert "Consultation de psychologue" in page


def test_the_words_as_typed_are_searched_when_asked(client, db_session):
    ServiceFactory(name="Consultation de psychologue")
    page = client.get("/search?q=psycologue&exact=1").get_data(as_text=True)
    assert "Consultation de psychologue" not in page and "Résultats pour" not in page


def test_the_page_says_which_need_it_recognised(client, db_session):
    ServiceFactory(
        name="Bilan des apprentissages",
        need_terms=[need(db_session, "scolarite--difficultes-apprentissage")],
    )
    page = client.get("/search?q=dyslexie").get_data(as_text=True)
    assert "Besoins reconnus" in page and "Difficultés d&#39;apprentissage" in page
    assert "Bilan des apprentissages" in page


def test_the_page_labels_approaching_results(client, db_session):
    ServiceFactory(name="Cours de guitare")
    page = client.get("/search?q=guitare+violoncelle").get_data(as_text=True)
    assert "Résultats approchants" in page and "Cours de guitare" in page


def test_the_autocomplete_proposes_needs_from_everyday_words(client):
    page = client.get("/search").get_data(as_text=True)
    assert '<option value="nounou" label="Mode de garde et répit parental"' in page


def test_the_api_returns_the_corrected_query_and_the_needs(client, db_session):
    ServiceFactory(name="Multi-accueil", need_terms=[need(db_session, "parentalite--garde-repit")])
    ServiceFactory(name="Consultation de psychologue")
    found = client.get("/api/v1/services?q=nounou").get_json()
    assert [item["name"] for item in found["items"]] == ["Multi-accueil"]
    assert found["needs"] == [
        {"code": "parentalite--garde-repit", "label": "Mode de garde et répit parental"}
    ]
    mended = client.get("/api/v1/services?q=psycologue").get_json()
    assert (mended["corrected_query"], mended["partial"]) == ("psychologue", False)


def test_the_api_finds_an_acronym_never_the_word_it_resembles(client, db_session):
    caf = OrganisationFactory(name="Caisse d'allocations familiales de la Vienne", kind="caf")
    ServiceFactory(name="Permanence d'accueil", organisation=caf)
    ServiceFactory(name="Café des parents")
    found = client.get("/api/v1/services?q=CAF").get_json()
    assert [item["name"] for item in found["items"]] == ["Permanence d'accueil"]


def test_the_hsds_api_searches_with_the_same_engine(client, db_session):
    ServiceFactory(name="Bilan chez l'orthophoniste")
    ServiceFactory(name="Café des parents")
    found = client.get("/hsds/services?search=ortofoniste").get_json()
    assert [item["name"] for item in found["contents"]] == ["Bilan chez l'orthophoniste"]
    assert client.get("/hsds/services?search=caf").get_json()["contents"] == []
