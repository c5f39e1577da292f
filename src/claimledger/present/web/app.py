"""FastAPI app: JSON API (OpenAPI at /openapi.json) and pages for people.

Safe by default: Jinja2 autoescaping for every piece of article text, uploads capped, errors
shown as a page with the reason (never a traceback, and never what was asked for beyond a short,
quoted form: an address cannot make the app's page say what its author wants), all assets served
locally.

Pages speak one language each, French or English (i18n.py says which and why); the JSON API says
machine values ("alleged", "person") and English messages, whatever the page language.

This module builds the app: its middleware, error handlers, static files and the routers of
routes/, included in the order they are matched. What they share is in state.py (the ledger),
render.py (pages), actions.py (what a page and the API both do), schemas.py and common.py.
"""

from __future__ import annotations

from importlib import resources

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from markdown_it import MarkdownIt
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...desk.config import DeskConfig
from ...errors import InputError
from .actions import BUSY_RETRY_AFTER
from .common import DATE, HOME, MAX_UPLOAD, PAGE, QUOTED, RESULTS, Lang, Status, lines, quoted, real_date
from .i18n import LANGUAGES, translations
from .problem import invalid_message, page_message
from .render import error_page, language, switch_links, templates_for, wants_html
from .routes import analyze, api, api_desk, articles, docs, propositions, search, stories
from .routes.stories import BRIEF_HEADING
from .schemas import RAW_EXPLANATION, AnalyzeRequest, ReviewRequest, figures_json, report_json, verdict_json
from .security import AnalysisQueue, Guard, allowed_hosts, outside_values
from .state import Site, State

__all__ = [
    "BRIEF_HEADING",
    "BUSY_RETRY_AFTER",
    "DATE",
    "HOME",
    "MAX_UPLOAD",
    "PAGE",
    "QUOTED",
    "RAW_EXPLANATION",
    "RESULTS",
    "AnalyzeRequest",
    "Lang",
    "ReviewRequest",
    "State",
    "Status",
    "create_app",
    "figures_json",
    "lines",
    "quoted",
    "real_date",
    "report_json",
    "switch_links",
    "templates_for",
    "verdict_json",
]


def create_app(
    db: str, hosts: list[str] | None = None, config: DeskConfig | None = None, lang: str | None = None
) -> FastAPI:
    """The app for one ledger; `hosts` are the Host names it answers to (default: loopback);
    `lang` the pages' language when a visitor chose none (default: the browser's, else French)."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(f"no pages in {lang!r} (one of {', '.join(LANGUAGES)})")
    app = FastAPI(
        title="claimledger",
        version="0.1.0",
        description="Who claims what in the news, how sure, with which figures, and when.",
        docs_url=None,  # served by routes/docs.py from local files: no CDN
        redoc_url=None,
        dependencies=[Depends(outside_values)],  # ids and filters checked before any route reads them
    )
    state = State(db, config)
    app.state.cl = state
    base = resources.files("claimledger.present.web")
    templates = {code: templates_for(code, str(base / "templates"), state.desk) for code in LANGUAGES}
    markdown = MarkdownIt("commonmark", {"html": False})
    docs.mount_static(app)
    app.add_middleware(Guard, hosts=hosts or allowed_hosts("127.0.0.1", []), max_body=MAX_UPLOAD + 64 * 1024)
    queue = AnalysisQueue()
    app.state.web = Site(state=state, templates=templates, markdown=markdown, queue=queue, lang=lang)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        """What was wrong, never what was sent: a request is not echoed back."""
        if wants_html(request):
            message = invalid_message(exc.errors(), translations(language(request).lang).gettext)
            return error_page(request, 422, message)
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response: Response
        if wants_html(request):
            message, reason = page_message(exc, translations(language(request).lang).gettext)
            response = error_page(request, exc.status_code, message, reason)
        else:
            response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        for name, value in (exc.headers or {}).items():  # Retry-After on a 503
            response.headers[name] = value
        return response

    # the order routes are matched in: the JSON API, then the pages
    app.include_router(api.router)
    app.include_router(api_desk.router)
    app.include_router(articles.router)
    app.include_router(propositions.router)
    app.include_router(docs.router)
    app.include_router(stories.router)
    app.include_router(search.router)
    app.include_router(analyze.router)
    return app
