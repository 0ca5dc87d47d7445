"""import uploads: the files previewed in the browser, kept in the database until confirmed

Revision ID: 0015
Revises: 0014

Until now a previewed upload waited in `<data dir>/imports/` of the host that previewed it, so a
confirmation reaching another host answered 404. The files now wait in the database (a day at
most); a `<data dir>/imports/` folder left by an earlier version can be deleted.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("format", sa.String(length=30), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("extra_filename", sa.String(length=300), nullable=True),
        sa.Column("extra_content", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"],
            name=op.f("fk_import_uploads_uploaded_by_id_users"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_uploads")),
        sa.UniqueConstraint("token", name=op.f("uq_import_uploads_token")),
    )  # fmt: skip
    with op.batch_alter_table("import_uploads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_uploads_uploaded_by_id"), ["uploaded_by_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("import_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_uploads_uploaded_by_id"))
    op.drop_table("import_uploads")
