"""`relais import` and `relais export`: reports, exit codes, dry runs, history."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select

from catalogue.models import Service
from importers.models import ImportRun
from tests.common.factories import ServiceFactory
from tests.importers.helpers import finess_line, write_finess
from tests.importers.test_hsds_import import hsds_service


def write_services(tmp_path, services):
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    return path


def test_a_clean_import_exits_0_and_writes_the_json_report(runner, db_session, tmp_path):
    path = write_services(tmp_path, [hsds_service(str(uuid.uuid4()))])
    result = runner.invoke(args=["import", "hsds", str(path), "--report", str(tmp_path / "r.json")])
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert {key: report[key] for key in ("created", "updated", "unchanged", "rejected")} == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }
    assert {"warnings", "skipped", "conflicts", "records"} <= set(report)


def test_a_rejection_exits_1_and_writes_nothing(runner, db_session, tmp_path):
    path = write_services(
        tmp_path, [hsds_service(str(uuid.uuid4())), hsds_service(str(uuid.uuid4()), name="")]
    )
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 1
    assert db_session.scalars(select(Service).where(Service.source == "hsds")).all() == []


def test_partial_keeps_the_valid_records_and_still_exits_1(runner, db_session, tmp_path):
    path = write_services(
        tmp_path, [hsds_service(str(uuid.uuid4())), hsds_service(str(uuid.uuid4()), name="")]
    )
    result = runner.invoke(args=["import", "hsds", str(path), "--partial"])
    assert result.exit_code == 1
    assert len(db_session.scalars(select(Service).where(Service.source == "hsds")).all()) == 1


def test_a_dry_run_prints_the_report_and_changes_nothing(runner, db_session, tmp_path):
    path = write_services(tmp_path, [hsds_service(str(uuid.uuid4()))])
    result = runner.invoke(args=["import", "hsds", str(path), "--dry-run"])
    assert "Créés : 1" in result.output
    assert db_session.scalars(select(Service).where(Service.source == "hsds")).all() == []
    assert db_session.scalars(select(ImportRun)).all() == []


def test_a_real_import_is_kept_in_the_history(runner, db_session, tmp_path):
    path = write_services(tmp_path, [hsds_service(str(uuid.uuid4()))])
    runner.invoke(args=["import", "hsds", str(path)])
    run = db_session.scalars(select(ImportRun)).one()
    assert (run.format, run.applied, run.report["created"]) == ("hsds", True, 1)


def test_an_unreadable_file_exits_2_with_one_sentence(runner, tmp_path):
    path = tmp_path / "services.json"
    path.write_text("{pas du json", encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(args=["import", "finess", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2


def test_finess_imports_from_the_command_line(runner, db_session, tmp_path):
    path = write_finess(tmp_path / "et.csv", [finess_line("860000010", "860000002", "CMP ÉCOLE")])
    result = runner.invoke(args=["import", "finess", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        db_session.scalars(select(Service).where(Service.source == "finess")).one().name
        == "CMP ÉCOLE"
    )


def test_a_bad_mapping_exits_2(runner, tmp_path):
    (tmp_path / "m.toml").write_text("[columns]\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("a\n", encoding="utf-8")
    result = runner.invoke(
        args=[
            "import",
            "spreadsheet",
            str(tmp_path / "t.csv"),
            "--mapping",
            str(tmp_path / "m.toml"),
        ]
    )
    assert result.exit_code == 2


def test_export_hsds_json_writes_the_services(runner, db_session, tmp_path):
    ServiceFactory(name="Ludothèque")
    result = runner.invoke(args=["export", "hsds", str(tmp_path / "catalogue.json")])
    assert result.exit_code == 0, result.output
    exported = json.loads((tmp_path / "catalogue.json").read_text(encoding="utf-8"))
    assert [service["name"] for service in exported] == ["Ludothèque"]


def test_export_hsds_to_a_folder_writes_a_tabular_package(runner, db_session, tmp_path):
    ServiceFactory()
    runner.invoke(args=["export", "hsds", str(tmp_path / "paquet")])
    assert (tmp_path / "paquet" / "datapackage.json").is_file()


def test_export_datainclusion_and_csv(runner, db_session, tmp_path):
    ServiceFactory(name="Ludothèque", description="Jeux pour toute la famille.")
    assert runner.invoke(args=["export", "datainclusion", str(tmp_path / "di")]).exit_code == 0
    assert runner.invoke(args=["export", "csv", str(tmp_path / "c.csv")]).exit_code == 0
    assert "Ludothèque" in (tmp_path / "c.csv").read_text(encoding="utf-8")


def _indexed(app) -> set[int]:
    from referral.search.sync import get_index

    index = get_index(app)
    return set(index.fingerprints()) if index.exists() else set()


def test_an_import_reaches_the_search_index(app, runner, db_session, tmp_path):
    path = write_services(tmp_path, [hsds_service(str(uuid.uuid4()))])
    runner.invoke(args=["import", "hsds", str(path)])
    service = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    assert service.id in _indexed(app)


def test_a_dry_run_leaves_nothing_in_the_search_index(app, runner, tmp_path):
    path = write_services(tmp_path, [hsds_service(str(uuid.uuid4()))])
    runner.invoke(args=["import", "hsds", str(path), "--dry-run"])
    assert _indexed(app) == set()


GAZETTEER_HEADER = (
    "insee_code,name,kind,postcodes,department_code,department_name,epci_siren,epci_name,"
    "epci_kind,population,latitude,longitude,bbox"
)


def test_import_communes_refreshes_the_gazetteer(runner, db_session, tmp_path):
    from catalogue.models import Commune

    path = tmp_path / "communes.csv"
    row = '86194,Poitiers-Renommée,COM,86000,86,Vienne,,,,90000,46.58,0.34,"46.5,0.3,46.6,0.4"'
    path.write_text(f"{GAZETTEER_HEADER}\n{row}\n", encoding="utf-8")
    result = runner.invoke(args=["import", "communes", str(path)])
    assert result.exit_code == 0, result.output
    assert db_session.get(Commune, "86194").name == "Poitiers-Renommée"


def test_import_communes_of_a_wrong_file_exits_2(runner, tmp_path):
    path = tmp_path / "communes.csv"
    path.write_text("nom,code\nPoitiers,86194\n", encoding="utf-8")
    result = runner.invoke(args=["import", "communes", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
