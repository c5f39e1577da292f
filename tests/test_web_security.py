"""The web app attacked as an attacker would, in Debian's Chromium and over real HTTP: a page of
another origin posting the paste form (CSRF) to plant a javascript: link (stored XSS), a foreign
Host header (DNS rebinding), bodies over the limit in chunks, request echoes, a flood of analyses."""

from __future__ import annotations

import http.client
import json
import sqlite3
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from builders import rss
from conftest import CORPUS
from hostile import Hostile, page
from test_web import ARGS, CHROMIUM
from webserver import Server

PLANTED = "javascript:document.title='pwned'"


def _article(tag: str) -> str:
    # written here, long enough to be an article (a feed item of this size is not fetched)
    return (
        f"Le conseil municipal de Saint-Aubin a voté le budget ({tag}). Le maire a annoncé que les impôts "
        "locaux resteraient stables en 2026. « Nous ne toucherons pas aux taux », a-t-il ajouté devant la "
        "presse. Selon l'opposition, la dette de la commune aurait doublé en cinq ans. La préfecture a "
        "confirmé que les comptes avaient été transmis dans les délais. Les habitants seront consultés "
        "sur le projet de nouvelle médiathèque au printemps, a précisé l'adjointe à la culture."
    )


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("websec")
    feed = folder / "feed.rss"
    feed.write_text(rss([("Budget", PLANTED, "Tue, 02 Jan 2024 10:00:00 GMT", _article("feed"))]), "utf-8")
    (folder / "a.txt").write_bytes((CORPUS / "002.txt").read_bytes())
    db = str(folder / "l.db")
    from claimledger.analyse.article import Analyzer
    from claimledger.analyse.engines import LocalEngine
    from claimledger.ingest.collect import collect
    from claimledger.store.ingest import ingest
    from claimledger.store.ledger import Ledger

    report = ingest(Ledger(db), LocalEngine(Analyzer()), collect([str(feed), str(folder / "a.txt")]))
    assert report.new == 2, report.failed
    # a ledger written before the URL policy: a javascript: URL already stored
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET url = ? WHERE origin LIKE ?", (PLANTED, "%a.txt"))
    return db


@pytest.fixture(scope="module")
def server(ledger: str) -> Iterator[Server]:
    srv = Server(ledger)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (make test installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _articles(server: Server) -> list[dict[str, object]]:
    return json.load(urllib.request.urlopen(server.url + "/api/articles?limit=500", timeout=30))  # type: ignore[no-any-return]


def test_no_javascript_link_is_stored_or_shown(server: Server, browser: Browser) -> None:
    stored = _articles(server)
    assert all(a["url"] is None or str(a["url"]).startswith("http") for a in stored if a["url"] != PLANTED)
    context = browser.new_context()
    pg = context.new_page()
    for a in stored:
        pg.goto(f"{server.url}/articles/{a['id']}")
        hrefs = pg.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not any(h.strip().lower().startswith("javascript:") for h in hrefs), hrefs
        for link in pg.query_selector_all("a"):
            if (link.inner_text() or "").strip() == "source":
                link.click()
        assert pg.title() != "pwned"
    context.close()


def test_a_page_of_another_site_cannot_post_the_form(server: Server, browser: Browser) -> None:
    before = len(_articles(server))
    attacker = Hostile(
        page(
            "<html><body><form id=f method=post enctype=multipart/form-data "
            f"action='{server.url}/analyze'><textarea name=text>{_article('csrf')}</textarea>"
            f'<input name=url value="{PLANTED}"></form>'
            "<script>document.getElementById('f').submit()</script></body></html>"
        )
    )
    try:
        context = browser.new_context()
        pg = context.new_page()
        pg.goto(server.url + "/analyze")  # the victim has the app open: its cookie is set
        with pg.expect_response(
            lambda r: r.url.endswith("/analyze") and r.request.method == "POST"
        ) as posted:
            pg.goto(attacker.url + "/")
        assert posted.value.status == 403
        assert "refused" in pg.content()
        context.close()
    finally:
        attacker.close()
    assert len(_articles(server)) == before


def test_the_form_works_from_the_app_itself(server: Server, browser: Browser) -> None:
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(server.url + "/analyze")
    pg.fill("textarea[name=text]", _article("own form"))
    pg.fill("input[name=url]", PLANTED)
    pg.click("button")
    assert "doit être une URL http(s)" in pg.content()  # refused, not stored as a link
    pg.goto(server.url + "/analyze")
    pg.fill("textarea[name=text]", _article("own form, no url"))
    with pg.expect_navigation():
        pg.click("button")
    assert "/articles/" in pg.url
    context.close()


def test_security_headers_and_foreign_hosts(server: Server) -> None:
    resp = urllib.request.urlopen(server.url + "/", timeout=30)
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"]
    rebinding = urllib.request.Request(server.url + "/api/articles", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(rebinding, timeout=30)
    assert err.value.code == 400


def test_cross_site_json_and_non_json_bodies_are_refused(server: Server) -> None:
    body = json.dumps({"text": _article("api")}).encode()
    cross = urllib.request.Request(
        server.url + "/api/analyze",
        data=body,
        headers={"Content-Type": "application/json", "Origin": "http://evil.example"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(cross, timeout=60)
    assert err.value.code == 403
    plain = urllib.request.Request(
        server.url + "/api/analyze", data=body, headers={"Content-Type": "text/plain"}
    )
    with pytest.raises(urllib.error.HTTPError) as err2:
        urllib.request.urlopen(plain, timeout=60)
    assert err2.value.code in (415, 422)


def test_a_chunked_body_over_the_limit_is_cut_while_streaming(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.putrequest("POST", "/api/analyze")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    block = b"a" * 65536
    status = None
    try:
        conn.send(b'{"text": "')
        for _ in range(50):  # 3.2 MB, no Content-Length
            conn.send(f"{len(block):x}\r\n".encode() + block + b"\r\n")
        conn.send(b"0\r\n\r\n")
        status = conn.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        status = 413  # the server answered and closed before the whole body was sent
    assert status == 413


def test_a_validation_error_does_not_echo_the_request(server: Server) -> None:
    marker = "MARKER-" + "z" * 40
    req = urllib.request.Request(
        server.url + "/api/analyze",
        data=json.dumps({"text": "x", "store": marker}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=60)
    assert err.value.code == 422
    assert marker not in err.value.read().decode()


def test_a_flood_of_analyses_gets_503_and_health_stays_fast(server: Server) -> None:
    text = " ".join(_article(f"flood {n}") for n in range(60))
    statuses: list[int] = []
    retry: list[str | None] = []

    def post(n: int) -> None:
        body = json.dumps({"text": text + f" ({n})", "store": False}).encode()
        req = urllib.request.Request(
            server.url + "/api/analyze", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            statuses.append(urllib.request.urlopen(req, timeout=300).status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
            retry.append(exc.headers.get("Retry-After"))

    threads = [threading.Thread(target=post, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    latencies = []
    for _ in range(20):
        t0 = time.perf_counter()
        urllib.request.urlopen(server.url + "/api/health", timeout=30).read()
        latencies.append(time.perf_counter() - t0)
        time.sleep(0.05)
    for t in threads:
        t.join()
    assert 503 in statuses and 201 in statuses, statuses
    assert set(statuses) <= {201, 503} and all(r == "10" for r in retry), (statuses, retry)
    assert statistics.median(latencies) < 0.1, latencies
