"""importers: import runs and possible duplicates

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=30), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_import_runs_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    op.create_index(op.f("ix_import_runs_actor_id"), "import_runs", ["actor_id"], unique=False)
    op.create_table(
        "duplicate_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"], ["users.id"], name=op.f("fk_duplicate_flags_resolved_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_flags")),
    )
    op.create_index(
        "ix_duplicate_flags_pair", "duplicate_flags", ["kind", "first_id", "second_id"], unique=True
    )
    op.create_index(op.f("ix_duplicate_flags_status"), "duplicate_flags", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_duplicate_flags_status"), table_name="duplicate_flags")
    op.drop_index("ix_duplicate_flags_pair", table_name="duplicate_flags")
    op.drop_table("duplicate_flags")
    op.drop_index(op.f("ix_import_runs_actor_id"), table_name="import_runs")
    op.drop_table("import_runs")
