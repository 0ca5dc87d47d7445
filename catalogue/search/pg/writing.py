"""Writing the search rows: in the caller's transaction, so they commit with the catalogue.

A change replaces the rows of each service it touches and moves the counts of the words and
terms they held; a rebuild replaces everything with DELETE (not TRUNCATE) so that searches
running meanwhile keep reading the previous rows until the rebuild commits.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert

from catalogue.search.analysis import fold_word, stems, words
from catalogue.search.documents import ServiceDocument
from catalogue.search.pg import tables
from catalogue.search.phonetic import phonetic

BATCH = 1000
EXTENSIONS = ("pg_trgm", "fuzzystrmatch", "cube", "earthdistance")
# Rebuilds hold this advisory lock exclusively, writes share it: a write waits for a rebuild to
# commit (never the other way round), and two rebuilds never insert the same rows.
LOCK_KEY = 0x52454C41  # "RELA"
EVERY_DOCUMENT = ""  # the term counted once per row: the number of rows (no lexeme is empty)
MAX_POSITION = 16383  # PostgreSQL keeps positions up to this


def tsvector_literal(analysed: list[str]) -> str:
    """Return the `tsvector` of a text's stems as PostgreSQL reads it: each with its positions."""
    positions: dict[str, list[int]] = {}
    for number, stem in enumerate(analysed, start=1):
        positions.setdefault(stem, []).append(min(number, MAX_POSITION))
    return " ".join(f"{quoted(stem)}:{','.join(map(str, at))}" for stem, at in positions.items())


def quoted(lexeme: str) -> str:
    """Return a lexeme quoted for a `tsvector` or `tsquery` literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def row_of(document: ServiceDocument, analysed: list[str]) -> dict[str, Any]:
    """Return the search row of a document from its text's stems (points apart but the extent)."""
    record = document.stored()
    return {
        "service_id": document.id,
        "terms": tsvector_literal(analysed),
        "codes": sorted({*document.needs, *document.domains}),
        "needs": document.needs,
        "domains": document.domains,
        "status": document.status,
        "suspended_until": document.suspended_until,
        "age_min": document.age_min,
        "age_max": document.age_max,
        "school_levels": document.school_levels,
        "cost": document.cost,
        "capacity": document.capacity,
        "area_communes": document.area_communes,
        "area_departments": document.area_departments,
        "area_epcis": document.area_epcis,
        "area_radius_km": document.area_radius_km,
        "remote": 0 if document.points else 1,
        "latitudes": [latitude for latitude, _ in document.points],
        "longitudes": [longitude for _, longitude in document.points],
        "sort_name": record["sort"],
        "verified": record["ver"],
        "words": sorted(set(words(document.text))),
        "fingerprint": document.fingerprint,
    }


# The extent is made by `ll_to_earth` like the points, so that it holds them exactly.
_EXTENT = text(
    "(SELECT cube(ARRAY[min(cube_ll_coord(e, 1)), min(cube_ll_coord(e, 2)),"
    " min(cube_ll_coord(e, 3))], ARRAY[max(cube_ur_coord(e, 1)), max(cube_ur_coord(e, 2)),"
    " max(cube_ur_coord(e, 3))])"
    " FROM unnest(CAST(:latitudes AS float8[]), CAST(:longitudes AS float8[])) AS t (lat, lon),"
    " ll_to_earth(t.lat, t.lon) AS e HAVING count(*) > 0)"
)
_INSERT_DOCUMENT = insert(tables.documents).values(
    {column.name: bindparam(column.name) for column in tables.documents.columns}
    | {"terms": func.cast(bindparam("terms"), tables.documents.c.terms.type), "extent": _EXTENT}
)
_INSERT_POINT = text(
    "INSERT INTO search_points (service_id, number, position)"
    " VALUES (:service_id, :number, ll_to_earth(:latitude, :longitude))"
)


