"""The shipped vocabulary file (`catalogue/data/vocabulary.csv`): its lines and its acronyms.

Kept apart from the vocabulary's lookups so that the text analysis can know the acronyms
without importing what is built on it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from catalogue.resources import DATA_DIR

VOCABULARY = DATA_DIR / "vocabulary.csv"
KINDS = ("besoin", "sigle", "synonyme", "generique")


@dataclass(frozen=True)
class Entry:
    """One line of the vocabulary: a form and what it points to (a need, or an equal form)."""

    kind: str
    target: str
    entry: str
    source: str = ""


def is_acronym(form: str) -> bool:
    """Tell whether a form is written as an acronym (capitals, maybe digits, one word)."""
    bare = form.strip()
    return len(bare) >= 2 and bare.isalnum() and bare.upper() == bare and not bare.isdigit()


def read_entries(path: Path = VOCABULARY) -> list[Entry]:
    """Read the vocabulary file (CSV with `kind,target,entry,source`, `#` lines are comments)."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [
        Entry(row["kind"], row["target"].strip(), row["entry"].strip(), row.get("source") or "")
        for row in csv.DictReader(lines)
        if row["kind"] in KINDS and row["entry"].strip()
    ]


def acronyms_of(entries: list[Entry]) -> frozenset[str]:
    """Return the casefolded acronyms named by entries (as an entry, or the target of a sigle)."""
    return frozenset(
        form.casefold()
        for e in entries
        for form in (e.entry, e.target if e.kind == "sigle" else "")
        if is_acronym(form)
    )


@lru_cache(maxsize=1)
def shipped_acronyms() -> frozenset[str]:
    """Return the acronyms of the shipped file, casefolded (the index knows these)."""
    return acronyms_of(read_entries())
