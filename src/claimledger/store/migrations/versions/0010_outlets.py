"""articles carry their outlet and their count of certainty upgrades

Revision ID: 0010
Revises: 0009

The record of an outlet (issue 20) counts how often its articles state as their own plain fact
what they, or earlier articles of a story, only credited or hedged. Each article row now keeps its
outlet (the host of its address) and its within-article upgrades, so the record reads one row per
article instead of every stored analysis. Rows stored before are filled in from their address and
their analysis JSON.
"""

import json

import sqlalchemy as sa
from alembic import op

from claimledger.store.outlets import outlet_of

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.add_column("articles", sa.Column("outlet", sa.String(200), nullable=True))
    op.add_column("articles", sa.Column("upgrades", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, url, analysis FROM articles")).fetchall()
    update = sa.text("UPDATE articles SET outlet = :outlet, upgrades = :upgrades WHERE id = :id")
    for art_id, url, analysis in rows:
        try:
            upgrades = len(json.loads(analysis or "{}").get("upgrades") or [])
        except (ValueError, AttributeError):
            upgrades = 0
        bind.execute(update, {"outlet": outlet_of(url), "upgrades": upgrades, "id": art_id})


def downgrade() -> None:
    op.drop_index("ix_articles_outlet", "articles")
    op.drop_column("articles", "upgrades")
    op.drop_column("articles", "outlet")
