"""Wiring of the catalogue's search index into the application: one index, kept in sync.

Documents are collected after each flush, written once after the commit, and discarded on
rollback (STYLE rule 9). A locked or failed write never undoes the database change: it is
retried, logged, remembered in the index's pending-ids file, and `relais search check` finds it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import NeedTerm, Organisation, Place, Service
from catalogue.models.service import service_needs, service_places
from catalogue.search import SearchIndex, ServiceDocument, document_for
from catalogue.search.backend import Index, SearchBackend, WhooshBackend
from catalogue.search.pg import PostgresBackend, PostgresIndex
from referral import database

EXTENSION = "relais.search"
COLLECTED = "search.services"
DOCUMENTS = "search.documents"
BATCH = 500
log = logging.getLogger(__name__)


class IndexSync:
    """Collect changed services per session and write them to the index after commit.

    A flush only notes ids; the documents are built once, just before the outermost commit,
    from what the database then holds (so rolled-back savepoints need no bookkeeping: a service
    that no longer exists becomes a deletion).
    """

    def __init__(self, index: Index, attempts: int = 2) -> None:
        self.index = index
        self.attempts = attempts
        self.backlog: dict[int, ServiceDocument | None] = {}

    def after_flush(self, session: Session, _context: Any) -> None:
        """Note the ids of the services, organisations and places the flush touched."""
        noted: dict[type, set[Any]] = session.info.setdefault(COLLECTED, {})
        for obj in [*session.new, *session.dirty, *session.deleted]:
            kind = type(obj)
            if kind in (Service, Organisation, Place) and obj.id is not None:
                noted.setdefault(kind, set()).add(obj.id)
            elif kind is NeedTerm and obj in session.dirty:
                noted.setdefault(kind, set()).add(obj.code)

    def before_commit(self, session: Session) -> None:
        """Build the documents of everything noted, in a few batched queries."""
        if session.in_nested_transaction():
            return
        session.flush()
        if not session.info.get(COLLECTED):
            return
        noted = session.info.pop(COLLECTED, {})
        ids = set(noted.get(Service, ()))
        ids.update(_services_of(session, Service.organisation_id, noted.get(Organisation, ())))
        ids.update(_services_of(session, service_places.c.place_id, noted.get(Place, ())))
        ids.update(_services_of(session, service_needs.c.need_code, noted.get(NeedTerm, ())))
        documents: dict[int, ServiceDocument | None] = session.info.setdefault(DOCUMENTS, {})
        documents.update(documents_for_ids(session, ids))

    def after_commit(self, session: Session) -> None:
        """Write what the transaction changed (an empty transaction writes nothing)."""
        documents = session.info.pop(DOCUMENTS, {})
        changes: dict[int, ServiceDocument | None] = {**self.backlog, **documents}
        if changes:
            self.apply(changes)

    def after_soft_rollback(self, session: Session, _previous: Any) -> None:
        """Forget what a rolled-back transaction collected."""
        if not session.in_transaction():
            for key in (COLLECTED, DOCUMENTS):
                session.info.pop(key, None)

    def apply(self, changes: dict[int, ServiceDocument | None]) -> bool:
        """Write documents and deletions, retrying; on failure keep and report them."""
        documents = [doc for doc in changes.values() if doc is not None]
        deleted = [number for number, doc in changes.items() if doc is None]
        for attempt in range(1, self.attempts + 1):
            try:
                self.index.write(documents, deleted)
            except Exception as error:  # any index failure must leave the database change intact
                log.warning("Écriture de l'index échouée (essai %d) : %s", attempt, error)
                continue
            self.backlog.clear()
            if self.index.pending_ids() & changes.keys():
                self.index.clear_pending(changes)
            return True
        self.backlog.update(changes)
        log.error("Index de recherche en retard pour les services %s", sorted(changes))
        try:
            self.index.add_pending(changes)
        except OSError as error:
            log.error("Impossible de noter les services en attente d'indexation : %s", error)
        return False


class RowSync(IndexSync):
    """Write the PostgreSQL search rows inside the transaction, just before it commits.

    A rollback takes them back with the catalogue change: there is never a backlog.
    """

    def before_commit(self, session: Session) -> None:
        """Build the documents of everything noted and write them on the session's connection."""
        super().before_commit(session)
        if session.in_nested_transaction():
            return
        changes = session.info.pop(DOCUMENTS, {})
        if changes:
            documents = [doc for doc in changes.values() if doc is not None]
            deleted = [number for number, doc in changes.items() if doc is None]
            PostgresIndex(session.connection()).write(documents, deleted)

    def after_commit(self, session: Session) -> None:
        """Nothing left to write: the rows committed with the transaction."""
        session.info.pop(DOCUMENTS, None)


