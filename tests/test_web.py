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
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_ledger(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def server(web_db: str) -> Iterator[Server]:
    srv = Server(web_db)
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
    assert page.locator(".legend .st-denied").inner_text() == "✗démenti"
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


def test_a_quotation_going_on_is_one_claim_on_the_page(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/analyze")
    page.fill(
        "textarea[name=text]",
        '"The ferry will stop running in May," the harbour master Tom Ellis said. '
        '"The hull is cracked. Nobody will insure it."',
    )
    page.select_option("select[name=lang]", "en")
    page.click("form.analyze button")
    page.wait_for_url("**/articles/*")
    spoken = page.locator("#text .claim", has_text="Nobody will insure it")
    assert spoken.count() == 1
    claim_id = spoken.first.get_attribute("data-claim")
    # the continued piece is the same claim as the opening quotation, and its card shows both
    assert page.locator(f'#text .claim[data-claim="{claim_id}"]', has_text="The ferry will stop").count() >= 1
    page.locator(f'#text .claim[data-claim="{claim_id}"]').first.click()
    card = page.locator(".claim-card:visible")
    assert "Tom Ellis" in card.inner_text() and "Nobody will insure it" in card.inner_text()


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


# -- the desk on a laptop and on a phone (issue 11) ----------------------------------------------

WIDTHS = {"laptop": (1366, 800), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 500)
    pg = context.new_page()
    yield pg
    context.close()


def in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """sel => { const r = document.querySelector(sel).getBoundingClientRect();
            return r.height > 0 && r.top >= 0 && r.top < window.innerHeight - 40 && r.left >= 0
                   && r.right <= window.innerWidth + 1; }""",
            selector,
        )
    )


def test_the_card_opens_in_view_next_to_a_tapped_claim(server: Server, sized: Page) -> None:
    sized.goto(f"{server.url}/articles/{example_id(server)}")
    last = sized.locator("#text [data-claim][tabindex]").last
    last.scroll_into_view_if_needed()
    claim = last.get_attribute("data-claim")
    last.click()
    card = f"#claim-{claim}"
    assert sized.locator(card).is_visible()
    assert in_viewport(sized, card), "the card must be on screen where the claim was tapped"
    assert sized.evaluate("document.documentElement.scrollWidth") <= sized.viewport_size["width"] + 1  # type: ignore[index]


