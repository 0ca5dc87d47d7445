"""Spreadsheet import: CSV and XLSX through a mapping, merged headers, commune fallback."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from catalogue.models import Service
from importers.records import UnreadableFileError
from importers.resources import SAMPLE_MAPPING, TEMPLATE_CSV, TEMPLATE_XLSX
from importers.spreadsheet import Mapping, SpreadsheetReader

MAPPING = """
source = "caf86"
[columns]
id = "Réf."
organisation = "Structure"
name = "Nom du service"
needs = "Besoins"
age_min = "Âge min"
address = "Adresse"
postcode = "CP"
commune = "Ville"
cost = "Coût"
"""


def mapping(folder: Path, text: str = MAPPING) -> Mapping:
    path = folder / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    return Mapping.load(path)


def imported(db_session) -> list[Service]:
    query = select(Service).where(Service.source == "tableur:caf86").order_by(Service.source_id)
    return list(db_session.scalars(query))


def write_csv(folder: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path = folder / "partenaires.csv"
    header = "Réf.;Structure;Nom du service;Besoins;Âge min;Adresse;CP;Ville;Coût"
    path.write_bytes("\n".join([header, *rows]).encode(encoding))
    return path


def test_a_csv_imports_through_the_mapping(run, db_session, folder):
    path = write_csv(
        folder,
        [
            "A1;CAF de la Vienne;Aide aux vacances;vacances--vacances-en-famille;3;"
            "41 rue du Touffenet;86000;Poitiers;gratuit"
        ],
    )
    report = run(SpreadsheetReader(path, mapping(folder)))
    service = imported(db_session)[0]
    assert (report.created, service.name, service.age_min, service.cost) == (
        1,
        "Aide aux vacances",
        3,
        "free",
    )


def test_a_windows_1252_csv_is_read(run, db_session, folder):
    path = write_csv(
        folder, ["A1;Crèche fictive;Éveil musical;;;;86000;Poitiers;"], encoding="cp1252"
    )
    run(SpreadsheetReader(path, mapping(folder)))
    assert imported(db_session)[0].name == "Éveil musical"


def test_need_labels_are_accepted_and_unknown_needs_become_keywords(run, db_session, folder):
    path = write_csv(
        folder,
        [
            "A1;CAF;Séjours;Vacances en famille;;;86000;Poitiers;",
            "A2;CAF;Judo;judo;;;86000;Poitiers;",
        ],
    )
    run(SpreadsheetReader(path, mapping(folder)))
    first, second = imported(db_session)
    assert first.need_codes == ["vacances--vacances-en-famille"]
    assert "judo" in second.keywords


def test_an_address_that_is_not_geocoded_gets_the_commune_point_with_a_warning(
    run, db_session, folder
):
    path = write_csv(folder, ["A1;CAF;Séjours;;;1 rue Inconnue;86000;Poitiers;"])
    report = run(SpreadsheetReader(path, mapping(folder)))
    place = imported(db_session)[0].places[0]
    assert (place.commune_insee, place.has_point) == ("86194", True)
    assert any("commune" in message for message in report.records[0].messages)


def test_a_geocoder_gives_the_address_point(run, db_session, folder):
    path = write_csv(folder, ["A1;CAF;Séjours;;;41 rue du Touffenet;86000;Poitiers;"])
    run(SpreadsheetReader(path, mapping(folder), geocoder=lambda *_: (46.571, 0.35)))
    place = imported(db_session)[0].places[0]
    assert (place.latitude, place.longitude) == (46.571, 0.35)


def test_an_unknown_cost_is_a_warning(run, folder):
    report = run(
        SpreadsheetReader(
            write_csv(folder, ["A1;CAF;Séjours;;;;86000;Poitiers;cher"]), mapping(folder)
        )
    )
    assert (report.created, report.warnings >= 1) == (1, True)


def test_an_xlsx_with_merged_header_cells_is_read(run, db_session, folder):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Annuaire des partenaires 2025"])
    sheet.merge_cells("A1:I1")
    sheet.append(
        ["Réf.", "Structure", "Nom du service", "Besoins", "Âge min", "Lieu", None, None, "Coût"]
    )
    sheet.merge_cells("F2:H2")
    sheet.append([None, None, None, None, None, "Adresse", "CP", "Ville", None])
    sheet.append(
        ["X1", "Club fictif", "Football", "", 6, "2 allée du Stade", "86000", "Poitiers", "payant"]
    )
    path = folder / "partenaires.xlsx"
    book.save(path)
    report = run(SpreadsheetReader(path, mapping(folder)))
    service = imported(db_session)[0]
    assert (report.rejected, service.name, service.places[0].postcode) == (0, "Football", "86000")


def test_a_missing_required_column_makes_the_file_unreadable(run, folder):
    path = folder / "partenaires.csv"
    path.write_text("Nom du service;Structure\nJudo;Club\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        run(SpreadsheetReader(path, mapping(folder)))


def test_a_mapping_without_source_is_refused(folder):
    with pytest.raises(UnreadableFileError):
        mapping(folder, "[columns]\nid = 'Réf.'\n")


def test_a_row_without_id_is_rejected(run, folder):
    report = run(
        SpreadsheetReader(write_csv(folder, [";CAF;Séjours;;;;86000;Poitiers;"]), mapping(folder)),
        partial=True,
    )
    assert report.rejected == 1


@pytest.mark.parametrize("template", [TEMPLATE_CSV, TEMPLATE_XLSX])
def test_the_shipped_template_imports_with_the_sample_mapping(run, template):
    report = run(SpreadsheetReader(template, Mapping.load(SAMPLE_MAPPING)))
    assert (report.created, report.rejected) == (1, 0)


def test_a_spreadsheet_import_is_idempotent(run, folder):
    path = write_csv(folder, ["A1;CAF;Séjours;;3;1 rue X;86000;Poitiers;gratuit"])
    run(SpreadsheetReader(path, mapping(folder)))
    again = run(SpreadsheetReader(path, mapping(folder)))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
