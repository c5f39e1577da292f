"""links stored at ingest: stories, propositions, figure series, contradictions, status changes

Revision ID: 0004
Revises: 0003

Every article already stored is queued, so the next `ingest` (or `relink`) links it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def article() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table("link_queue", sa.Column("article_id", sa.String(32), article(), primary_key=True))
    op.create_table(
        "link_articles",
        sa.Column("article_id", sa.String(32), article(), primary_key=True),
        sa.Column("story_id", sa.String(16), nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("duplicate_of", sa.String(32)),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
    )
    op.create_table(
        "link_terms",
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(32), article(), primary_key=True),
        sa.Column("date", sa.String(10)),
        sa.Column("weight", sa.Float, nullable=False),
    )
    op.create_index("ix_link_terms_term_date", "link_terms", ["term", "date"])
    op.create_table(
        "link_bands",
        sa.Column("band", sa.String(24), primary_key=True),
        sa.Column("article_id", sa.String(32), article(), primary_key=True),
    )
    op.create_index("ix_link_bands_article", "link_bands", ["article_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("start", sa.String(40)),
        sa.Column("end", sa.String(40)),
        sa.Column("articles", sa.Integer, nullable=False, index=True),
        sa.Column("entities", sa.Text, nullable=False),
    )
    for name in ("story_redirects", "proposition_redirects"):
        op.create_table(
            name,
            sa.Column("old_id", sa.String(16), primary_key=True),
            sa.Column("new_id", sa.String(16), nullable=False, index=True),
        )
    op.create_table(
        "link_claims",
        sa.Column("article_id", sa.String(32), article(), primary_key=True),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("story_id", sa.String(16), nullable=False, index=True),
        sa.Column("proposition_id", sa.String(16), index=True),
        sa.Column("copy", sa.Boolean, nullable=False),
        sa.Column("who", sa.String(200), index=True),
        sa.Column("shown", sa.Boolean, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("features", sa.Text, nullable=False),
        sa.Column("corroborated", sa.Boolean, nullable=False),
        sa.Column("confirmed_later", sa.Boolean, nullable=False),
        sa.Column("contradicted", sa.Boolean, nullable=False),
    )
    op.create_table(
        "propositions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("story_id", sa.String(16), nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    op.create_table(
        "series",
        sa.Column("story_id", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("thing", sa.String(120), nullable=False),
        sa.Column("event", sa.String(120)),
        sa.Column("charted", sa.Boolean, nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("points", sa.Text, nullable=False),
        sa.Column("conflicts", sa.Text, nullable=False),
    )
    for name, a, b in (("contradictions", "affirmed", "denied"), ("status_changes", "before", "after")):
        op.create_table(
            name,
            sa.Column(f"{a}_article", sa.String(32), article(), primary_key=True),
            sa.Column(f"{a}_claim", sa.String(16), primary_key=True),
            sa.Column(f"{b}_article", sa.String(32), article(), primary_key=True),
            sa.Column(f"{b}_claim", sa.String(16), primary_key=True),
            sa.Column("story_id", sa.String(16), nullable=False, index=True),
        )
    op.create_table(
        "source_stats",
        sa.Column("who", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False, index=True),
        sa.Column("confirmed_later", sa.Integer, nullable=False),
        sa.Column("contradicted", sa.Integer, nullable=False),
        sa.Column("uncorroborated", sa.Integer, nullable=False),
        sa.Column("shown", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_mentions_entity", "entity_mentions", ["entity_id"])
    op.execute("INSERT INTO link_queue (article_id) SELECT id FROM articles")


def downgrade() -> None:
    op.drop_index("ix_entity_mentions_entity", "entity_mentions")
    for name in (
        "source_stats",
        "status_changes",
        "contradictions",
        "series",
        "propositions",
        "link_claims",
        "proposition_redirects",
        "story_redirects",
        "stories",
        "link_bands",
        "link_terms",
        "link_articles",
        "link_queue",
    ):
        op.drop_table(name)
