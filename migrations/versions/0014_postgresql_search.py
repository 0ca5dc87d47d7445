"""postgresql search: the search rows of the PostgreSQL search backend

Revision ID: 0014
Revises: 0013

On PostgreSQL only (SQLite keeps the embedded Whoosh index): the extensions the backend needs,
all shipped with PostgreSQL's contrib, and one search row per service with its points, the
catalogue's words (typo tolerance) and terms. pg_trgm, fuzzystrmatch and cube are trusted (a
database owner creates them); earthdistance is not: an owner without superuser rights gets a
warning and the upgrade goes on, and the PostgreSQL search backend asks for it when chosen. The
rows stay empty until `RELAIS_SEARCH_BACKEND=postgresql`, then `relais search reindex` fills
them once and each catalogue change keeps them current in its own transaction.
"""

import logging

import sqlalchemy as sa
from alembic import op
from psycopg import errors
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TRUSTED = ("pg_trgm", "fuzzystrmatch", "cube")
UNTRUSTED = "earthdistance"
TEXTS = postgresql.ARRAY(sa.Text())


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in TRUSTED:
        op.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
    _earthdistance()
    _documents()
    op.execute(
        "CREATE TABLE search_points (service_id integer NOT NULL REFERENCES search_documents"
        " (service_id) ON DELETE CASCADE, number integer NOT NULL, position cube NOT NULL,"
        " CONSTRAINT pk_search_points PRIMARY KEY (service_id, number))"
    )
    op.create_table(
        "search_words",
        sa.Column("word", sa.Text(), primary_key=True),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.Column("sound", sa.Text(), nullable=False),
        sa.Column("services", sa.Integer(), nullable=False),
    )
    op.execute("CREATE INDEX ix_search_words_sound ON search_words (sound)")
    op.execute(
        "CREATE INDEX ix_search_words_trigrams ON search_words USING gist (sound gist_trgm_ops)"
    )
    op.execute("CREATE INDEX ix_search_words_folded ON search_words (folded text_pattern_ops)")
    op.create_table(
        "search_terms",
        sa.Column("term", sa.Text(), primary_key=True),
        sa.Column("services", sa.Integer(), nullable=False),
    )


def _earthdistance() -> None:
    """Create earthdistance when this role may; otherwise say who must (a superuser)."""
    connection = op.get_bind()
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS {UNTRUSTED}")
    except sa.exc.ProgrammingError as error:
        if not isinstance(error.orig, errors.InsufficientPrivilege):
            raise
        logging.getLogger("alembic").warning(
            "Extension earthdistance non créée (droits insuffisants) : elle ne sert qu'à la "
            "recherche PostgreSQL (RELAIS_SEARCH_BACKEND=postgresql) ; un superutilisateur la "
            "crée avec « CREATE EXTENSION IF NOT EXISTS earthdistance; »."
        )


def _documents() -> None:
    op.create_table(
        "search_documents",
        sa.Column("service_id", sa.Integer(), primary_key=True),
        sa.Column("terms", postgresql.TSVECTOR(), nullable=False),
        sa.Column("codes", TEXTS, nullable=False),
        sa.Column("needs", TEXTS, nullable=False),
        sa.Column("domains", TEXTS, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("suspended_until", sa.String(10), nullable=False),
        sa.Column("age_min", sa.Integer()),
        sa.Column("age_max", sa.Integer()),
        sa.Column("school_levels", TEXTS, nullable=False),
        sa.Column("cost", sa.String(20), nullable=False),
        sa.Column("capacity", sa.String(20), nullable=False),
        sa.Column("area_communes", TEXTS, nullable=False),
        sa.Column("area_departments", TEXTS, nullable=False),
        sa.Column("area_epcis", TEXTS, nullable=False),
        sa.Column("area_radius_km", sa.Double()),
        sa.Column("remote", sa.Integer(), nullable=False),
        sa.Column("sort_name", sa.Text(), nullable=False),
        sa.Column("verified", sa.Integer(), nullable=False),
        sa.Column("words", TEXTS, nullable=False),
        sa.Column("fingerprint", sa.String(20), nullable=False),
    )
    op.execute("CREATE INDEX ix_search_documents_terms ON search_documents USING gin (terms)")
    op.execute("CREATE INDEX ix_search_documents_codes ON search_documents USING gin (codes)")
    op.execute(
        "CREATE INDEX ix_search_documents_remote ON search_documents (service_id) WHERE remote = 1"
    )
    # The box of the service's points (one point: the point itself; none when remote), the
    # geographic index of the search: the planner ANDs it with the GIN indexes of the filters.
    op.execute("ALTER TABLE search_documents ADD COLUMN extent cube")
    op.execute("CREATE INDEX ix_search_documents_extent ON search_documents USING gist (extent)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("search_terms", "search_words", "search_points", "search_documents"):
        op.drop_table(table)
