"""The search page: form, results, facets, and a URL that never holds an address."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.common.factories import PlaceFactory, ServiceFactory
from tests.common.search_helpers import FakeGeocoder

GEOCODER = FakeGeocoder({"12 rue des Essais 86000 Poitiers": (46.58123, 0.34267, "86194")})


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, Any]:
    return {"GEOCODER": GEOCODER, "WTF_CSRF_ENABLED": False, "SEARCH_BACKEND": search_backend}


def near_poitiers(km: float = 1.0):
    return PlaceFactory(latitude=46.5802 + km / 111.195, longitude=0.3404)


def test_the_empty_page_shows_the_form(client):
    page = client.get("/search").get_data(as_text=True)
    assert 'name="q"' in page and 'name="where"' in page and "<datalist" in page


def test_the_page_is_in_the_navigation(client):
    assert 'href="/search"' in client.get("/").get_data(as_text=True)


def test_results_show_distance_badges_and_highlights(client, db_session):
    ServiceFactory(
        name="Judo des Couronneries", description="Cours de judo", cost="free", at=[near_poitiers()]
    )
    page = client.get("/search?q=judo&lat=46.5802&lon=0.3404").get_data(as_text=True)
    assert "Judo des Couronneries" in page
    assert "à 1,0 km" in page
    assert "gratuit" in page
    assert "<mark" in page


def test_facets_count_the_results_by_domain(client, db_session):
    from catalogue.models import NeedTerm

    club = db_session.get(NeedTerm, "sport--pratique-en-club")
    ServiceFactory(name="Club de judo", need_terms=[club])
    page = client.get("/search?q=judo").get_data(as_text=True)
    assert "Sport et activité physique" in page and "need=sport" in page


def test_a_posted_address_becomes_a_rounded_point_in_the_url(client, db_session):
    response = client.post(
        "/search", data={"q": "judo", "where": "12 rue des Essais 86000 Poitiers"}
    )
    assert response.status_code == 303
    location = response.headers["Location"]
    assert "Essais" not in location and "rue" not in location
    assert parse_qs(urlsplit(location).query) == {
        "q": ["judo"],
        "lat": ["46.581"],
        "lon": ["0.343"],
    }


def test_a_posted_commune_name_becomes_its_code(client, db_session):
    response = client.post("/search", data={"where": "Poitiers", "age": "8"})
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {
        "commune": ["86194"],
        "age": ["8"],
    }


def test_a_posted_postcode_becomes_its_commune(client, db_session):
    response = client.post("/search", data={"where": "86000"})
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {"commune": ["86194"]}


def test_an_address_put_in_the_url_is_dropped(client):
    response = client.get("/search?q=judo&address=12+rue+des+Essais")
    assert response.status_code == 303
    assert "address" not in response.headers["Location"]


def test_a_bad_value_is_shown_next_to_its_field(client, db_session):
    response = client.get("/search?age=40")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="erreur-age"' in page and 'aria-describedby="erreur-age"' in page


def test_an_unknown_place_is_an_error_on_the_where_field(client, db_session):
    response = client.post("/search", data={"where": "quelque part sans nom"})
    assert response.status_code == 400
    assert 'id="erreur-where"' in response.get_data(as_text=True)


def test_the_list_pages_through_the_results(client, db_session):
    for number in range(3):
        ServiceFactory(name=f"Atelier cirque {number}")
    page = client.get("/search?q=cirque&per_page=2").get_data(as_text=True)
    assert "Page 1 sur 2" in page


def test_a_confidential_address_is_not_on_the_map(client, db_session):
    ServiceFactory(name="Accueil protégé", confidential_address=True, at=[near_poitiers()])
    page = client.get("/search?q=accueil&commune=86194").get_data(as_text=True)
    assert '"points": []' in page


def test_the_form_becomes_a_url_of_the_filled_fields_only(client):
    data = {"q": "  piscine ", "age": "", "free": "1", "need": ["sport--natation", ""], "x": "y"}
    location = client.post("/search", data=data).headers["Location"]
    assert parse_qs(urlsplit(location).query) == {
        "q": ["piscine"],
        "free": ["1"],
        "need": ["sport--natation"],
    }
