"""FastAPI app: JSON API (OpenAPI at /openapi.json) and pages for people.

Safe by default: Jinja2 autoescaping for every piece of article text, uploads capped, errors
shown as a page with the reason (never a traceback, and never what was asked for beyond a short,
quoted form: an address cannot make the app's page say what its author wants), all assets served
locally.

Pages speak one language each, French or English (i18n.py says which and why); the JSON API says
machine values ("alleged", "person") and English messages, whatever the page language.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlencode

import jinja2
from babel.numbers import format_decimal
from fastapi import Depends, FastAPI, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markdown_it import MarkdownIt
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...desk.config import DeskConfig, load_config
from ...desk.verdicts import MAX_EXPLANATION, Verdict, Verdicts
from ...errors import InputError
from ...ingest.langid import LanguageRefused
from ...ingest.reader import RawInput, decode_text, is_url, read_raw
from ...ingest.urlpolicy import safe_link
from ...link.read import LinkReader
from ...link.report import StoryReport
from ...model import Analysis, analysis_from_dict
from ...store.ledger import Ledger, LedgerBusy
from ..brief import main_language, render_brief, web_link
from ..ledger_view import ledger_view, view_json
from .chart import chart
from .highlight import marked, segments
from .i18n import COOKIE, COOKIE_AGE, LANGUAGES, N_, PARAM, Choice, choose, translations
from .labels import STATUS_SYMBOLS, STATUSES, labels
from .problem import Problem, invalid_message, page_message, quotations
from .security import (
    CSRF_FIELD,
    AnalysisQueue,
    Guard,
    allowed_hosts,
    check_csrf,
    csrf_token,
    outside_values,
    require_json,
    set_csrf_cookie,
)

if TYPE_CHECKING:  # the NLP pipeline is loaded only when a text is analysed
    from ...analyse.article import Analyzer
    from ...link.linker import Linker

Status = Literal["stated", "confirmed", "alleged", "speculative", "denied"]
Lang = Literal["auto", "fr", "en"]
DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_UPLOAD = 2 * 1024 * 1024
PAGE = 100  # stories, sources, articles per page
RESULTS = 50  # search results (and a source's claims) per page
HOME = 40  # latest articles on the home page (and half as many stories)


QUOTED = 40  # longest piece of a request an error message repeats
BRIEF_HEADING = re.compile(r"<(/?)h([1-4])>")  # what markdown-it writes for # to ####


def quoted(value: object) -> str:
    """A piece of the request as an error message may repeat it: printable characters only, at
    most QUOTED of them, between guillemets, so it reads as a quotation and never as the app's
    own words."""
    shown = "".join(ch for ch in str(value) if ch.isprintable()).strip()
    return f"«{shown[:QUOTED]}{'…' if len(shown) > QUOTED else ''}»"


def real_date(value: str) -> bool:
    """YYYY-MM-DD and a day of the calendar (2025-02-30 is not)."""
    if not re.fullmatch(DATE, value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def lines(value: str) -> str:
    """Text from a form or a client with its line breaks as the ledger keeps them: a browser sends
    a textarea's lines as CRLF, the CLI as LF; one text, one way."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


class AnalyzeRequest(BaseModel):
    text: str | None = Field(default=None, max_length=MAX_UPLOAD, description="article text or HTML")
    url: str | None = Field(default=None, max_length=2000)
    store: bool = True
    lang: Lang = Field(default="auto", description="auto picks per article")


