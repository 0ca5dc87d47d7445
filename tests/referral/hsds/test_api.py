"""The HSDS 3 read-only API: schema conformance, filters, public and active-only."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy.orm import Session

from catalogue.models import NeedTerm
from importers.hsds.mapping import derived_id
from tests.common.factories import PlaceFactory, ServiceFactory
from tests.importers.helpers import REFERENCE, assert_valid, hsds_validator, needs_reference

pytestmark = needs_reference


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, str]:
    """The API's `search` on each search backend of the pass."""
    return {"SEARCH_BACKEND": search_backend}


PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def services(db_session: Session):
    """Two active services (one near Poitiers, one in Châtellerault) and a pending one."""
    need = db_session.get(NeedTerm, "scolarite--soutien-scolaire")
    near = ServiceFactory(
        name="Aide aux devoirs",
        need_terms=[need],
        at=[PlaceFactory()],
        description="Accompagnement scolaire",
    )
    far = ServiceFactory(
        name="Club de foot",
        at=[
            PlaceFactory(postcode="86100", commune_insee="86066", latitude=46.817, longitude=0.546)
        ],
    )
    ServiceFactory(name="En attente", status="pending")
    ServiceFactory(
        name="Suspendu", status="suspended", suspended_until=dt.date.today() + dt.timedelta(days=3)
    )
    return near, far


def assert_page(body: dict, item_schema: str) -> None:
    assert set(body) >= PAGE_KEYS
    for item in body["contents"]:
        assert_valid(item_schema, item)


def test_the_root_gives_the_hsds_version(client):
    assert client.get("/hsds/").json["version"] == "3.0"


def test_services_list_validates_and_holds_active_services_only(client, services):
    body = client.get("/hsds/services").json
    assert_page(body, "compiled/service_list.json")
    assert {item["name"] for item in body["contents"]} == {"Aide aux devoirs", "Club de foot"}


def test_services_search_filters_by_words(client, services):
    body = client.get("/hsds/services?search=scolaire").json
    assert [item["name"] for item in body["contents"]] == ["Aide aux devoirs"]


def test_services_filter_by_taxonomy_term_id(client, services):
    term = derived_id("need", "scolarite--soutien-scolaire")
    body = client.get(f"/hsds/services?taxonomy_term_id={term}").json
    assert [item["name"] for item in body["contents"]] == ["Aide aux devoirs"]


def test_services_pagination_follows_the_envelope(client, services):
    body = client.get("/hsds/services?per_page=1&page=2").json
    assert (body["total_items"], body["total_pages"], body["page_number"], body["size"]) == (
        2,
        2,
        2,
        1,
    )
    assert (body["first_page"], body["last_page"], body["empty"]) == (False, True, False)


def test_a_bad_per_page_is_a_400_with_field_errors(client):
    response = client.get("/hsds/services?per_page=1000")
    assert response.status_code == 400
    assert "per_page" in response.json["errors"]


def test_an_unknown_taxonomy_term_is_a_400(client):
    assert client.get("/hsds/services?taxonomy_term_id=nope").status_code == 400


def test_one_service_is_fully_nested_and_valid(client, services):
    body = client.get(f"/hsds/services/{services[0].uid}").json
    assert_valid("service.json", body)
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "86000"


def test_the_referral_contact_is_never_in_the_public_api(client, db_session):
    service = ServiceFactory(referral_email="orientation@exemple.test")
    assert "orientation@exemple.test" not in client.get(f"/hsds/services/{service.uid}").get_data(
        as_text=True
    )


def test_a_pending_service_is_not_found(client, db_session):
    pending = ServiceFactory(status="pending")
    assert client.get(f"/hsds/services/{pending.uid}").status_code == 404


def test_a_malformed_id_is_not_found(client):
    assert client.get("/hsds/services/pas-un-uuid").status_code == 404


def test_a_malformed_id_is_answered_in_json_and_in_french(client):
    response = client.get("/hsds/services/pas-un-uuid")
    assert response.get_json() == {"errors": {"_request": ["Ressource introuvable."]}}


def test_a_missing_service_says_so_in_french(client, db_session):
    response = client.get(f"/hsds/services/{uuid.uuid4()}")
    assert response.get_json() == {"errors": {"_request": ["Service introuvable."]}}


def test_organizations_list_validates(client, services):
    assert_page(client.get("/hsds/organizations").json, "compiled/organization_list.json")


def test_service_at_locations_validate(client, services):
    body = client.get("/hsds/service_at_locations").json
    assert_page(body, "compiled/service_at_location_list.json")
    assert body["total_items"] == 2


def test_proximity_keeps_the_places_within_the_distance_of_the_postcode(client, services):
    body = client.get("/hsds/service_at_locations?postcode=86000&proximity=5000").json
    assert [item["service"]["name"] for item in body["contents"]] == ["Aide aux devoirs"]


def test_a_postcode_outside_a_service_area_excludes_it(client, db_session):
    ServiceFactory(name="Seulement Châtellerault", area_communes=["86066"], at=[PlaceFactory()])
    body = client.get("/hsds/service_at_locations?postcode=86000").json
    assert body["total_items"] == 0


def test_an_unknown_postcode_is_a_400(client):
    assert client.get("/hsds/service_at_locations?postcode=00000").status_code == 400


def test_taxonomies_validate(client):
    body = client.get("/hsds/taxonomies").json
    assert_page(body, "taxonomy.json")


def test_taxonomy_terms_validate_and_list_the_needs(client, db_session):
    body = client.get("/hsds/taxonomy_terms?per_page=100").json
    assert_page(body, "taxonomy_term.json")
    assert body["total_items"] == len(db_session.query(NeedTerm).all())


def test_the_page_envelope_matches_the_openapi_page_schema(client):
    import json

    openapi = json.loads((REFERENCE / "schema" / "openapi.json").read_text(encoding="utf-8"))
    page = openapi["components"]["schemas"]["Page"]
    body = client.get("/hsds/taxonomies").json
    hsds_validator("taxonomy.json").__class__(page).validate(body)


def test_service_at_locations_are_paged(client, services):
    first = client.get("/hsds/service_at_locations?per_page=1").json
    second = client.get("/hsds/service_at_locations?per_page=1&page=2").json
    assert (first["total_items"], first["size"], second["size"]) == (2, 1, 1)
    assert first["contents"][0]["id"] != second["contents"][0]["id"]


def test_a_confidential_address_is_never_listed(client, db_session):
    ServiceFactory(name="Adresse protégée", confidential_address=True, at=[PlaceFactory()])
    assert client.get("/hsds/service_at_locations").json["total_items"] == 0
