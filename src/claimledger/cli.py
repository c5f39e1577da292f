"""The `claimledger` command. Every user error ends as one line on stderr and exit code 2."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from .errors import InputError
from .outside import MAX_FILTER, MAX_ID, refusal
from .present.text_out import safe_line, terminal_safe
from .present.words import words

if TYPE_CHECKING:
    from .analyse.article import Analyzer
    from .desk.config import DeskConfig
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
def _root(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="language of the command's own words, fr or en (default: the environment's, "
            "LC_ALL, LC_MESSAGES or LANG: fr_* is French, anything else English); claims, names "
            "and titles are never translated. (A command's own --lang, as in `analyze --lang`, "
            "is the articles' language.)",
        ),
    ] = None,
) -> None:
    """Keep subcommands explicit (`claimledger analyze ...`) as more commands arrive."""
    from .present.words import LANGUAGES, use

    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang}: the command line speaks {' or '.join(LANGUAGES)}")
    use(lang)


class Format(StrEnum):
    text = "text"
    json = "json"


WIDE = 1_000_000  # columns of a console that is not a terminal: a line is never cut nor wrapped


def out_console(*, stderr: bool = False) -> Console:
    """Rich's console for a terminal; for a pipe or a file, one that never wraps (Rich would cut
    every line and table row at 80 columns): what a script or `grep` reads is a row per line."""
    found = Console(stderr=stderr, highlight=False)
    if found.is_terminal:
        return found
    return Console(stderr=stderr, highlight=False, width=WIDE, soft_wrap=True)


class Progress:
    """How far a long run is, on stderr: in a terminal, Rich's bar with "N/M" and the time left
    (when the total is known; "N/?" otherwise); in a log file or a pipe, where a bar draws
    nothing until it ends, a line every LOG_EVERY seconds and one at the end. Until the first
    step the bar says it is starting (models load, a relink clears the old links first)."""

    LOG_EVERY = 10.0

    def __init__(self, label: str, total: int | None) -> None:
        import time

        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.words = words()
        self.label = label
        self.total = total
        self.done = 0
        self.printed: int | None = None  # the count the last line said (not in a terminal)
        self.clock = time.monotonic
        self.started = self.last = self.clock()
        err = Console(stderr=True)
        self.bar: Bar | None = None
        if err.is_terminal:
            columns = [
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.words("articles_unit")),
                TimeElapsedColumn(),
            ]
            if total is not None:
                columns.append(TimeRemainingColumn())
            self.bar = Bar(*columns, console=err)
            self.task = self.bar.add_task(f"{label} ({self.words('preparing')})", total=total)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        elif self.printed != self.done:
            self._line()  # where it ended, unless the last line said it

    def advance(self, n: int) -> None:
        self.done += n
        if self.total is not None and self.done > self.total:
            self.total = None  # more than counted (a file that was a feed): say "?" rather than lie
            for task in self.bar.tasks if self.bar is not None else []:
                task.total = None  # Rich's update() cannot unset a total
        if self.bar is not None:
            self.bar.update(self.task, advance=n, description=self.label)
        elif self.clock() - self.last >= self.LOG_EVERY:
            self._line()

    def _line(self) -> None:
        import datetime

        self.last = now = self.clock()
        self.printed = self.done
        elapsed = now - self.started
        left = ""
        if self.total and self.done:
            rest = elapsed * (self.total - self.done) / self.done
            left = self.words("time_left", left=datetime.timedelta(seconds=round(rest)))
        line = self.words(
            "progress_line",
            what=self.label,
            done=self.words.number(self.done),
            total="?" if self.total is None else self.words.number(self.total),
            elapsed=datetime.timedelta(seconds=round(elapsed)),
            left=left if self.done < (self.total or 0) else "",
        )
        Console(stderr=True, highlight=False, soft_wrap=True).print(safe_line(line), markup=False)


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


def _outside(param: typer.CallbackParam, value: str | None) -> str | None:
    """Every id and filter a command takes from its user goes through here (claimledger.outside),
    before the ledger is opened: a control character or an over-long value is one line naming the
    argument and exit 2 on both databases (PostgreSQL would refuse a NUL with a traceback)."""
    if value is None:
        return None
    limit = MAX_FILTER if param.name == "text" else MAX_ID
    reason = refusal(value, limit)
    if reason is not None:
        opts = [o for o in param.opts if o.startswith("-")]
        fail(f"{opts[0] if opts else (param.name or 'argument').upper()} {reason}")
    return value


@app.command()
def analyze(
    target: Annotated[str, typer.Argument(help="A .txt or .html file, '-' for stdin, or an http(s) URL.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text for people, json for tools")
    ] = Format.text,
    lang: Annotated[str, typer.Option(help="auto (per article), fr or en")] = "auto",
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
        render(analysis, out_console())


@app.command("eval")
def eval_(
    gold: Annotated[list[str], typer.Argument(help="Gold files (gold-v1 JSON) or directories of them.")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    errors: Annotated[
        bool, typer.Option("--errors", help="list missed, spurious and wrong-status claims")
    ] = False,
    lang: Annotated[str, typer.Option(help="auto (each key's own lang) or a language code")] = "auto",
    lexicon_only: Annotated[
        bool,
        typer.Option(
            "--lexicon-only", help="ablation: cues from the word lists alone, without the cue model"
        ),
    ] = False,
) -> None:
    """Measure extraction on hand-annotated articles: attribution P/R/F1, status, figures."""
    from .analyse.article import Analyzer
    from .evaluation.report import as_json, render_text
    from .evaluation.run import evaluate

    try:
        result = evaluate(gold, Analyzer(learned_cues=not lexicon_only), lang=lang)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(as_json(result, errors=errors) + "\n")
    else:
        render_text(result, Console(soft_wrap=True), errors=errors)


DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL (postgresql://…)")]
OffsetOption = Annotated[int, typer.Option("--offset", help="skip this many first (to see the rest)")]


MAX_PAGE = 10**9  # more rows than any ledger lists; SQLite's integers end at 2**63


def _paging(limit: int, offset: int) -> None:
    """A negative --limit or --offset is a user error in one line, not SQL's own reading of it."""
    if limit < 0 or offset < 0:
        fail("--limit and --offset must be 0 or more")
    if limit > MAX_PAGE or offset > MAX_PAGE:
        fail(f"--limit and --offset must be at most {MAX_PAGE:,}")  # past any database's integers


