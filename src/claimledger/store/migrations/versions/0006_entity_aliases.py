"""one id per person across the ledger: entity aliases, names by surname, sources to recheck

Revision ID: 0006
Revises: 0005

A ledger written before this revision is merged as adding its articles would have merged it
(store/identity.py merge_ledger): "person:obama" joins "person:barack-obama" when the ledger knows
one Obama, an organisation named like a person becomes that person; the old ids stay as aliases,
and the merged sources' linked claims are queued for the linker to score again.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "entity_aliases",
        sa.Column("old_id", sa.String(200), primary_key=True),
        sa.Column("new_id", sa.String(200), nullable=False, index=True),
    )
    op.create_table(
        "entity_names",
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("surname", sa.String(120), index=True),
    )
    op.create_table("link_recheck", sa.Column("who", sa.String(200), primary_key=True))
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT 1 FROM entity_mentions LIMIT 1")).first() is None:
        return  # a new ledger: nothing to merge (and no need to load the name rules)
    from claimledger.store.identity import merge_ledger

    session = Session(bind=conn)
    merge_ledger(session)
    session.flush()


def downgrade() -> None:
    op.drop_table("link_recheck")
    op.drop_table("entity_names")
    op.drop_table("entity_aliases")
