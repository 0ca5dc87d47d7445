"""Streaming readers of a partner's table (CSV or XLSX), within the import limits.

Rows are yielded one at a time: an XLSX is opened read-only (after its archive is checked), a
CSV is decoded as it is read, its dialect sniffed on a bounded sample. Whatever goes wrong
becomes an `UnreadableFileError` in French, without a server path.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml.ElementTree import iterparse
from openpyxl.worksheet.cell_range import CellRange

from importers.limits import DEFAULT_LIMITS, Limits, check_archive
from importers.records import UnreadableFileError, clean

SAMPLE_CHARS = 8192
DELIMITERS = ";,\t"
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def iter_table(
    path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[list[str]]:
    """Yield the cleaned cells of each row of a CSV or XLSX file, within the limits."""
    rows = (
        _xlsx_rows(path, sheet, limits) if path.suffix.lower() in XLSX_SUFFIXES else _csv_rows(path)
    )
    try:
        for count, row in enumerate(rows, start=1):
            if count > limits.rows:
                raise UnreadableFileError(f"Tableau refusé : plus de {limits.rows} lignes.")
            if len(row) > limits.columns and any(row[limits.columns :]):
                raise UnreadableFileError(f"Tableau refusé : plus de {limits.columns} colonnes.")
            yield [clean(value) for value in row[: limits.columns]]
    except UnreadableFileError:
        raise
    except csv.Error as error:
        raise UnreadableFileError(f"Le tableau {path.name} est illisible : {error}.") from error
    except (UnicodeDecodeError, ValueError, KeyError, OSError) as error:
        raise UnreadableFileError(
            f"Le tableau {path.name} est illisible ({type(error).__name__})."
        ) from error


def _encoding(path: Path) -> str:
    """Return UTF-8 when the start of the file is UTF-8, else Windows-1252."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def sniff(sample: str) -> Any:
    """Return the CSV dialect of a bounded sample: sniffed, else the likeliest delimiter."""
    sample = sample[:SAMPLE_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        first = sample.splitlines()[0] if sample.strip() else ""
        delimiter = max(DELIMITERS, key=first.count) if first else ","

        class Guessed(csv.excel):
            pass

        Guessed.delimiter = delimiter
        return Guessed


def _csv_rows(path: Path) -> Iterator[list[str]]:
    try:
        encoding = _encoding(path)
        with path.open(encoding=encoding, newline="") as handle:
            dialect = sniff(handle.read(SAMPLE_CHARS))
            handle.seek(0)
            yield from csv.reader(handle, dialect)
    except OSError as error:
        raise UnreadableFileError(
            f"Le tableau {path.name} est illisible ({type(error).__name__})."
        ) from error


def _merged_ranges(worksheet: Any) -> list[CellRange]:
    """Return the merged ranges of a read-only sheet, read from the sheet's XML as a stream."""
    found = []
    source = worksheet._get_source()  # read-only sheets give no merged ranges themselves
    try:
        for _event, element in iterparse(source):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                found.append(CellRange(element.get("ref")))
            element.clear()
    finally:
        source.close()
    return found


def _xlsx_rows(path: Path, sheet: str | None, limits: Limits) -> Iterator[list[Any]]:
    check_archive(path, limits)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a file that is not XLSX
        raise UnreadableFileError(
            f"Le tableau {path.name} est illisible ({type(error).__name__})."
        ) from error
    try:
        worksheet = book[sheet] if sheet else book.worksheets[0]
        merged = _merged_ranges(worksheet)
        worksheet.reset_dimensions()  # a crafted size must not pad rows to 16,384 columns
        rows = worksheet.iter_rows(max_col=limits.columns + 1, values_only=True)
        yield from _unmerged(rows, merged)
    finally:
        book.close()


def _unmerged(rows: Iterator[tuple[Any, ...]], merged: list[CellRange]) -> Iterator[list[Any]]:
    """Copy each merged range's value into all its cells, row by row."""
    values: dict[int, Any] = {}
    for number, cells in enumerate(rows, start=1):
        row = list(cells)
        for index, cell_range in enumerate(merged):
            if not cell_range.min_row <= number <= cell_range.max_row:
                continue
            if number == cell_range.min_row:
                values[index] = (
                    row[cell_range.min_col - 1] if cell_range.min_col <= len(row) else None
                )
            row.extend([None] * (cell_range.max_col - len(row)))
            for column in range(cell_range.min_col - 1, cell_range.max_col):
                row[column] = values.get(index)
        yield row
