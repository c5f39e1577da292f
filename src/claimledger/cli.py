"""The `claimledger` command. Every user error ends as one line on stderr and exit code 2."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from .errors import InputError
from .present.text_out import safe_line, terminal_safe

if TYPE_CHECKING:
    from .analyse.article import Analyzer
    from .link.linker import Linker
    from .link.read import LinkReader
    from .link.report import StoryReport
    from .store.ledger import Ledger

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Who claims what in the news, how sure, with which figures, and when.",
)
EXIT_INPUT = 2


@app.callback()
def _root() -> None:
    """Keep subcommands explicit (`claimledger analyze ...`) as more commands arrive."""


class Format(StrEnum):
    text = "text"
    json = "json"


def say(console: Console, line: str) -> None:
    """Print a line that carries article data: no markup read from it, no control characters."""
    console.print(safe_line(line), markup=False, highlight=False)


def plain(line: str) -> None:
    """A line of article data on stdout, as `say` but without Rich's layout (thousands of lines
    of a large story print in milliseconds)."""
    sys.stdout.write(safe_line(line) + "\n")


def fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(
        f"claimledger: error: {safe_line(message)}", markup=False, soft_wrap=True
    )
    raise typer.Exit(EXIT_INPUT)


@app.command()
def analyze(
    target: Annotated[str, typer.Argument(help="A .txt or .html file, '-' for stdin, or an http(s) URL.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text for people, json for tools")
    ] = Format.text,
    lang: Annotated[str, typer.Option(help="auto or a language code (fr)")] = "auto",
    max_mb: Annotated[float, typer.Option(help="refuse inputs larger than this (MB)")] = 5.0,
) -> None:
    """Analyse one article: claims, sources, status, figures and entities."""
    from .analyse.article import Analyzer, prepare
    from .ingest.reader import max_bytes_from_mb
    from .present.json_out import to_json
    from .present.text_out import render

    try:
        prepared = prepare(target, lang=lang, max_bytes=max_bytes_from_mb(max_mb))
        analysis = Analyzer().analyse_one(prepared)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(to_json(analysis) + "\n")
    else:
        render(analysis, Console())


@app.command("eval")
def eval_(
    gold: Annotated[list[str], typer.Argument(help="Gold files (gold-v1 JSON) or directories of them.")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    errors: Annotated[
        bool, typer.Option("--errors", help="list missed, spurious and wrong-status claims")
    ] = False,
    lang: Annotated[str, typer.Option(help="auto (each key's own lang) or a language code")] = "auto",
) -> None:
    """Measure extraction on hand-annotated articles: attribution P/R/F1, status, figures."""
    from .analyse.article import Analyzer
    from .evaluation.report import as_json, render_text
    from .evaluation.run import evaluate

    try:
        result = evaluate(gold, Analyzer(), lang=lang)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(as_json(result, errors=errors) + "\n")
    else:
        render_text(result, Console(soft_wrap=True), errors=errors)


DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL (postgresql://…)")]


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    targets: Annotated[
        list[str], typer.Argument(help="Files, directories, RSS/Atom feeds, WARC files, URLs.")
    ],
    db: DbOption = "claimledger.db",
    lang: Annotated[str, typer.Option(help="auto or a language code (fr)")] = "auto",
    workers: Annotated[int, typer.Option(help="processes: spaCy n_process, or Dask workers")] = 1,
    engine: Annotated[EngineName, typer.Option(help="local (this machine) or dask")] = EngineName.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster)")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="articles analysed and stored per batch")] = 16,
) -> None:
    """Analyse articles and store them in the ledger; already stored articles are skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .analyse.article import Analyzer
    from .analyse.engines import DaskEngine, LocalEngine
    from .ingest.collect import collect
    from .store.ingest import Engine
    from .store.ingest import ingest as run_ingest
    from .store.ledger import Ledger

    if batch_size < 1 or workers < 1:
        fail("--batch-size and --workers must be at least 1")
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

    def link() -> None:
        """Stories follow the ledger batch by batch; a failure leaves the articles stored and
        queued for the next run (or `claimledger relink`), it never loses them."""
        try:
            linker.link_pending()
        except Exception as exc:  # noqa: BLE001 (reported, articles stay queued)
            link_errors.append(f"{type(exc).__name__}: {exc}")

    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=Console(stderr=True)) as bar:
            task = bar.add_task("ingest", total=None)
            report = run_ingest(
                ledger,
                runner,
                collect(targets),
                lang=lang,
                batch_size=batch_size,
                progress=lambda n: bar.advance(task, n),
                after_batch=link,
            )
    finally:
        if isinstance(runner, DaskEngine):
            runner.close()
    console = Console(soft_wrap=True)  # one line per failure, even when piped
    console.print(
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {len(report.failed)}",
        highlight=False,
    )
    for _origin, reason in report.failed:
        say(console, f"  failed: {reason}")
    for reason in link_errors[:3]:
        say(console, f"  linking failed (articles kept, linked by the next run): {reason}")
    if report.new + report.duplicate == 0:
        raise typer.Exit(EXIT_INPUT)  # nothing could be processed


