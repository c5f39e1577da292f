"""What every request to the web app goes through before it reaches a page or the API.

- Trusted hosts: only the names the app was started for (default: the loopback names), so a page
  on another site cannot reach it through DNS rebinding.
- Security headers on every response, errors included (a 500 too): a Content-Security-Policy
  that lets the page load only the app's own scripts, styles and images and never be framed; no
  MIME sniffing; no referrer sent away. Everything but the static assets is `no-store`: pages
  carry a CSRF token and set its cookie, and no cache (browser, proxy, back button on a shared
  machine) may keep them.
- A request body capped while it streams in, whatever its transfer encoding: a chunked upload of
  300 MB is cut at the limit, never buffered.
- CSRF: a state-changing request must come from the app's own pages: its Origin (or Referer) must
  be the app's, HTML forms carry a token that must match the cookie the app set, and the JSON API
  takes only JSON (a cross-site form cannot send it).
- Analyses run off the event loop, one at a time, behind a bounded queue: when it is full, the
  answer is 503 with Retry-After, and the other pages stay fast.
- Ids and filters of the address (path and query) are checked before any route reads them
  (`outside_values`, claimledger.outside): a control character or an over-long value is a 404 for
  a page and a 400 for the API, never a database error.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import anyio
from anyio.to_thread import run_sync
from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...outside import MAX_ID, refusal
from .i18n import N_
from .problem import Problem

CSRF_COOKIE = "cl_csrf"
CSRF_FIELD = "csrf"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

NO_STORE = (b"cache-control", b"no-store")
STATIC = "/static/"

T = TypeVar("T")


def allowed_hosts(bind: str, extra: list[str]) -> list[str]:
    """The Host names the app answers to: the bind address, and loopback names when it listens on
    loopback; other names only when given (`serve --allow-host`)."""
    hosts = {bind.strip("[]").lower(), *(h.lower() for h in extra)}
    if bind in ("127.0.0.1", "localhost", "::1", "[::1]"):
        hosts |= {"127.0.0.1", "localhost", "::1", "[::1]"}
    hosts.discard("0.0.0.0")
    hosts.discard("::")
    return sorted(hosts)


class _TooLarge(Exception):
    pass


async def _plain(
    send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS, NO_STORE, *(extra or [])],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Pure ASGI middleware: trusted hosts, headers, body cap and the origin test of CSRF."""

    def __init__(self, app: ASGIApp, hosts: list[str], max_body: int) -> None:
        self.app = app
        self.hosts = set(hosts)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        name = urlsplit("//" + host).hostname or ""
        if name.lower() not in self.hosts:
            await _plain(send, 400, b"unknown host")  # DNS rebinding, or a name not served
            return
        if scope["method"] in UNSAFE and not _same_origin(headers, scope.get("scheme", "http"), host):
            await _plain(send, 403, b"cross-site request refused")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, b"request body over the limit")
            return
        seen = 0
        started = False

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge
            return message

        static = str(scope.get("path", "")).startswith(STATIC)

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                ours = {name for name, _ in HEADERS} | (set() if static else {NO_STORE[0]})
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in ours]
                message = {**message, "headers": [*kept, *HEADERS, *([] if static else [NO_STORE])]}
            await send(message)

        try:
            await self.app(scope, capped_receive, with_headers)
        except _TooLarge:
            if not started:
                await _plain(send, 413, b"request body over the limit")
        except Exception:
            # a bug or a broken ledger: Starlette's own 500 would go out past this middleware,
            # without the headers; this one carries them, and the error still reaches the log
            if not started:
                await _plain(send, 500, b"internal error")
            raise


def _same_origin(headers: dict[str, str], scheme: str, host: str) -> bool:
    """A browser names the page a request comes from (Origin, else Referer); a request from a page
    of another origin is refused. Clients that send neither (curl, scripts) are not browsers."""
    origin = headers.get("origin")
    if origin is None:
        origin = headers.get("referer")
        if not origin:
            return True
    if origin == "null":
        return False  # a sandboxed frame or a data: page
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}".lower() == f"{scheme}://{host}".lower()


MAX_QUERY_VALUE = 2000  # the longest value a route takes from a query string (a URL)


async def outside_values(request: Request) -> None:
    """Every route's dependency: the values of its address, path parameters (ids: at most MAX_ID
    characters) and query parameters, hold no control character. A NUL reached PostgreSQL as a
    DataError (500) from `/articles/%00`, `/sources?id=%00` and their kind; one check here covers
    every route, those to come too. Nothing of the value is repeated in the answer."""
    api = request.url.path.startswith("/api/")
    values = [(v, MAX_ID) for v in request.path_params.values() if isinstance(v, str)]
    values += [(v, MAX_QUERY_VALUE) for _, v in request.query_params.multi_items()]
    values += [(k, MAX_QUERY_VALUE) for k in request.query_params]
    for value, limit in values:
        reason = refusal(value, limit)
        if reason is not None:
            if api:
                raise HTTPException(400, f"an id or filter of the address {reason}")
            raise Problem(404, N_("no page at this address"))


def csrf_token(request: Request) -> str:
    """The page's token: the cookie's value, or a new one the response will set."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) != 43:
        token = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def check_csrf(request: Request, submitted: str) -> None:
    """A form post must carry the token of the cookie the app set (a page of another site can
    submit the form, but cannot read the token to put in it)."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, submitted or ""):
        raise Problem(403, N_("form expired or sent from another site: reload the page and send it again"))


def require_json(request: Request) -> None:
    if not request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json":
        raise HTTPException(415, "send JSON (Content-Type: application/json)")


class AnalysisQueue:
    """Analyses one at a time in a worker thread, at most `depth` waiting: the event loop keeps
    serving every other request while one article is parsed."""

    def __init__(self, depth: int = 4) -> None:
        self.depth = depth
        self.waiting = 0
        self.limiter = anyio.CapacityLimiter(1)

    async def run(self, fn: Callable[[], T]) -> T:
        if self.waiting >= self.depth:
            raise Problem(
                503, N_("too many analyses in progress, retry later"), headers={"Retry-After": "10"}
            )
        self.waiting += 1
        try:
            return await run_sync(fn, limiter=self.limiter)
        finally:
            self.waiting -= 1


def set_csrf_cookie(response: Any, request: Request) -> None:
    token = getattr(request.state, "new_csrf", None)
    if token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
