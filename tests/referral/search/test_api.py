"""GET /api/v1/services with search parameters, and POST /api/v1/services/search."""

from __future__ import annotations

from typing import Any

import pytest

from referral import geocoding
from tests.common.factories import PlaceFactory, ServiceFactory
from tests.common.search_helpers import FakeGeocoder

POITIERS = (46.5802, 0.3404)


GEOCODER = FakeGeocoder({"12 rue des Essais 86000 Poitiers": (46.5810, 0.3420, "86194")})


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, Any]:
    # A cookie-less API client would send a token; CSRF guards cookie-authenticated writes only.
    return {"GEOCODER": GEOCODER, "WTF_CSRF_ENABLED": False, "SEARCH_BACKEND": search_backend}


def place(km_north: float = 0.0, **fields: Any):
    return PlaceFactory(latitude=POITIERS[0] + km_north / 111.195, longitude=POITIERS[1], **fields)


def names(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [item["name"] for item in response.get_json()["items"]]


def test_text_search_returns_the_envelope_with_distance_and_score(client, db_session):
    ServiceFactory(name="Judo des Couronneries", at=[place(2)])
    body = client.get("/api/v1/services?q=judo&lat=46.5802&lon=0.3404").get_json()
    assert {"total", "page", "per_page", "items"} <= set(body)
    (item,) = body["items"]
    assert item["distance_km"] == pytest.approx(2.0, abs=0.01)
    assert item["score"] > 0


def test_need_is_repeatable_and_takes_a_domain(client, db_session):
    from catalogue.models import NeedTerm

    sport = db_session.get(NeedTerm, "sport--pratique-en-club")
    health = db_session.get(NeedTerm, "sante--suivi-medical")
    ServiceFactory(name="Club", need_terms=[sport])
    ServiceFactory(name="Pédiatre", need_terms=[health])
    assert sorted(names(client.get("/api/v1/services?need=sport&need=sante--suivi-medical"))) == [
        "Club",
        "Pédiatre",
    ]


def test_a_commune_places_the_family_at_its_point(client, db_session):
    ServiceFactory(name="Près", at=[place(1)])
    ServiceFactory(name="Loin", at=[place(30)])
    assert names(client.get("/api/v1/services?commune=86194")) == ["Près"]


def test_a_postcode_places_the_family_in_its_main_commune(client, db_session):
    ServiceFactory(name="Près", at=[place(1)])
    body = client.get("/api/v1/services?postcode=86000&radius_km=5").get_json()
    assert [item["name"] for item in body["items"]] == ["Près"]


def test_a_place_without_text_sorts_by_distance(client, db_session):
    ServiceFactory(name="B loin", at=[place(6)])
    ServiceFactory(name="A près", at=[place(1)])
    assert names(client.get("/api/v1/services?lat=46.5802&lon=0.3404")) == ["A près", "B loin"]


def test_age_and_free_filter_the_results(client, db_session):
    ServiceFactory(name="Gratuit 6-11", age_min=6, age_max=11, cost="free")
    ServiceFactory(name="Payant 6-11", age_min=6, age_max=11, cost="paid")
    ServiceFactory(name="Gratuit 12-16", age_min=12, age_max=16, cost="free")
    assert names(client.get("/api/v1/services?age=11&free=true")) == ["Gratuit 6-11"]


def test_age_zero_is_a_filter(client, db_session):
    ServiceFactory(name="Dès la naissance", age_min=0, age_max=3)
    ServiceFactory(name="Collégiens", age_min=11, age_max=15)
    assert names(client.get("/api/v1/services?age=0")) == ["Dès la naissance"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("age=26", "age"),
        ("age=onze", "age"),
        ("lat=46.5", "lon"),
        ("lat=nan&lon=0.3", "lat"),
        ("radius_km=-1&commune=86194", "radius_km"),
        ("radius_km=200.5&commune=86194", "radius_km"),
        ("per_page=101", "per_page"),
        ("page=0", "page"),
        ("sort=distance", "sort"),
        ("sort=prix", "sort"),
        ("need=inconnu", "need"),
        ("commune=99999", "commune"),
        ("commune=8619", "commune"),
        ("postcode=00000", "postcode"),
        ("commune=86194&postcode=86000", "postcode"),
        ("school_level=fac", "school_level"),
        ("free=peut-etre", "free"),
        ("address=12+rue+des+Essais", "address"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, db_session, query, field):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 400
    assert field in response.get_json()["errors"]


def test_a_radius_of_200_km_is_accepted(client, db_session):
    assert client.get("/api/v1/services?commune=86194&radius_km=200").status_code == 200


def test_post_geocodes_the_address_and_says_how_precisely(client, db_session):
    ServiceFactory(name="Près", at=[place(1)])
    response = client.post(
        "/api/v1/services/search", json={"address": "12 rue des Essais 86000 Poitiers"}
    )
    body = response.get_json()
    assert response.status_code == 200, body
    assert [item["name"] for item in body["items"]] == ["Près"]
    assert body["geocoding"]["precision"] == "address"
    assert body["geocoding"]["fallback"] is False


def test_post_falls_back_to_the_commune_when_the_service_is_down(app, client, db_session):
    app.extensions[geocoding.EXTENSION] = FakeGeocoder(down=True)
    ServiceFactory(name="Près", at=[place(1)])
    body = client.post(
        "/api/v1/services/search", json={"address": "3 place Leclerc 86000 Poitiers"}
    ).get_json()
    assert (body["geocoding"]["precision"], body["geocoding"]["fallback"]) == ("commune", True)
    assert body["geocoding"]["commune"] == "86194"
    assert [item["name"] for item in body["items"]] == ["Près"]


def test_post_validates_its_body_like_the_query(client, db_session):
    response = client.post("/api/v1/services/search", json={"age": -1, "radius_km": 500})
    assert response.status_code == 400
    assert {"age", "radius_km"} <= set(response.get_json()["errors"])


def test_post_without_a_json_object_is_a_400(client, db_session):
    response = client.post("/api/v1/services/search", data="age=3")
    assert response.status_code == 400


def test_an_address_that_cannot_be_placed_is_a_400(client, db_session):
    response = client.post("/api/v1/services/search", json={"address": "quelque part"})
    assert response.status_code == 400
    assert "address" in response.get_json()["errors"]


def test_every_search_parameter_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = {p["name"] for p in document["paths"]["/api/v1/services"]["get"]["parameters"]}
    assert parameters >= {
        "q", "need", "age", "school_level", "lat", "lon", "commune", "postcode", "radius_km",
        "free", "accepting", "sort", "page", "per_page",
    }  # fmt: skip
    assert "/api/v1/services/search" in document["paths"]
