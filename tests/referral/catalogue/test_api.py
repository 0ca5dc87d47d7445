"""The catalogue's JSON API: envelope, ids, statuses, validation of paging."""

import datetime as dt
import uuid

import pytest

from tests.common.factories import PlaceFactory, ServiceFactory


def test_list_has_the_envelope_and_item_fields(client, db_session):
    service = ServiceFactory(age_min=6, age_max=11, at=[PlaceFactory()])
    body = client.get("/api/v1/services").get_json()
    assert set(body) == {"total", "page", "per_page", "items"}
    (item,) = [item for item in body["items"] if item["id"] == str(service.uid)]
    assert item["organisation"] == {
        "id": str(service.organisation.uid),
        "name": service.organisation.name,
        "kind": "association",
    }
    assert (item["age_min"], item["age_max"], item["status"]) == (6, 11, "active")
    assert set(item["places"][0]) >= {
        "address",
        "postcode",
        "commune_insee",
        "latitude",
        "longitude",
    }


def test_only_active_services_are_listed(client, db_session):
    ServiceFactory(name="Zz visible")
    ServiceFactory(name="Zz en attente", status="pending")
    ServiceFactory(name="Zz fermé", status="closed")
    names = [
        item["name"] for item in client.get("/api/v1/services?per_page=100").get_json()["items"]
    ]
    assert "Zz visible" in names
    assert "Zz en attente" not in names and "Zz fermé" not in names


def test_a_suspension_ending_yesterday_is_over(client, db_session):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    ended = ServiceFactory(status="suspended", suspended_until=yesterday)
    ongoing = ServiceFactory(status="suspended", suspended_until=tomorrow)
    assert client.get(f"/api/v1/services/{ended.uid}").status_code == 200
    assert client.get(f"/api/v1/services/{ongoing.uid}").status_code == 404


def test_paging_splits_the_list(client, db_session):
    for _ in range(3):
        ServiceFactory()
    first = client.get("/api/v1/services?per_page=2&page=1").get_json()
    second = client.get("/api/v1/services?per_page=2&page=2").get_json()
    assert first["total"] == second["total"] >= 3
    assert len(first["items"]) == 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("page=abc", "page"),
    ],
)
def test_bad_paging_values_get_400_with_field_messages(client, query, field):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 400
    assert list(response.get_json()["errors"]) == [field]


def test_service_detail_by_uuid(client, db_session):
    service = ServiceFactory()
    assert client.get(f"/api/v1/services/{service.uid}").get_json()["id"] == str(service.uid)


def test_unknown_service_is_a_json_404(client):
    response = client.get(f"/api/v1/services/{uuid.uuid4()}")
    assert response.status_code == 404
    assert "errors" in response.get_json()


def test_integer_ids_are_not_accepted(client, db_session):
    service = ServiceFactory()
    assert client.get(f"/api/v1/services/{service.id}").status_code == 404


def test_confidential_address_hides_the_places(client, db_session):
    service = ServiceFactory(confidential_address=True, at=[PlaceFactory()])
    assert client.get(f"/api/v1/services/{service.uid}").get_json()["places"] == []


def test_needs_list_the_taxonomy(client):
    needs = client.get("/api/v1/needs").get_json()
    assert len(needs) == 57
    assert needs[0]["domain"]["code"] == "scolarite"
