"""The search rows: one per service, its points, and the words and terms the catalogue holds.

They have their own metadata: they exist on PostgreSQL only (migration 0014), beside the models.
Text is analysed in Python by the same French analyser as the embedded index (accents folded,
Snowball French stems, acronyms kept whole), so both backends read a word the same way and no
`unaccent` is needed in an index expression.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.types import UserDefinedType

metadata = MetaData()


class Cube(UserDefinedType[object]):
    """The `cube` extension's type: a point on the earth as `ll_to_earth` gives it."""

    cache_ok = True

    def get_col_spec(self, **_kw: object) -> str:
        """Return the SQL name of the type."""
        return "cube"


ischema_names["cube"] = Cube  # so that reflecting the points' table knows the type

documents = Table(
    "search_documents",
    metadata,
    Column("service_id", Integer, primary_key=True),
    Column("terms", TSVECTOR, nullable=False),
    Column("codes", ARRAY(Text), nullable=False),  # needs and domains
    Column("needs", ARRAY(Text), nullable=False),
    Column("domains", ARRAY(Text), nullable=False),
    Column("status", String(20), nullable=False),
    Column("suspended_until", String(10), nullable=False),
    Column("age_min", Integer),
    Column("age_max", Integer),
    Column("school_levels", ARRAY(Text), nullable=False),
    Column("cost", String(20), nullable=False),
    Column("capacity", String(20), nullable=False),
    Column("area_communes", ARRAY(Text), nullable=False),
    Column("area_departments", ARRAY(Text), nullable=False),
    Column("area_epcis", ARRAY(Text), nullable=False),
    Column("area_radius_km", Double),
    Column("remote", Integer, nullable=False),  # 1 when the service has no point
    Column("extent", Cube),  # the box of its points (one point: the point), none when remote
    Column("sort_name", Text, nullable=False),
    Column("verified", Integer, nullable=False),  # ordinal of the last verification, 0 if never
    Column("words", ARRAY(Text), nullable=False),
    Column("fingerprint", String(20), nullable=False),
    Index("ix_search_documents_terms", "terms", postgresql_using="gin"),
    Index("ix_search_documents_codes", "codes", postgresql_using="gin"),
    Index("ix_search_documents_remote", "service_id", postgresql_where=text("remote = 1")),
    Index("ix_search_documents_extent", "extent", postgresql_using="gist"),
)

points = Table(
    "search_points",
    metadata,
    Column(
        "service_id",
        Integer,
        ForeignKey(
            "search_documents.service_id", name="search_points_service_id_fkey", ondelete="CASCADE"
        ),
        primary_key=True,
    ),
    Column("number", Integer, primary_key=True),
    Column("position", Cube, nullable=False),
)

words = Table(
    "search_words",
    metadata,
    Column("word", Text, primary_key=True),
    Column("folded", Text, nullable=False),
    Column("sound", Text, nullable=False),
    Column("services", Integer, nullable=False),
    Index("ix_search_words_sound", "sound"),
    Index(
        "ix_search_words_trigrams",
        "sound",
        postgresql_using="gist",
        postgresql_ops={"sound": "gist_trgm_ops"},
    ),
    Index("ix_search_words_folded", "folded", postgresql_ops={"folded": "text_pattern_ops"}),
)

terms = Table(
    "search_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("services", Integer, nullable=False),
)
