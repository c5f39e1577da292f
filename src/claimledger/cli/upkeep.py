"""Ledger upkeep: `relink` (stories rebuilt from the stored analyses) and `delete` (an article
taken out)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ..errors import InputError
from ..present.words import words
from .ledger_access import _ledger, _linker
from .options import DbOption, _outside
from .output import fail, out_console, plain, say
from .progress import Progress

if TYPE_CHECKING:
    from ..link.linker import Linker


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
    from ..store.ledger import Ledger

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
