"""the desk: verdicts with their history, and the entities each claim mentions

Revision ID: 0005
Revises: 0004

Claims already stored get their entity mentions from the stored analyses.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "claim_entities",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("claim_id", sa.String(16), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True, index=True),
    )
    op.create_table(
        "verdicts",
        sa.Column("target", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.String(32), index=True),
        sa.Column("claim_id", sa.String(16)),
        sa.Column("proposition_id", sa.String(16), index=True),
        sa.Column("claim_text", sa.Text, nullable=False),
        sa.Column("rating", sa.String(40), nullable=False, index=True),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("reviewed", sa.String(10), nullable=False),
        sa.Column("short", sa.Text),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_table(
        "verdict_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(64), nullable=False, index=True),
        sa.Column("changed", sa.String(32), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
    )
    conn = op.get_bind()
    table = sa.table("claim_entities", sa.column("article_id"), sa.column("claim_id"), sa.column("entity_id"))
    for article_id, analysis in conn.execute(sa.text("SELECT id, analysis FROM articles")):
        rows = claim_entity_rows(article_id, json.loads(analysis))
        if rows:
            conn.execute(table.insert(), rows)


def claim_entity_rows(article_id: str, data: dict) -> list[dict[str, str]]:  # type: ignore[type-arg]
    """Frozen copy of the rule in store/ledger.py (a migration must not change when code does)."""
    out: dict[tuple[str, str], None] = {}
    for c in data.get("claims", []):
        spans = [(c["start"], c["end"])]
        if c.get("source"):
            spans.append((c["source"]["start"], c["source"]["end"]))
        for e in data.get("entities", []):
            if any(s <= m["start"] and m["end"] <= t for m in e["mentions"] for s, t in spans):
                out[(c["id"], e["id"][:200])] = None
    return [{"article_id": article_id, "claim_id": c, "entity_id": e} for c, e in out]


def downgrade() -> None:
    op.drop_table("verdict_history")
    op.drop_table("verdicts")
    op.drop_table("claim_entities")