def _count(line: str, *, stderr: bool = False) -> None:
    """The "N of M" line of a list: on stdout after text, on stderr after JSON whose shape (a bare
    list) its readers rely on."""
    if stderr:
        Console(stderr=True, highlight=False, soft_wrap=True).print(safe_line(line), markup=False)
    else:
        plain(line)


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


def _countable(targets: list[str]) -> int | None:
    """How many articles `ingest` will read, when that is cheap to know: a file is one, a folder
    its article files (as ingest.collect walks it). None (a bar says "N/?") as soon as a target
    holds an unknown number of articles: a URL (it may be a feed), a feed, a WARC archive."""
    from pathlib import Path

    from .ingest.collect import ARTICLE_SUFFIXES, FEED_SUFFIXES, WARC_SUFFIXES
    from .ingest.reader import is_url

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


@app.command()
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
    from .analyse.article import Analyzer
    from .analyse.engines import DaskEngine, LocalEngine
    from .ingest.collect import collect
    from .store.ingest import Engine
    from .store.ingest import ingest as run_ingest
    from .store.ledger import Ledger

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


@app.command()
def claims(
    db: DbOption = "claimledger.db",
    source: Annotated[str | None, typer.Option(help="words of the source", callback=_outside)] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="stated|confirmed|alleged|speculative|denied, or a status word as `claims` prints it"
        ),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(
            help="entity id, name, demonym or seat in any language (Pyongyang, nord-coréens, "
            "North Korea): claims that mention it or whose source it is",
            callback=_outside,
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="words of the claim (full-text search)", callback=_outside)
    ] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before (YYYY-MM-DD)")] = None,
    limit: Annotated[int, typer.Option(help="list at most this many")] = 200,
    offset: OffsetOption = 0,
    all_claims: Annotated[
        bool,
        typer.Option(
            "--all", help="also the articles' own plain sentences (no source, stated), left out by default"
        ),
    ] = False,
) -> None:
    """List stored claims, filtered: status, source and cue, the claim, its article and date,
    and its global id (for `claim ID` and `review ID`). By default, what somebody is reported
    to say and what the articles hedge: their own plain sentences are most of a ledger (`--all`)."""
    from .model import STATUSES
    from .present.text_out import page_line

    _paging(limit, offset)
    w = words()
    if status is not None:
        found = w.statuses().get(" ".join(status.split()).casefold())
        if found is None:
            fail(f"unknown status '{status}' (one of {', '.join(STATUSES)})")
        status = found
    for value in (since, until):
        if value is not None and not _is_iso_date(value):
            fail(f"'{value}' is not a date (YYYY-MM-DD)")
    try:
        ledger = _ledger(db)
        filters = {"source": source, "status": status, "entity": entity, "words": text}
        dates = {"since": since, "until": until}
        rows = ledger.claims(**filters, **dates, limit=limit, offset=offset, plain=all_claims)
        total = ledger.count_claims(**filters, **dates, plain=all_claims)
        hidden = 0 if all_claims else ledger.count_claims(**filters, **dates, plain=True) - total
        articles = ledger.titles({r.article_id for r in rows})
    except InputError as exc:
        fail(str(exc))
        return
    width = max(len(word) for word in w.status.values())
    for r in rows:
        title, published = articles.get(r.article_id, (None, None))
        who = f"{r.source_text} [{w.kind[r.source_kind or '']}]" if r.source_text else w("the_article")
        cue = f" ({r.cue_lemma})" if r.cue_lemma else ""
        plain(f"{w.status[r.status]:<{width}} {who}{cue} | {r.text}")
        plain(
            f"{'':{width + 1}}{(published or '')[:10] or w('no_date')}  {title or w('untitled')}"
            f"  {r.article_id}:{r.claim_id}"
        )
    before = w("without_plain", n=w.number(hidden)) if hidden else ""
    plain(page_line(len(rows), total, "claims", offset=offset, before=before))