def test_a_permalink_opens_its_claims_card(server: Server, sized: Page) -> None:
    aid = example_id(server)
    sized.goto(f"{server.url}/articles/{aid}")
    ids = sized.locator("#text [data-claim][tabindex]").evaluate_all("els => els.map(e => e.dataset.claim)")
    chosen = ids[len(ids) // 2]
    sized.goto(f"{server.url}/articles/{aid}#claim-{chosen}")
    assert sized.locator(f"#claim-{chosen}").is_visible()
    assert in_viewport(sized, f"#claim-{chosen}")
    assert sized.locator(".claim-card:visible").count() == 1
    # the card's own link is that permalink
    assert (
        sized.locator(f"#claim-{chosen} a.permalink").get_attribute("href")
        == f"/articles/{aid}#claim-{chosen}"
    )


def test_keyboard_has_a_skip_link_and_one_stop_per_claim(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/articles/{example_id(server)}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "text"
    stops = page.locator("#text [tabindex='0']").evaluate_all("els => els.map(e => e.dataset.claim)")
    claims = page.locator(".claim-card").count()
    assert len(stops) == len(set(stops)) == claims, "one keyboard stop per claim, no more"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.claim")
    assert focused == stops[0]
    page.keyboard.press("Enter")
    assert page.locator(f"#claim-{focused}").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.claim") == focused  # focus comes back


def test_status_is_shown_by_sign_and_line_as_well_as_colour(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/articles/{example_id(server)}")
    styles = {}
    for status in ("stated", "confirmed", "alleged", "speculative", "denied"):
        first = page.locator(f"#text .claim.st-{status}[tabindex]").first
        styles[status] = first.evaluate(
            "e => getComputedStyle(e).textDecorationStyle + getComputedStyle(e).textDecorationLine"
        )
        sign = first.locator(".sign").inner_text()
        assert sign and sign == page.locator(f".legend .st-{status} .sign").inner_text()
        assert status in page.locator(".legend").inner_text() or page.locator(f".legend .st-{status}").count()
    assert len(set(styles.values())) == 5, styles
    meanings = page.locator(".legend dd").all_inner_texts()
    assert len(meanings) >= 5 and all(m.strip() for m in meanings)


def test_the_chart_is_readable_on_a_phone(server: Server, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    stories = api(server, "/api/stories")
    assert isinstance(stories, list)
    story = next(s for s in stories if "nord-coréens" in (s["title"] or ""))
    page.goto(f"{server.url}/stories/{story['id']}")
    figure = page.locator("figure.chart").first
    tick = figure.locator("svg text").first.bounding_box()
    assert tick is not None and tick["height"] >= 10, "labels must stay legible, not shrink to 5 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 391, (
        "the page itself does not scroll sideways"
    )
    rows = figure.locator("table.points tbody tr")
    # every point is a row; a vague one ("Des milliers", no number) is a row, never a circle
    plotted = figure.locator("table.points tbody tr:not(.vague)")
    assert plotted.count() == figure.locator("svg circle").count() and rows.first.is_visible()
    vague = figure.locator("table.points tbody tr.vague").all_inner_texts()
    assert vague and all("milliers" in v and "hors graphique" in v for v in vague)
    context.close()


def test_search_marks_words_links_claims_and_pages(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/search?q=soldat")
    hits = page.locator("ol.results li")
    assert hits.count() > 0
    marks = page.locator("ol.results mark").all_inner_texts()
    assert (
        marks
        and all(m.lower().startswith("soldat") for m in marks)
        and "soldats" in [m.lower() for m in marks]
    )
    href = hits.first.locator("a").first.get_attribute("href") or ""
    assert "/articles/" in href and "#claim-" in href
    page.goto(f"{server.url}/search?q=de")
    assert page.locator("ol.results li").count() == 50
    page.click("a[rel=next]")
    assert "offset=50" in page.url and page.locator("ol.results").get_attribute("start") == "51"


def test_api_docs_work_offline(server: Server, page: Page) -> None:
    requested: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{server.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "claimledger" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 5
    assert requested and all(u.startswith(server.url) or u.startswith("data:") for u in requested), requested
    assert blocked == []


def test_a_verdict_from_the_card_shows_on_article_and_story(server: Server, page: Page) -> None:
    aid = example_id(server)
    page.goto(f"{server.url}/articles/{aid}")
    denial = page.locator("#text .claim.st-denied[tabindex]", has_text="envoi de troupes").first
    claim = denial.get_attribute("data-claim")
    denial.click()
    form = page.locator("form.review")
    form.locator("select[name=rating]").select_option("false")
    form.locator("textarea[name=explanation]").fill("Des images satellites montrent des convois.")
    form.locator("input[name=url]").fill("https://verif.example.org/convois")
    form.locator("input[name=reviewer]").fill("Ana")
    form.locator("button").click()
    page.wait_for_url(f"**/articles/{aid}#claim-{claim}")
    card = page.locator(f"#claim-{claim}")
    assert card.is_visible() and "Faux" in card.locator(".verdict").inner_text()
    reviews = api(server, "/api/reviews")
    assert isinstance(reviews, list) and any(
        r["target"] == f"{aid}:{claim}" and r["reviewer"] == "Ana" for r in reviews
    )
    story = next(s for s in api(server, "/api/stories") if "nord-coréens" in (s["title"] or ""))  # type: ignore[union-attr]
    page.goto(f"{server.url}/stories/{story['id']}")
    assert "Faux" in page.locator("h2:has-text('Verdicts') + ul").inner_text()


def test_paste_with_title_and_date_or_analyse_only_then_delete(server: Server, page: Page) -> None:
    before = api(server, "/api/articles?limit=500")
    assert isinstance(before, list)
    text = (
        "Selon la mairie, au moins 40 arbres sont tombés lundi à Quimper. "
        "Les pompiers ont affirmé qu'aucun blessé n'était à déplorer."
    )  # written here
    page.goto(f"{server.url}/analyze")
    assert "enregistrer" in page.locator("form.analyze").inner_text()
    page.fill("textarea[name=text]", text)
    page.check("input[name=mode][value=analyse]")
    page.click("form.analyze button")
    assert "n'a pas été enregistré" in page.locator(".notice").inner_text()
    assert page.locator("#text .qty.qb-at_least").count() == 1
    assert len(api(server, "/api/articles?limit=500")) == len(before)  # type: ignore[arg-type]
    page.goto(f"{server.url}/analyze")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=title]", "Tempête à Quimper")
    page.fill("input[name=published]", "2025-01-27")
    page.click("form.analyze button")
    page.wait_for_url("**/articles/*")
    assert (
        page.locator("h1").inner_text() == "Tempête à Quimper"
        and "2025-01-27" in page.locator("main").inner_text()
    )
    url = page.url
    page.check("form.delete input[name=confirm]")
    page.click("form.delete button")
    page.wait_for_url("**/?deleted=1")
    assert page.goto(url).status == 404  # type: ignore[union-attr]
    assert len(api(server, "/api/articles?limit=500")) == len(before)  # type: ignore[arg-type]


# -- the desk for daily use (issue 19) -------------------------------------------------------------


def korea_id(server: Server) -> str:
    stories = api(server, "/api/stories")
    assert isinstance(stories, list)
    return str(next(s["id"] for s in stories if "nord-coréens" in (s["title"] or "")))


def test_opening_a_card_moves_the_focus_into_it_and_escape_gives_it_back(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/articles/{example_id(server)}")
    # by keyboard: Tab to the first claim, Enter opens its card and the focus goes into it
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link: to the text
    page.keyboard.press("Tab")
    claim = page.evaluate("document.activeElement.dataset.claim")
    page.keyboard.press("Enter")
    card = page.locator(f"#claim-{claim}")
    assert card.is_visible()
    assert page.evaluate("document.activeElement.id") == f"claim-{claim}"
    page.keyboard.press("Tab")  # the card's own controls come next, then the verdict form
    assert page.evaluate("!!document.activeElement.closest('#details')")
    page.keyboard.press("Escape")
    assert page.locator(".claim-card:visible").count() == 0 and not card.is_visible()
    assert page.evaluate("document.activeElement.dataset.claim") == claim  # back where it was
    assert page.locator("#hint").is_visible() and "#claim-" not in page.url
    assert page.locator("#text .active").count() == 0
    # by mouse: the same; Escape from anywhere on the page closes the card
    other = page.locator("#text .claim.st-denied[tabindex]").first
    other_id = other.get_attribute("data-claim")
    other.click()
    assert page.evaluate("document.activeElement.id") == f"claim-{other_id}"
    page.locator("h1").click()
    page.keyboard.press("Escape")
    assert page.locator(".claim-card:visible").count() == 0
    assert page.evaluate("document.activeElement.dataset.claim") == other_id
    # a permalink opens its card, and Escape returns to its claim in the text
    page.goto(f"{server.url}/articles/{example_id(server)}#claim-{claim}")
    assert card.is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.claim") == claim


def test_escape_keeps_a_verdict_being_typed(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/articles/{example_id(server)}")
    first = page.locator("#text [data-claim][tabindex]").first
    first.click()
    note = page.locator("form.review textarea[name=explanation]")
    note.fill("Une note en cours")
    note.press("Escape")
    assert page.locator(".claim-card:visible").count() == 1 and note.input_value() == "Une note en cours"
    page.locator("h1").click()  # outside the form, Escape closes the card
    page.keyboard.press("Escape")
    assert page.locator(".claim-card:visible").count() == 0


def landmarks(page: Page) -> tuple[int, list[str | None]]:
    h1 = page.locator("h1").count()
    labels = page.locator("nav").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    return h1, labels


def test_every_page_has_one_h1_and_labelled_distinct_navigation(server: Server, page: Page) -> None:
    korea = korea_id(server)
    for path in (
        "/",
        "/articles",
        "/stories",
        f"/stories/{korea}",
        "/sources",
        "/search",
        "/search?q=soldat",
        "/search?q=de",
        "/search?q=de&offset=50",
        f"/articles/{example_id(server)}",
    ):
        page.goto(server.url + path)
        h1, labels = landmarks(page)
        assert h1 == 1, path
        assert all(labels) and len(set(labels)) == len(labels), (path, labels)
        # no empty landmark: a pager is there only when there is another page to go to
        assert all(page.locator("nav").nth(i).locator("a").count() for i in range(len(labels))), path
    page.goto(server.url + "/search")
    assert landmarks(page)[1] == ["Menu principal", "Langue des pages"]  # the search page: one menu
    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "Qui affirme quoi dans l'actualité"
    assert page.locator("form[role=search]").count() == 1


def test_the_chart_has_a_value_axis_with_labelled_ticks(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/stories/{korea_id(server)}")
    svg = page.locator("figure.chart", has_text="soldat").first.locator("svg")
    assert svg.locator(".axis-note").text_content() == "échelle logarithmique"
    assert svg.locator(".axis .axis-line").count() >= 4  # the axis and a mark per tick
    ticks = svg.locator("text.tick").evaluate_all(
        "els => els.map(e => [e.textContent, e.getBBox().y, e.getBBox().x + e.getBBox().width])"
    )
    assert 3 <= len(ticks) <= 6
    values = [int(text.replace("\u202f", "").replace("\xa0", "")) for text, _, _ in ticks]
    assert values == sorted(values) and 3000 in values and 10000 in values
    assert "10\u202f000" in [t for t, _, _ in ticks]  # written as French writes it
    heights = [y for _, y, _ in ticks]
    assert heights == sorted(heights, reverse=True)  # larger values higher up
    axis_x = float(svg.locator(".axis-line").first.get_attribute("x1") or 0)
    assert all(0 <= right <= axis_x for _, _, right in ticks)  # the labels fit left of the axis
    english = urllib.request.urlopen(f"{server.url}/stories/{korea_id(server)}?lang=en", timeout=30).read()
    assert b"10,000</text>" in english and b"log scale" in english


def test_the_story_page_shows_who_says_what_source_by_source(server: Server, page: Page) -> None:
    korea = korea_id(server)
    ledger = api(server, f"/api/stories/{korea}/ledger")
    assert isinstance(ledger, dict) and ledger["id"] == korea and ledger["propositions"]
    page.goto(f"{server.url}/stories/{korea}")
    sections = page.locator("section.proposition")
    assert sections.count() == len(ledger["propositions"])
    # Pyongyang's denial of any military presence and Lloyd Austin's confirmation, side by side
    austin = next(
        p for p in ledger["propositions"] if any("toute présence militaire" in c["text"] for c in p["claims"])
    )
    said = [(c["source"], c["status"], c["date"]) for c in austin["claims"]]
    assert said[:2] == [("Pyongyang", "denied", "2024-10-18"), ("Lloyd Austin", "confirmed", "2024-10-21")]
    # North Korea denies again the same day: its status is no change; Austin's confirmation is
    assert ("La Corée du Nord", "denied", "2024-10-21") in said
    assert austin["newest_change"] == f"{austin['claims'][1]['article']}:{austin['claims'][1]['claim']}"
    assert austin["claims"][1]["changed_from"] == "denied" and austin["claims"][1]["cue"] == "confirmer"
    section = page.locator("section.proposition", has=page.locator(f"a[href='/propositions/{austin['id']}']"))
    rows = section.locator("tbody tr").all_inner_texts()
    assert (
        len(rows) == len(said) and "Pyongyang" in rows[0] and "démenti" in rows[0] and "2024-10-18" in rows[0]
    )
    assert "Lloyd Austin" in rows[1] and "dernier changement, avant : démenti" in rows[1]
    newest = section.locator("tr.newest")
    assert newest.count() == 1 and "Lloyd Austin" in newest.inner_text()
    # the undated example article's claims are never a change
    assert all(c["date"] for p in ledger["propositions"] for c in p["claims"] if c["newest_change"])
    # every claim links to itself on its article, and the link opens its card
    link = section.locator("tbody tr").nth(1).locator("a")
    claim = austin["claims"][1]
    assert link.get_attribute("href") == f"/articles/{claim['article']}#claim-{claim['claim']}"
    link.click()
    page.wait_for_url(f"**/articles/{claim['article']}#claim-{claim['claim']}")
    assert page.locator(f"#claim-{claim['claim']}").is_visible()
    # then the claims in no proposition that name a source or hedge, by source
    outside = {g["source"]: g["claims"] for g in ledger["by_source"]}
    assert None in outside and all(c["status"] != "stated" for c in outside[None])
    assert all(g["source"] is None or g["source_id"] for g in ledger["by_source"])
    every = [c for p in ledger["propositions"] for c in p["claims"]] + [
        c for g in ledger["by_source"] for c in g["claims"]
    ]
    assert len({(c["article"], c["claim"]) for c in every}) == len(every)  # each claim once


def test_the_ledger_view_keeps_article_text_inert(server: Server, page: Page) -> None:
    stories = api(server, "/api/stories")
    assert isinstance(stories, list)
    evil = next(s for s in stories if "Piège" in (s["title"] or "") or "Un titre" in (s["title"] or ""))
    ledger = api(server, f"/api/stories/{evil['id']}/ledger")
    assert isinstance(ledger, dict)
    groups = ledger["propositions"] + ledger["by_source"]
    texts = [c["text"] for g in groups for c in g["claims"]]
    assert any("<script>" in t for t in texts), texts
    page.goto(f"{server.url}/stories/{evil['id']}")
    shown = page.locator("table.ledger").all_inner_texts()
    assert any("<script>window.pwned=1</script>" in t for t in shown)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("main script, main img").count() == 0


def count_line(page: Page) -> str:
    return " ".join(page.locator("p.count").first.inner_text().split())


def test_every_list_says_n_of_m_and_pages_to_the_rest(server: Server, web_db: str, page: Page) -> None:
    from claimledger.link.read import LinkReader
    from claimledger.store.ledger import Ledger

    ledger = Ledger(web_db, create=False)
    n = lambda k: format(k, ",").replace(",", "\u202f")  # noqa: E731 (as French writes it)
    # search: "Résultats 1–50 sur T affirmations", a next link, and the last page has none
    total = ledger.count_claims(words="de")
    assert total > 50
    page.goto(f"{server.url}/search?q=de")
    assert count_line(page) == f"Résultats 1–50 sur {n(total)} affirmations"
    last = (total - 1) // 50 * 50
    page.goto(f"{server.url}/search?q=de&offset={last}")
    assert count_line(page) == f"Résultats {last + 1}–{total} sur {n(total)} affirmations"
    assert page.locator("a[rel=next]").count() == 0 and page.locator("a[rel=prev]").count() == 1
    assert page.locator("ol.results li").count() == total - last
    page.goto(f"{server.url}/search?q=de&offset={total + 10}")
    assert count_line(page) == f"Aucune affirmation sur cette page ({n(total)} en tout)"
    # stories, sources, articles: the whole list is reachable page by page
    stories = LinkReader(ledger).count_stories()
    page.goto(f"{server.url}/stories")
    assert count_line(page) == f"1–{min(stories, 100)} sur {stories} sujets"
    sources = ledger.count_sources()
    page.goto(f"{server.url}/sources")
    assert count_line(page) == f"1–{min(sources, 100)} sur {sources} sources"
    assert page.locator("table.table tbody tr").count() == min(sources, 100)
    articles = ledger.count_articles()
    page.goto(f"{server.url}/articles")
    assert count_line(page) == f"1–{articles} sur {articles} articles, du plus récent au plus ancien"
    assert page.locator("main ol li").count() == articles
    page.goto(f"{server.url}/")
    lines = [" ".join(t.split()) for t in page.locator("p.count").all_inner_texts()]
    assert lines[0].startswith(f"Les plus récents d'abord : {min(articles, 40)} sur {articles} articles")
    assert lines[1].startswith(f"Les plus grands d'abord : {min(stories, 20)} sur {stories} sujets")
    # one source's claims: all of them, a page at a time (none cut at 500 without a word)
    top = ledger.sources(1)[0]
    claims = ledger.count_claims(source_id=top.id)
    page.goto(f"{server.url}/sources?id={top.id}")
    assert count_line(page).startswith(f"1–{min(claims, 50)} sur {claims} affirmation")
    assert page.locator("main ol li").count() == min(claims, 50)
    if claims > 50:
        page.click("a[rel=next]")
        assert page.locator("main ol").get_attribute("start") == "51"


def test_every_api_list_says_its_total_and_pages(server: Server) -> None:
    """A page of a list is a bare list (what its readers take); X-Total-Count says how many there
    are in all, and offset pages through them without overlap."""
    for path in ("/api/articles", "/api/claims", "/api/sources", "/api/stories", "/api/search?q=soldats"):
        sep = "&" if "?" in path else "?"
        with urllib.request.urlopen(f"{server.url}{path}{sep}limit=2", timeout=30) as r:
            first, total = json.load(r), int(r.headers["X-Total-Count"])
        with urllib.request.urlopen(f"{server.url}{path}{sep}limit=2&offset=2", timeout=30) as r:
            second = json.load(r)
        assert isinstance(first, list) and total >= len(first) + len(second), path
        assert len(first) == min(2, total), path
        assert not [x for x in second if x in first], path


def test_no_serious_accessibility_finding_in_either_language(server: Server, browser: Browser) -> None:
    """axe-core (shipped in axe-playwright-python, run in the real browser) on the desk's pages, in
    French and in English, and on an article with a claim card open: no finding of moderate,
    serious or critical impact."""
    from axe_playwright_python.sync_playwright import Axe

    stories = api(server, "/api/stories")
    assert isinstance(stories, list) and stories
    paths = [
        "/",
        "/stories",
        f"/stories/{stories[0]['id']}",
        f"/articles/{example_id(server)}",
        "/articles",
        "/sources",
        "/search?q=soldats",
        "/analyze",
    ]
    axe = Axe()
    found = {}
    for lang in ("fr", "en"):
        context = browser.new_context()
        pg = context.new_page()
        for path in paths:
            sep = "&" if "?" in path else "?"
            pg.goto(f"{server.url}{path}{sep}lang={lang}")
            if path.startswith("/articles/"):
                pg.locator("#text .claim").first.click()  # the claim card open
                assert pg.locator(".claim-card:visible").count() == 1
            violations = axe.run(pg).response["violations"]
            serious = [v["id"] for v in violations if v.get("impact") in ("moderate", "serious", "critical")]
            if serious:
                found[(lang, path)] = serious
        context.close()
    assert not found, found


def test_a_reviewer_detaches_a_claim_that_is_not_the_propositions_statement(
    server: Server, page: Page
) -> None:
    """Last in this file: it changes the ledger the other tests read."""
    groups = [
        p
        for s in api(server, "/api/stories")  # type: ignore[union-attr]
        for p in api(server, f"/api/stories/{s['id']}/ledger")["propositions"]  # type: ignore[index]
        if len({c["article"] for c in p["claims"]}) >= 3
        and not any("toute présence militaire" in c["text"] for c in p["claims"])
    ]
    assert groups, "the web ledger has no proposition in three articles"
    pid = groups[0]["id"]
    members = api(server, f"/api/propositions/{pid}")["claims"]  # type: ignore[index]
    page.goto(f"{server.url}/propositions/{pid}")
    rows = page.locator("ul.results > li")
    assert rows.count() == len(members)
    leaving = rows.last.locator("input[name=claim]").get_attribute("value")
    rows.last.locator("form.detach button").click()
    page.wait_for_url(f"**/propositions/{pid}?detached=1")
    assert "détachée" in page.locator(".notice").inner_text()
    assert page.locator("ul.results > li").count() == len(members) - 1
    left = api(server, f"/api/propositions/{pid}")["claims"]  # type: ignore[index]
    assert leaving not in {f"{c['article']}:{c['claim']}" for c in left} and len(left) == len(members) - 1
    # a page left open on a claim that has left: refused, nothing else detached
    form = {
        "claim": leaving,
        "csrf": page.locator("form.detach input[name=csrf]").first.get_attribute("value"),
    }
    answer = page.request.post(f"{server.url}/propositions/{pid}/detach", form=form, max_redirects=0)
    assert answer.status == 400 and "pas dans cette proposition" in answer.text()
    assert len(api(server, f"/api/propositions/{pid}")["claims"]) == len(left)  # type: ignore[index]
