"""data·inclusion import: JSON, NDJSON and CSV folders, validated by the schema package."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from catalogue.models import Service
from importers.datainclusion import DataInclusionReader
from importers.records import UnreadableFileError

STRUCTURE = {
    "source": "dora",
    "id": "dora--s1",
    "nom": "CCAS de Poitiers",
    "date_maj": "2024-05-01",
    "siret": None,
    "adresse": "1 place du Maréchal Leclerc",
    "code_postal": "86000",
    "code_insee": "86194",
    "latitude": 46.58,
    "longitude": 0.34,
}


def service(**extra: object) -> dict:
    row = {
        "source": "dora",
        "id": "dora--a1",
        "structure_id": "dora--s1",
        "nom": "Aide au budget familial",
        "description": "Un conseiller aide la famille à tenir son budget.",
        "date_maj": "2024-05-01",
        "thematiques": ["difficultes-financieres--ameliorer-sa-gestion-budgetaire"],
        "frais": "gratuit",
        "publics": ["familles"],
        "zone_eligibilite": ["86194", "86", "200069854"],
        "horaires_accueil": "Mo-Fr 09:00-12:00",
        "mobilisable_par": ["professionnels"],
    }
    row.update(extra)
    return row


def write(
    folder: Path, services: list[dict], structures: list[dict] | None = None, kind: str = "json"
) -> Path:
    structures = structures if structures is not None else [STRUCTURE]
    for stem, rows in (("structures", structures), ("services", services)):
        if kind == "json":
            (folder / f"{stem}.json").write_text(json.dumps(rows), encoding="utf-8")
        elif kind == "ndjson":
            (folder / f"{stem}.ndjson").write_text(
                "\n".join(json.dumps(row) for row in rows), encoding="utf-8"
            )
        else:
            columns = sorted({key for row in rows for key in row})
            with (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                for row in rows:
                    writer.writerow(
                        {k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()}
                    )
    return folder


def imported(db_session) -> Service:
    return db_session.scalars(select(Service).where(Service.source == "datainclusion")).one()


@pytest.mark.parametrize("kind", ["json", "ndjson", "csv"])
def test_each_layout_imports_a_service(run, db_session, folder, kind):
    report = run(DataInclusionReader(write(folder, [service()], kind=kind)))
    assert (report.created, report.rejected) == (1, 0)
    assert imported(db_session).name == "Aide au budget familial"


def test_thematiques_are_mapped_to_needs(run, db_session, folder):
    run(DataInclusionReader(write(folder, [service()])))
    assert imported(db_session).need_codes == ["social--budget"]


def test_an_unmapped_thematique_is_kept_as_a_keyword_with_a_warning(run, db_session, folder):
    report = run(
        DataInclusionReader(
            write(folder, [service(thematiques=["mobilite--acceder-a-un-vehicule"])])
        )
    )
    assert "mobilite--acceder-a-un-vehicule" in imported(db_session).keywords
    assert report.warnings >= 1


def test_zone_eligibilite_becomes_the_service_area(run, db_session, folder):
    run(DataInclusionReader(write(folder, [service()])))
    found = imported(db_session)
    assert (found.area_communes, found.area_departments, found.area_epcis) == (
        ["86194"],
        ["86"],
        ["200069854"],
    )


def test_france_means_everywhere(run, db_session, folder):
    run(DataInclusionReader(write(folder, [service(zone_eligibilite=["france"])])))
    found = imported(db_session)
    assert found.area_communes == found.area_departments == found.area_epcis == []


def test_frais_publics_hours_and_mobilisation_are_mapped(run, db_session, folder):
    run(DataInclusionReader(write(folder, [service()])))
    found = imported(db_session)
    assert (found.cost, found.publics, found.opening_hours, found.mobilisation) == (
        "free",
        ["family"],
        "Mo-Fr 09:00-12:00",
        ["professional"],
    )


def test_a_service_without_address_is_delivered_at_its_structure(run, db_session, folder):
    run(DataInclusionReader(write(folder, [service()])))
    assert imported(db_session).places[0].commune_insee == "86194"


def test_a_bad_optional_field_is_dropped_with_a_warning(run, db_session, folder):
    report = run(DataInclusionReader(write(folder, [service(courriel="pas-une-adresse")])))
    assert report.rejected == 0
    assert imported(db_session).referral_email is None
    assert any("courriel" in message for message in report.records[0].messages)


def test_a_missing_required_field_rejects_the_service(run, folder):
    row = service()
    del row["description"]
    assert run(DataInclusionReader(write(folder, [row]))).rejected == 1


def test_a_missing_structure_rejects_the_service(run, folder):
    assert (
        run(DataInclusionReader(write(folder, [service(structure_id="dora--absente")]))).rejected
        == 1
    )


def test_a_datainclusion_import_is_idempotent(run, folder):
    path = write(folder, [service()])
    run(DataInclusionReader(path))
    again = run(DataInclusionReader(path))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_folder_without_services_is_unreadable(run, folder):
    (folder / "structures.json").write_text("[]", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        run(DataInclusionReader(folder))