@app.command()
def claim(
    claim_id: Annotated[
        str,
        typer.Argument(help="a global claim id, ARTICLE:cN (as `claims` prints it)", callback=_outside),
    ],
    db: DbOption = "claimledger.db",
) -> None:
    """One claim: its source, cue, status with the words behind it, figures, article, story,
    proposition and verdict."""
    from .desk.verdicts import Verdicts, split_claim_id
    from .link.read import LinkReader
    from .model import analysis_from_dict

    parts = split_claim_id(claim_id)
    ledger = _ledger(db)
    row = ledger.article(parts[0]) if parts else None
    if parts is None or row is None:
        fail(f"no claim '{claim_id}' (a claim id is ARTICLE:cN, as `claims` prints it)")
        return
    import json

    analysis = analysis_from_dict(json.loads(row.analysis))
    found = next((c for c in analysis.claims if c.id == parts[1]), None)
    if found is None:
        fail(f"no claim '{claim_id}' in article {parts[0]}")
        return
    w = words()
    labels = ("claim", "source", "cue", "markers", "figure", "article", "story")
    pad = max(len(w(f"field_{k}")) for k in labels) + 1

    def field(key: str, value: str) -> None:
        plain(f"  {w(f'field_{key}'):<{pad}}{value}")

    quantities = {q.id: q for q in analysis.quantities}
    plain(f"{claim_id}  [{w.status[found.status]}]  {w.quote[found.quote]}")
    field("claim", found.text)
    if found.source:
        kind = w.kind[found.source.kind]
        field("source", f"{found.source.text} [{kind}] {found.source.entity or ''}".rstrip())
    if found.cue:
        field("cue", f"{found.cue.text} ({found.cue.lemma})")
    if found.markers:
        field("markers", ", ".join(f"{m.text} ({w.marker[m.kind]})" for m in found.markers))
    for qid in found.quantities:
        if (q := quantities.get(qid)) is not None:
            value = w("no_number") if q.value is None else f"{q.value:g}"  # vague: its words say it
            field("figure", f"{q.text} -> {w.bound[q.bound]} {value} {q.unit or q.counted or ''}".rstrip())
    day = (row.published or "")[:10] or w("no_date")
    field("article", f"{day}  {row.title or w('untitled')}  {row.url or row.origin}")
    links = LinkReader(ledger).claim_links([row.id]).get((row.id, found.id))
    if links:
        field("story", f"{links[0]}   {w('field_proposition')} {links[1] or '-'}")
    verdicts = Verdicts(ledger)
    own = verdicts.get(f"{row.id}:{found.id}")
    if own is not None and not own.current:  # it judged another text: never shown as this claim's
        plain(
            w(
                "stale_verdict",
                rating=own.rating,
                reviewer=own.reviewer,
                date=own.reviewed,
                text=own.claim_text,
            )
        )
    verdict = verdicts.for_claims([(row.id, found.id)]).get((row.id, found.id))
    if verdict:
        said = w(
            "verdict_on_proposition" if verdict.on_proposition else "verdict",
            rating=verdict.rating,
            reviewer=verdict.reviewer,
            date=verdict.reviewed,
        )
        plain(f"{said}  {verdict.url or ''}".rstrip())
        if verdict.explanation:
            plain(f"           {verdict.explanation}")


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


