"""End to end in headless Chromium (Debian's chromium driven by Playwright), against a server
started here on a ledger built from the shared corpus."""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from webserver import Server, build_ledger

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(build_ledger(tmp_path_factory.mktemp("web")))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def api(server: Server, path: str) -> object:
    return json.load(urllib.request.urlopen(server.url + path, timeout=30))


def example_id(server: Server) -> str:
    arts = api(server, "/api/articles?limit=100")
    assert isinstance(arts, list)
    for a in arts:
        data = api(server, f"/api/articles/{a['id']}")
        assert isinstance(data, dict)
        if data["article"]["text"].startswith("Des milliers de soldats nord-coréens"):
            return str(a["id"])
    raise AssertionError("example article not in the ledger")


def test_article_page_highlights_claims_and_shows_details(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/articles/{example_id(server)}")
    for status in ("confirmed", "alleged", "speculative", "denied"):
        assert page.locator(f"#text .claim.st-{status}").count() > 0, status
    assert page.locator(".legend .st-denied").inner_text() == "démenti"
    assert page.locator("#text .qty.qb-up_to").count() >= 2
    austin = page.locator("#text .claim.st-confirmed", has_text="preuves").first
    card = page.locator(".claim-card:visible")
    assert card.count() == 0
    austin.click()
    assert card.count() == 1
    assert "Lloyd Austin" in card.inner_text() and "confirmé" in card.inner_text()
    denial = page.locator("#text .claim.st-denied", has_text="envoi de troupes").first
    denial.click()
    assert "Pyongyang" in page.locator(".claim-card:visible").inner_text()


def test_story_page_draws_figures_over_time(server: Server, page: Page) -> None:
    stories = api(server, "/api/stories")
    assert isinstance(stories, list)
    story = next(s for s in stories if "nord-coréens" in (s["title"] or ""))
    page.goto(f"{server.url}/stories/{story['id']}")
    chart = page.locator("figure.chart", has_text="soldat").first
    assert chart.locator("svg circle").count() >= 4
    box = chart.locator("svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    tips = chart.locator("svg g.point title").evaluate_all("els => els.map(e => e.textContent)")
    assert any("Lloyd Austin" in t and "2024-10-21" in t for t in tips)
    figures = api(server, f"/api/stories/{story['id']}/figures")
    assert isinstance(figures, list)
    soldiers = next(f for f in figures if f["thing"] == "soldat")
    assert {"at_least", "up_to"} <= {p["bound"] for p in soldiers["points"]}
    assert page.locator("h2", has_text="Contradictions").count() >= 1
    body = page.locator("body").inner_text()
    assert "Pyongyang" in body and "dément" in body


def test_malicious_article_is_shown_inert(server: Server, page: Page) -> None:
    arts = api(server, "/api/articles?limit=100")
    assert isinstance(arts, list)
    evil = next(a for a in arts if "pwned" in str(api(server, f"/api/articles/{a['id']}")))
    page.goto(f"{server.url}/articles/{evil['id']}")
    body = page.locator("body").inner_text()
    assert "<script>window.pwned=1</script>" in body
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("main script, main img").count() == 0
    title = page.locator("h1").inner_text()
    assert "<" in title  # the page title's markup is text too


def test_paste_an_article_and_see_it_analysed(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/analyze")
    page.fill(
        "textarea[name=text]",
        "Selon la préfecture, au moins 1 200 manifestants ont défilé samedi à Lyon. "
        "Les organisateurs affirment que 5 000 personnes étaient présentes.",
    )
    page.click("form.analyze button")
    page.wait_for_url("**/articles/*")
    assert page.locator("#text .qty.qb-at_least").count() == 1
    assert page.locator("#text .src", has_text="la préfecture").count() == 1


def test_bad_input_gets_an_error_page(server: Server, page: Page) -> None:
    response = page.goto(f"{server.url}/search?since=hier")
    assert response is not None and response.status == 400
    assert (
        "n'est pas une date" in page.locator(".error").inner_text()
        or "date" in page.locator(".error").inner_text()
    )
    response = page.goto(f"{server.url}/articles/nope")
    assert response is not None and response.status == 404
    # an oversized upload is refused from its headers, before a byte of the body is read
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest("POST", "/api/analyze")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()


def test_assets_are_local_and_server_binds_loopback(server: Server, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server.url}/")
    page.goto(f"{server.url}/stories")
    assert requested and all(u.startswith(server.url) for u in requested)
    css = urllib.request.urlopen(server.url + "/static/app.css", timeout=10).read()
    assert b"st-denied" in css
