"""an article is placed in time by the days it names when it has no date

Revision ID: 0012
Revises: 0011

An undated article that names no day (an essay, a portrait) cannot be placed in time, so it is no
evidence that it reports one event with another; one that names days far from another's reports
another event (link/when.py). Linking stores what it read of each article's days; articles linked
before have none (NULL: unknown, kept apart from nothing) until `claimledger relink`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    with op.batch_alter_table("link_articles") as batch:
        batch.add_column(sa.Column("times", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("link_articles") as batch:
        batch.drop_column("times")
