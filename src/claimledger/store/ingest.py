"""Ingest a stream of articles into the ledger: read, skip what is stored, analyse in batches, store.

Bad inputs are reported with their reason and skipped; they never stop the run nor touch what is
already stored. Memory stays flat: items are pulled one at a time and at most one batch is held.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..analyse.article import Prepared, prepare_raw
from ..disjoint import DisjointSets
from ..errors import InputError
from ..ingest.boilerplate import repeated_keys, short_line_keys
from ..ingest.collect import Failed, Item
from ..ingest.extract import article_id
from ..ingest.langid import LanguageRefused
from ..link import dedupe
from ..link.records import said_text
from ..model import Analysis, analysis_from_dict
from .ledger import Ledger


class Engine(Protocol):
    """Where analysis runs: this machine (spaCy n_process) or a Dask cluster."""

    def analyse(self, items: list[Prepared]) -> Iterator[Analysis]: ...


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (origin, why): a language not read
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, article id stored)
    merged: int = 0  # ids merged into another as articles were stored (one id per person, store/identity.py)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _analyse_each_failing_alone(
    engine: Engine, batch: list[tuple[str, Prepared]], report: IngestReport
) -> list[Analysis | None]:
    """The batch analysed together, as is fastest; if that fails, each article alone, so one
    article the pipeline cannot take is reported and the others are still stored."""
    try:
        return list(engine.analyse([p for _, p in batch]))
    except Exception:  # noqa: BLE001 (narrowed down below, item by item)
        pass
    out: list[Analysis | None] = []
    for origin, p in batch:
        try:
            out.extend(engine.analyse([p]))
        except Exception as exc:  # noqa: BLE001 (reported with its reason)
            report.failed.append((origin, f"{origin}: not analysed ({type(exc).__name__}: {_short(exc)})"))
            out.append(None)
    return out


QUEUED_COMPARED = 64  # articles stored but not linked yet that a new one is compared with


def _mark_repeated_lines(ledger: Ledger, batch: list[Prepared]) -> None:
    """Tell each article which of its short lines other articles share (in this batch or already
    in the ledger): the structural test for site chrome. Never counting an article's own copies:
    the copies of a wire story in the batch count once, and the stored copies of an article
    (near-duplicates by MinHash, link/dedupe.py, whatever credit line each adds) are taken out
    of its counts, else the third site to carry a story would see its paragraphs as chrome."""
    for lang in sorted({p.lang for p in batch}):
        chosen = [p for p in batch if p.lang == lang]
        texts = [p.extracted.text for p in chosen]
        sigs = [dedupe.signature(t) for t in texts]
        families = _families(sigs)
        copies: dict[int, set[str]] = {}
        for f, found in zip(families, stored_copies(ledger, sigs), strict=True):
            copies.setdefault(f, set()).update(found)
        lines = ledger.line_keys(set().union(*copies.values()))
        own = [Counter(k for aid in sorted(copies[f]) for k in lines.get(aid, ())) for f in families]
        keys = set().union(*(short_line_keys(t, lang) for t in texts))
        stored = ledger.line_counts(keys)
        marked = repeated_keys(texts, lang, stored, families=families, own=own)
        for p, rep in zip(chosen, marked, strict=True):
            p.repeated = rep


def _families(sigs: list[Any]) -> list[int]:
    """The same number for texts of a batch that are copies of one another (union-find over the
    pairs that share an LSH band and pass the similarity threshold)."""
    sets = DisjointSets(len(sigs))
    root = sets.find
    buckets: dict[str, list[int]] = {}
    for i, sig in enumerate(sigs):
        for band in dedupe.bands(sig):
            buckets.setdefault(band, []).append(i)
    for members in buckets.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if root(i) != root(j) and dedupe.similarity(sigs[i], sigs[j]) >= dedupe.THRESHOLD:
                    sets.join(i, j)
    return [root(i) for i in range(len(sigs))]


def stored_copies(ledger: Ledger, sigs: list[Any]) -> list[set[str]]:
    """For each signature, the stored articles it is a near-duplicate of: the linked ones found
    through their LSH bands, and those still waiting to be linked (ingest links after every
    batch, so these are few; at most QUEUED_COMPARED are read)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from .schema import ArticleRow, LinkArticleRow, LinkBandRow, LinkQueueRow

    wanted = sorted({b for sig in sigs for b in dedupe.bands(sig)})
    candidates: dict[str, Any] = {}
    with Session(ledger.engine) as s:
        for start in range(0, len(wanted), 500):
            rows = s.execute(
                select(LinkArticleRow.article_id, LinkArticleRow.minhash)
                .join(LinkBandRow, LinkBandRow.article_id == LinkArticleRow.article_id)
                .where(LinkBandRow.band.in_(wanted[start : start + 500]))
                .distinct()
            )
            candidates.update({aid: dedupe.from_bytes(m) for aid, m in rows})
        queued = s.execute(
            select(ArticleRow.id, ArticleRow.analysis)
            .join(LinkQueueRow, LinkQueueRow.article_id == ArticleRow.id)
            .order_by(ArticleRow.id)
            .limit(QUEUED_COMPARED)
        )
        for aid, analysis in queued:
            candidates[aid] = dedupe.signature(said_text(analysis_from_dict(json.loads(analysis))))
    return [
        {aid for aid, other in candidates.items() if dedupe.similarity(sig, other) >= dedupe.THRESHOLD}
        for sig in sigs
    ]


def ingest(
    ledger: Ledger,
    engine: Engine,
    items: Iterable[Item],
    *,
    lang: str = "auto",
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
    after_batch: Callable[[], None] | None = None,
) -> IngestReport:
    """`after_batch`: run once each batch is stored (the CLI links the new articles there)."""
    report = IngestReport()
    merged_before = ledger.merged
    batch: list[tuple[str, Prepared]] = []
    pending: set[str] = set()

    def tick(n: int = 1) -> None:
        if progress:
            progress(n)

    def flush() -> None:
        _mark_repeated_lines(ledger, [p for _, p in batch])
        for (origin, _), analysis in zip(
            batch, _analyse_each_failing_alone(engine, batch, report), strict=True
        ):
            if analysis is None:
                continue
            try:
                stored = ledger.add(analysis, origin)
            except Exception as exc:  # noqa: BLE001 (one article the database refuses is reported)
                report.failed.append((origin, f"{origin}: not stored ({type(exc).__name__}: {_short(exc)})"))
                continue
            if stored:
                report.new += 1
            else:
                report.duplicate += 1
                report.duplicates.append((origin, analysis.article.id))
        if after_batch:
            after_batch()
        tick(len(batch))
        pending.clear()
        batch.clear()

    for item in items:
        report.read += 1
        if isinstance(item, Failed):
            report.failed.append((item.origin, item.reason))
            tick()
            continue
        try:
            prepared = prepare_raw(item, lang=lang)
        except InputError as exc:  # an article in a language not read is skipped, not failed
            listed = report.skipped if isinstance(exc, LanguageRefused) else report.failed
            listed.append((item.name, str(exc)))
            tick()
            continue
        aid = article_id(prepared.extracted.text)
        if aid in pending or ledger.has(aid):
            report.duplicate += 1
            report.duplicates.append((item.name, aid))
            tick()
            continue
        pending.add(aid)
        batch.append((item.url or item.name, prepared))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.merged = ledger.merged - merged_before
    return report