class Table(StrEnum):
    articles = "articles"
    claims = "claims"
    figures = "figures"


@app.command()
def export(
    db: DbOption = "claimledger.db",
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    table: Annotated[
        Table | None,
        typer.Option(
            help="articles (analysis-v1, jsonl only), claims or figures; default articles for jsonl"
        ),
    ] = None,
    out: Annotated[
        str, typer.Option("--out", "-o", help="output file ('-' = stdout, not for parquet)")
    ] = "-",
) -> None:
    """Export the ledger: analysis-v1 objects (jsonl), or the typed claims / figures tables (csv,
    parquet, or flat jsonl rows) with global claim ids, dates as dates, figures as numbers."""
    from .present.export import export_csv, export_jsonl, export_parquet, export_rows_jsonl

    chosen = table or (Table.articles if format is ExportFormat.jsonl else Table.claims)
    if format is ExportFormat.parquet and out == "-":
        fail("parquet needs --out FILE")
    if chosen is Table.articles and format is not ExportFormat.jsonl:
        fail("the articles table is analysis-v1 JSON: use --format jsonl, or --table claims|figures")
    try:
        ledger = _ledger(db)
        if chosen is Table.articles:
            count = export_jsonl(ledger, out)
        elif format is ExportFormat.jsonl:
            count = export_rows_jsonl(ledger, out, chosen.value)
        elif format is ExportFormat.csv:
            count = export_csv(ledger, out, chosen.value)
        else:
            count = export_parquet(ledger, out, table=chosen.value)
    except InputError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror})")
        return
    w = words()
    Console(stderr=True).print(
        w("exported", n=count, table=w.noun[chosen.value]), highlight=False, markup=False
    )


@app.command()
def sources(
    db: DbOption = "claimledger.db",
    limit: Annotated[int, typer.Option(help="list at most this many")] = 50,
    offset: OffsetOption = 0,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Who is cited (one canonical id per source), how often, with which statuses. JSON stays a
    bare list (what its readers take); its "N of M" goes to stderr."""
    from .present.text_out import page_line

    _paging(limit, offset)
    try:
        ledger = _ledger(db)
        summaries = ledger.sources(limit=limit, offset=offset)
        total = ledger.count_sources()
    except InputError as exc:
        fail(str(exc))
        return
    counted = page_line(len(summaries), total, "sources", offset=offset)
    if format is Format.json:
        import json

        rows = [
            {"id": s.id, "source": s.source, "kind": s.kind, "claims": s.claims, "statuses": s.statuses}
            for s in summaries
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        _count(counted, stderr=True)
        return
    console = out_console()
    w = words()
    for s in summaries:
        statuses = ", ".join(
            f"{w.status[k]} {v}" for k, v in sorted(s.statuses.items(), key=lambda kv: -kv[1])
        )
        say(console, f"{s.claims:>5}  {s.source} [{w.kind[s.kind or '']}] {s.id}  ({statuses})")
    _count(counted)


def _linker(ledger: Ledger, analyzer: Analyzer | None = None) -> Linker:
    """A linker that embeds with the analysis pipeline's own vectors when one is loaded here."""
    from .link.embed import Embedder
    from .link.linker import Linker

    try:
        if analyzer is not None:
            return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))
        return Linker(ledger)
    except InputError as exc:  # CLAIMLEDGER_LINK_BUDGET that is no number of seconds
        fail(str(exc))
        raise  # unreachable: fail() exits


def _ledger(db: str, *, create: bool = False) -> Ledger:
    """The ledger at `db`; a read command refuses a file that does not exist (a mistyped --db
    must not create an empty ledger and answer "0 claims")."""
    from .store.ledger import Ledger

    try:
        return Ledger(db, create=create)
    except InputError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def _reader(db: str) -> LinkReader:
    from .link.read import LinkReader

    reader = LinkReader(_ledger(db))
    waiting = reader.pending()
    if waiting:
        _note(words()("not_linked", n=waiting))
    merged = reader.rechecks()
    if merged:
        _note(words()("not_rechecked", n=merged))
    return reader