class State:
    """The ledger, and what is slow to build (the analysis pipeline), built once, on the first
    analysis: every page but analysis reads the ledger only."""

    def __init__(self, db: str, config: DeskConfig | None = None) -> None:
        self.ledger = Ledger(db)
        self.reader = LinkReader(self.ledger)
        self.verdicts = Verdicts(self.ledger)
        self.desk = config or load_config()
        self.lock = threading.Lock()
        self._analyzer: Analyzer | None = None
        self._linker: Linker | None = None

    def analyzer(self) -> Analyzer:
        from ...analyse.article import Analyzer

        with self.lock:
            if self._analyzer is None:
                self._analyzer = Analyzer()
            return self._analyzer

    def linker(self) -> Linker:
        from ...link.embed import Embedder
        from ...link.linker import Linker

        analyzer = self.analyzer()
        with self.lock:
            if self._linker is None:
                self._linker = Linker(self.ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))
            return self._linker

    def link(self) -> None:
        """Link what was just stored (and anything a crash left queued)."""
        self.linker().link_pending()

    def analysis(self, article_id: str) -> Analysis:
        row = self.ledger.article(article_id)
        if row is None:
            raise Problem(404, N_("no article with this id"))
        return analysis_from_dict(json.loads(row.analysis))

    def story_id(self, story_id: str) -> str:
        """The live id (a merged story's id resolves to the story it merged into)."""
        live = self.reader.resolve_story(story_id)
        if live is None:
            raise Problem(404, N_("no story with this id"))
        return live

    def report(self, story_id: str) -> StoryReport:
        rep = self.reader.report(story_id)
        if rep is None:
            raise Problem(404, N_("no story with this id"))
        return rep


def figures_json(rep: StoryReport) -> list[dict[str, Any]]:
    return [
        {
            "key": s.key,
            "thing": s.thing,
            "event": s.event,
            "charted": s.charted,
            "points": s.points_json(),
            "conflicts": [[p.claim, r.claim] for p, r in s.conflicts],
        }
        for s in rep.series
    ]


def report_json(rep: StoryReport) -> dict[str, Any]:
    def claim(c: Any) -> dict[str, Any]:
        return {
            "article": c.article_id,
            "claim": c.claim_id,
            "text": c.text,
            "status": c.status,
            "source": c.who,
            "date": c.date,
        }

    return {
        "id": rep.story.id,
        "title": rep.story.title,
        "articles": [
            {"id": a.id, "title": a.title, "date": a.date, "url": a.url} for a in rep.story.articles
        ],
        "propositions": [
            {"id": rep.proposition_of[g[0].key], "claims": [claim(c) for c in g]} for g in rep.propositions
        ],
        "figures": figures_json(rep),
        "contradictions": [
            {"affirmed": claim(k.affirmed), "denied": claim(k.denied)} for k in rep.contradictions
        ],
        "status_changes": [{"before": claim(k.before), "after": claim(k.after)} for k in rep.status_changes],
        "brief": render_brief(rep, link=web_link),
    }


def verdict_json(v: Verdict, desk: DeskConfig) -> dict[str, Any]:
    rating = desk.scale.find(v.rating)
    return {
        "target": v.target,
        "on": "proposition" if v.on_proposition else "claim",
        "rating": v.rating,
        "label": rating.label if rating else v.rating,
        "explanation": v.explanation,
        "url": v.url,
        "reviewer": v.reviewer,
        "reviewed": v.reviewed,
        # stale: its claim now says something else than `claim_text`, what was judged; orphaned:
        # its claim or proposition is gone. Only a current verdict is shown on a claim.
        "standing": v.standing,
        "claim_text": v.claim_text,
        "proposition": v.proposition_id,
    }


BUSY_RETRY_AFTER = 10  # seconds a client is told to wait when another process holds the write lock

# a browser sends each line break of a textarea as two characters (CRLF): a text within the
# limit with its breaks as LF (as the CLI and the ledger count it) is at most twice as long raw
RAW_EXPLANATION = 2 * MAX_EXPLANATION


class ReviewRequest(BaseModel):
    target: str = Field(max_length=64, description="a claim (ARTICLE:cN) or a proposition (p-…)")
    rating: str | None = Field(default=None, max_length=40)
    explanation: str | None = Field(
        default=None,
        max_length=RAW_EXPLANATION,
        description=f"at most {MAX_EXPLANATION} characters, a line break (LF or CRLF) counting as one",
    )
    url: str | None = Field(default=None, max_length=2000, description="'' clears it")
    reviewer: str = Field(min_length=1, max_length=200)
    reviewed: str | None = Field(default=None, pattern=DATE)


