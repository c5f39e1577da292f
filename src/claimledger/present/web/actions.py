"""What a page and the JSON API both do: analyse (and store) a text or an address, find a story
or a proposition by an id that may have been merged, record a verdict with the CLI's checks, and
take a claim out of a proposition it does not belong to.

Errors are `Problem`s: the API says them in English, a page in its own language."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from ...desk.verdicts import MAX_EXPLANATION, Verdict, split_claim_id
from ...errors import InputError
from ...ingest.langid import LanguageRefused
from ...ingest.reader import decode_text, is_url, read_raw
from ...ingest.urlpolicy import safe_link
from ...link.apart import Detached, detach
from ...model import Analysis
from ...store.ledger import LedgerBusy
from .common import MAX_UPLOAD, lines, quoted, real_date
from .i18n import N_
from .problem import Problem
from .state import State

BUSY_RETRY_AFTER = 10  # seconds a client is told to wait when another process holds the write lock


def analyse_and_store(
    state: State,
    text: str,
    name: str,
    store: bool,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    lang: str = "auto",
) -> Analysis:
    """Runs in the analysis worker thread (AnalysisQueue), never on the event loop. What the
    user typed (title, date, URL) wins over what the page says."""
    from ...analyse.article import prepare_text

    try:
        prepared = prepare_text(text, lang=lang, name=quoted(name))
    except LanguageRefused as exc:
        raise Problem(
            400, N_("This text is in a language claimledger does not read."), reason=str(exc)
        ) from None
    except InputError as exc:
        raise Problem(400, N_("This text cannot be analysed."), reason=str(exc)) from None
    link = safe_link(url)
    if link:
        prepared.extracted.url = link
    if title and title.strip():
        prepared.extracted.title = " ".join(title.split())[:1000]
    if published:
        prepared.extracted.published = published
    analysis = state.analyzer().analyse_one(prepared)
    if store:
        state.ledger.add(analysis, link or name)
        state.link()
    return analysis


def fetch(url: str) -> str:
    """A page through the URL policy (public addresses only, every redirect checked)."""
    if not is_url(url):
        raise Problem(400, N_("url must start with http:// or https://"))
    try:
        raw = read_raw(url, max_bytes=MAX_UPLOAD, timeout=10)
        return decode_text(raw)
    except InputError as exc:  # the reason, with the address short and quoted
        reason = str(exc).replace(url, quoted(url))
        raise Problem(400, N_("This address cannot be read."), reason=reason) from None


def moved(state: State, request: Request, story_id: str) -> Response | None:
    """A merged story's old address answers 301 with the new one: saved links keep working."""
    live = state.story_id(story_id)
    if live == story_id:
        return None
    return RedirectResponse(request.url.path.replace(story_id, live, 1), status_code=301)


def resolve(state: State, target: str) -> tuple[str, str | None, str | None, str | None]:
    """(key, article id, claim id, proposition id) of a claim or proposition that exists."""
    if not target.strip() or not target.isprintable():  # no id has a control character
        raise Problem(400, N_("no claim or proposition with this id"))
    try:
        key, article_id, claim_id, proposition_id, _ = state.verdicts.resolve(target)
    except InputError:
        raise Problem(400, N_("no claim or proposition with this id")) from None
    return key, article_id, claim_id, proposition_id


def record(
    state: State, target: str, reviewer: str, given: dict[str, str], reviewed: str | None = None
) -> Verdict:
    """Create or edit a verdict with the fields `given` (the others keep their value), after
    the checks the CLI makes, with the same limits: a reviewer, a rating of the scale, an
    explanation of at most MAX_EXPLANATION characters (line breaks as LF), an http(s) URL
    (trimmed; '' clears it), a real date."""
    who = " ".join(reviewer.split())
    if not who:
        raise Problem(400, N_("a verdict needs a reviewer"))
    rating = given.get("rating")
    if rating is not None and state.desk.scale.find(rating) is None:
        ids = ", ".join(r.id for r in state.desk.scale.ratings)
        raise Problem(400, N_("unknown rating %(rating)s (one of %(ids)s)"), rating=quoted(rating), ids=ids)
    explanation = given.get("explanation")
    if explanation is not None:
        explanation = lines(explanation)
        if len(explanation) > MAX_EXPLANATION:
            raise Problem(400, N_("the explanation is over %(limit)s characters"), limit=str(MAX_EXPLANATION))
    url = given.get("url")
    if url is not None:
        url = url.strip()
        if url and not safe_link(url):
            raise Problem(400, N_("the fact-check URL must be an http(s) URL"))
    if reviewed and not real_date(reviewed):
        raise Problem(400, N_("%(value)s is not a date (YYYY-MM-DD)"), value=quoted(reviewed))
    key = resolve(state, target)[0]
    if rating is None and state.verdicts.get(key) is None:
        raise Problem(400, N_("this has no verdict yet: choose a rating"))
    try:
        return state.verdicts.record(
            key,
            scale=state.desk.scale,
            reviewer=who,
            rating=rating,
            explanation=explanation,
            url=url,
            reviewed=reviewed or None,
        )
    except LedgerBusy as exc:
        raise busy(exc) from None
    except InputError as exc:
        reason = str(exc).replace(key, quoted(key))
        raise Problem(400, N_("This verdict cannot be saved."), reason=reason) from None


def busy(exc: LedgerBusy) -> Problem:
    """A relink holds the write lock: nothing was written, the client may try again."""
    return Problem(
        503,
        N_("the ledger is busy with another task: try again in a few seconds"),
        reason=str(exc),
        headers={"Retry-After": str(BUSY_RETRY_AFTER)},
    )


def detach_claim(state: State, proposition_id: str, claim: str) -> Detached:
    """Take `claim` (ARTICLE:cN) out of the proposition the reviewer was looking at, for good
    (link/apart.py: `relink` keeps it apart). Only a member of that very proposition: a page
    left open while linking moved the claim elsewhere must not detach it from another one."""
    parts = split_claim_id(claim.strip()) if claim.isprintable() else None
    if parts is None or parts not in state.reader.proposition_members(proposition_id):
        raise Problem(400, N_("this claim is not in this proposition"))
    try:
        return detach(state.ledger, *parts)
    except LedgerBusy as exc:
        raise busy(exc) from None
    except InputError as exc:
        raise Problem(400, N_("this claim is not in this proposition"), reason=str(exc)) from None


def proposition_or_404(state: State, proposition_id: str) -> str:
    live = state.reader.resolve_proposition(proposition_id)
    if live is None:
        raise Problem(404, N_("no proposition with this id"))
    return live


def proposition_claims(state: State, pid: str) -> list[Any]:
    rows = [state.ledger.claim(a, c) for a, c in state.reader.proposition_members(pid)]
    return [r for r in rows if r is not None]
