"""The pages of stories: every story a page at a time, and one story with its timeline, figure
charts, who says what, verdicts and brief."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...brief import main_language, render_brief, web_link
from ...ledger_view import ledger_view
from ..actions import moved
from ..chart import chart
from ..common import PAGE
from ..render import language, page
from ..state import StateDep, site

BRIEF_HEADING = re.compile(r"<(/?)h([1-4])>")  # what markdown-it writes for # to ####

router = APIRouter()


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(
    request: Request, state: StateDep, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> HTMLResponse:
    stories = state.reader.stories(PAGE, offset)
    return page(
        request,
        "stories.html",
        stories=stories,
        offset=offset,
        page_size=PAGE,
        total=state.reader.count_stories(),
        pending=state.reader.pending(),
    )


@router.get("/stories/{story_id}", include_in_schema=False, response_model=None)
def story_page(request: Request, state: StateDep, story_id: Annotated[str, Path(max_length=64)]) -> Response:
    redirect = moved(state, request, story_id)
    if redirect:
        return redirect
    rep = state.report(story_id)
    charts = [(chart(s, language(request).lang), s) for s in rep.charted]
    # the brief's headings sit under the page's "Brief to publish" (h2): # is h3, ## is h4
    brief = BRIEF_HEADING.sub(
        lambda m: f"<{m[1]}h{int(m[2]) + 2}>", site(request).markdown.render(render_brief(rep, link=web_link))
    )
    verdicts = state.verdicts.for_claims((c.article_id, c.claim_id) for c in rep.claims)
    reviewed = [
        (c, verdicts[(c.article_id, c.claim_id)])
        for c in rep.claims
        if (c.article_id, c.claim_id) in verdicts
    ]
    return page(
        request,
        "story.html",
        rep=rep,
        view=ledger_view(rep, state.ledger),
        charts=charts,
        brief=brief,
        brief_lang=main_language(rep),
        reviewed=reviewed,
    )
