"""full-text search on claim text: SQLite FTS5 (kept in sync by triggers), PostgreSQL tsvector + GIN

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='rowid', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute("INSERT INTO claims_fts(rowid, text) SELECT rowid, text FROM claims")
        op.execute(
            "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
            "INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
            "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END"
        )
    else:
        op.execute(
            "ALTER TABLE claims ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('french', text)) STORED"
        )
        op.execute("CREATE INDEX ix_claims_tsv ON claims USING gin (tsv)")
    op.create_index("ix_articles_published", "articles", ["published"])


def downgrade() -> None:
    op.drop_index("ix_articles_published", "articles")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER claims_fts_delete")
        op.execute("DROP TRIGGER claims_fts_insert")
        op.execute("DROP TABLE claims_fts")
    else:
        op.execute("DROP INDEX ix_claims_tsv")
        op.execute("ALTER TABLE claims DROP COLUMN tsv")