@app.command()
def claims(
    db: DbOption = "claimledger.db",
    source: Annotated[str | None, typer.Option(help="words of the source")] = None,
    status: Annotated[str | None, typer.Option(help="stated|confirmed|alleged|speculative|denied")] = None,
    entity: Annotated[str | None, typer.Option(help="source entity id or name")] = None,
    text: Annotated[str | None, typer.Option(help="words of the claim (full-text search)")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before (YYYY-MM-DD)")] = None,
    limit: int = 200,
) -> None:
    """List stored claims, filtered."""
    from rich.markup import escape

    from .model import STATUSES
    from .present.text_out import STATUS_STYLE
    from .store.ledger import Ledger

    if status is not None and status not in STATUSES:
        fail(f"unknown status '{status}' (one of {', '.join(STATUSES)})")
    for value in (since, until):
        if value is not None and not _is_iso_date(value):
            fail(f"'{value}' is not a date (YYYY-MM-DD)")
    try:
        rows = Ledger(db).claims(
            source=source, status=status, entity=entity, words=text, since=since, until=until, limit=limit
        )
    except InputError as exc:
        fail(str(exc))
        return
    console = Console()
    for r in rows:
        style = STATUS_STYLE[r.status]
        src = escape(safe_line(f"{r.source_text} [{r.source_kind}]" if r.source_text else "(article)"))
        console.print(
            f"[{style}]{r.status:<11}[/{style}] [bold]{src}[/bold] | {escape(safe_line(r.text))}"
            f" [dim]({r.article_id}:{r.claim_id})[/dim]",
            highlight=False,
        )
    console.print(f"{len(rows)} claims", highlight=False)


def _is_iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    db: DbOption = "claimledger.db",
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    out: Annotated[
        str, typer.Option("--out", "-o", help="output file ('-' = stdout, not for parquet)")
    ] = "-",
) -> None:
    """Export the ledger: jsonl (one analysis-v1 object per article), csv or parquet (a row per claim)."""
    from .present.export import export_csv, export_jsonl, export_parquet
    from .store.ledger import Ledger

    if format is ExportFormat.parquet and out == "-":
        fail("parquet needs --out FILE")
    try:
        ledger = Ledger(db)
        writer = {"jsonl": export_jsonl, "csv": export_csv, "parquet": export_parquet}[format.value]
        count = writer(ledger, out)
    except InputError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror})")
        return
    Console(stderr=True).print(
        f"exported {count} {'articles' if format is ExportFormat.jsonl else 'claims'}", highlight=False
    )


@app.command()
def sources(db: DbOption = "claimledger.db", limit: int = 50) -> None:
    """Who is cited, how often, with which statuses."""

    from .store.ledger import Ledger

    try:
        summaries = Ledger(db).sources(limit=limit)
    except InputError as exc:
        fail(str(exc))
        return
    console = Console()
    for s in summaries:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(s.statuses.items(), key=lambda kv: -kv[1]))
        say(console, f"{s.claims:>5}  {s.source} [{s.kind}] {s.id}  ({statuses})")


def _linker(ledger: Ledger, analyzer: Analyzer | None = None) -> Linker:
    """A linker that embeds with the analysis pipeline's own vectors when one is loaded here."""
    from .link.embed import Embedder
    from .link.linker import Linker

    if analyzer is not None:
        return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))
    return Linker(ledger)


def _reader(db: str) -> LinkReader:
    from .link.read import LinkReader
    from .store.ledger import Ledger

    try:
        reader = LinkReader(Ledger(db))
    except InputError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits
    waiting = reader.pending()
    if waiting:
        Console(stderr=True, highlight=False).print(
            f"claimledger: {waiting} article(s) not linked yet: run 'claimledger relink --pending'",
            markup=False,
        )
    return reader


def _report(db: str, story_id: str, *, all_claims: bool = True) -> StoryReport:
    reader = _reader(db)
    live = reader.resolve_story(story_id)
    rep = reader.report(live, all_claims=all_claims) if live else None
    if rep is None:
        fail(f"no story '{story_id}' (see 'claimledger stories')")
        raise AssertionError  # unreachable
    if live != story_id:
        Console(stderr=True, highlight=False).print(
            f"claimledger: story {story_id} was merged into {live}", markup=False
        )
    return rep


@app.command()
def stories(db: DbOption = "claimledger.db", limit: int = 50) -> None:
    """Stories in the ledger: articles about the same event, largest first."""
    for s in _reader(db).stories(limit):
        names = ", ".join(name for _, name in s.entities[:3])
        plain(f"{s.id}  {s.size:>3} article(s)  {s.start or '          '}  {s.title}  [{names}]")


