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
        render(analysis, Console())


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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
                collect(targets, default_date=date),
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
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, failed {len(report.failed)}"
        f", skipped {len(report.skipped)}",
        highlight=False,
    )
    for _origin, reason in report.failed:
        say(console, f"  failed: {reason}")
    for _origin, reason in report.skipped:  # a language claimledger does not read
        say(console, f"  skipped: {reason}")
    for origin, aid in report.duplicates:
        say(console, f"  duplicate: {origin} (already stored as article {aid})")
    if report.merged:
        say(console, f"  merged ids: {report.merged} (one id per person across the ledger)")
    for reason in link_errors[:3]:
        say(console, f"  linking failed (articles kept, linked by the next run): {reason}")
    for aid, reason in parked:
        say(console, f"  parked: article {aid}: {reason}")
    if parked:
        _parked_note(console, linker)
    if report.new + report.duplicate == 0:
        raise typer.Exit(EXIT_INPUT)  # nothing could be processed


@app.command()
def claims(
    db: DbOption = "claimledger.db",
    source: Annotated[str | None, typer.Option(help="words of the source", callback=_outside)] = None,
    status: Annotated[str | None, typer.Option(help="stated|confirmed|alleged|speculative|denied")] = None,
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
    if status is not None and status not in STATUSES:
        fail(f"unknown status '{status}' (one of {', '.join(STATUSES)})")
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
    for r in rows:
        title, published = articles.get(r.article_id, (None, None))
        who = f"{r.source_text} [{r.source_kind}]" if r.source_text else "(the article)"
        cue = f" ({r.cue_lemma})" if r.cue_lemma else ""
        plain(f"{r.status:<11} {who}{cue} | {r.text}")
        plain(
            f"{'':12}{(published or '')[:10] or 'no date'}  {title or '(untitled)'}"
            f"  {r.article_id}:{r.claim_id}"
        )
    before = f"without the articles' own {hidden:,} plain sentences (--all lists them): " if hidden else ""
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
    quantities = {q.id: q for q in analysis.quantities}
    plain(f"{claim_id}  [{found.status}]  {found.quote} quote")
    plain(f"  claim:   {found.text}")
    if found.source:
        plain(f"  source:  {found.source.text} [{found.source.kind}] {found.source.entity or ''}".rstrip())
    if found.cue:
        plain(f"  cue:     {found.cue.text} ({found.cue.lemma})")
    if found.markers:
        plain("  markers: " + ", ".join(f"{m.text} ({m.kind})" for m in found.markers))
    for qid in found.quantities:
        if (q := quantities.get(qid)) is not None:
            value = "(no number)" if q.value is None else f"{q.value:g}"  # vague: its words say it
            plain(f"  figure:  {q.text} -> {q.bound} {value} {q.unit or q.counted or ''}".rstrip())
    plain(
        f"  article: {(row.published or '')[:10] or 'no date'}  {row.title or '(untitled)'}"
        f"  {row.url or row.origin}"
    )
    links = LinkReader(ledger).claim_links([row.id]).get((row.id, found.id))
    if links:
        plain(f"  story:   {links[0]}   proposition: {links[1] or '-'}")
    verdicts = Verdicts(ledger)
    own = verdicts.get(f"{row.id}:{found.id}")
    if own is not None and not own.current:  # it judged another text: never shown as this claim's
        plain(f"  stale verdict: {own.rating} by {own.reviewer} on {own.reviewed}, on: {own.claim_text}")
    verdict = verdicts.for_claims([(row.id, found.id)]).get((row.id, found.id))
    if verdict:
        on = " (on its proposition)" if verdict.on_proposition else ""
        plain(
            f"  verdict{on}: {verdict.rating} by {verdict.reviewer} on {verdict.reviewed}"
            f"  {verdict.url or ''}".rstrip()
        )
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
    Console(stderr=True).print(f"exported {count} {chosen.value}", highlight=False)


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
    console = Console()
    for s in summaries:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(s.statuses.items(), key=lambda kv: -kv[1]))
        say(console, f"{s.claims:>5}  {s.source} [{s.kind}] {s.id}  ({statuses})")
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
        Console(stderr=True, highlight=False).print(
            f"claimledger: {waiting} article(s) not linked yet: run 'claimledger relink --pending'",
            markup=False,
        )
    merged = reader.rechecks()
    if merged:
        Console(stderr=True, highlight=False).print(
            f"claimledger: {merged} merged source(s) not scored again yet: "
            "run 'claimledger relink --pending'",
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
        plain(f"{s.id}  {s.size:>3} article(s)  {s.start or '          '}  {s.title}  [{names}]")
    _count(page_line(len(shown), reader.count_stories(), "stories", offset=offset))


@app.command()
def story(story_id: StoryArgument, db: DbOption = "claimledger.db") -> None:
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
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for item in skipped:
        err.print(safe_line(f"claimledger: skipped {item.target}: {item.reason}"), markup=False)


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
    plain(f"{v.target}: {v.rating} by {v.reviewer} on {v.reviewed}  {v.url or '(no fact-check URL yet)'}")


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
    if scale:
        for r in settings.scale.ratings:
            plain(f"{r.id:<14} {r.value}  {r.label}")
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
        label = (settings.scale.find(v.rating) or v).__dict__.get("label", v.rating)
        standing = {"stale": "  [stale: its claim now says something else]", "orphaned": "  [orphaned]"}
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
    plain(f"deleted {article_id}" if article_id == article else f"deleted {article_id} ({article})")


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
    for r in rows:
        n, attributed = counts.get(r.id, (0, 0))
        plain(
            f"{r.id}  {(r.published or '')[:10] or 'no date   '}  {n:>4} claims, {attributed:>4} attributed"
            f"  {r.title or '(untitled)'}"
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
    plain(
        f"{'claims':>6} {'confirmed later':>15} {'contradicted':>12} {'uncorroborated':>14} "
        f"{'shown (own evidence)':>20}  source"
    )
    for r in records:
        plain(
            f"{r.claims:>6} {r.confirmed_later:>15} {r.contradicted:>12} {r.uncorroborated:>14} "
            f"{r.shown:>20}  {r.source}"
        )
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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
    console = Console(soft_wrap=True)
    console.print(
        f"linked {stats.articles} articles: {stats.stories} stories touched, {stats.merges} merges "
        f"({stats.seconds:.1f} s)",
        highlight=False,
    )
    for aid, reason in stats.parked:
        say(console, f"  parked: article {aid}: {reason}")
    _parked_note(console, linker)


def _parked_note(console: Console, linker: Linker) -> None:
    """Articles parked by any run so far are not linked: say so after every link run, with how
    to try them again, so that they are never forgotten."""
    waiting = linker.parked()
    if waiting:
        say(console, f"{len(waiting)} article(s) parked, not linked: `relink --parked` tries them again")


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
        Console(stderr=True).print("claimledger: interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
