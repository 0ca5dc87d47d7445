"""The PostgreSQL search backend: the catalogue's search rows in the database itself.

Several application hosts share one PostgreSQL database and so one search truth; the rows are
written in the transaction that changes the catalogue (see `writing`), read by `querying`.
"""

from catalogue.search.pg.backend import PostgresBackend
from catalogue.search.pg.writing import PostgresIndex

__all__ = ["PostgresBackend", "PostgresIndex"]
