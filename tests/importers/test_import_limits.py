"""Imports stay bounded: archives, rows and columns within limits, odd CSV explained in French."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from importers.limits import Limits, check_archive, extract_archive
from importers.records import UnreadableFileError
from importers.resources import SAMPLE_MAPPING, TEMPLATE_XLSX
from importers.spreadsheet import Mapping, SpreadsheetReader
from importers.tables import iter_table, sniff

SMALL = Limits(archive_bytes=100_000, archive_entries=3, compression_ratio=100, rows=5, columns=4)


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return path


def test_a_zip_bomb_is_refused_before_extraction(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "b.zip", {"services.json": b"0" * 1_000_000})
    with pytest.raises(UnreadableFileError, match="décompressé"):
        extract_archive(bomb, tmp_path / "out", SMALL)
    assert not (tmp_path / "out").exists()


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    crowded = _zip(tmp_path / "c.zip", {f"f{n}.json": b"{}" for n in range(4)})
    with pytest.raises(UnreadableFileError, match="plus de 3 fichiers"):
        check_archive(crowded, SMALL)


def test_a_small_package_is_extracted(tmp_path: Path) -> None:
    package = _zip(tmp_path / "p.zip", {"dossier/services.json": b"[]"})
    extract_archive(package, tmp_path / "out", SMALL)
    assert (tmp_path / "out" / "services.json").read_bytes() == b"[]"


def test_rows_beyond_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n".join(f"a;{n}" for n in range(10)), encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="plus de 5 lignes"):
        list(iter_table(path, limits=SMALL))


def test_columns_beyond_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a;b;c;d;e;f\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="plus de 4 colonnes"):
        list(iter_table(path, limits=SMALL))


def test_a_huge_one_line_csv_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("x" * 300_000, encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="illisible"):
        list(iter_table(path))


def test_an_odd_sample_falls_back_on_the_likeliest_delimiter() -> None:
    assert sniff("a;b;c\n" + "x" * 10).delimiter == ";"


def test_the_shipped_template_is_read_in_read_only_mode(tmp_path: Path) -> None:
    rows = list(iter_table(TEMPLATE_XLSX))
    assert rows and any(cell for cell in rows[0])


def test_a_crafted_sheet_size_does_not_pad_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    crafted = tmp_path / "t.xlsx"
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B1"/>', b'<dimension ref="A1:XFD9"/>')
            out.writestr(item, data)
    rows = list(iter_table(crafted))
    assert (len(rows), rows[0][:2], len(rows[0]) <= 100) == (1, ["a", "b"], True)


def test_the_shipped_template_imports_with_the_sample_mapping(run) -> None:
    report = run(SpreadsheetReader(TEMPLATE_XLSX, Mapping.load(SAMPLE_MAPPING)))
    assert report.rejected == 0
