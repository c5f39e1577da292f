"""line counts (the structural test for site chrome) and one canonical source id per claim

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from claimledger.model import Source, source_id

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "line_counts",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("source_id", sa.String(200)))
    op.create_index("ix_claims_source_id", "claims", ["source_id"])
    # ledgers written before this revision: derive the id from what each row already holds
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT article_id, claim_id, source_text, source_kind, source_entity FROM claims "
            "WHERE source_text IS NOT NULL"
        )
    ).fetchall()
    for article_id, claim_id, text, kind, entity in rows:
        sid = source_id(Source(text=text, start=0, end=0, kind=kind, entity=entity), article_id)
        conn.execute(
            sa.text("UPDATE claims SET source_id = :s WHERE article_id = :a AND claim_id = :c"),
            {"s": sid, "a": article_id, "c": claim_id},
        )


def downgrade() -> None:
    op.drop_index("ix_claims_source_id", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("source_id")
    op.drop_table("line_counts")
