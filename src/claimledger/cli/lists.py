"""The reading lists, a page at a time: `claims`, `sources`, `stories`, `articles`,
`source-record` and `outlets`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from ..errors import InputError
from ..present.words import words
from .ledger_access import _ledger, _reader
from .options import DbOption, LimitOption, OffsetOption, _is_iso_date, _outside, _paging
from .output import _count, fail, out_console, plain, say
from .pages import ListFormat, ListFormatOption, write_page


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
    limit: LimitOption = 200,
    offset: OffsetOption = 0,
    all_claims: Annotated[
        bool,
        typer.Option(
            "--all", help="also the articles' own plain sentences (no source, stated), left out by default"
        ),
    ] = False,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """List stored claims, filtered: status, source and cue, the claim, its article and date,
    and its global id (for `claim ID` and `review ID`). By default, what somebody is reported
    to say and what the articles hedge: their own plain sentences are most of a ledger (`--all`)."""
    from ..model import STATUSES
    from ..present.text_out import page_line

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
    before = w("without_plain", n=w.number(hidden)) if hidden else ""
    counted = page_line(len(rows), total, "claims", offset=offset, before=before)
    if format is not ListFormat.text:
        columns = ("id", "status", "source", "source_kind", "cue", "text", "published", "title")
        items = [
            {
                "id": f"{r.article_id}:{r.claim_id}",
                "status": r.status,
                "source": r.source_text,
                "source_kind": r.source_kind,
                "cue": r.cue_lemma,
                "text": r.text,
                "published": articles.get(r.article_id, (None, None))[1],
                "title": articles.get(r.article_id, (None, None))[0],
            }
            for r in rows
        ]
        write_page(format, "claims", columns, items, total=total, limit=limit, offset=offset, counted=counted)
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
    plain(counted)


def sources(
    db: DbOption = "claimledger.db",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """Who is cited (one canonical id per source), how often, with which statuses. JSON stays a
    bare list (what its readers take); its "N of M" goes to stderr, as for TSV."""
    from ..present.text_out import page_line

    _paging(limit, offset)
    try:
        ledger = _ledger(db)
        summaries = ledger.sources(limit=limit, offset=offset)
        total = ledger.count_sources()
    except InputError as exc:
        fail(str(exc))
        return
    counted = page_line(len(summaries), total, "sources", offset=offset)
    rows = [
        {"id": s.id, "source": s.source, "kind": s.kind, "claims": s.claims, "statuses": s.statuses}
        for s in summaries
    ]
    if format is ListFormat.json:
        import json

        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        _count(counted, stderr=True)
        return
    if format is ListFormat.tsv:
        columns = ("id", "source", "kind", "claims", "statuses")
        write_page(format, "sources", columns, rows, total=total, limit=limit, offset=offset, counted=counted)
        return
    console = out_console()
    w = words()
    for s in summaries:
        statuses = ", ".join(
            f"{w.status[k]} {v}" for k, v in sorted(s.statuses.items(), key=lambda kv: -kv[1])
        )
        say(console, f"{s.claims:>5}  {s.source} [{w.kind[s.kind or '']}] {s.id}  ({statuses})")
    _count(counted)


def stories(
    db: DbOption = "claimledger.db",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """Stories in the ledger: articles about the same event, largest first."""
    from ..present.text_out import page_line

    _paging(limit, offset)
    reader = _reader(db)
    shown = reader.stories(limit, offset)
    total = reader.count_stories()
    counted = page_line(len(shown), total, "stories", offset=offset)
    if format is not ListFormat.text:
        columns = ("id", "size", "start", "title", "entities")
        items = [
            {
                "id": s.id,
                "size": s.size,
                "start": s.start,
                "title": s.title,
                "entities": [n for _, n in s.entities[:3]],
            }
            for s in shown
        ]
        write_page(
            format, "stories", columns, items, total=total, limit=limit, offset=offset, counted=counted
        )
        return
    for s in shown:
        names = ", ".join(name for _, name in s.entities[:3])
        count = words()("article_count", n=f"{s.size:>3}")
        plain(f"{s.id}  {count}  {s.start or '          '}  {s.title}  [{names}]")
    _count(counted)


def articles(
    db: DbOption = "claimledger.db",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """Stored articles, newest first: id, date, title, where each was read from, and how many
    claims it holds and how many of them somebody is reported to say (the id is what `delete`
    and `claims` use)."""
    from ..present.text_out import page_line

    _paging(limit, offset)
    ledger = _ledger(db)
    rows = ledger.recent(limit, offset)
    total = ledger.count_articles()
    counts = ledger.claim_counts(r.id for r in rows)
    counted = page_line(len(rows), total, "articles", offset=offset)
    if format is not ListFormat.text:
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
        columns = ("id", "published", "title", "origin", "url", "lang", "claims", "attributed")
        write_page(
            format, "articles", columns, listed, total=total, limit=limit, offset=offset, counted=counted
        )
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
    _count(counted)


def source_record(
    db: DbOption = "claimledger.db",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """Per source: claims later confirmed, contradicted, or never corroborated by another source."""
    from ..present.text_out import page_line

    _paging(limit, offset)
    reader = _reader(db)
    records = reader.source_records(offset + limit)[offset:]  # ranked rows kept up to date: cheap
    total = reader.ledger.count_source_records()
    counted = page_line(len(records), total, "sources", offset=offset)
    columns = ("source", "claims", "confirmed_later", "contradicted", "uncorroborated", "shown")
    if format is not ListFormat.text:
        items = [{c: getattr(r, c) for c in columns} for r in records]
        write_page(
            format, "sources", columns, items, total=total, limit=limit, offset=offset, counted=counted
        )
        return
    _counts_table(records, columns[1:], "source")
    _count(counted)


def _counts_table(records: Sequence[object], counts: Sequence[str], name: str) -> None:
    """A record per line: its counts right-aligned under their headings, then its name (a source,
    an outlet): what `source-record` and `outlets` print."""
    w = words()
    heads = [w(f"col_{k}") for k in counts]
    widths = [len(h) for h in heads]
    plain(" ".join(f"{h:>{n}}" for h, n in zip(heads, widths, strict=True)) + f"  {w(f'col_{name}')}")
    for r in records:
        values = [getattr(r, k) for k in counts]
        plain(" ".join(f"{v:>{n}}" for v, n in zip(values, widths, strict=True)) + f"  {getattr(r, name)}")


def outlets(
    db: DbOption = "claimledger.db",
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """Per outlet (the host of its articles' addresses): its articles, and its own plain facts that
    upgrade what the same article or an earlier one of the story only credited or hedged."""
    from ..link.outlets import outlet_records
    from ..present.text_out import page_line

    _paging(limit, offset)
    records, total = outlet_records(_ledger(db), limit, offset)
    counted = page_line(len(records), total, "outlets", offset=offset)
    columns = ("outlet", "articles", "upgrades_within", "upgrades_across")
    if format is not ListFormat.text:
        items = [{c: getattr(r, c) for c in columns} for r in records]
        write_page(
            format, "outlets", columns, items, total=total, limit=limit, offset=offset, counted=counted
        )
        return
    _counts_table(records, columns[1:], "outlet")
    _count(counted)
