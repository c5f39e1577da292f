"""articles parked by the linker: linking them went over its time budget

Revision ID: 0008
Revises: 0007

An article whose linking takes longer than the budget (link/linker.py, CLAIMLEDGER_LINK_BUDGET)
leaves the link queue with the reason, so that the articles after it are linked; `relink` tries
it again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "link_parked",
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("reason", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_parked")