def _services_of(session: Session, column: Any, keys: Iterable[Any]) -> set[int]:
    """Return the ids of the services linked to organisations, places or needs by a column."""
    wanted = sorted(keys)
    if not wanted:
        return set()
    source = column.table
    key = Service.id if source is Service.__table__ else source.c.service_id
    found: set[int] = set()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(session.scalars(select(key).select_from(source).where(column.in_(chunk))))
    return found


def init_app(app: Flask) -> None:
    """Open the app's search backend and keep it in sync with the database."""
    app.config.setdefault("SEARCH_ENABLED", True)
    app.config.setdefault("SEARCH_LOCK_TIMEOUT", 2.0)
    app.config.setdefault("SEARCH_BACKEND", "whoosh")
    sync: IndexSync
    if app.config["SEARCH_BACKEND"] == "postgresql":
        sync = RowSync(PostgresIndex(database.get_database(app).engine))
    else:
        root = Path(app.config["INDEX_DIR"])
        sync = IndexSync(SearchIndex(root, lock_timeout=app.config["SEARCH_LOCK_TIMEOUT"]))
    app.extensions[EXTENSION] = sync
    if not app.config["SEARCH_ENABLED"]:
        return
    maker = database.get_database(app).sessionmaker
    listen(maker, sync)


def listen(maker: Any, sync: IndexSync) -> None:
    """Attach a synchroniser to a session factory."""
    for name in ("after_flush", "before_commit", "after_commit", "after_soft_rollback"):
        event.listen(maker, name, getattr(sync, name))


def get_sync(app: Flask | None = None) -> IndexSync:
    """Return the app's index synchroniser."""
    return (app or current_app).extensions[EXTENSION]


def get_index(app: Flask | None = None) -> Index:
    """Return the app's search index (the Whoosh folder or the PostgreSQL search rows)."""
    return get_sync(app).index


def missing_extensions(app: Flask | None = None) -> str | None:
    """Return, in French, what the PostgreSQL search backend lacks in the database, if anything."""
    index = get_index(app)
    missing = index.missing_extensions() if isinstance(index, PostgresIndex) else []
    if not missing:
        return None
    names = ", ".join(missing)
    return (
        f"La recherche PostgreSQL demande l'extension {names} : un superutilisateur la crée avec "
        f"« CREATE EXTENSION IF NOT EXISTS {missing[0]} CASCADE; » dans la base de Relais."
    )


def get_backend(session: Session, app: Flask | None = None) -> SearchBackend:
    """Return the app's search backend; PostgreSQL's reads on the session's own connection."""
    index = get_index(app)
    if isinstance(index, SearchIndex):
        return WhooshBackend(index)
    return PostgresBackend(session.connection())


def _loaded(query: Any) -> Any:
    return query.options(
        selectinload(Service.organisation),
        selectinload(Service.places),
        selectinload(Service.needs),
    )


def count_services(session: Session) -> int:
    """Return how many services the database holds."""
    return session.scalar(select(func.count()).select_from(Service)) or 0


def all_documents(
    session: Session, batch: int = 1000, expunge: bool = True
) -> Iterator[ServiceDocument]:
    """Yield the document of every service, reading the database in batches.

    With `expunge`, each batch leaves the session afterwards so that memory stays flat: give it
    a session of its own.
    """
    last = 0
    while True:
        chunk = list(
            session.scalars(
                _loaded(select(Service).where(Service.id > last).order_by(Service.id).limit(batch))
            )
        )
        if not chunk:
            return
        yield from (document_for(service) for service in chunk)
        last = chunk[-1].id
        if expunge:
            # Places may be shared by several services of the batch: expunge each once.
            done = {*chunk, *(place for service in chunk for place in service.places)}
            for obj in done:
                if obj in session:
                    session.expunge(obj)


def documents_for_ids(session: Session, ids: Iterable[int]) -> dict[int, ServiceDocument | None]:
    """Return the current document of each id, or None for services that no longer exist."""
    wanted = sorted(set(ids))
    found: dict[int, ServiceDocument] = {}
    with session.no_autoflush:
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start : start + BATCH]
            query = _loaded(select(Service).where(Service.id.in_(chunk)))
            found.update((service.id, document_for(service)) for service in session.scalars(query))
    return {number: found.get(number) for number in wanted}


def drift(session: Session, index: Index) -> list[int]:
    """Return the ids whose index entry is missing, stale, or left over, plus pending ones."""
    indexed = index.fingerprints()
    wrong: set[int] = set(index.pending_ids())
    for document in all_documents(session):
        if indexed.pop(document.id, None) != document.fingerprint:
            wrong.add(document.id)
    return sorted(wrong | indexed.keys())
