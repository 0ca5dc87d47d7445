"""Every CSV Relais writes shows a partner's `=HYPERLINK(…)` as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.orm import Session

from catalogue.csvsafe import SafeDictWriter, SafeWriter, neutralise
from importers.exports import csv as csv_export
from importers.exports import hsds as hsds_export
from tests.common.factories import OrganisationFactory, ServiceFactory

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "@SUM(A1:A2)", "+1+1", "-2+3", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_prefix_is_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["-4,5", "+33", "12", 3.5, -1, None, "Judo"])
def test_numbers_and_plain_text_are_kept(value: object) -> None:
    assert neutralise(value) == value


def test_both_writers_neutralise_each_cell() -> None:
    out = io.StringIO()
    SafeWriter(out, lineterminator="\n").writerow(["=1+1", "ok"])
    SafeDictWriter(out, fieldnames=["a"], lineterminator="\n").writerow({"a": "@x"})
    assert out.getvalue() == "'=1+1,ok\n'@x\n"


def test_the_catalogue_csv_export_writes_formulas_as_text(db_session: Session, tmp_path) -> None:
    organisation = OrganisationFactory(name="@SUM(1+1)")
    ServiceFactory(organisation=organisation, name='=HYPERLINK("http://evil.example")')
    csv_export.export(db_session, tmp_path / "catalogue.csv")
    with (tmp_path / "catalogue.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert (row["nom"], row["structure"]) == ('\'=HYPERLINK("http://evil.example")', "'@SUM(1+1)")


def test_the_hsds_tables_write_formulas_as_text(db_session: Session, tmp_path) -> None:
    ServiceFactory(name="=cmd|' /C calc'!A0")
    hsds_export.write_tabular(db_session, tmp_path)
    text = (tmp_path / "services.csv").read_text(encoding="utf-8")
    assert "'=cmd|" in text
