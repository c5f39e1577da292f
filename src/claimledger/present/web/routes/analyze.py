"""The page to paste, upload or fetch an article and analyse it (stored, or shown once)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ....errors import InputError
from ....ingest.reader import RawInput, decode_text
from ....ingest.urlpolicy import safe_link
from ....model import Analysis
from ..actions import analyse_and_store, fetch
from ..common import MAX_UPLOAD, Lang, quoted, real_date
from ..i18n import N_
from ..problem import Problem
from ..render import page
from ..security import CSRF_FIELD, check_csrf
from ..state import QueueDep, StateDep
from .articles import article_view

router = APIRouter()


@router.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
def analyze_form(request: Request) -> HTMLResponse:
    return page(request, "analyze.html", limit_mb=MAX_UPLOAD / 1e6)


@router.post("/analyze", include_in_schema=False)
async def analyze_submit(
    request: Request,
    state: StateDep,
    queue: QueueDep,
    text: Annotated[str, Form(max_length=MAX_UPLOAD)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    mode: Annotated[Literal["store", "analyse"], Form()] = "store",
    lang: Annotated[Lang, Form()] = "auto",
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
    file: UploadFile | None = None,
) -> Response:
    check_csrf(request, csrf)
    if published and not real_date(published):
        raise Problem(400, N_("%(value)s is not a date (YYYY-MM-DD)"), value=quoted(published))
    name = "upload"
    if file is not None and file.filename:
        data = await file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise Problem(413, N_("file over the %(limit)s MB limit"), limit=f"{MAX_UPLOAD / 1e6:.0f}")
        name = "".join(c for c in file.filename if c.isprintable())[:200] or "upload"
        try:
            text = decode_text(RawInput(data=data, name=quoted(name)))
        except InputError as exc:
            raise Problem(400, N_("This file cannot be read as text."), reason=str(exc)) from None
    link = url.strip()
    if not text.strip() and not link:
        raise Problem(400, N_("paste a text, choose a file or give a URL"))
    if link and not safe_link(link):
        raise Problem(400, N_("the address must be an http(s) URL"))

    store = mode == "store"

    def work() -> Analysis:
        body = text if text.strip() else fetch(link)
        return analyse_and_store(
            state, body, name, store, link or None, title or None, published or None, lang
        )

    analysis = await queue.run(work)
    if not store:  # shown once, nothing kept
        return article_view(request, state, analysis, False)
    return RedirectResponse(f"/articles/{analysis.article.id}", status_code=303)
