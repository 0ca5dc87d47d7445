"""search: the geocoding cache

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "geocoding_cache",
        sa.Column("address_hash", sa.String(length=64), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("commune_insee", sa.String(length=5), nullable=True),
        sa.Column("precision", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("address_hash", name=op.f("pk_geocoding_cache")),
    )
    op.create_index(
        op.f("ix_geocoding_cache_expires_at"), "geocoding_cache", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_geocoding_cache_expires_at"), table_name="geocoding_cache")
    op.drop_table("geocoding_cache")
