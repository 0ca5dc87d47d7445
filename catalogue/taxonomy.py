"""Load and query the needs taxonomy."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import NeedDomain, NeedTerm
from catalogue.resources import NEEDS_DOMAINS, NEEDS_TAXONOMY


@dataclass(frozen=True)
class LoadReport:
    """How many rows a reference load created and updated."""

    created: int
    updated: int


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(
    session: Session, model: type[Any], key: str, rows: list[dict[str, object]]
) -> LoadReport:
    existing = {getattr(obj, key): obj for obj in session.scalars(select(model))}
    created = updated = 0
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            session.add(model(**row))
            created += 1
        elif any(getattr(obj, name) != value for name, value in row.items()):
            for name, value in row.items():
                setattr(obj, name, value)
            updated += 1
    session.flush()
    return LoadReport(created, updated)


def load_taxonomy(
    session: Session, terms_path: Path = NEEDS_TAXONOMY, domains_path: Path = NEEDS_DOMAINS
) -> LoadReport:
    """Create or update the need domains and terms from the taxonomy files (idempotent)."""
    domains = [
        {"code": r["code"], "label": r["label"], "description": r["description"], "position": i}
        for i, r in enumerate(_read_csv(domains_path))
    ]
    terms = [
        {
            "code": r["code"],
            "domain_code": r["domain"],
            "label": r["label"],
            "examples": r["examples"],
            "datainclusion_thematiques": r["datainclusion_thematiques"].split(),
            "finess_categories": r["finess_categories"].split(),
            "annuaire_pivots": r["annuaire_pivots"].split(),
            "position": i,
        }
        for i, r in enumerate(_read_csv(terms_path))
    ]
    first = _upsert(session, NeedDomain, "code", domains)
    second = _upsert(session, NeedTerm, "code", terms)
    return LoadReport(first.created + second.created, first.updated + second.updated)


def list_domains(session: Session) -> list[NeedDomain]:
    """Return the domains in taxonomy order."""
    return list(session.scalars(select(NeedDomain).order_by(NeedDomain.position)))


def list_needs(session: Session) -> list[NeedTerm]:
    """Return every need in taxonomy order."""
    return list(session.scalars(select(NeedTerm).order_by(NeedTerm.position)))


def need_codes(session: Session) -> set[str]:
    """Return the set of known need codes."""
    return set(session.scalars(select(NeedTerm.code)))


def need_and_domain_codes(session: Session) -> set[str]:
    """Return every need code and every domain code, in one query (what a search accepts)."""
    return set(session.scalars(select(NeedTerm.code).union(select(NeedDomain.code))))


def needs_named(session: Session, codes: Sequence[str]) -> list[NeedTerm]:
    """Return the needs of these codes, in their order; unknown codes are left out."""
    if not codes:
        return []
    found = {
        term.code: term
        for term in session.scalars(select(NeedTerm).where(NeedTerm.code.in_(codes)))
    }
    return [found[code] for code in codes if code in found]
