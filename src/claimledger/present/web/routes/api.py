"""The JSON API's reads: articles, claims, sources, stories (with their figures and ledger) and
propositions. It says machine values ("alleged", "person") and English messages, whatever the
page language."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field

from ....link.outlets import outlet_records
from ...ledger_view import ledger_view, view_json
from ..actions import moved, proposition_claims, proposition_or_404
from ..common import DATE, Status
from ..schemas import figures_json, report_json, verdict_json
from ..state import StateDep

router = APIRouter()

TOTAL = "X-Total-Count"  # how many items the list has in all: a page's body stays a bare list


def _total(response: Response | None, n: int) -> None:
    if response is not None:
        response.headers[TOTAL] = str(n)


@router.get("/api/health", tags=["meta"])
def health() -> dict[str, bool]:
    return {"ok": True}


@router.get("/api/articles", tags=["articles"])
def api_articles(
    state: StateDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[dict[str, Any]]:
    """Stored articles, newest first; the header X-Total-Count says how many there are."""
    _total(response, state.ledger.count_articles())
    return [
        {"id": r.id, "title": r.title, "published": r.published, "url": r.url}
        for r in state.ledger.recent(limit, offset)
    ]


@router.get("/api/articles/{article_id}", tags=["articles"])
def api_article(state: StateDep, article_id: Annotated[str, Field(max_length=64)]) -> dict[str, Any]:
    return state.analysis(article_id).to_dict()


@router.get("/api/claims", tags=["claims"])
def api_claims(
    state: StateDep,
    source: Annotated[str | None, Query(max_length=200)] = None,
    status: Status | None = None,
    entity: Annotated[
        str | None,
        Query(max_length=200, description="entity id, name, demonym or seat (Pyongyang, nord-coréens)"),
    ] = None,
    q: Annotated[str | None, Query(max_length=500, description="full-text words")] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    response: Response = None,  # type: ignore[assignment]  # FastAPI passes it; api_search does not
) -> list[dict[str, Any]]:
    """Claims, filtered; the header X-Total-Count says how many match."""
    for value in (since, until):  # shaped like a date is not enough: 2025-13-45 is none
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise HTTPException(400, "since and until are days (YYYY-MM-DD)") from None
    ledger = state.ledger
    rows = ledger.claims(
        source=source,
        status=status,
        entity=entity,
        words=q,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    total = ledger.count_claims(
        source=source, status=status, entity=entity, words=q, since=since, until=until
    )
    _total(response, total)
    return [
        {
            "article": r.article_id,
            "claim": r.claim_id,
            "text": r.text,
            "status": r.status,
            "quote": r.quote,
            "source": r.source_text,
            "source_kind": r.source_kind,
            "source_entity": r.source_entity,
            "source_id": r.source_id,
            "cue": r.cue_lemma,
        }
        for r in rows
    ]


@router.get("/api/search", tags=["claims"])
def api_search(
    state: StateDep,
    response: Response,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[dict[str, Any]]:
    return api_claims(state, q=q, limit=limit, offset=offset, response=response)


@router.get("/api/sources", tags=["sources"])
def api_sources(
    state: StateDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[dict[str, Any]]:
    """Who is cited, most first; the header X-Total-Count says how many sources there are."""
    _total(response, state.ledger.count_sources())
    return [s.__dict__ for s in state.ledger.sources(limit, offset)]


@router.get("/api/outlets", tags=["sources"])
def api_outlets(
    state: StateDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[dict[str, Any]]:
    """Per outlet, most certainty upgrades first: its articles, its own plain facts that upgrade
    what the same article (`upgrades_within`) or an earlier article of the story
    (`upgrades_across`) only credited or hedged; X-Total-Count says how many outlets there are."""

    records, total = outlet_records(state.ledger, limit, offset)
    _total(response, total)
    return [
        {
            "outlet": r.outlet,
            "articles": r.articles,
            "upgrades_within": r.upgrades_within,
            "upgrades_across": r.upgrades_across,
        }
        for r in records
    ]


@router.get("/api/stories", tags=["stories"])
def api_stories(
    state: StateDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[dict[str, Any]]:
    """Stories, largest first; the header X-Total-Count says how many there are."""
    _total(response, state.reader.count_stories())
    return [
        {
            "id": s.id,
            "title": s.title,
            "articles": s.size,
            "start": s.start,
            "end": s.end,
            "entities": [name for _, name in s.entities],
        }
        for s in state.reader.stories(limit, offset)
    ]


@router.get("/api/stories/{story_id}", tags=["stories"], response_model=None)
def api_story(
    request: Request, state: StateDep, story_id: Annotated[str, Field(max_length=64)]
) -> dict[str, Any] | Response:
    return moved(state, request, story_id) or report_json(state.report(story_id))


@router.get("/api/stories/{story_id}/figures", tags=["stories"], response_model=None)
def api_figures(
    request: Request, state: StateDep, story_id: Annotated[str, Field(max_length=64)]
) -> list[dict[str, Any]] | Response:
    """Figure series (one per question: counted thing and predicate), with bounds, sources,
    statuses, conflicts, and whether there is enough to chart (two values or two sources)."""
    return moved(state, request, story_id) or figures_json(state.report(story_id))


@router.get("/api/stories/{story_id}/ledger", tags=["stories"], response_model=None)
def api_ledger(
    request: Request, state: StateDep, story_id: Annotated[str, Field(max_length=64)]
) -> dict[str, Any] | Response:
    """The story's ledger, source by source: each proposition (the same claim in several
    articles) with every source's claim (status, cue, date, link to the claim on its
    article; `newest_change` marks the latest claim whose status no earlier day's claim had,
    `changed_from` the status before it), then the other claims that name a source or are
    not plain statements, by source (`source` null: the article itself)."""
    return moved(state, request, story_id) or view_json(
        story_id, ledger_view(state.report(story_id), state.ledger)
    )


@router.get("/api/propositions/{proposition_id}", tags=["stories"], response_model=None)
def api_proposition(
    request: Request, state: StateDep, proposition_id: Annotated[str, Path(max_length=64)]
) -> dict[str, Any] | Response:
    """The claims one proposition groups (the same claim across articles), with its verdict."""
    live = proposition_or_404(state, proposition_id)
    if live != proposition_id:
        return RedirectResponse(request.url.path.replace(proposition_id, live, 1), status_code=301)
    claims = proposition_claims(state, live)
    verdict = state.verdicts.get(live)
    return {
        "id": live,
        "claims": [
            {
                "article": r.article_id,
                "claim": r.claim_id,
                "text": r.text,
                "status": r.status,
                "source": r.source_text,
            }
            for r in claims
        ],
        "verdict": verdict_json(verdict, state.desk) if verdict else None,
    }