def templates_for(lang: str, directory: str, desk: DeskConfig) -> Jinja2Templates:
    """The pages of one language: the language's catalog is installed in its own template
    environment (Jinja's i18n extension), so `{% trans %}` and `_()` speak it with no state kept
    per request, and a page can never pick up a word of the other language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's msgid has no layout whitespace
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        L=labels(lang),
        STATUSES=STATUSES,
        STATUS_SYMBOLS=STATUS_SYMBOLS,
        SCALE=desk.scale,
        max_explanation=MAX_EXPLANATION,
    )
    env.filters["safe_link"] = safe_link
    env.filters["num"] = lambda n: format_decimal(n, locale=lang)  # 1 234 in French, 1,234 in English
    env.filters["quotations"] = quotations
    return Jinja2Templates(env=env)


def switch_links(request: Request, keep_query: bool) -> list[tuple[str, str]]:
    """(language, address) of the header's FR | EN links: the same page in the other language.
    An error page's links never repeat its address (`?lang=` alone, relative to it): what an
    address says is not the app's to show; a page answering a form goes to the home page, as
    its address does not answer GET."""
    if request.method not in ("GET", "HEAD"):
        return [(code, f"/?{PARAM}={code}") for code in LANGUAGES]
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != PARAM] if keep_query else []
    return [(code, "?" + urlencode([*kept, (PARAM, code)])) for code in LANGUAGES]


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
        docs_url=None,  # served below from local files: no CDN
        redoc_url=None,
        dependencies=[Depends(outside_values)],  # ids and filters checked before any route reads them
    )
    state = State(db, config)
    app.state.cl = state
    base = resources.files("claimledger.present.web")
    templates = {code: templates_for(code, str(base / "templates"), state.desk) for code in LANGUAGES}
    markdown = MarkdownIt("commonmark", {"html": False})
    # Swagger UI's own files (fastapi-offline ships them); its page is ours (docs.html), as the
    # package's inline-script page would break the CSP
    swagger = resources.files("fastapi_offline") / "static"
    app.mount("/static/swagger", StaticFiles(directory=str(swagger)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(base / "static")), name="static")
    app.add_middleware(Guard, hosts=hosts or allowed_hosts("127.0.0.1", []), max_body=MAX_UPLOAD + 64 * 1024)
    queue = AnalysisQueue()

    def language(request: Request) -> Choice:
        return choose(
            request.query_params.get(PARAM),
            request.cookies.get(COOKIE),
            lang,
            request.headers.get("accept-language"),
        )

    def page(
        request: Request, template: str, status_code: int = 200, keep_query: bool = True, **ctx: Any
    ) -> HTMLResponse:
        choice = language(request)
        ctx["csrf"] = csrf_token(request)
        ctx["lang"] = choice.lang
        ctx["switch"] = switch_links(request, keep_query)
        response = templates[choice.lang].TemplateResponse(request, template, ctx, status_code=status_code)
        set_csrf_cookie(response, request)
        if choice.remember:
            response.set_cookie(
                COOKIE, choice.lang, max_age=COOKIE_AGE, httponly=True, samesite="lax", path="/"
            )
        response.headers["Vary"] = "Accept-Language, Cookie"  # one address, two languages
        return response

    def error_page(
        request: Request, status_code: int, message: str, reason: str | None = None
    ) -> HTMLResponse:
        return page(
            request,
            "error.html",
            status_code=status_code,
            keep_query=False,
            message=shown(request, message),
            reason=shown(request, reason) if reason else None,
        )

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

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/")

    def shown(request: Request, message: str) -> str:
        """An error's reason as its page shows it: a piece of the request longer than a short
        quotation (an id, a query value) is cut to one wherever a message repeats it, and the
        whole is one printable line of bounded length."""
        asked = [*request.path_params.values(), *request.query_params.values()]
        for value in sorted((v for v in asked if isinstance(v, str) and len(v) > QUOTED), key=len)[::-1]:
            message = message.replace(value, quoted(value))
        message = "".join(ch for ch in message if ch.isprintable())
        return message if len(message) <= 300 else message[:299] + "…"

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

    def analyse_and_store(
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

    # -- JSON API ----------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> list[dict[str, Any]]:
        return [
            {"id": r.id, "title": r.title, "published": r.published, "url": r.url}
            for r in state.ledger.recent(limit, offset)
        ]

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: Annotated[str, Field(max_length=64)]) -> dict[str, Any]:
        return state.analysis(article_id).to_dict()

    @app.get("/api/claims", tags=["claims"])
    def api_claims(
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
    ) -> list[dict[str, Any]]:
        for value in (since, until):  # shaped like a date is not enough: 2025-13-45 is none
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise HTTPException(400, "since and until are days (YYYY-MM-DD)") from None
        rows = state.ledger.claims(
            source=source, status=status, entity=entity, words=q, since=since, until=until, limit=limit
        )
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

    @app.get("/api/search", tags=["claims"])
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> list[dict[str, Any]]:
        return api_claims(q=q, limit=limit)

    @app.get("/api/sources", tags=["sources"])
    def api_sources(limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
        return [s.__dict__ for s in state.ledger.sources(limit)]

    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> list[dict[str, Any]]:
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

    def moved(request: Request, story_id: str) -> Response | None:
        """A merged story's old address answers 301 with the new one: saved links keep working."""
        live = state.story_id(story_id)
        if live == story_id:
            return None
        return RedirectResponse(request.url.path.replace(story_id, live, 1), status_code=301)

    @app.get("/api/stories/{story_id}", tags=["stories"], response_model=None)
    def api_story(
        request: Request, story_id: Annotated[str, Field(max_length=64)]
    ) -> dict[str, Any] | Response:
        return moved(request, story_id) or report_json(state.report(story_id))

    @app.get("/api/stories/{story_id}/figures", tags=["stories"], response_model=None)
    def api_figures(
        request: Request, story_id: Annotated[str, Field(max_length=64)]
    ) -> list[dict[str, Any]] | Response:
        """Figure series (one per question: counted thing and predicate), with bounds, sources,
        statuses, conflicts, and whether there is enough to chart (two values or two sources)."""
        return moved(request, story_id) or figures_json(state.report(story_id))

    @app.get("/api/stories/{story_id}/ledger", tags=["stories"], response_model=None)
    def api_ledger(
        request: Request, story_id: Annotated[str, Field(max_length=64)]
    ) -> dict[str, Any] | Response:
        """The story's ledger, source by source: each proposition (the same claim in several
        articles) with every source's claim (status, cue, date, link to the claim on its
        article; `newest_change` marks the latest claim whose status no earlier day's claim had,
        `changed_from` the status before it), then the other claims that name a source or are
        not plain statements, by source (`source` null: the article itself)."""
        return moved(request, story_id) or view_json(
            story_id, ledger_view(state.report(story_id), state.ledger)
        )

    @app.get("/api/propositions/{proposition_id}", tags=["stories"], response_model=None)
    def api_proposition(
        request: Request, proposition_id: Annotated[str, Path(max_length=64)]
    ) -> dict[str, Any] | Response:
        """The claims one proposition groups (the same claim across articles), with its verdict."""
        live = proposition_or_404(proposition_id)
        if live != proposition_id:
            return RedirectResponse(request.url.path.replace(proposition_id, live, 1), status_code=301)
        claims = proposition_claims(live)
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

    @app.get("/api/reviews", tags=["reviews"])
    def api_reviews(limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
        return [verdict_json(v, state.desk) for v in state.verdicts.all(limit=limit)]

    @app.post("/api/reviews", tags=["reviews"], status_code=201)
    def api_review(request: Request, body: ReviewRequest) -> dict[str, Any]:
        """Record or edit a verdict (fields not given keep their value; the change is kept)."""
        require_json(request)
        given: dict[str, str] = {}
        if body.rating:
            given["rating"] = body.rating
        if body.explanation is not None:
            given["explanation"] = body.explanation
        if body.url is not None:
            given["url"] = body.url
        return verdict_json(record(body.target, body.reviewer, given, body.reviewed), state.desk)

    def resolve(target: str) -> tuple[str, str | None, str | None, str | None]:
        """(key, article id, claim id, proposition id) of a claim or proposition that exists."""
        if not target.strip() or not target.isprintable():  # no id has a control character
            raise Problem(400, N_("no claim or proposition with this id"))
        try:
            key, article_id, claim_id, proposition_id, _ = state.verdicts.resolve(target)
        except InputError:
            raise Problem(400, N_("no claim or proposition with this id")) from None
        return key, article_id, claim_id, proposition_id

    def record(target: str, reviewer: str, given: dict[str, str], reviewed: str | None = None) -> Verdict:
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
            raise Problem(
                400, N_("unknown rating %(rating)s (one of %(ids)s)"), rating=quoted(rating), ids=ids
            )
        explanation = given.get("explanation")
        if explanation is not None:
            explanation = lines(explanation)
            if len(explanation) > MAX_EXPLANATION:
                raise Problem(
                    400, N_("the explanation is over %(limit)s characters"), limit=str(MAX_EXPLANATION)
                )
        url = given.get("url")
        if url is not None:
            url = url.strip()
            if url and not safe_link(url):
                raise Problem(400, N_("the fact-check URL must be an http(s) URL"))
        if reviewed and not real_date(reviewed):
            raise Problem(400, N_("%(value)s is not a date (YYYY-MM-DD)"), value=quoted(reviewed))
        key = resolve(target)[0]
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
        except LedgerBusy as exc:  # a relink holds the write lock: nothing was written
            raise Problem(
                503,
                N_("the ledger is busy with another task: try again in a few seconds"),
                reason=str(exc),
                headers={"Retry-After": str(BUSY_RETRY_AFTER)},
            ) from None
        except InputError as exc:
            reason = str(exc).replace(key, quoted(key))
            raise Problem(400, N_("This verdict cannot be saved."), reason=reason) from None

    def proposition_or_404(proposition_id: str) -> str:
        live = state.reader.resolve_proposition(proposition_id)
        if live is None:
            raise Problem(404, N_("no proposition with this id"))
        return live

    def proposition_claims(pid: str) -> list[Any]:
        rows = [state.ledger.claim(a, c) for a, c in state.reader.proposition_members(pid)]
        return [r for r in rows if r is not None]

    @app.post("/api/analyze", tags=["articles"], status_code=201)
    async def api_analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
        require_json(request)
        if bool(body.text) == bool(body.url):
            raise HTTPException(400, "give either text or url")

        def work() -> dict[str, Any]:
            text = body.text or fetch(body.url or "")
            return analyse_and_store(text, "upload", body.store, body.url, lang=body.lang).to_dict()

        return await queue.run(work)

    # -- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
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

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
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

    def article_view(request: Request, analysis: Analysis, stored: bool) -> HTMLResponse:
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

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
        return article_view(request, state.analysis(article_id), True)

    @app.post("/articles/{article_id}/delete", include_in_schema=False)
    async def delete_article(
        request: Request,
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

    @app.post("/reviews", include_in_schema=False)
    def review_submit(
        request: Request,
        target: Annotated[str, Form(max_length=64)],
        reviewer: Annotated[str, Form(max_length=200)] = "",
        rating: Annotated[str, Form(max_length=40)] = "",
        explanation: Annotated[str, Form(max_length=RAW_EXPLANATION)] = "",
        url: Annotated[str, Form(max_length=2000)] = "",
        was_target: Annotated[str, Form(max_length=64)] = "",
        was_rating: Annotated[str, Form(max_length=40)] = "",
        was_explanation: Annotated[str, Form(max_length=RAW_EXPLANATION)] = "",
        was_url: Annotated[str, Form(max_length=2000)] = "",
        was_reviewer: Annotated[str, Form(max_length=200)] = "",
        csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
    ) -> Response:
        """The verdict form of a card or a proposition. The form shows the current verdict and
        says what it showed (`was_*`, for `was_target`): only the fields the reviewer changed are
        saved, so a save that changes nothing records nothing, and an edit made meanwhile by
        someone else to another field is kept. A form that does not say (a script) changes the
        fields it fills; a blank field keeps its value."""
        check_csrf(request, csrf)
        entered = {"rating": rating, "explanation": lines(explanation), "url": url.strip()}
        if was_target and was_target == target:
            shown_before = {
                "rating": was_rating,
                "explanation": lines(was_explanation),
                "url": was_url.strip(),
            }
            given = {k: v for k, v in entered.items() if v != shown_before[k]}
            unchanged = " ".join(reviewer.split()) == " ".join(was_reviewer.split())
        else:
            given = {k: v for k, v in entered.items() if v}
            unchanged = False
        if given.get("rating") == "":
            del given["rating"]  # a rating is changed, never emptied
        key, article_id, claim_id, proposition_id = resolve(target)
        if not (unchanged and not given and state.verdicts.get(key) is not None):
            v = record(key, reviewer, given)
            article_id, claim_id, proposition_id = v.article_id, v.claim_id, v.proposition_id
        where = (
            f"/articles/{article_id}#claim-{claim_id}"
            if claim_id is not None
            else f"/propositions/{proposition_id}"
        )
        return RedirectResponse(where, status_code=303)

    @app.get("/propositions/{proposition_id}", include_in_schema=False, response_model=None)
    def proposition_page(request: Request, proposition_id: Annotated[str, Path(max_length=64)]) -> Response:
        live = proposition_or_404(proposition_id)
        if live != proposition_id:
            return RedirectResponse(request.url.path.replace(proposition_id, live, 1), status_code=301)
        claims = proposition_claims(live)
        titles = state.ledger.titles({r.article_id for r in claims})
        return page(
            request,
            "proposition.html",
            pid=live,
            claims=claims,
            titles=titles,
            verdict=state.verdicts.get(live),
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        """Swagger UI from the app's own files (fastapi-offline's copy): works offline, no CDN."""
        return page(request, "docs.html")

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
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

    @app.get("/stories/{story_id}", include_in_schema=False, response_model=None)
    def story_page(request: Request, story_id: Annotated[str, Path(max_length=64)]) -> Response:
        redirect = moved(request, story_id)
        if redirect:
            return redirect
        rep = state.report(story_id)
        charts = [(chart(s, language(request).lang), s) for s in rep.charted]
        # the brief's headings sit under the page's "Brief to publish" (h2): # is h3, ## is h4
        brief = BRIEF_HEADING.sub(
            lambda m: f"<{m[1]}h{int(m[2]) + 2}>", markdown.render(render_brief(rep, link=web_link))
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

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(
        request: Request,
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

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
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

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request) -> HTMLResponse:
        return page(request, "analyze.html", limit_mb=MAX_UPLOAD / 1e6)

    @app.post("/analyze", include_in_schema=False)
    async def analyze_submit(
        request: Request,
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
            return analyse_and_store(body, name, store, link or None, title or None, published or None, lang)

        analysis = await queue.run(work)
        if not store:  # shown once, nothing kept
            return article_view(request, analysis, False)
        return RedirectResponse(f"/articles/{analysis.article.id}", status_code=303)

    return app
