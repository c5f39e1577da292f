"""`ingest`: articles read, analysed, stored and linked into stories, with a progress bar."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..errors import InputError
from ..present.words import words
from .ledger_access import _linker
from .options import DbOption, _is_iso_date
from .output import EXIT_INPUT, fail, out_console, say
from .progress import Progress
from .upkeep import _parked_note


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


def _countable(targets: list[str]) -> int | None:
    """How many articles `ingest` will read, when that is cheap to know: a file is one, a folder
    its article files (as ingest.collect walks it). None (a bar says "N/?") as soon as a target
    holds an unknown number of articles: a URL (it may be a feed), a feed, a WARC archive."""
    from pathlib import Path

    from ..ingest.collect import ARTICLE_SUFFIXES, FEED_SUFFIXES, WARC_SUFFIXES
    from ..ingest.reader import is_url

    def kind(name: str) -> str | None:
        low = name.lower()
        if low.endswith(WARC_SUFFIXES) or Path(low).suffix in FEED_SUFFIXES:
            return "many"
        return "article" if Path(low).suffix in ARTICLE_SUFFIXES else None

    total = 0
    for target in targets:
        path = Path(target)
        if is_url(target):
            return None
        if path.is_dir():
            for p in path.rglob("*"):
                found = kind(p.name) if p.is_file() else None
                if found == "many":
                    return None
                total += found == "article"
        elif kind(target) == "many":
            return None
        else:
            total += 1  # an article, stdin, or a path that is not there (one failure)
    return total


def ingest(
    targets: Annotated[
        list[str], typer.Argument(help="Files, directories, RSS/Atom feeds, WARC files, URLs.")
    ],
    db: DbOption = "claimledger.db",
    lang: Annotated[str, typer.Option(help="auto (per article), fr or en")] = "auto",
    workers: Annotated[int, typer.Option(help="processes: spaCy n_process, or Dask workers")] = 1,
    engine: Annotated[EngineName, typer.Option(help="local (this machine) or dask")] = EngineName.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster)")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="articles analysed and stored per batch")] = 16,
    date: Annotated[
        str | None,
        typer.Option("--date", help="publication date (YYYY-MM-DD) for articles that give none"),
    ] = None,
) -> None:
    """Analyse articles and store them in the ledger; already stored articles are skipped."""
    from ..analyse.article import Analyzer
    from ..analyse.engines import DaskEngine, LocalEngine
    from ..ingest.collect import collect
    from ..store.ingest import Engine
    from ..store.ingest import ingest as run_ingest
    from ..store.ledger import Ledger

    if batch_size < 1 or workers < 1:
        fail("--batch-size and --workers must be at least 1")
    if date is not None and not _is_iso_date(date):
        fail(f"'{date}' is not a date (YYYY-MM-DD)")
    try:
        ledger = Ledger(db)
    except InputError as exc:
        fail(str(exc))
        return
    runner: Engine
    analyzer = Analyzer()
    if engine is EngineName.dask:
        runner = DaskEngine(scheduler, workers=workers)
    else:
        runner = LocalEngine(analyzer, workers=workers)
    linker = _linker(ledger, analyzer if engine is EngineName.local else None)
    link_errors: list[str] = []
    parked: list[tuple[str, str]] = []

    def link() -> None:
        """Stories follow the ledger batch by batch; a failure leaves the articles stored and
        queued for the next run (or `claimledger relink`), it never loses them; an article over
        the linking budget is parked (kept, with why) and the others go on."""
        try:
            parked.extend(linker.link_pending().parked)
        except Exception as exc:  # noqa: BLE001 (reported, articles stay queued)
            link_errors.append(f"{type(exc).__name__}: {exc}")

    w = words()
    try:
        with Progress(w("ingest_bar"), _countable(targets)) as bar:
            report = run_ingest(
                ledger,
                runner,
                collect(targets, default_date=date),
                lang=lang,
                batch_size=batch_size,
                progress=bar.advance,
                after_batch=link,
            )
    finally:
        if isinstance(runner, DaskEngine):
            runner.close()
    console = out_console()  # one line per failure, even when piped
    say(
        console,
        w(
            "ingest_summary",
            read=report.read,
            new=report.new,
            duplicate=report.duplicate,
            failed=len(report.failed),
            skipped=len(report.skipped),
        ),
    )
    for _origin, reason in report.failed:
        say(console, w("failed", reason=reason))
    for _origin, reason in report.skipped:  # a language claimledger does not read
        say(console, w("skipped", reason=reason))
    for origin, aid in report.duplicates:
        say(console, w("duplicate", origin=origin, id=aid))
    if report.merged:
        say(console, w("merged_ids", n=report.merged))
    for reason in link_errors[:3]:
        say(console, w("link_failed", reason=reason))
    for aid, reason in parked:
        say(console, w("parked", id=aid, reason=reason))
    if parked:
        _parked_note(console, linker)
    if report.new + report.duplicate == 0:
        raise typer.Exit(EXIT_INPUT)  # nothing could be processed
