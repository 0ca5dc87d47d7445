"""staff belong to one programme

Revision ID: 0013
Revises: 0012

Until now a staff member reached the programmes their organisation carries, which went wrong
when one organisation carries two programmes. Each coordinator, référent, EPS member, funder
and DPO now names their programme; the backfill keeps today's rule where it was unambiguous
(the organisation carries exactly one programme). Admins and partners stay without one; staff of
an organisation carrying several wait for `relais users programme EMAIL PROGRAMME_ID`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

STAFF_ROLES = ("coordinator", "referent", "eps_member", "funder", "dpo")


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("programme_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_users_programme_id", ["programme_id"], unique=False)
        batch_op.create_foreign_key(
            op.f("fk_users_programme_id_programmes"), "programmes", ["programme_id"], ["id"]
        )
    _backfill()


def _backfill() -> None:
    """Link each staff member to the one programme their organisation carries, if only one."""
    connection = op.get_bind()
    carried: dict[int, list[int]] = {}
    for programme_id, organisation_id in connection.execute(
        sa.text("SELECT id, organisation_id FROM programmes ORDER BY id")
    ):
        carried.setdefault(organisation_id, []).append(programme_id)
    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("organisation_id", sa.Integer),
        sa.column("roles", sa.JSON),
        sa.column("programme_id", sa.Integer),
    )
    rows = connection.execute(sa.select(users.c.id, users.c.organisation_id, users.c.roles))
    for user_id, organisation_id, roles in rows.all():
        programmes = carried.get(organisation_id, [])
        if len(programmes) == 1 and set(roles or []) & set(STAFF_ROLES):
            connection.execute(
                users.update().where(users.c.id == user_id).values(programme_id=programmes[0])
            )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_users_programme_id_programmes"), type_="foreignkey")
        batch_op.drop_index("ix_users_programme_id")
        batch_op.drop_column("programme_id")
