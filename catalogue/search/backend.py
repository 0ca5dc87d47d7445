"""What a search backend answers: a `SearchQuery`, with the same contract on every backend.

Two backends exist: the embedded Whoosh index (one host's data dir, the default) and the
PostgreSQL search rows (`catalogue.search.pg`, any number of hosts on one database).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from catalogue.search.documents import ServiceDocument
from catalogue.search.engine import SearchQuery, SearchResults, search
from catalogue.search.index import SearchIndex

BACKENDS = ("whoosh", "postgresql")


class SearchBackend(Protocol):
    """Answers queries."""

    name: str

    def search(self, query: SearchQuery) -> SearchResults:
        """Return one page of hits."""


class Index(Protocol):
    """Holds the searchable documents: rebuilt, written, compared with the database."""

    def exists(self) -> bool:
        """Tell whether the index is in place."""

    def ensure(self) -> None:
        """Create an empty index when none exists."""

    def write(self, documents: Iterable[ServiceDocument], deleted: Iterable[int]) -> None:
        """Replace documents and remove deleted services."""

    def rebuild(
        self, documents: Iterable[ServiceDocument], progress: Callable[[int], Any] | None = None
    ) -> int:
        """Replace every document; return how many were written."""

    def document_count(self) -> int:
        """Return how many documents the index holds."""

    def fingerprints(self) -> dict[int, str]:
        """Return the fingerprint of each document."""

    def pending_ids(self) -> set[int]:
        """Return the services whose write failed and waits."""

    def add_pending(self, ids: Iterable[int]) -> None:
        """Remember services whose write failed."""

    def clear_pending(self, ids: Iterable[int]) -> None:
        """Forget services written since."""


@dataclass
class WhooshBackend:
    """Search in the embedded index of this host's data dir."""

    index: SearchIndex
    name = "whoosh"

    def search(self, query: SearchQuery) -> SearchResults:
        """Return one page of hits."""
        return search(self.index, query)
