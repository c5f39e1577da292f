"""How a page is rendered: the templates of each language, the language of a request, the page
itself (CSRF token, language switch, cookie, Vary) and the error page.

Pages speak one language each, French or English (i18n.py says which and why)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import jinja2
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ...desk.config import DeskConfig
from ...desk.verdicts import MAX_EXPLANATION
from ...ingest.urlpolicy import safe_link
from .common import QUOTED, quoted
from .i18n import COOKIE, COOKIE_AGE, LANGUAGES, PARAM, Choice, choose, translations
from .labels import STATUS_SYMBOLS, STATUSES, labels
from .problem import quotations
from .security import csrf_token, set_csrf_cookie
from .state import site


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


def language(request: Request) -> Choice:
    return choose(
        request.query_params.get(PARAM),
        request.cookies.get(COOKIE),
        site(request).lang,
        request.headers.get("accept-language"),
    )


def page(
    request: Request, template: str, status_code: int = 200, keep_query: bool = True, **ctx: Any
) -> HTMLResponse:
    choice = language(request)
    ctx["csrf"] = csrf_token(request)
    ctx["lang"] = choice.lang
    ctx["switch"] = switch_links(request, keep_query)
    templates = site(request).templates
    response = templates[choice.lang].TemplateResponse(request, template, ctx, status_code=status_code)
    set_csrf_cookie(response, request)
    if choice.remember:
        response.set_cookie(COOKIE, choice.lang, max_age=COOKIE_AGE, httponly=True, samesite="lax", path="/")
    response.headers["Vary"] = "Accept-Language, Cookie"  # one address, two languages
    return response


def error_page(request: Request, status_code: int, message: str, reason: str | None = None) -> HTMLResponse:
    return page(
        request,
        "error.html",
        status_code=status_code,
        keep_query=False,
        message=shown(request, message),
        reason=shown(request, reason) if reason else None,
    )


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
