"""Uploads wait in the database between the dry run and the confirmation: any host confirms,
stale ones are swept, and the files written for a reading never outlive it."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile

import pytest
from sqlalchemy import select

from catalogue.db import utcnow
from catalogue.models import Organisation, Service
from importers.resources import SAMPLE_MAPPING, TEMPLATE_CSV
from referral.imports import uploads
from referral.imports.models import ImportUpload
from tests.common.factories import UserFactory
from tests.referral.imports.test_pages import services_file, upload

TWO_DAYS_AGO = dt.timedelta(days=2)


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


def token_of(response) -> str:
    return re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', response.text).group(1)


def zipped_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "paquet/organizations.csv", f"id,name,description\n{uuid.uuid4()},Club zippé,Sport\n"
        )
    return buffer.getvalue()


def own_mapping() -> bytes:
    """The sample mapping under another source: what it imports shows it was read."""
    text = SAMPLE_MAPPING.read_text(encoding="utf-8")
    return text.replace('source = "partenaires"', 'source = "autre-hote"').encode()


def stored(db_session, user, created_at: dt.datetime, token: str = "a" * 32) -> ImportUpload:
    row = ImportUpload(
        token=token,
        format="hsds",
        uploaded_by_id=user.id,
        created_at=created_at,
        filename="services.json",
        content=services_file("Atelier ancien"),
    )
    db_session.add(row)
    db_session.flush()
    return row


def spy_on_readings(monkeypatch) -> list:
    """Record where each reader of an upload found its main file (checking that it existed)."""
    read_in = []
    original = uploads.reader_for

    def recording(files, session, limits):
        assert files.main.exists()
        read_in.append(files.main)
        return original(files, session, limits)

    monkeypatch.setattr(uploads, "reader_for", recording)
    return read_in


CONFIRMED_ELSEWHERE = [
    (services_file("Atelier parents"), "services.json", "hsds", None, Service.name,
     "Atelier parents"),
    (zipped_package(), "paquet.zip", "hsds", None, Organisation.name, "Club zippé"),
    (TEMPLATE_CSV.read_bytes(), "modele.csv", "spreadsheet", own_mapping(), Service.source,
     "tableur:autre-hote"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "filename", "format_", "extra", "column", "value"),
    CONFIRMED_ELSEWHERE,
    ids=["json", "zip", "spreadsheet-with-mapping"],
)
def test_an_upload_is_confirmed_after_the_data_dir_changed(
    app, coordinator, db_session, tmp_path, content, filename, format_, extra, column, value
):
    """Another host has another data dir: the upload must not live in it."""
    fields = {"extra": (io.BytesIO(extra), "correspondance.toml")} if extra else {}
    previewed = upload(coordinator, content, filename, format_, **fields)
    app.config["DATA_DIR"] = tmp_path / "another-host"
    response = coordinator.post("/imports/confirm", data={"token": token_of(previewed)})
    assert response.status_code == 302, response.text
    assert db_session.scalars(select(column.class_).where(column == value)).all() != []


def test_a_previewed_upload_waits_in_the_database_not_in_the_data_dir(app, coordinator, db_session):
    content = services_file("Atelier parents")
    token = token_of(upload(coordinator, content, "services.json"))
    row = db_session.scalars(select(ImportUpload)).one()
    assert (row.token, row.filename, row.content) == (token, "services.json", content)
    assert not (app.config["DATA_DIR"] / "imports").exists()


def test_a_confirmed_upload_is_forgotten(coordinator, db_session):
    token = token_of(upload(coordinator, services_file("Atelier parents"), "services.json"))
    coordinator.post("/imports/confirm", data={"token": token})
    again = coordinator.post("/imports/confirm", data={"token": token})
    assert (db_session.scalars(select(ImportUpload)).all(), again.status_code) == ([], 404)


def test_uploads_never_confirmed_are_swept_after_a_day(db_session):
    user = UserFactory(roles=["coordinator"])
    stored(db_session, user, utcnow() - TWO_DAYS_AGO, token="a" * 32)
    stored(db_session, user, utcnow(), token="b" * 32)
    assert uploads.sweep(db_session) == 1
    assert [row.token for row in db_session.scalars(select(ImportUpload))] == ["b" * 32]


def test_a_new_upload_sweeps_the_stale_ones(coordinator, db_session):
    stored(db_session, UserFactory(roles=["coordinator"]), utcnow() - TWO_DAYS_AGO)
    token = token_of(upload(coordinator, services_file("Atelier parents"), "services.json"))
    assert [row.token for row in db_session.scalars(select(ImportUpload))] == [token]


def test_an_upload_kept_for_over_a_day_is_not_found(coordinator, db_session):
    stored(db_session, UserFactory(roles=["coordinator"]), utcnow() - TWO_DAYS_AGO)
    assert coordinator.post("/imports/confirm", data={"token": "a" * 32}).status_code == 404


@pytest.mark.parametrize("token", ["A" * 32, "a" * 31, "../" * 11 + "a", "g" * 32])
def test_a_malformed_token_is_not_found(coordinator, token):
    assert coordinator.post("/imports/confirm", data={"token": token}).status_code == 404


def test_the_files_of_the_dry_run_are_removed_after_it(coordinator, scratch, monkeypatch):
    read_in = spy_on_readings(monkeypatch)
    response = upload(coordinator, zipped_package(), "paquet.zip")  # extracted there too
    assert response.status_code == 200
    assert [scratch in path.parents for path in read_in] == [True]
    assert list(scratch.iterdir()) == []


def test_the_files_of_the_confirmation_are_removed_after_it(coordinator, scratch, monkeypatch):
    token = token_of(upload(coordinator, services_file("Atelier parents"), "services.json"))
    read_in = spy_on_readings(monkeypatch)
    response = coordinator.post("/imports/confirm", data={"token": token})
    assert response.status_code == 302
    assert [scratch in path.parents for path in read_in] == [True]
    assert list(scratch.iterdir()) == []
