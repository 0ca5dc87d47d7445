"""proconnect identity linked to an account

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proconnect_sub", sa.String(length=255), nullable=True))
        batch_op.create_index("ix_users_proconnect_sub", ["proconnect_sub"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_proconnect_sub")
        batch_op.drop_column("proconnect_sub")
