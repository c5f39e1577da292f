"""Exports of the ledger for other tools. Articles are streamed from the database, so memory does
not grow with the ledger. jsonl writes analysis-v1 objects as stored; the `claims` and `figures`
tables (csv, parquet, or flat jsonl rows) are typed: dates are dates, offsets integers, figures
numbers, with one null convention (empty CSV cell, parquet null, JSON null)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TextIO

from ..desk.config import Scale, default_scale
from ..desk.verdicts import Verdict, Verdicts
from ..link.ids import proposition_id_for
from ..link.read import LinkReader
from ..model import Source, plausible_figure, source_id, without_vague_values
from ..store.ledger import Ledger
from ..store.schema import ArticleRow

# column -> Arrow type: what parquet stores and what the CSV's cells parse back to (pandas,
# DuckDB, spreadsheets). Nulls: an empty CSV cell, a parquet null, a JSON null.
CLAIM_SCHEMA: dict[str, str] = {
    "claim_uid": "string",  # ARTICLE:cN, unique in the ledger (`claimledger claim ID`)
    "article_id": "string",
    "claim_id": "string",
    "url": "string",
    "origin": "string",  # the file path or URL it was read from
    "title": "string",
    "published": "date",
    "lang": "string",
    "status": "string",
    "quote": "string",
    "text": "string",
    "start": "int",
    "end": "int",
    "sentence_start": "int",
    "sentence_end": "int",
    "source": "string",
    "source_kind": "string",
    "source_entity": "string",
    "source_id": "string",
    "source_start": "int",
    "source_end": "int",
    "cue": "string",
    "cue_lemma": "string",
    "figures": "int",  # how many: the figures themselves are the `figures` table
    "story_id": "string",
    "proposition_id": "string",
    "verdict_rating": "string",
    "verdict_label": "string",
    "verdict_url": "string",
    "verdict_reviewer": "string",
    "verdict_date": "date",
    "verdict_on": "string",  # claim, or proposition (the verdict of the claims it groups)
}
FIGURE_SCHEMA: dict[str, str] = {
    "claim_uid": "string",
    "article_id": "string",
    "claim_id": "string",
    "figure_id": "string",
    "published": "date",
    "text": "string",
    "value": "float",
    "low": "float",
    "high": "float",
    "bound": "string",
    "unit": "string",
    "counted": "string",
    "start": "int",
    "end": "int",
    "source_id": "string",
    "status": "string",
    "story_id": "string",
    "proposition_id": "string",
}
TABLES = {"claims": CLAIM_SCHEMA, "figures": FIGURE_SCHEMA}
CLAIM_COLUMNS = list(CLAIM_SCHEMA)


@contextmanager
def _open(out: str) -> Iterator[TextIO]:
    if out == "-":
        yield sys.stdout
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


Links = dict[tuple[str, str], tuple[str, str | None]]
Verdicts_ = dict[tuple[str, str], Verdict]


Stored = tuple[ArticleRow, dict[str, Any], Links, Verdicts_]


def _with_links(ledger: Ledger, batch: int = 500) -> Iterator[Stored]:
    """Stored articles, their analysis parsed once, with the story and proposition of each claim
    and its verdict, a batch of rows at a time."""
    reader = LinkReader(ledger)
    verdicts = Verdicts(ledger)

    def flush(rows: list[ArticleRow]) -> Iterator[Stored]:
        # every linked claim is in one proposition: a claim no other matched yet is a proposition
        # of its own, under the id it keeps when it founds a larger one (link/ids.py)
        links = {
            (a, c): (story, proposition or (proposition_id_for(f"{a}:{c}") if story else None))
            for (a, c), (story, proposition) in reader.claim_links(r.id for r in rows).items()
        }
        parsed = [json.loads(r.analysis) for r in rows]
        found = verdicts.for_claims(
            (r.id, c["id"]) for r, d in zip(rows, parsed, strict=True) for c in d["claims"]
        )
        yield from ((r, d, links, found) for r, d in zip(rows, parsed, strict=True))

    rows: list[ArticleRow] = []
    for row in ledger.articles(batch):
        rows.append(row)
        if len(rows) >= batch:
            yield from flush(rows)
            rows = []
    if rows:
        yield from flush(rows)


def export_jsonl(ledger: Ledger, out: str) -> int:
    """analysis-v1 objects as stored; each claim also carries its `story_id` and `proposition_id`
    (extra fields: the story its article is in, the claims across articles it matches)."""
    n = 0
    with _open(out) as fh:
        for row, data, links, _ in _with_links(ledger):
            for c in data["claims"]:
                story, proposition = links.get((row.id, c["id"]), (None, None))
                c["story_id"], c["proposition_id"] = story, proposition
            for q in data["quantities"]:
                without_vague_values(q)  # an older ledger stored "des milliers" as 2000
            data.pop("statements", None)  # the ledger's own comparison features, not analysis-v1
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
            n += 1
    return n


def iso_date(value: str | None) -> date | None:
    """The date part of an ISO-8601 value; None when it is not one (never a guess)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def claim_rows(ledger: Ledger, scale: Scale | None = None) -> Iterator[dict[str, Any]]:
    """One typed row per claim (CLAIM_SCHEMA)."""
    scale = scale or default_scale()
    for row, data, links, verdicts in _with_links(ledger):
        art = data["article"]
        published = iso_date(art.get("published"))
        for c in data["claims"]:
            src = c.get("source") or {}
            cue = c.get("cue") or {}
            key = (art["id"], c["id"])
            story, proposition = links.get(key, (None, None))
            v = verdicts.get(key)
            rating = scale.find(v.rating) if v else None
            yield {
                "claim_uid": f"{art['id']}:{c['id']}",
                "article_id": art["id"],
                "claim_id": c["id"],
                "url": art.get("url"),
                "origin": row.origin or None,
                "title": art.get("title"),
                "published": published,
                "lang": art.get("lang"),
                "status": c["status"],
                "quote": c["quote"],
                "text": c["text"],
                "start": c["start"],
                "end": c["end"],
                "sentence_start": (c.get("sentence") or {}).get("start"),
                "sentence_end": (c.get("sentence") or {}).get("end"),
                "source": src.get("text"),
                "source_kind": src.get("kind"),
                "source_entity": src.get("entity"),
                "source_id": source_id(Source(**src), art["id"]) if src else None,
                "source_start": src.get("start"),
                "source_end": src.get("end"),
                "cue": cue.get("text"),
                "cue_lemma": cue.get("lemma"),
                "figures": len(c["quantities"]),
                "story_id": story,
                "proposition_id": proposition,
                "verdict_rating": v.rating if v else None,
                "verdict_label": (rating.label if rating else v.rating) if v else None,
                "verdict_url": v.url if v else None,
                "verdict_reviewer": v.reviewer if v else None,
                "verdict_date": iso_date(v.reviewed) if v else None,
                "verdict_on": ("proposition" if v.on_proposition else "claim") if v else None,
            }