class PostgresIndex:
    """The search rows of a PostgreSQL database, written on a connection or an engine."""

    def __init__(self, bind: Connection | Engine) -> None:
        self.bind = bind
        self._built = False

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Connection]:
        if isinstance(self.bind, Connection):
            yield self.bind
            return
        with self.bind.begin() as connection:
            yield connection

    def exists(self) -> bool:
        """Tell whether the rows were ever built or written (else they may lag the catalogue)."""
        if not self._built:
            built = select(tables.terms.c.services).where(tables.terms.c.term == EVERY_DOCUMENT)
            with self._connection() as connection:
                self._built = connection.execute(built).first() is not None
        return self._built

    def ensure(self) -> None:
        """Nothing to create: the migration made the tables."""

    def missing_extensions(self) -> list[str]:
        """Return the extensions the backend needs that the database lacks (earthdistance may)."""
        installed = text("SELECT extname FROM pg_extension WHERE extname = ANY(:names)")
        with self._connection() as connection:
            found = set(connection.scalars(installed, {"names": list(EXTENSIONS)}))
        return [name for name in EXTENSIONS if name not in found]

    def write(self, documents: Iterable[ServiceDocument], deleted: Iterable[int]) -> None:
        """Replace the rows of the documents and remove those of deleted services."""
        documents = list(documents)
        ids = sorted({*deleted, *(document.id for document in documents)})
        if not ids:
            return
        with self._connection() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": LOCK_KEY})
            old_words, old_terms = _forget(connection, ids)
            new_words, new_terms = _insert(connection, documents)
            _count(connection, tables.words, new_words - old_words, old_words - new_words)
            _count(connection, tables.terms, new_terms - old_terms, old_terms - new_terms)

    def rebuild(
        self, documents: Iterable[ServiceDocument], progress: Callable[[int], Any] | None = None
    ) -> int:
        """Replace every row from the documents; return how many were written."""
        total = 0
        with self._connection() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            for table in (tables.points, tables.documents, tables.words, tables.terms):
                connection.execute(delete(table))
            all_words: Counter[str] = Counter()
            all_terms: Counter[str] = Counter()
            for batch in _batches(documents):
                found_words, found_terms = _insert(connection, batch)
                all_words.update(found_words)
                all_terms.update(found_terms)
                total += len(batch)
                if progress is not None:
                    progress(len(batch))
            _count(connection, tables.words, all_words, Counter())
            all_terms[EVERY_DOCUMENT] += 0  # the row counting rows exists once built, even at 0
            _count(connection, tables.terms, all_terms, Counter(), keep_zero=True)
            # Every row is new: give the planner their statistics now, not when autovacuum runs.
            connection.execute(text(f"ANALYZE {', '.join(t.name for t in ANALYZED)}"))
        return total

    def document_count(self) -> int:
        """Return how many search rows there are."""
        with self._connection() as connection:
            return int(connection.scalar(select(func.count()).select_from(tables.documents)) or 0)

    def fingerprints(self) -> dict[int, str]:
        """Return the fingerprint of each service's row."""
        query = select(tables.documents.c.service_id, tables.documents.c.fingerprint)
        with self._connection() as connection:
            return {number: print_ for number, print_ in connection.execute(query)}

    def pending_ids(self) -> set[int]:
        """Return nothing: rows are written in the catalogue's transaction, never late."""
        return set()

    def add_pending(self, ids: Iterable[int]) -> None:
        """Nothing to remember (see `pending_ids`)."""

    def clear_pending(self, ids: Iterable[int]) -> None:
        """Nothing to forget (see `pending_ids`)."""


ANALYZED = (tables.documents, tables.points, tables.words, tables.terms)


def _batches(documents: Iterable[ServiceDocument]) -> Iterator[list[ServiceDocument]]:
    batch: list[ServiceDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _forget(connection: Connection, ids: list[int]) -> tuple[Counter[str], Counter[str]]:
    """Delete the rows of services, returning the words and terms they held."""
    table = tables.documents
    removed = connection.execute(
        delete(table)
        .where(table.c.service_id.in_(ids))
        .returning(table.c.words, func.tsvector_to_array(table.c.terms))
    )
    old_words: Counter[str] = Counter()
    old_terms: Counter[str] = Counter()
    for held_words, held_terms in removed:
        old_words.update(held_words)
        old_terms.update([*held_terms, EVERY_DOCUMENT])
    return old_words, old_terms


def _insert(
    connection: Connection, documents: list[ServiceDocument]
) -> tuple[Counter[str], Counter[str]]:
    """Insert the rows of documents, returning the words and terms they hold."""
    if not documents:
        return Counter(), Counter()
    analysed = [stems(document.text) for document in documents]  # the analysis, once
    rows = [row_of(document, found) for document, found in zip(documents, analysed, strict=True)]
    connection.execute(_INSERT_DOCUMENT, rows)
    points = [
        {"service_id": document.id, "number": number, "latitude": lat, "longitude": lon}
        for document in documents
        for number, (lat, lon) in enumerate(document.points)
    ]
    if points:
        connection.execute(_INSERT_POINT, points)
    found_words = Counter(word for row in rows for word in row["words"])
    found_terms = Counter(stem for found in analysed for stem in [*set(found), EVERY_DOCUMENT])
    return found_words, found_terms


def _count(
    connection: Connection,
    table: Any,
    added: Counter[str],
    removed: Counter[str],
    keep_zero: bool = False,
) -> None:
    """Move the service counts of words or terms (in key order, so writers never deadlock)."""
    key = table.c.word if table is tables.words else table.c.term
    changes = {name: added[name] - removed[name] for name in {*added, *removed}}
    rows = [
        _count_row(table, name, change)
        for name, change in sorted(changes.items())
        if change or keep_zero
    ]
    for start in range(0, len(rows), BATCH):
        upsert = insert(table).values(rows[start : start + BATCH])
        connection.execute(
            upsert.on_conflict_do_update(
                index_elements=[key],
                set_={"services": table.c.services + upsert.excluded.services},
            )
        )


def _count_row(table: Any, name: str, change: int) -> dict[str, Any]:
    if table is tables.terms:
        return {"term": name, "services": change}
    folded = fold_word(name)
    return {"word": name, "folded": folded, "sound": phonetic(folded), "services": change}
