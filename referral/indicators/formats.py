"""A report as CSV (one line per cell, for a spreadsheet) or as JSON."""

from __future__ import annotations

import io
import json

from catalogue.csvsafe import SafeWriter
from referral.indicators.tables import Report

CSV_HEADER = ["indicateur", "ligne", "colonne", "valeur"]


def to_csv(report: Report) -> str:
    """Return the report as semicolon-separated CSV: figures first, then every table cell."""
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=";", lineterminator="\n")
    writer.writerow(["programme", report.programme_name, "période", f"{report.start}/{report.end}"])
    writer.writerow(CSV_HEADER)
    for figure in report.figures:
        writer.writerow([figure.label, "", figure.unit, figure.exported()])
    for table in report.tables:
        for row in table.all_rows():
            for key, label in table.columns:
                writer.writerow([table.title, row.label, label, table.exported(row, key)])
    return out.getvalue()


def to_json(report: Report) -> str:
    """Return the report as indented JSON."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
