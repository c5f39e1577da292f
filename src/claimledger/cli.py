"""The `claimledger` command. Every user error ends as one line on stderr and exit code 2."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from .errors import InputError

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


def fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(
        f"claimledger: error: {message}", markup=False, soft_wrap=True
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
    from .present.json_out import to_json
    from .present.text_out import render

    try:
        prepared = prepare(target, lang=lang, max_bytes=int(max_mb * 1024 * 1024))
        analysis = Analyzer().analyse_one(prepared)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(to_json(analysis) + "\n")
    else:
        render(analysis, Console())


DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL")]


@app.command()
def ingest(
    targets: Annotated[list[str], typer.Argument(help="Files, directories (.txt/.html) or URLs.")],
    db: DbOption = "claimledger.db",
    lang: Annotated[str, typer.Option(help="auto or a language code (fr)")] = "auto",
    workers: Annotated[int, typer.Option(help="spaCy processes (nlp.pipe n_process)")] = 1,
) -> None:
    """Analyse articles and store them in the ledger; already stored articles are skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .analyse.article import Analyzer
    from .store.ingest import discover
    from .store.ingest import ingest as run_ingest
    from .store.ledger import Ledger

    try:
        ledger = Ledger(db)
    except InputError as exc:
        fail(str(exc))
        return
    files = list(discover(targets))
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("ingest", total=len(files))
        report = run_ingest(
            ledger, Analyzer(), files, lang=lang, workers=workers, progress=lambda n: bar.advance(task, n)
        )
    console = Console()
    console.print(
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {len(report.failed)}",
        highlight=False,
    )
    for _origin, reason in report.failed:
        console.print(f"  failed: {reason}", markup=False, highlight=False)


@app.command()
def claims(
    db: DbOption = "claimledger.db",
    source: Annotated[str | None, typer.Option(help="words of the source")] = None,
    status: Annotated[str | None, typer.Option(help="stated|confirmed|alleged|speculative|denied")] = None,
    entity: Annotated[str | None, typer.Option(help="source entity id or name")] = None,
    text: Annotated[str | None, typer.Option(help="words of the claim")] = None,
    limit: int = 200,
) -> None:
    """List stored claims, filtered."""
    from rich.markup import escape

    from .model import STATUSES
    from .present.text_out import STATUS_STYLE
    from .store.ledger import Ledger

    if status is not None and status not in STATUSES:
        fail(f"unknown status '{status}' (one of {', '.join(STATUSES)})")
    try:
        rows = Ledger(db).claims(source=source, status=status, entity=entity, text=text, limit=limit)
    except InputError as exc:
        fail(str(exc))
        return
    console = Console()
    for r in rows:
        style = STATUS_STYLE[r.status]
        src = f"{r.source_text} [{r.source_kind}]" if r.source_text else "(article)"
        console.print(
            f"[{style}]{r.status:<11}[/{style}] [bold]{escape(src)}[/bold] | {escape(r.text)}"
            f" [dim]({r.article_id}:{r.claim_id})[/dim]",
            highlight=False,
        )
    console.print(f"{len(rows)} claims", highlight=False)


@app.command()
def sources(db: DbOption = "claimledger.db", limit: int = 50) -> None:
    """Who is cited, how often, with which statuses."""
    from rich.markup import escape

    from .store.ledger import Ledger

    try:
        summaries = Ledger(db).sources(limit=limit)
    except InputError as exc:
        fail(str(exc))
        return
    console = Console()
    for s in summaries:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(s.statuses.items(), key=lambda kv: -kv[1]))
        console.print(
            f"{s.claims:>5}  {escape(s.source)} [{s.kind}]  ({statuses})", highlight=False, markup=False
        )


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print("claimledger: interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
