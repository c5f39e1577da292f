"""claim ids from the claim's span (`c{start}`), chrome line counts recounted, copy signatures again

Revision ID: 0007
Revises: 0006

A claim id was its position among the claims an analysis kept (`c12`): an article analysed again
with one claim more or less before it moved every later id, and a verdict given to `ARTICLE:c12`
landed on another claim. Ids now name the claim's span (analyse/claim_ids.py). This revision
renames every stored claim the same way, everywhere an id is kept: the analysis JSON, claims,
claim_entities, link_claims, contradictions, status_changes, the figure series' points, and the
verdicts with their history, so each verdict stays on the claim it judged. A verdict on an article
no longer stored keeps its old id (and its claim's text: it is shown as orphaned, never on
another claim).

The chrome line counts are counted again from the stored articles: a deleted article was never
taken out of them, so an article stored again after a delete saw its own paragraphs as chrome.
The near-duplicate signatures of linked articles are made again with their size (link/dedupe.py
compares a copy by how much of it the other contains, whatever credit line it adds).

On PostgreSQL the claim id columns grow to 32 characters (`c{start}-{end}` of a long text).
"""

import contextlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"

BATCH = 500
CLAIM_COLUMNS = {
    "claims": ["claim_id"],
    "claim_entities": ["claim_id"],
    "link_claims": ["claim_id"],
    "contradictions": ["affirmed_claim", "denied_claim"],
    "status_changes": ["before_claim", "after_claim"],
    "verdicts": ["claim_id"],
}
# (claim column, its article column) of each table that names a claim by its pair
PAIRS = {
    "claims": [("claim_id", "article_id")],
    "claim_entities": [("claim_id", "article_id")],
    "link_claims": [("claim_id", "article_id")],
    "contradictions": [("affirmed_claim", "affirmed_article"), ("denied_claim", "denied_article")],
    "status_changes": [("before_claim", "before_article"), ("after_claim", "after_article")],
}
TEMP = "~"  # renamed ids carry it until every row is renamed: an old id may equal a new one


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        for table, columns in CLAIM_COLUMNS.items():
            for column in columns:
                op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(32)")
    if conn.execute(sa.text("SELECT 1 FROM articles LIMIT 1")).first() is None:
        return  # a new ledger: nothing to rename or count
    op.create_table(
        "claim_id_map",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("old_id", sa.String(32), primary_key=True),
        sa.Column("new_id", sa.String(32), nullable=False),
    )
    lines: Counter[str] = Counter()
    last = ""
    renamed = False
    while True:
        rows = conn.execute(
            sa.text("SELECT id, analysis FROM articles WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": BATCH},
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        renamed |= _batch(conn, rows, lines)
    if renamed:
        _rename(conn)
        _rename_verdicts(conn)
        _rename_series(conn)
    op.drop_table("claim_id_map")
    conn.execute(sa.text("DELETE FROM line_counts"))
    counted = sorted(lines.items())
    for start in range(0, len(counted), BATCH):
        conn.execute(
            sa.text("INSERT INTO line_counts (key, articles) VALUES (:k, :n)"),
            [{"k": k, "n": n} for k, n in counted[start : start + BATCH]],
        )


def _batch(conn: Any, rows: Sequence[Any], lines: Counter[str]) -> bool:
    """One batch of articles: their analysis with span ids, the old -> new map, their chrome
    lines counted, and (when linked) their near-duplicate signature and bands made again.
    Whether any claim was renamed."""
    from claimledger.analyse.claim_ids import span_ids
    from claimledger.ingest.boilerplate import short_line_keys
    from claimledger.link import dedupe
    from claimledger.link.records import said_text
    from claimledger.model import analysis_from_dict

    linked = {
        r[0]
        for r in conn.execute(
            sa.text("SELECT article_id FROM link_articles WHERE article_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": [r[0] for r in rows]},
        )
    }
    analyses: list[dict[str, str]] = []
    renames: list[dict[str, str]] = []
    signatures: list[dict[str, Any]] = []
    bands: list[dict[str, str]] = []
    for aid, raw in rows:
        data = json.loads(raw)
        article = data.get("article", {})
        with contextlib.suppress(Exception):  # a language this install has no rules for: never counted
            lines.update(short_line_keys(article.get("text", ""), article.get("lang", "fr")))
        claims = data.get("claims", [])
        new_ids = span_ids([(int(c["start"]), int(c["end"])) for c in claims])
        changed = False
        for c, new in zip(claims, new_ids, strict=True):
            if c["id"] != new:
                renames.append({"a": aid, "o": c["id"], "n": new})
                c["id"] = new
                changed = True
        if changed:
            analyses.append({"a": aid, "j": json.dumps(data, ensure_ascii=False, allow_nan=False)})
        if aid in linked:
            sig = dedupe.signature(said_text(analysis_from_dict(data)))
            signatures.append({"a": aid, "m": dedupe.to_bytes(sig)})
            bands.extend({"b": b, "a": aid} for b in sorted(set(dedupe.bands(sig))))
    if analyses:
        conn.execute(sa.text("UPDATE articles SET analysis = :j WHERE id = :a"), analyses)
    if renames:
        conn.execute(
            sa.text("INSERT INTO claim_id_map (article_id, old_id, new_id) VALUES (:a, :o, :n)"), renames
        )
    if signatures:
        conn.execute(sa.text("UPDATE link_articles SET minhash = :m WHERE article_id = :a"), signatures)
        conn.execute(
            sa.text("DELETE FROM link_bands WHERE article_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": sorted(linked)},
        )
        conn.execute(sa.text("INSERT INTO link_bands (band, article_id) VALUES (:b, :a)"), bands)
    return bool(renames)


def _rename(conn: Any) -> None:
    """Every (article, claim) pair renamed by the map, in two steps (to a marked id, then to the
    id): a row renamed to an id another row still holds would break a primary key."""
    for table, pairs in PAIRS.items():
        for claim, article in pairs:
            found = (
                f"FROM claim_id_map m WHERE m.article_id = {table}.{article} AND m.old_id = {table}.{claim}"
            )
            conn.execute(
                sa.text(
                    f"UPDATE {table} SET {claim} = '{TEMP}' || (SELECT m.new_id {found}) "
                    f"WHERE EXISTS (SELECT 1 {found})"
                )
            )
        for claim, _ in pairs:
            conn.execute(
                sa.text(f"UPDATE {table} SET {claim} = substr({claim}, 2) WHERE {claim} LIKE '{TEMP}%'")
            )


def _new_ids(conn: Any, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(article, old claim id) -> new claim id, for these pairs (those the map renames)."""
    out: dict[tuple[str, str], str] = {}
    articles = sorted({a for a, _ in keys})
    query = sa.text(
        "SELECT article_id, old_id, new_id FROM claim_id_map WHERE article_id IN :ids"
    ).bindparams(sa.bindparam("ids", expanding=True))
    for start in range(0, len(articles), BATCH):
        for a, old, new in conn.execute(query, {"ids": articles[start : start + BATCH]}):
            if (a, old) in keys:
                out[(a, old)] = new
    return out


def _rename_verdicts(conn: Any) -> None:
    """Verdicts on claims (`ARTICLE:cN`) and their history follow their claim's new id."""
    rows = conn.execute(
        sa.text("SELECT target, article_id, claim_id FROM verdicts WHERE claim_id IS NOT NULL")
    ).fetchall()
    history = {t for (t,) in conn.execute(sa.text("SELECT DISTINCT target FROM verdict_history")).fetchall()}
    keys = {(a, c) for _, a, c in rows if a}
    for t in history:
        a, _, c = t.rpartition(":")
        if a:
            keys.add((a, c))
    new = _new_ids(conn, keys)
    moves = {}
    for t, a, c in rows:
        if (a, c) in new:
            moves[t] = (a, new[(a, c)])
    for t in history:
        a, _, c = t.rpartition(":")
        if (a, c) in new:
            moves.setdefault(t, (a, new[(a, c)]))
    verdict_targets = {t for t, _, _ in rows}
    for old, (a, c) in sorted(moves.items()):
        params = {"o": old, "t": f"{a}:{TEMP}{c}", "c": TEMP + c}
        if old in verdict_targets:
            conn.execute(sa.text("UPDATE verdicts SET target = :t, claim_id = :c WHERE target = :o"), params)
        conn.execute(sa.text("UPDATE verdict_history SET target = :t WHERE target = :o"), params)
    for table in ("verdicts", "verdict_history"):
        conn.execute(
            sa.text(
                f"UPDATE {table} SET target = replace(target, ':{TEMP}', ':') WHERE target LIKE '%:{TEMP}%'"
            )
        )
    conn.execute(sa.text(f"UPDATE verdicts SET claim_id = substr(claim_id, 2) WHERE claim_id LIKE '{TEMP}%'"))


def _rename_series(conn: Any) -> None:
    """The points of the figure series name their claim (`ARTICLE:cN`)."""
    rows = conn.execute(sa.text("SELECT story_id, key, points FROM series")).fetchall()
    parsed = [(sid, key, json.loads(points)) for sid, key, points in rows]
    keys = set()
    for _, _, points in parsed:
        for p in points:
            a, _, c = str(p.get("claim", "") if isinstance(p, dict) else "").rpartition(":")
            if a:
                keys.add((a, c))
    new = _new_ids(conn, keys)
    for sid, key, points in parsed:
        changed = False
        for p in points:
            if not isinstance(p, dict):
                continue
            a, _, c = str(p.get("claim", "")).rpartition(":")
            if (a, c) in new:
                p["claim"] = f"{a}:{new[(a, c)]}"
                changed = True
        if changed:
            conn.execute(
                sa.text("UPDATE series SET points = :p WHERE story_id = :s AND key = :k"),
                {"p": json.dumps(points, ensure_ascii=False), "s": sid, "k": key},
            )


def downgrade() -> None:
    """Span ids are kept (they are ids an older reader handles as any string); only the column
    widths go back on PostgreSQL when every id still fits."""
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    for table, columns in CLAIM_COLUMNS.items():
        for column in columns:
            longest = conn.execute(sa.text(f"SELECT max(length({column})) FROM {table}")).scalar() or 0
            if longest <= 16:
                op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR(16)")
