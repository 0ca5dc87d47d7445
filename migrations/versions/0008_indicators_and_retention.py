"""indicators and retention

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "anonymous_pathways",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("pathway_id", sa.Integer(), nullable=True),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["pathways.id"],
            name=op.f("fk_anonymous_pathways_pathway_id_pathways"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_anonymous_pathways_programme_id_programmes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymous_pathways")),
        sa.UniqueConstraint("pathway_id", name=op.f("uq_anonymous_pathways_pathway_id")),
    )
    op.create_index(
        op.f("ix_anonymous_pathways_programme_id"), "anonymous_pathways", ["programme_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_anonymous_pathways_programme_id"), table_name="anonymous_pathways")
    op.drop_table("anonymous_pathways")
