"""CSV writers whose cells a spreadsheet never runs as formulas (OWASP "CSV injection").

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with an
apostrophe, so the spreadsheet shows it as text. Numbers, and text that is only a number
("-4,5"), are left as they are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def neutralise(value: Any) -> Any:
    """Return a cell value that a spreadsheet reads as text, never as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` with every cell neutralised."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row."""
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write several rows."""
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg,unused-ignore]
    """`csv.DictWriter` with every cell neutralised (the header is ours, written as is)."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        """Write one row."""
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        """Write several rows."""
        for row in rowdicts:
            self.writerow(row)
