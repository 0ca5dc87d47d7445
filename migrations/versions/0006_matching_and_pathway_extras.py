"""matching and pathway extras

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_places_latitude_longitude", "places", ["latitude", "longitude"])
    op.create_index("ix_services_updated_at", "services", ["updated_at"])
    op.create_index("ix_places_updated_at", "places", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_places_updated_at", table_name="places")
    op.drop_index("ix_services_updated_at", table_name="services")
    op.drop_index("ix_places_latitude_longitude", table_name="places")