def _note(line: str) -> None:
    """A line on stderr that is no error: what the user may want to do next."""
    out_console(stderr=True).print(safe_line(line), markup=False)


def _report(db: str, story_id: str, *, all_claims: bool = True) -> StoryReport:
    reader = _reader(db)
    live = reader.resolve_story(story_id)
    rep = reader.report(live, all_claims=all_claims) if live else None
    if rep is None:
        fail(f"no story '{story_id}' (see 'claimledger stories')")
        raise AssertionError  # unreachable
    if live != story_id:
        _note(words()("merged_story", old=story_id, new=live))
    return rep


StoryArgument = Annotated[str, typer.Argument(callback=_outside)]


@app.command()
def stories(
    db: DbOption = "claimledger.db",
    limit: Annotated[int, typer.Option(help="list at most this many")] = 50,
    offset: OffsetOption = 0,
) -> None:
    """Stories in the ledger: articles about the same event, largest first."""
    from .present.text_out import page_line

    _paging(limit, offset)
    reader = _reader(db)
    shown = reader.stories(limit, offset)
    for s in shown:
        names = ", ".join(name for _, name in s.entities[:3])
        count = words()("article_count", n=f"{s.size:>3}")
        plain(f"{s.id}  {count}  {s.start or '          '}  {s.title}  [{names}]")
    _count(page_line(len(shown), reader.count_stories(), "stories", offset=offset))


@app.command()
def story(
    story_id: StoryArgument,
    db: DbOption = "claimledger.db",
    by_source: Annotated[
        bool,
        typer.Option(
            "--by-source",
            help="the story's ledger: each proposition with every source's claim side by side "
            "(status, cue, date, article; the newest change marked), then the other claims "
            "that name a source or hedge, by source",
        ),
    ] = False,
) -> None:
    """One story: its articles, figures over time, contradictions and status changes (with
    --by-source: who says what, source by source)."""
    rep = _report(db, story_id, all_claims=by_source)
    w = words()
    out = plain  # article text: no markup, no control characters
    out(f"{rep.story.id}: {rep.story.title}")
    for a in rep.story.articles:
        out(f"  {a.date or '          '}  {a.title or a.id}  {a.url or ''}")
    if by_source:
        _ledger_view(rep, db)
        return
    for series in rep.charted:
        out(w("figures_of", label=series.label))
        for p in series.points:
            out(
                f"  {p.date or '          '}  {p.text:<22} {w.bound[p.bound]:<9} "
                f"{p.source or w('article_itself')} ({w.status[p.status]})"
            )
        for p, r in series.conflicts:
            out(
                w(
                    "conflict",
                    text=p.text,
                    source=p.source or w("article_itself"),
                    other=r.text,
                    other_source=r.source or w("article_itself"),
                )
            )
    for k in rep.contradictions:
        out(
            w(
                "contradiction",
                who=k.affirmed.who or w("article"),
                status=w.status[k.affirmed.status],
                text=k.affirmed.text,
                other_who=k.denied.who or w("article"),
                denied=w.status["denied"],
                other=k.denied.text,
            )
        )
    for c in rep.status_changes:
        out(
            w(
                "status_change",
                before=w.status[c.before.status],
                who=c.before.who or w("article"),
                date=c.before.date,
                after=w.status[c.after.status],
                other_who=c.after.who or w("article"),
                other_date=c.after.date,
                text=c.after.text,
            )
        )


NEWEST = "→"  # marks the newest change of a proposition in `story --by-source`


