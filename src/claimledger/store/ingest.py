"""Ingest a stream of articles into the ledger: read, skip what is stored, analyse in batches, store.

Bad inputs are reported with their reason and skipped; they never stop the run nor touch what is
already stored. Memory stays flat: items are pulled one at a time and at most one batch is held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..analyse.article import Prepared, prepare_raw
from ..errors import InputError
from ..ingest.boilerplate import repeated_keys, short_line_keys
from ..ingest.collect import Failed, Item
from ..ingest.extract import article_id
from ..model import Analysis
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


def _mark_repeated_lines(ledger: Ledger, batch: list[Prepared]) -> None:
    """Tell each article which of its short lines other articles share (in this batch or already
    in the ledger): the structural test for site chrome."""
    for lang in {p.lang for p in batch}:
        chosen = [p for p in batch if p.lang == lang]
        keys = set().union(*(short_line_keys(p.extracted.text, lang) for p in chosen))
        stored = ledger.line_counts(keys)
        for p, rep in zip(
            chosen, repeated_keys([p.extracted.text for p in chosen], lang, stored), strict=True
        ):
            p.repeated = rep


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
        except InputError as exc:
            report.failed.append((item.name, str(exc)))
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
