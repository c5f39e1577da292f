"""Ingest many articles into the ledger: read, skip what is stored, analyse in batches, store.

Bad inputs are reported with their reason and skipped; they never stop the run nor touch what
is already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..analyse.article import Analyzer, Prepared, prepare
from ..errors import InputError
from ..ingest.extract import article_id
from ..ingest.reader import is_url
from .ledger import Ledger

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def discover(targets: Iterable[str]) -> Iterator[str]:
    """Files and URLs to read: directories are walked for .txt/.html files, in name order."""
    for target in targets:
        path = Path(target)
        if not is_url(target) and path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES:
                    yield str(p)
        else:
            yield target


def ingest(
    ledger: Ledger,
    analyzer: Analyzer,
    targets: list[str],
    *,
    lang: str = "auto",
    workers: int = 1,
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    batch: list[tuple[str, Prepared]] = []
    seen: set[str] = set()

    def flush() -> None:
        for (origin, _), analysis in zip(
            batch, analyzer.analyse([p for _, p in batch], workers=workers), strict=True
        ):
            if ledger.add(analysis, origin):
                report.new += 1
            else:
                report.duplicate += 1
        if progress:
            progress(len(batch))
        batch.clear()

    for target in targets:
        report.read += 1
        try:
            prepared = prepare(target, lang=lang)
        except InputError as exc:
            report.failed.append((target, str(exc)))
            if progress:
                progress(1)
            continue
        aid = article_id(prepared.extracted.text)
        if aid in seen or ledger.has(aid):
            report.duplicate += 1
            if progress:
                progress(1)
            continue
        seen.add(aid)
        batch.append((target, prepared))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
