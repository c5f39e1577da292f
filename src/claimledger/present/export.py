"""Exports of the ledger for other tools. Articles are streamed from the database, so memory does
not grow with the ledger: jsonl writes analysis-v1 objects as stored; csv and parquet write one
flat row per claim (parquet in row groups)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from ..link.read import LinkReader
from ..model import Source, source_id
from ..store.ledger import Ledger
from ..store.schema import ArticleRow

CLAIM_COLUMNS = [
    "article_id",
    "url",
    "title",
    "published",
    "claim_id",
    "status",
    "quote",
    "text",
    "source",
    "source_kind",
    "source_entity",
    "source_id",
    "cue",
    "cue_lemma",
    "figures",
    "story_id",
    "proposition_id",
]


@contextmanager
def _open(out: str) -> Iterator[TextIO]:
    if out == "-":
        yield sys.stdout
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


Links = dict[tuple[str, str], tuple[str, str | None]]


def _with_links(ledger: Ledger, batch: int = 500) -> Iterator[tuple[ArticleRow, Links]]:
    """Stored articles with the story and proposition of each claim, a batch of rows at a time."""
    reader = LinkReader(ledger)
    rows: list[ArticleRow] = []
    for row in ledger.articles(batch):
        rows.append(row)
        if len(rows) >= batch:
            links = reader.claim_links(r.id for r in rows)
            yield from ((r, links) for r in rows)
            rows = []
    if rows:
        links = reader.claim_links(r.id for r in rows)
        yield from ((r, links) for r in rows)


def export_jsonl(ledger: Ledger, out: str) -> int:
    """analysis-v1 objects as stored; each claim also carries its `story_id` and `proposition_id`
    (extra fields: the story its article is in, the claims across articles it matches)."""
    n = 0
    with _open(out) as fh:
        for row, links in _with_links(ledger):
            data = json.loads(row.analysis)
            for c in data["claims"]:
                story, proposition = links.get((row.id, c["id"]), (None, None))
                c["story_id"], c["proposition_id"] = story, proposition
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
            n += 1
    return n


def claim_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for row, links in _with_links(ledger):
        data = json.loads(row.analysis)
        art = data["article"]
        quantities = {q["id"]: q for q in data["quantities"]}
        for c in data["claims"]:
            src = c.get("source") or {}
            cue = c.get("cue") or {}
            figures = [quantities[q] for q in c["quantities"] if q in quantities]
            yield {
                "article_id": art["id"],
                "url": art.get("url"),
                "title": art.get("title"),
                "published": art.get("published"),
                "claim_id": c["id"],
                "status": c["status"],
                "quote": c["quote"],
                "text": c["text"],
                "source": src.get("text"),
                "source_kind": src.get("kind"),
                "source_entity": src.get("entity"),
                "source_id": source_id(Source(**src), art["id"]) if src else None,
                "cue": cue.get("text"),
                "cue_lemma": cue.get("lemma"),
                "figures": "; ".join(
                    f"{q['bound']} {q['value']} {q['unit'] or q['counted'] or ''}".strip() for q in figures
                ),
                "story_id": links.get((art["id"], c["id"]), (None, None))[0],
                "proposition_id": links.get((art["id"], c["id"]), (None, None))[1],
            }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting like a formula ("=HYPERLINK(…)", "+1",
    "@SUM") is prefixed with an apostrophe, which spreadsheets show as text (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(ledger: Ledger, out: str) -> int:
    n = 0
    with _open(out) as fh:
        writer = csv.DictWriter(fh, fieldnames=CLAIM_COLUMNS)
        writer.writeheader()
        for row in claim_rows(ledger):
            writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
            n += 1
    return n


def export_parquet(ledger: Ledger, out: str, row_group: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in CLAIM_COLUMNS])
    n = 0
    buffer: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema) as writer:
        for row in claim_rows(ledger):
            buffer.append(row)
            if len(buffer) >= row_group:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                n += len(buffer)
                buffer.clear()
        if buffer or n == 0:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
            n += len(buffer)
    return n
