"""The report of an import: counts, and what happened to each record."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from importers.records import Record

OUTCOME_LABELS = {
    "created": "créé",
    "updated": "mis à jour",
    "unchanged": "inchangé",
    "rejected": "refusé",
    "skipped": "écarté",
}


@dataclass
class RecordOutcome:
    """What happened to one record."""

    source_id: str
    line: int | str
    outcome: str
    messages: list[str]


@dataclass
class Report:
    """Counts and per-record outcomes of one import (the same for a dry run)."""

    format: str
    dry_run: bool = False
    applied: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: int = 0
    skipped: int = 0
    conflicts: int = 0
    duplicates: int = 0
    records: list[RecordOutcome] = field(default_factory=list)

    def add(self, record: Record, outcome: str) -> None:
        """Count a record's outcome, warnings and conflicts, and keep its messages."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.warnings += len(record.warnings)
        self.conflicts += len(record.conflicts)
        messages = [str(problem) for problem in record.rejections]
        if record.skipped:
            messages.append(record.skipped)
        messages += [f"avertissement — {problem}" for problem in record.warnings]
        messages += [
            f"conflit — {name} : modifié à la main dans Relais, conservé"
            for name in record.conflicts
        ]
        self.records.append(RecordOutcome(record.source_id, record.line, outcome, messages))

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-friendly values."""
        return asdict(self)

    def write(self, path: Path) -> None:
        """Write the report as JSON."""
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")

    def summary(self) -> str:
        """Return a short French summary."""
        if self.dry_run:
            state = "Essai à blanc : rien n'a été enregistré."
        elif self.applied:
            state = "Import enregistré."
        else:
            state = "Import refusé : rien n'a été enregistré (des enregistrements sont refusés)."
        return (
            f"{state} Créés : {self.created}, mis à jour : {self.updated}, "
            f"inchangés : {self.unchanged}, refusés : {self.rejected}, "
            f"avertissements : {self.warnings}, écartés : {self.skipped}, "
            f"conflits : {self.conflicts}, doublons possibles : {self.duplicates}."
        )

    def problems(self) -> list[RecordOutcome]:
        """Return the records that carry a message, rejected first."""
        order = {"rejected": 0, "skipped": 2}
        noted = [item for item in self.records if item.messages]
        return sorted(noted, key=lambda item: order.get(item.outcome, 1))
