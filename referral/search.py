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

from catalogue.models import Organisation, Place, Service
from catalogue.search import SearchIndex, ServiceDocument, document_for
from referral import database

EXTENSION = "relais.search"
COLLECTED = "search.services"
DELETED = "search.deleted"
DOCUMENTS = "search.documents"
log = logging.getLogger(__name__)


class IndexSync:
    """Collect changed services per session and write them to the index after commit."""

    def __init__(self, index: SearchIndex, attempts: int = 2) -> None:
        self.index = index
        self.attempts = attempts
        self.backlog: dict[int, ServiceDocument | None] = {}

    def after_flush(self, session: Session, _context: Any) -> None:
        """Note the services, organisations and places the flush touched (no loading here)."""
        touched: set[Any] = session.info.setdefault(COLLECTED, set())
        deleted: set[int] = session.info.setdefault(DELETED, set())
        for obj in session.new:
            if isinstance(obj, Service):
                touched.add(obj)
        for obj in session.dirty:
            if isinstance(obj, Service | Organisation | Place):
                touched.add(obj)
        for obj in session.deleted:
            if isinstance(obj, Service) and obj.id is not None:
                deleted.add(obj.id)
                touched.discard(obj)

    def after_flush_postexec(self, session: Session, _context: Any) -> None:
        """Build the documents now, while the session can still load relationships."""
        documents: dict[int, ServiceDocument] = session.info.setdefault(DOCUMENTS, {})
        services: set[Service] = set()
        for obj in session.info.pop(COLLECTED, set()):
            services.update([obj] if isinstance(obj, Service) else obj.services)
        wanted = [
            s for s in services if s.id is not None and s.id not in session.info.get(DELETED, ())
        ]
        _preload(session, wanted)
        for service in wanted:
            documents[service.id] = document_for(service)

    def after_commit(self, session: Session) -> None:
        """Write what the transaction changed (an empty transaction writes nothing)."""
        documents = session.info.pop(DOCUMENTS, {})
        deleted = session.info.pop(DELETED, set())
        changes: dict[int, ServiceDocument | None] = {**self.backlog, **documents}
        changes.update(dict.fromkeys(deleted))
        if changes:
            self.apply(changes)

    def after_soft_rollback(self, session: Session, _previous: Any) -> None:
        """Forget what a rolled-back transaction collected."""
        if not session.in_transaction():
            for key in (COLLECTED, DELETED, DOCUMENTS):
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


def _preload(session: Session, services: list[Service], batch: int = 500) -> None:
    """Load the organisations, places and needs of many services in a few queries, not 3 each."""
    ids = [service.id for service in services]
    with session.no_autoflush:
        for start in range(0, len(ids), batch):
            session.scalars(
                _loaded(select(Service).where(Service.id.in_(ids[start : start + batch])))
            ).all()


def init_app(app: Flask) -> None:
    """Open the search index for this app and keep it in sync with the database."""
    app.config.setdefault("SEARCH_ENABLED", True)
    app.config.setdefault("SEARCH_LOCK_TIMEOUT", 2.0)
    extra = Path(app.config["DATA_DIR"]) / "synonyms.txt"
    index = SearchIndex(
        Path(app.config["INDEX_DIR"]),
        synonyms_file=extra,
        lock_timeout=app.config["SEARCH_LOCK_TIMEOUT"],
    )
    sync = IndexSync(index)
    app.extensions[EXTENSION] = sync
    if not app.config["SEARCH_ENABLED"]:
        return
    maker = database.get_database(app).sessionmaker
    event.listen(maker, "after_flush", sync.after_flush)
    event.listen(maker, "after_flush_postexec", sync.after_flush_postexec)
    event.listen(maker, "after_commit", sync.after_commit)
    event.listen(maker, "after_soft_rollback", sync.after_soft_rollback)


def get_sync(app: Flask | None = None) -> IndexSync:
    """Return the app's index synchroniser."""
    return (app or current_app).extensions[EXTENSION]


def get_index(app: Flask | None = None) -> SearchIndex:
    """Return the app's search index."""
    return get_sync(app).index


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
    found = {
        service.id: document_for(service)
        for service in session.scalars(_loaded(select(Service).where(Service.id.in_(wanted))))
    }
    return {number: found.get(number) for number in wanted}


def drift(session: Session, index: SearchIndex) -> list[int]:
    """Return the ids whose index entry is missing, stale, or left over, plus pending ones."""
    indexed = index.fingerprints()
    wrong: set[int] = set(index.pending_ids())
    for document in all_documents(session):
        if indexed.pop(document.id, None) != document.fingerprint:
            wrong.add(document.id)
    return sorted(wrong | indexed.keys())
