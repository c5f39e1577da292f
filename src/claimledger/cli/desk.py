"""The fact-checking desk: verdicts recorded (`review`), listed (`reviews`) and published as
ClaimReview (`claimreview`), and a claim taken out of a proposition it does not belong to
(`detach`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import InputError
from ..present.words import words
from .ledger_access import _config, _ledger, _reader, _report
from .options import ConfigOption, DbOption, LimitOption, OffsetOption, _outside, _paging
from .output import _count, _note, fail, plain
from .pages import ListFormat, ListFormatOption, write_page


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
    from ..desk.publish import claim_reviews
    from ..present.claimreview import dumps

    if drafts and story_id is None:
        fail("--drafts needs a STORY (drafts are made for one story's claims)")
    settings = _config(config)
    report = _report(db, story_id) if story_id else None
    ledger = _reader(db).ledger if report is None else _ledger(db)
    reviews, skipped = claim_reviews(ledger, settings, report, drafts=drafts)
    sys.stdout.write(dumps(reviews) + "\n")
    for item in skipped:
        _note(words()("review_skipped", target=item.target, reason=item.reason))


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

    from ..desk.verdicts import Verdicts

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


def reviews(
    db: DbOption = "claimledger.db",
    rating: Annotated[str | None, typer.Option(help="only this rating", callback=_outside)] = None,
    history: Annotated[
        str | None, typer.Option(help="every change to this target's verdict", callback=_outside)
    ] = None,
    scale: Annotated[bool, typer.Option("--scale", help="print the rating scale")] = False,
    config: ConfigOption = None,
    limit: LimitOption = 200,
    offset: OffsetOption = 0,
    format: ListFormatOption = ListFormat.text,
) -> None:
    """Recorded verdicts, most recently changed first."""
    from ..desk.verdicts import Verdicts
    from ..present.text_out import page_line

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
    total = ledger.count_verdicts(rating)
    counted = page_line(len(rows), total, "verdicts", offset=offset)
    if format is not ListFormat.text:
        columns = ("target", "rating", "reviewer", "reviewed", "url", "standing", "claim_text")
        items = [{c: getattr(v, c) for c in columns} for v in rows]
        write_page(
            format, "verdicts", columns, items, total=total, limit=limit, offset=offset, counted=counted
        )
        return
    for v in rows:
        label = w.rating(settings.scale.find(v.rating), v.rating)
        standing = {"stale": w("stale_mark"), "orphaned": w("orphaned_mark")}
        plain(f"{v.target}  {label}  {v.reviewer} {v.reviewed}  {v.url or '-'}{standing.get(v.standing, '')}")
        plain(f"    {v.claim_text[:160]}")
    _count(counted)


def detach(
    claim: Annotated[str, typer.Argument(help="a claim (ARTICLE:cN) wrongly grouped", callback=_outside)],
    db: DbOption = "claimledger.db",
) -> None:
    """Take a claim out of its proposition for good: it is kept apart from each claim it was
    grouped with through later links and `relink`, and the proposition's verdict no longer
    covers it."""
    from ..desk.verdicts import split_claim_id
    from ..link.apart import detach as detach_claim

    parts = split_claim_id(claim)
    if parts is None:
        fail(f"no claim '{claim}' (a claim id is ARTICLE:cN, as `claims` prints it)")
        return
    try:
        done = detach_claim(_ledger(db), *parts)
    except InputError as exc:
        fail(str(exc))
        return
    w = words()
    plain(w("detached", claim=done.claim, proposition=done.proposition, n=len(done.apart_from)))
    if done.dissolved:
        plain(w("detached_dissolved", proposition=done.proposition))
