"""The pages of articles: the home page (latest articles, largest stories), every article a page
at a time, one article with its claims highlighted, and its deletion."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ....model import Analysis
from ..common import HOME, PAGE
from ..highlight import segments
from ..render import page
from ..security import CSRF_FIELD, check_csrf
from ..state import QueueDep, State, StateDep

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, state: StateDep) -> HTMLResponse:
    """The latest articles and the largest stories, each list saying how many there are and
    linking to all of them."""
    return page(
        request,
        "index.html",
        articles=state.ledger.recent(HOME),
        article_total=state.ledger.count_articles(),
        stories=state.reader.stories(HOME // 2),
        story_total=state.reader.count_stories(),
    )


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(
    request: Request, state: StateDep, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> HTMLResponse:
    """Every stored article, newest first, a page at a time."""
    listed = state.ledger.recent(PAGE, offset)
    return page(
        request,
        "articles.html",
        articles=listed,
        offset=offset,
        page_size=PAGE,
        total=state.ledger.count_articles(),
    )


def article_view(request: Request, state: State, analysis: Analysis, stored: bool) -> HTMLResponse:
    quantities = {q.id: q for q in analysis.quantities}
    aid = analysis.article.id
    verdicts = (
        {c: v for (_, c), v in state.verdicts.for_claims((aid, c.id) for c in analysis.claims).items()}
        if stored
        else {}
    )
    links = state.reader.claim_links([aid]) if stored else {}
    return page(
        request,
        "article.html",
        a=analysis,
        segments=segments(analysis),
        quantities=quantities,
        verdicts=verdicts,
        propositions={c: p for (_, c), (_, p) in links.items() if p},
        stored=stored,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(
    request: Request, state: StateDep, article_id: Annotated[str, Path(max_length=64)]
) -> HTMLResponse:
    return article_view(request, state, state.analysis(article_id), True)


@router.post("/articles/{article_id}/delete", include_in_schema=False)
async def delete_article(
    request: Request,
    state: StateDep,
    queue: QueueDep,
    article_id: Annotated[str, Path(max_length=64)],
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
) -> Response:
    """Remove the article, its claims and links (its story is summarised again); verdicts stay."""
    check_csrf(request, csrf)
    state.analysis(article_id)  # 404 when unknown

    def work() -> bool:
        return state.linker().forget(article_id)

    await queue.run(work)
    return RedirectResponse("/?deleted=1", status_code=303)
