"""the term index is keyed by language: "fr:tax" (taxis) is not "en:tax"

Revision ID: 0009
Revises: 0008

Stems of two languages can be spelled alike (the French "taxis" and the English "tax" both stem to
"tax"), and the story index compared them: a French article on a taxi strike joined an English
story on a candidate's tax returns. Index rows now carry their article's language before the stem;
the rows stored before are rewritten in place (no relink needed).
"""

from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.execute(
        "UPDATE link_terms SET term = substr("
        "(SELECT articles.lang FROM articles WHERE articles.id = link_terms.article_id)"
        " || ':' || term, 1, 64) WHERE term NOT LIKE '__:%'"
    )


def downgrade() -> None:
    op.execute("UPDATE link_terms SET term = substr(term, 4) WHERE term LIKE '__:%'")