def figure_rows(ledger: Ledger, scale: Scale | None = None) -> Iterator[dict[str, Any]]:
    """One typed row per figure a claim gives (FIGURE_SCHEMA): value, low and high as numbers, all
    three null for a vague figure ("des milliers", which keeps its words in `text`)."""
    for _row, data, links, _ in _with_links(ledger):
        art = data["article"]
        published = iso_date(art.get("published"))
        quantities = {q["id"]: q for q in data["quantities"]}
        for c in data["claims"]:
            src = c.get("source")
            story, proposition = links.get((art["id"], c["id"]), (None, None))
            for qid in c["quantities"]:
                q = quantities.get(qid)
                if q is None:
                    continue
                q = without_vague_values(q)  # "des milliers": its words, no number (null)
                if q["value"] is not None and not plausible_figure(q["value"]):
                    continue
                yield {
                    "claim_uid": f"{art['id']}:{c['id']}",
                    "article_id": art["id"],
                    "claim_id": c["id"],
                    "figure_id": q["id"],
                    "published": published,
                    "text": q["text"],
                    "value": None if q["value"] is None else float(q["value"]),
                    "low": None if q["low"] is None else float(q["low"]),
                    "high": None if q["high"] is None else float(q["high"]),
                    "bound": q["bound"],
                    "unit": q["unit"],
                    "counted": q["counted"],
                    "start": q["start"],
                    "end": q["end"],
                    "source_id": source_id(Source(**src), art["id"]) if src else None,
                    "status": c["status"],
                    "story_id": story,
                    "proposition_id": proposition,
                }


ROWS = {"claims": claim_rows, "figures": figure_rows}


def export_rows_jsonl(ledger: Ledger, out: str, table: str = "claims") -> int:
    """A table as JSON lines: one flat object per row, dates as ISO strings, nulls as null."""
    n = 0
    with _open(out) as fh:
        for r in ROWS[table](ledger):
            fh.write(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False, allow_nan=False))
            fh.write("\n")
            n += 1
    return n


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting like a formula ("=HYPERLINK(…)", "+1",
    "@SUM") is prefixed with an apostrophe, which spreadsheets show as text (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(ledger: Ledger, out: str, table: str = "claims") -> int:
    n = 0
    with _open(out) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(TABLES[table]))
        writer.writeheader()
        for row in ROWS[table](ledger):
            writer.writerow({k: spreadsheet_safe(_plain(v)) for k, v in row.items()})
            n += 1
    return n


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    return pa.schema([(c, types[t]) for c, t in TABLES[table].items()])


def export_parquet(ledger: Ledger, out: str, row_group: int = 10_000, table: str = "claims") -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    n = 0
    buffer: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema) as writer:
        for row in ROWS[table](ledger):
            buffer.append(row)
            if len(buffer) >= row_group:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                n += len(buffer)
                buffer.clear()
        if buffer or n == 0:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
            n += len(buffer)
    return n
