"""The pages that find claims: the quoted sources (and one source's claims) and the search with
its filters, matched words marked; both a page at a time."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..common import PAGE, RESULTS, quoted, real_date
from ..highlight import marked
from ..i18n import N_
from ..labels import STATUSES
from ..problem import Problem
from ..render import page
from ..state import StateDep

router = APIRouter()


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(
    request: Request,
    state: StateDep,
    id: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    """The quoted sources, most cited first, a page at a time; with `id`, one source's claims
    by its canonical id (the same claims `claims --entity ID` lists), a page at a time. The
    heading is the source's name as the ledger knows it, never the id that was asked for:
    an id no claim has is a 404 that does not repeat it."""
    if not id:
        return page(
            request,
            "sources.html",
            name=None,
            sources=state.ledger.sources(PAGE, offset),
            offset=offset,
            page_size=PAGE,
            total=state.ledger.count_sources(),
        )
    live = state.ledger.canonical_id(id)  # an id merged into another (person:obama) resolves
    total = state.ledger.count_claims(source_id=live)
    if not total:
        raise Problem(404, N_("no source with this id"))
    claims = state.ledger.claims(source_id=live, limit=RESULTS, offset=offset)
    known = state.ledger.sources(state.ledger.count_sources())
    first = claims[0] if claims else state.ledger.claims(source_id=live, limit=1)[0]
    name = next((s.source for s in known if s.id == live), None) or first.source_text or live
    return page(
        request,
        "sources.html",
        name=name,
        source_id=id,
        claims=claims,
        offset=offset,
        page_size=RESULTS,
        total=total,
    )


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    state: StateDep,
    q: Annotated[str, Query(max_length=500)] = "",
    status: str = "",
    source: Annotated[str, Query(max_length=200)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    since: str = "",
    until: str = "",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    """Claims matching every word (accents, case and plural aside; a word finds longer words it
    starts), linked to the claim on its article with the matched words marked; paged."""
    for value in (since, until):
        if value and not real_date(value):
            raise Problem(400, N_("%(value)s is not a date (YYYY-MM-DD)"), value=quoted(value))
    if status and status not in STATUSES:
        raise Problem(400, N_("unknown status %(status)s"), status=quoted(status))
    form = {"q": q, "status": status, "source": source, "entity": entity, "since": since, "until": until}
    searched = any(form.values())
    filters: dict[str, Any] = {
        "words": q or None,
        "status": status or None,
        "source": source or None,
        "entity": entity or None,
        "since": since or None,
        "until": until or None,
    }
    claims = state.ledger.claims(**filters, limit=RESULTS, offset=offset) if searched else []
    total = state.ledger.count_claims(**filters) if searched else 0
    titles = state.ledger.titles({c.article_id for c in claims})
    query = urlencode({k: v for k, v in form.items() if v})
    return page(
        request,
        "search.html",
        results=[(c, marked(c.text, q), titles.get(c.article_id, (None, None))) for c in claims],
        searched=searched,
        form=form,
        offset=offset,
        total=total,
        page_size=RESULTS,
        query=query,
    )
