"""claims a reviewer detached from a proposition are kept apart

Revision ID: 0011
Revises: 0010

A proposition verdict covers every claim of the proposition, so a wrong link publishes a verdict on
a statement nobody checked. `detach` records the claim apart from each claim it was grouped with;
linking and relink never match such a pair again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    op.create_table(
        "proposition_apart",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("claim_id", sa.String(32), primary_key=True),
        sa.Column(
            "other_article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("other_claim_id", sa.String(32), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("proposition_apart")