def _ledger_view(rep: StoryReport, db: str) -> None:
    """`story --by-source`: a table per proposition, then one per source of the other claims.
    Every cell is a Rich Text, never markup: a claim's "[bold]" is printed as it is written."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .present.ledger_view import Entry, ledger_view

    w = words()
    view = ledger_view(rep, _ledger(db))
    console = out_console()

    def cell(value: str | None) -> Text:
        return Text(safe_line(value or ""))

    def table(entries: list[Entry], title: str, *, source: bool = True, caption: str | None = None) -> None:
        grid = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            title=cell(title),
            title_justify="left",
            caption=caption and cell(caption),
            caption_justify="left",
        )
        marked = any(e.newest_change for e in entries)
        if marked:
            grid.add_column("", no_wrap=True)
        grid.add_column(w("col_date"), no_wrap=True)
        if source:
            grid.add_column(w("col_source"), overflow="fold")
        grid.add_column(w("col_status"), no_wrap=True)
        grid.add_column(w("col_cue"), no_wrap=True)
        grid.add_column(w("col_claim"), overflow="fold", ratio=1)
        grid.add_column(w("col_id"), no_wrap=True)
        for e in entries:
            c = e.claim
            row = [
                *([cell(NEWEST if e.newest_change else "")] if marked else []),
                cell((c.date or "")[:10] or w("no_date")),
                *([cell(e.who or w("article_itself"))] if source else []),
                cell(w.status[c.status]),
                cell(e.cue),
                cell(c.text),
                cell(c.key),
            ]
            grid.add_row(*row, style="bold" if e.newest_change else None)
        console.print(grid)

    console.print(Text(w("ledger_heading"), style="bold"))
    if not view.propositions:
        say(console, w("no_proposition"))
    for p in view.propositions:
        change = p.newest_change
        caption = (
            w(
                "newest_change",
                mark=NEWEST,
                before=w.status[change.changed_from or ""],
                after=w.status[change.claim.status],
                date=(change.claim.date or "")[:10],
            )
            if change is not None
            else None
        )
        table(p.entries, w("proposition", id=p.id, n=len(p.entries), sources=p.sources), caption=caption)
    console.print(Text(w("outside"), style="bold"))
    if not view.by_source:
        say(console, w("no_outside"))
    for g in view.by_source:
        table(
            g.entries, w("outside_source", who=g.who or w("article_itself"), n=len(g.entries)), source=False
        )


@app.command()
def brief(
    story_id: StoryArgument,
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


ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="desk settings (default: $CLAIMLEDGER_CONFIG or ./claimledger.toml)"),
]


def _config(path: str | None) -> DeskConfig:
    from .desk.config import load_config

    try:
        return load_config(path)
    except InputError as exc:
        fail(str(exc))
        raise  # unreachable


@app.command()
def claimreview(
    story_id: Annotated[
        str | None, typer.Argument(help="only this story's claims", callback=_outside)
    ] = None,
    db: DbOption = "claimledger.db",
    drafts: Annotated[
        bool, typer.Option("--drafts", help="also drafts for the story's unreviewed claims (not publishable)")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """schema.org ClaimReview JSON-LD for the recorded verdicts, ready to publish."""
    from .desk.publish import claim_reviews
    from .present.claimreview import dumps

    if drafts and story_id is None:
        fail("--drafts needs a STORY (drafts are made for one story's claims)")
    settings = _config(config)
    report = _report(db, story_id) if story_id else None
    ledger = _reader(db).ledger if report is None else _ledger(db)
    reviews, skipped = claim_reviews(ledger, settings, report, drafts=drafts)
    sys.stdout.write(dumps(reviews) + "\n")
    for item in skipped:
        _note(words()("review_skipped", target=item.target, reason=item.reason))


@app.command()
def review(
    target: Annotated[
        str, typer.Argument(help="a claim (ARTICLE:cN) or a proposition (p-…)", callback=_outside)
    ],
    rating: Annotated[
        str | None, typer.Option(help="a rating id of the scale (see `reviews --scale`)")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="the short explanation")] = None,
    url: Annotated[str | None, typer.Option(help="URL of the published fact-check ('' clears it)")] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            help="who reviews (an edit keeps the stored reviewer; a new verdict: "
            "$CLAIMLEDGER_REVIEWER or the login name)"
        ),
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="date of the review (default: today)")] = None,
    short: Annotated[
        str | None, typer.Option(help="the claim in under 75 characters, for ClaimReview")
    ] = None,
    db: DbOption = "claimledger.db",
    config: ConfigOption = None,
) -> None:
    """Record or edit a verdict; fields not given keep their value, every change is kept."""
    import getpass
    import os

    from .desk.verdicts import Verdicts

    settings = _config(config)
    verdicts = Verdicts(_ledger(db))
    try:
        # an edit without --reviewer keeps the verdict's reviewer (fields not given keep their
        # value); $CLAIMLEDGER_REVIEWER or the login name only sign a new verdict
        existing = verdicts.get(verdicts.resolve(target)[0]) if reviewer is None else None
    except InputError as exc:
        fail(str(exc))
        return
    who = (
        reviewer
        or (existing.reviewer if existing is not None else None)
        or os.environ.get("CLAIMLEDGER_REVIEWER")
        or getpass.getuser()
    )
    try:
        v = verdicts.record(
            target,
            scale=settings.scale,
            reviewer=who,
            rating=rating,
            explanation=note,
            url=url,
            reviewed=date,
            short=short,
        )
    except InputError as exc:
        fail(str(exc))
        return
    w = words()
    plain(
        w(
            "review_saved",
            target=v.target,
            rating=v.rating,
            reviewer=v.reviewer,
            date=v.reviewed,
            url=v.url or w("no_url"),
        )
    )


@app.command()
def reviews(
    db: DbOption = "claimledger.db",
    rating: Annotated[str | None, typer.Option(help="only this rating", callback=_outside)] = None,
    history: Annotated[
        str | None, typer.Option(help="every change to this target's verdict", callback=_outside)
    ] = None,
    scale: Annotated[bool, typer.Option("--scale", help="print the rating scale")] = False,
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option(help="list at most this many")] = 200,
    offset: OffsetOption = 0,
) -> None:
    """Recorded verdicts, most recently changed first."""
    from .desk.verdicts import Verdicts
    from .present.text_out import page_line

    _paging(limit, offset)

    settings = _config(config)
    w = words()
    if scale:
        for r in settings.scale.ratings:
            plain(f"{r.id:<14} {r.value}  {w.rating(r)}")
        return
    ledger = _ledger(db)
    verdicts = Verdicts(ledger)
    if history:
        for change in verdicts.history(history.strip()):
            fields = "; ".join(f"{k}: {a!r} -> {b!r}" for k, (a, b) in change.changes.items())
            plain(f"{change.changed}  {change.reviewer}  {fields}")
        return
    # verdicts are a desk's own work, hundreds not millions: the page is cut from the first ones
    rows = verdicts.all(rating=rating, limit=offset + limit)[offset:]
    for v in rows:
        label = w.rating(settings.scale.find(v.rating), v.rating)
        standing = {"stale": w("stale_mark"), "orphaned": w("orphaned_mark")}
        plain(f"{v.target}  {label}  {v.reviewer} {v.reviewed}  {v.url or '-'}{standing.get(v.standing, '')}")
        plain(f"    {v.claim_text[:160]}")
    _count(page_line(len(rows), ledger.count_verdicts(rating), "verdicts", offset=offset))


@app.command()
def delete(
    article: Annotated[
        str,
        typer.Argument(
            help="the article's id (as `articles` and `claims` print it), its URL, or the file it "
            "was ingested from",
            callback=_outside,
        ),
    ],
    db: DbOption = "claimledger.db",
) -> None:
    """Remove an article with its claims and links; its story is summarised again. Verdicts on
    its claims are kept (with the claim's text). The article is named by what the desk has at
    hand: its id, its URL or its file."""
    ledger = _ledger(db)
    try:
        article_id = ledger.find_article(article)
    except InputError as exc:
        fail(str(exc))
        return
    if article_id is None:
        fail(f"no article '{article}' (an id, URL or ingested file, as `claimledger articles` lists them)")
        return
    linker = _linker(ledger)
    try:
        removed = linker.forget(article_id)
    except InputError as exc:
        fail(str(exc))
        return
    if not removed:
        fail(f"no article '{article}'")
    w = words()
    plain(
        w("deleted", id=article_id)
        if article_id == article
        else w("deleted_named", id=article_id, ref=article)
    )


@app.command()
def articles(
    db: DbOption = "claimledger.db",
    limit: Annotated[int, typer.Option(help="list at most this many")] = 50,
    offset: OffsetOption = 0,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Stored articles, newest first: id, date, title, where each was read from, and how many
    claims it holds and how many of them somebody is reported to say (the id is what `delete`
    and `claims` use)."""
    from .present.text_out import page_line

    _paging(limit, offset)
    ledger = _ledger(db)
    rows = ledger.recent(limit, offset)
    total = ledger.count_articles()
    counts = ledger.claim_counts(r.id for r in rows)
    if format is Format.json:
        import json

        listed = [
            {
                "id": r.id,
                "published": r.published,
                "title": r.title,
                "origin": r.origin,
                "url": r.url,
                "lang": r.lang,
                "claims": counts.get(r.id, (0, 0))[0],
                "attributed": counts.get(r.id, (0, 0))[1],
            }
            for r in rows
        ]
        page = {"total": total, "limit": limit, "offset": offset, "articles": listed}
        sys.stdout.write(json.dumps(page, ensure_ascii=False, indent=1) + "\n")
        return
    w = words()
    for r in rows:
        n, attributed = counts.get(r.id, (0, 0))
        day = f"{(r.published or '')[:10] or w('no_date'):<10}"
        plain(
            f"{r.id}  {day}  {w('claim_counts', n=f'{n:>4}', attributed=f'{attributed:>4}')}"
            f"  {r.title or w('untitled')}"
        )
        plain(f"{'':18}{r.url or r.origin}")
    _count(page_line(len(rows), total, "articles", offset=offset))


@app.command("source-record")
def source_record(
    db: DbOption = "claimledger.db",
    limit: Annotated[int, typer.Option(help="list at most this many")] = 50,
    offset: OffsetOption = 0,
) -> None:
    """Per source: claims later confirmed, contradicted, or never corroborated by another source."""
    from .present.text_out import page_line

    _paging(limit, offset)
    reader = _reader(db)
    records = reader.source_records(offset + limit)[offset:]  # ranked rows kept up to date: cheap
    w = words()
    heads = [w(f"col_{k}") for k in ("claims", "confirmed_later", "contradicted", "uncorroborated", "shown")]
    widths = [len(h) for h in heads]
    plain(" ".join(f"{h:>{n}}" for h, n in zip(heads, widths, strict=True)) + f"  {w('col_source')}")
    for r in records:
        values = (r.claims, r.confirmed_later, r.contradicted, r.uncorroborated, r.shown)
        plain(" ".join(f"{v:>{n}}" for v, n in zip(values, widths, strict=True)) + f"  {r.source}")
    _count(page_line(len(records), reader.ledger.count_source_records(), "sources", offset=offset))


@app.command()
def relink(
    db: DbOption = "claimledger.db",
    pending: Annotated[
        bool,
        typer.Option(
            "--pending",
            help="only link articles stored but not linked yet, and score again the claims of "
            "sources merged into another id",
        ),
    ] = False,
    parked: Annotated[
        bool,
        typer.Option(
            "--parked",
            help="try again the articles parked for going over the link budget (and the pending ones)",
        ),
    ] = False,
) -> None:
    """Rebuild stories, propositions, figure series and contradictions from the stored analyses
    (after a model or threshold change); saved story and proposition ids keep resolving."""
    from .store.ledger import Ledger

    try:
        ledger = Ledger(db)
    except InputError as exc:
        fail(str(exc))
        return
    linker = _linker(ledger)
    if parked:
        linker.requeue_parked()
        pending = True
    total = linker.pending() if pending else ledger.count_articles()
    w = words()
    with Progress(w("link_bar"), total) as bar:
        stats = linker.link_pending(bar.advance) if pending else linker.relink(bar.advance)
    console = out_console()
    say(
        console,
        w(
            "linked",
            n=stats.articles,
            stories=stats.stories,
            merges=stats.merges,
            seconds=f"{stats.seconds:.1f}",
        ),
    )
    for aid, reason in stats.parked:
        say(console, w("parked", id=aid, reason=reason))
    _parked_note(console, linker)


def _parked_note(console: Console, linker: Linker) -> None:
    """Articles parked by any run so far are not linked: say so after every link run, with how
    to try them again, so that they are never forgotten."""
    waiting = linker.parked()
    if waiting:
        say(console, words()("parked_note", n=len(waiting)))


@app.command()
def serve(
    db: DbOption = "claimledger.db",
    host: Annotated[str, typer.Option(help="interface; the default keeps it on this machine")] = "127.0.0.1",
    port: int = 8000,
    allow_host: Annotated[
        list[str] | None, typer.Option(help="a Host name clients use (needed when not on loopback)")
    ] = None,
    config: ConfigOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help="language of the pages (fr or en) for a visitor who chose none with the FR | EN "
            "switch; default: the browser's language, else fr"
        ),
    ] = None,
) -> None:
    """Web pages and JSON API over the ledger (OpenAPI at /docs)."""
    import uvicorn

    from .present.web.app import create_app
    from .present.web.i18n import LANGUAGES
    from .present.web.security import allowed_hosts

    if not 1 <= port <= 65535:
        fail(f"--port {port} is not a port (1-65535)")
    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang}: the pages are in {' or '.join(LANGUAGES)}")
    hosts = allowed_hosts(host, allow_host or [])
    if not hosts:
        fail(f"listening on {host}: name the host clients will use with --allow-host")
    try:
        application = create_app(db, hosts, _config(config), lang=lang)
    except InputError as exc:
        fail(str(exc))
        return
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print(words()("interrupted"), markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
