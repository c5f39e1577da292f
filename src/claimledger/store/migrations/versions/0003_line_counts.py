"""line counts: how many stored articles carry each short line (the structural test for chrome)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "line_counts",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("line_counts")
