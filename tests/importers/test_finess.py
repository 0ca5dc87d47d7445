"""FINESS import: encodings, INSEE codes, projections, scope and exclusion rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from catalogue.geography import haversine_km
from catalogue.models import Organisation, Service
from importers.finess import FinessReader, crs_of, insee_code, to_wgs84
from importers.records import UnreadableFileError
from tests.importers.helpers import finess_line, geo_line, write_finess


def imported(db_session) -> list[Service]:
    return list(
        db_session.scalars(
            select(Service).where(Service.source == "finess").order_by(Service.source_id)
        )
    )


def test_windows_1252_accents_are_read(run, db_session, folder):
    path = write_finess(
        folder / "et.csv", [finess_line("860000010", "860000002", "CMP ENFANTS ÉCOLE")]
    )
    run(FinessReader(path))
    assert imported(db_session)[0].name == "CMP ENFANTS ÉCOLE"


def test_utf8_files_are_read_too(run, db_session, folder):
    path = write_finess(
        folder / "et.csv", [finess_line("860000010", "860000002", "CMP ÉTÉ")], encoding="utf-8"
    )
    run(FinessReader(path))
    assert imported(db_session)[0].name == "CMP ÉTÉ"


def test_a_category_with_a_pre_need_becomes_an_active_service_with_its_needs(
    run, db_session, folder
):
    run(
        FinessReader(
            write_finess(
                folder / "et.csv", [finess_line("860000010", "860000002", "CMPP", category="189")]
            )
        )
    )
    service = imported(db_session)[0]
    assert service.status == "active"
    assert "langage--bilan-orthophonique" in service.need_codes


def test_the_legal_entity_is_the_organisation_named_after_its_first_establishment(
    run, db_session, folder
):
    lines = [
        finess_line("860000010", "860000002", "CMP NORD"),
        finess_line("860000028", "860000002", "CMP SUD"),
    ]
    run(FinessReader(write_finess(folder / "et.csv", lines)))
    services = imported(db_session)
    assert services[0].organisation is services[1].organisation
    assert services[0].organisation.name == "CMP NORD"


def test_the_legal_entities_file_names_the_organisation(run, db_session, folder):
    entities = write_finess(
        folder / "ej.csv", ["structureej;860000002;CH LABORIT;CENTRE HOSPITALIER HENRI LABORIT;"]
    )
    run(
        FinessReader(
            write_finess(folder / "et.csv", [finess_line("860000010", "860000002", "CMP")]),
            entities,
        )
    )
    assert imported(db_session)[0].organisation.name == "CENTRE HOSPITALIER HENRI LABORIT"


@pytest.mark.parametrize("category", ["462", "175", "177", "236", "238", "241"])
def test_private_homes_and_placement_establishments_are_skipped(run, db_session, folder, category):
    report = run(
        FinessReader(
            write_finess(
                folder / "et.csv", [finess_line("860000010", "860000002", "X", category=category)]
            )
        )
    )
    assert (report.skipped, report.rejected) == (1, 0)
    assert imported(db_session) == []


def test_an_unknown_category_is_skipped_not_rejected(run, folder):
    report = run(
        FinessReader(
            write_finess(
                folder / "et.csv", [finess_line("860000010", "860000002", "X", category="999")]
            )
        )
    )
    assert (report.skipped, report.rejected, report.applied) == (1, 0, True)


def test_an_unusable_establishment_number_is_rejected(run, folder):
    report = run(
        FinessReader(write_finess(folder / "et.csv", [finess_line("86-BAD", "860000002", "CMP")]))
    )
    assert report.rejected == 1


def test_the_insee_code_is_department_and_commune():
    assert insee_code("01", "451") == "01451"
    assert insee_code("2A", "004") == "2A004"


def test_overseas_departments_become_97_and_the_commune():
    assert insee_code("9B", "209") == "97209"
    assert insee_code("9D", "411") == "97411"


def test_an_overseas_establishment_gets_its_commune(run, db_session, folder):
    line = finess_line(
        "970200010",
        "970200002",
        "CMP FORT DE FRANCE",
        department="9B",
        commune="209",
        postcode_city="97200 FORT DE FRANCE",
    )
    run(FinessReader(write_finess(folder / "et.csv", [line])))
    assert imported(db_session)[0].places[0].commune_insee == "97209"


def test_a_merged_commune_is_resolved_by_postcode_with_a_warning(run, db_session, folder):
    line = finess_line(
        "860000010",
        "860000002",
        "CMP",
        department="86",
        commune="999",
        postcode_city="86000 POITIERS",
    )
    report = run(FinessReader(write_finess(folder / "et.csv", [line])))
    assert imported(db_session)[0].places[0].commune_insee == "86194"
    assert any("code postal" in message for message in report.records[0].messages)


def test_lambert_93_coordinates_are_projected_to_wgs84(run, db_session, folder):
    lines = [
        finess_line("860000010", "860000002", "CMP"),
        geo_line("860000010", "700000", "6600000"),
    ]
    run(FinessReader(write_finess(folder / "et.csv", lines)))
    place = imported(db_session)[0].places[0]
    assert haversine_km(place.latitude, place.longitude, 46.5, 3.0) * 1000 < 5


def test_utm_overseas_coordinates_are_projected_within_5_metres():
    latitude, longitude = to_wgs84(
        500000.0, 0.0, crs_of("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N20")
    )
    assert haversine_km(latitude, longitude, 0.0, -63.0) * 1000 < 5


def test_a_southern_utm_zone_is_recognised():
    assert crs_of("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40") == "EPSG:32740"


def test_missing_coordinates_give_a_place_without_a_point_and_a_warning(run, db_session, folder):
    report = run(
        FinessReader(
            write_finess(folder / "et.csv", [finess_line("860000010", "860000002", "CMP")])
        )
    )
    assert not imported(db_session)[0].places[0].has_point
    assert report.warnings >= 1


def test_a_finess_import_is_idempotent(run, folder):
    path = write_finess(
        folder / "et.csv",
        [finess_line("860000010", "860000002", "CMP"), geo_line("860000010", "497000", "6615000")],
    )
    run(FinessReader(path))
    again = run(FinessReader(path))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_file_without_the_finess_header_is_unreadable(run, folder):
    path = folder / "et.csv"
    path.write_text("nom;adresse\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        run(FinessReader(path))


def test_organisations_are_not_duplicated_across_imports(run, db_session, folder):
    path = write_finess(folder / "et.csv", [finess_line("860000010", "860000002", "CMP")])
    run(FinessReader(path))
    run(FinessReader(path))
    assert (
        len(db_session.scalars(select(Organisation).where(Organisation.source == "finess")).all())
        == 1
    )
