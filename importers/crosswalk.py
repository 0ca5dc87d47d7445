"""Needs from other vocabularies, through the taxonomy's crosswalk columns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy.orm import Session

from catalogue.taxonomy import list_needs


class Crosswalk:
    """Maps data·inclusion thématiques, FINESS categories and service-public pivots to needs."""

    def __init__(self, session: Session) -> None:
        self.codes: set[str] = set()
        self.thematiques: dict[str, list[str]] = defaultdict(list)
        self.finess: dict[str, list[str]] = defaultdict(list)
        self.pivots: dict[str, list[str]] = defaultdict(list)
        for term in list_needs(session):
            self.codes.add(term.code)
            for value in term.datainclusion_thematiques:
                self.thematiques[value].append(term.code)
            for value in term.finess_categories:
                self.finess[str(value)].append(term.code)
            for value in term.annuaire_pivots:
                self.pivots[value].append(term.code)

    @staticmethod
    def _map(table: dict[str, list[str]], values: Iterable[str]) -> tuple[list[str], list[str]]:
        needs: list[str] = []
        unmapped: list[str] = []
        for value in values:
            found = table.get(value)
            if found:
                needs += [code for code in found if code not in needs]
            elif value not in unmapped:
                unmapped.append(value)
        return needs, unmapped

    def from_thematiques(self, values: Iterable[str]) -> tuple[list[str], list[str]]:
        """Return the needs of data·inclusion thématiques, and those that map to none."""
        return self._map(self.thematiques, values)

    def from_finess(self, category: str) -> list[str]:
        """Return the needs of a FINESS category (empty when it is out of scope)."""
        return list(self.finess.get(category, []))

    def from_pivots(self, values: Iterable[str]) -> tuple[list[str], list[str]]:
        """Return the needs of service-public.fr pivots, and those that map to none."""
        return self._map(self.pivots, values)

    def split_codes(self, values: Iterable[str]) -> tuple[list[str], list[str]]:
        """Split values into known need codes and the rest (kept as keywords)."""
        needs: list[str] = []
        rest: list[str] = []
        for value in values:
            (needs if value in self.codes else rest).append(value)
        return list(dict.fromkeys(needs)), list(dict.fromkeys(rest))
