"""initial ledger: articles, claims, entity mentions

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("published", sa.String(40)),
        sa.Column("analysis", sa.Text, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("quote", sa.String(16), nullable=False),
        sa.Column("source_text", sa.Text),
        sa.Column("source_kind", sa.String(16)),
        sa.Column("source_entity", sa.String(200)),
        sa.Column("cue_lemma", sa.String(60)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_claims_status", "claims", ["status"])
    op.create_index("ix_claims_source_entity", "claims", ["source_entity"])
    op.create_index("ix_claims_source_text", "claims", ["source_text"])
    op.create_table(
        "entity_mentions",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("entity_mentions")
    op.drop_table("claims")
    op.drop_table("articles")
