"""The PostgreSQL search backend: answers `SearchQuery` from the search rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from catalogue.search.engine import SearchQuery, SearchResults
from catalogue.search.pg.querying import run


@dataclass
class PostgresBackend:
    """Search on a PostgreSQL connection (the request's own, so it sees its transaction)."""

    connection: Connection
    name = "postgresql"

    def search(self, query: SearchQuery) -> SearchResults:
        """Return one page of hits."""
        return run(self.connection, query)