@app.command()
def story(story_id: str, db: DbOption = "claimledger.db") -> None:
    """One story: its articles, figures over time, contradictions and status changes."""
    from .present.brief import STATUS_WORDS

    rep = _report(db, story_id, all_claims=False)
    out = plain  # article text: no markup, no control characters
    out(f"{rep.story.id}: {rep.story.title}")
    for a in rep.story.articles:
        out(f"  {a.date or '          '}  {a.title or a.id}  {a.url or ''}")
    for series in rep.charted:
        out(f"figures: {series.label}")
        for p in series.points:
            out(
                f"  {p.date or '          '}  {p.text:<22} {p.bound:<9} {p.source} ({STATUS_WORDS[p.status]})"
            )
        for p, r in series.conflicts:
            out(f"  CONFLICT: {p.text} ({p.source}) vs {r.text} ({r.source})")
    for k in rep.contradictions:
        out(
            f"contradiction: {k.affirmed.who or 'article'} [{k.affirmed.status}] {k.affirmed.text}  <>  "
            f"{k.denied.who} [denied] {k.denied.text}"
        )
    for c in rep.status_changes:
        out(
            f"status change: {c.before.status} ({c.before.who}, {c.before.date}) -> {c.after.status} "
            f"({c.after.who}, {c.after.date}): {c.after.text}"
        )


@app.command()
def brief(
    story_id: str,
    db: DbOption = "claimledger.db",
    all_claims: Annotated[
        bool, typer.Option("--all", help="every claim, not only the most telling ones")
    ] = False,
) -> None:
    """A Markdown brief of a story that keeps attribution and certainty."""
    from .present.brief import MAX_SENTENCES, render_brief

    rep = _report(db, story_id)
    text = render_brief(rep, limit=None if all_claims else MAX_SENTENCES)
    sys.stdout.write(terminal_safe(text, newlines=True))


@app.command()
def claimreview(story_id: str, db: DbOption = "claimledger.db") -> None:
    """schema.org ClaimReview JSON-LD drafts for a story's attributed claims."""
    import json

    from .present.claimreview import claim_reviews

    sys.stdout.write(json.dumps(claim_reviews(_report(db, story_id)), ensure_ascii=False, indent=2) + "\n")


@app.command("source-record")
def source_record(db: DbOption = "claimledger.db", limit: int = 50) -> None:
    """Per source: claims later confirmed, contradicted, or never corroborated by another source."""
    records = _reader(db).source_records(limit)
    plain(
        f"{'claims':>6} {'confirmed later':>15} {'contradicted':>12} {'uncorroborated':>14} "
        f"{'shown (own evidence)':>20}  source"
    )
    for r in records:
        plain(
            f"{r.claims:>6} {r.confirmed_later:>15} {r.contradicted:>12} {r.uncorroborated:>14} "
            f"{r.shown:>20}  {r.source}"
        )


@app.command()
def relink(
    db: DbOption = "claimledger.db",
    pending: Annotated[
        bool, typer.Option("--pending", help="only link articles stored but not linked yet")
    ] = False,
) -> None:
    """Rebuild stories, propositions, figure series and contradictions from the stored analyses
    (after a model or threshold change); saved story and proposition ids keep resolving."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .store.ledger import Ledger

    try:
        ledger = Ledger(db)
    except InputError as exc:
        fail(str(exc))
        return
    linker = _linker(ledger)
    total = linker.pending() if pending else ledger.count_articles()
    columns = (
        TextColumn("link"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("link", total=total)
        step = lambda n: bar.advance(task, n)  # noqa: E731
        stats = linker.link_pending(step) if pending else linker.relink(step)
    Console(soft_wrap=True).print(
        f"linked {stats.articles} articles: {stats.stories} stories touched, {stats.merges} merges "
        f"({stats.seconds:.1f} s)",
        highlight=False,
    )


@app.command()
def serve(
    db: DbOption = "claimledger.db",
    host: Annotated[str, typer.Option(help="interface; the default keeps it on this machine")] = "127.0.0.1",
    port: int = 8000,
    allow_host: Annotated[
        list[str] | None, typer.Option(help="a Host name clients use (needed when not on loopback)")
    ] = None,
) -> None:
    """Web pages and JSON API over the ledger (OpenAPI at /docs)."""
    import uvicorn

    from .present.web.app import create_app
    from .present.web.security import allowed_hosts

    hosts = allowed_hosts(host, allow_host or [])
    if not hosts:
        fail(f"listening on {host}: name the host clients will use with --allow-host")
    try:
        application = create_app(db, hosts)
    except InputError as exc:
        fail(str(exc))
        return
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print("claimledger: interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
