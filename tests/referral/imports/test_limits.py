"""Upload limits on the import page and the CLI: XLSX accepted, bombs refused, nothing left."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from importers.limits import Limits
from importers.resources import TEMPLATE_XLSX
from referral.imports.models import ImportUpload
from tests.referral.imports.test_pages import upload


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


def leftovers(scratch, db_session) -> list[str]:
    """Return what a refused upload left: temporary files, uploads kept for a confirmation."""
    kept = db_session.scalars(select(ImportUpload.token)).all()
    return [path.name for path in scratch.iterdir()] + list(kept)


def test_the_shipped_xlsx_template_is_accepted(app, coordinator):
    response = upload(coordinator, TEMPLATE_XLSX.read_bytes(), TEMPLATE_XLSX.name, "spreadsheet")
    text = response.get_data(as_text=True)
    assert (response.status_code, "Essai à blanc" in text, "Errno" in text) == (200, True, False)


def test_a_body_over_the_limit_is_refused_with_413(app, coordinator):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = upload(coordinator, b"x" * 20_000, "t.csv", "spreadsheet")
    assert response.status_code == 413 and "trop volumineux" in response.get_data(as_text=True)


def test_a_zip_bomb_is_refused_and_leaves_nothing(app, coordinator, scratch, db_session):
    app.config["IMPORT_LIMITS"] = Limits(archive_bytes=100_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("services.json", b" " * 2_000_000)
    response = upload(coordinator, buffer.getvalue(), "paquet.zip", "hsds")
    assert response.status_code == 400 and "Archive refusée" in response.get_data(as_text=True)
    assert leftovers(scratch, db_session) == []


def test_a_failed_upload_leaves_no_file(app, coordinator, scratch, db_session):
    response = upload(coordinator, b"{pas du json", "services.json", "hsds")
    assert (response.status_code, leftovers(scratch, db_session)) == (400, [])


def test_a_huge_one_line_csv_is_explained_not_a_500(app, coordinator):
    response = upload(coordinator, b"x" * 300_000, "t.csv", "spreadsheet")
    text = response.get_data(as_text=True)
    assert (response.status_code, "illisible" in text, "/tmp" in text) == (400, True, False)


def test_the_cli_exits_2_with_a_french_sentence_on_a_huge_one_line_csv(runner, tmp_path):
    from importers.resources import SAMPLE_MAPPING

    (tmp_path / "t.csv").write_bytes(b"x" * 300_000)
    result = runner.invoke(
        args=["import", "spreadsheet", str(tmp_path / "t.csv"), "--mapping", str(SAMPLE_MAPPING)]
    )
    assert (result.exit_code, "illisible" in result.output) == (2, True)


def test_a_data_inclusion_upload_that_is_no_archive_names_no_server_path(app, coordinator, scratch):
    response = upload(coordinator, b"structures", "structures.csv", "datainclusion")
    text = response.get_data(as_text=True)
    assert (response.status_code, "ni une archive ZIP" in text) == (400, True)
    assert str(scratch) not in text and "/tmp" not in text
