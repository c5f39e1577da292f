"""One thing in full: a claim (`claim`), a story (`story`, `story --by-source`) and a story's
Markdown brief (`brief`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..present.text_out import safe_line, terminal_safe
from ..present.words import words
from .ledger_access import _ledger, _report
from .options import DbOption, StoryArgument, _outside
from .output import fail, out_console, plain, say

if TYPE_CHECKING:
    from ..link.report import StoryReport


def claim(
    claim_id: Annotated[
        str,
        typer.Argument(help="a global claim id, ARTICLE:cN (as `claims` prints it)", callback=_outside),
    ],
    db: DbOption = "claimledger.db",
) -> None:
    """One claim: its source, cue, status with the words behind it, figures, article, story,
    proposition and verdict."""
    from ..desk.verdicts import Verdicts, split_claim_id
    from ..link.read import LinkReader
    from ..model import analysis_from_dict

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
    for u in rep.upgrades:
        weak = u.weaker[0]
        out(
            w(
                "story_upgraded",
                date=(u.claim.date or "")[:10],
                title=u.claim.title or u.claim.article_id,
                text=u.claim.text,
                status=w.status.get(u.from_status) or w("attributed"),
                who=", ".join(u.sources) or w("article"),
                other_date=(weak.date or "")[:10],
                other=weak.text,
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

    from ..present.ledger_view import Entry, ledger_view

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


def brief(
    story_id: StoryArgument,
    db: DbOption = "claimledger.db",
    all_claims: Annotated[
        bool, typer.Option("--all", help="every claim, not only the most telling ones")
    ] = False,
) -> None:
    """A Markdown brief of a story that keeps attribution and certainty."""
    from ..present.brief import MAX_SENTENCES, render_brief

    rep = _report(db, story_id)
    text = render_brief(rep, limit=None if all_claims else MAX_SENTENCES)
    sys.stdout.write(terminal_safe(text, newlines=True))
