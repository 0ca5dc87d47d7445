"""Import pages: upload, dry-run report, confirmation, history, duplicates."""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile

import pytest
from sqlalchemy import select

from catalogue.models import Organisation, Service
from importers.models import DuplicateFlag, ImportRun
from tests.common.factories import OrganisationFactory, UserFactory
from tests.importers.test_hsds_import import hsds_service


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


def upload(client, content: bytes, filename: str, format_: str = "hsds", **extra):
    data = {"format": format_, "file": (io.BytesIO(content), filename), **extra}
    return client.post("/imports/", data=data, content_type="multipart/form-data")


def services_file(*names: str) -> bytes:
    return json.dumps([hsds_service(str(uuid.uuid4()), name) for name in names]).encode()


def test_the_upload_page_links_the_template_and_the_sample_mapping(coordinator):
    page = coordinator.get("/imports/").get_data(as_text=True)
    assert "modele-partenaires.xlsx" in page and "correspondance-exemple.toml" in page


def test_the_template_downloads(coordinator):
    response = coordinator.get("/imports/files/modele-partenaires.xlsx")
    status, start = response.status_code, response.data[:2]
    response.close()
    assert (status, start) == (200, b"PK")


def test_an_upload_shows_the_dry_run_report_and_writes_nothing(coordinator, db_session):
    response = upload(coordinator, services_file("Atelier parents"), "services.json")
    assert response.status_code == 200
    assert "Essai à blanc" in response.get_data(as_text=True)
    assert db_session.scalars(select(Service).where(Service.source == "hsds")).all() == []


def test_confirming_imports_and_keeps_the_run_in_the_history(coordinator, db_session):
    page = upload(coordinator, services_file("Atelier parents"), "services.json").get_data(
        as_text=True
    )
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)
    response = coordinator.post("/imports/confirm", data={"token": token})
    assert response.status_code == 302
    assert (
        db_session.scalars(select(Service).where(Service.source == "hsds")).one().name
        == "Atelier parents"
    )
    run = db_session.scalars(select(ImportRun)).one()
    assert coordinator.get(f"/imports/runs/{run.id}").status_code == 200
    assert "services.json" in coordinator.get("/imports/").get_data(as_text=True)


def test_a_zip_of_a_tabular_package_is_accepted(coordinator, tmp_path, db_session):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "paquet/organizations.csv", f"id,name,description\n{uuid.uuid4()},Club,Club de sport\n"
        )
    response = upload(coordinator, buffer.getvalue(), "paquet.zip")
    assert response.status_code == 200
    assert "Créés : 1" in response.get_data(as_text=True)


def test_an_unreadable_upload_is_explained_on_the_form(coordinator):
    response = upload(coordinator, b"{pas du json", "services.json")
    assert response.status_code == 400
    assert "aria-describedby" in response.get_data(as_text=True)


def test_a_confirmation_with_an_unknown_token_is_not_found(coordinator):
    assert coordinator.post("/imports/confirm", data={"token": "0" * 32}).status_code == 404


def test_the_duplicates_page_lists_and_resolves_a_flag(coordinator, db_session):
    first, second = (
        OrganisationFactory(siret="73282932000074"),
        OrganisationFactory(siret="73282932000074"),
    )
    db_session.add(
        DuplicateFlag(
            kind="organisation", first_id=first.id, second_id=second.id, reason="Même SIRET"
        )
    )
    db_session.flush()
    assert "Même SIRET" in coordinator.get("/imports/duplicates").get_data(as_text=True)
    flag = db_session.scalars(select(DuplicateFlag)).one()
    second_id = second.id
    coordinator.post(f"/imports/duplicates/{flag.id}", data={"decision": "keep_first"})
    db_session.expire_all()
    assert db_session.get(Organisation, second_id) is None
    assert flag.status == "merged"


def test_a_referent_cannot_import(client, db_session, signed_in):
    signed_in(client, UserFactory(roles=["referent"]))
    assert client.get("/imports/").status_code == 403


def test_the_dry_run_report_lists_the_lines_with_messages(coordinator):
    from importers.resources import TEMPLATE_CSV

    response = upload(coordinator, TEMPLATE_CSV.read_bytes(), "modele.csv", format_="spreadsheet")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ATELIER-001" in page and "créé" in page
