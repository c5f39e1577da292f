"""Issue 17, the desk's web app and its outputs, tried as an attacker and as a careless reviewer
would: a verdict form that erased what it did not show (4), ClaimReview JSON-LD that closed its
script element (10), a proposition form that stored CRLF and refused the CLI's own notes (16),
markup that failed the project's own schema and a sidecar date that became a Markdown image (17),
error pages that said what the address told them to (19), responses without the security headers
or kept in caches (20).

A real ledger (the story articles written for the tests, the project's example, and a hostile
article written here), on SQLite and on PostgreSQL (a database of its own on the server
CLAIMLEDGER_TEST_PG names) where a verdict is stored; the real app in-process (FastAPI's
TestClient) and served by uvicorn to Debian's Chromium where it is a page."""

from __future__ import annotations

import copy
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt
from playwright.sync_api import Browser, Page, sync_playwright

from claimledger.analyse.article import Analyzer, prepare, prepare_text
from claimledger.desk.config import DeskConfig, Rating, Scale, default_scale, load_config
from claimledger.desk.publish import claim_reviews
from claimledger.desk.verdicts import MAX_EXPLANATION, Verdicts
from claimledger.errors import InputError
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.model import Analysis
from claimledger.present.brief import render_brief
from claimledger.present.claimreview import dumps
from claimledger.present.web.app import create_app
from claimledger.store.ledger import Ledger
from conftest import EXAMPLE
from test_web import ARGS, CHROMIUM
from webserver import Server

STORIES = Path(__file__).parent / "data" / "stories"
CLI = [sys.executable, "-m", "claimledger.cli"]
PG = os.environ.get("CLAIMLEDGER_TEST_PG")
SCHEMA = json.loads((resources.files("claimledger") / "data" / "claimreview.schema.json").read_text("utf-8"))
DESK = DeskConfig(
    scale=default_scale(), publisher="Les Vérificateurs", publisher_url="https://verif.example.org"
)

# written here: an article whose claim carries markup meant for a page that pastes JSON-LD
PAYLOAD = "</script><img src=x onerror=window.pwned=1>"
HOSTILE = (
    "Le conseil municipal de Saint-Aubin a voté le budget. Selon le maire, la piscine "
    f"{PAYLOAD} rouvrira en mars. Le préfet a confirmé que les comptes avaient été transmis."
)
NOTE_PAYLOAD = "Voir le rapport </script><!-- et la suite"
# publication dates as a page or a sidecar file may give them; none is a day
BAD_DATES = {"coree-1": "![](//a.b)", "coree-2": "2025-02-30"}
SPOOF = "Votre compte est suspendu. Appelez le 01 23 45 67 89 pour le réactiver"
HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


# -- the ledger ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def articles(analyzer: Analyzer) -> list[tuple[Analysis, str]]:
    out = []
    for name in ("coree-1", "coree-2"):
        a = analyzer.analyse_one(prepare(str(STORIES / f"{name}.html")))
        a.article.url = f"https://news.example.org/{name}"
        a.article.published = BAD_DATES[name]  # stored as a ledger written before the checks has it
        out.append((a, name))
    # the example is dated: articles with no usable date, whose leads name no day, meet in a story
    # of dated articles only (link/when.py), and the story must hold the bad dates
    example = analyzer.analyse_one(prepare(str(EXAMPLE)))
    example.article.published = "2024-10-30"
    out.append((example, "example"))
    hostile = analyzer.analyse_one(prepare_text(HOSTILE, lang="fr"))
    hostile.article.url = "https://news.example.org/piscine"
    hostile.article.published = "2025-03-02"
    out.append((hostile, "hostile"))
    return out


def fill(db: str, articles: list[tuple[Analysis, str]], analyzer: Analyzer) -> str:
    ledger = Ledger(db)
    for a, origin in articles:
        ledger.add(copy.deepcopy(a), origin)
    Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang))).link_pending()
    ledger.engine.dispose()
    return db


@pytest.fixture(scope="module")
def sqlite_db(
    tmp_path_factory: pytest.TempPathFactory, articles: list[tuple[Analysis, str]], analyzer: Analyzer
) -> str:
    return fill(str(tmp_path_factory.mktemp("integrity") / "l.db"), articles, analyzer)


def _pg_url(database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG or "").set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(
    request: pytest.FixtureRequest, sqlite_db: str, articles: list[tuple[Analysis, str]], analyzer: Analyzer
) -> Iterator[str]:
    """The ledger on each database; on PostgreSQL, a database of this module's own (created and
    dropped here), so that other storage tests on the same server are left alone."""
    if request.param == "sqlite":
        yield sqlite_db
        return
    if not PG:
        pytest.skip("CLAIMLEDGER_TEST_PG not set (make test sets it)")
    from sqlalchemy import create_engine, text

    name = f"cl_integrity_web_{secrets.token_hex(4)}"
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield fill(_pg_url(name), articles, analyzer)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    app = create_app(db, hosts=["testserver"], config=DESK)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.cl.ledger.engine.dispose()
    app.state.cl.ledger.writer.dispose()


@pytest.fixture(scope="module")
def server(sqlite_db: str) -> Iterator[Server]:
    srv = Server(sqlite_db)
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


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def hostile_id(ledger: Ledger) -> str:
    row = next(r for r in ledger.claims(limit=1000) if PAYLOAD in r.text)
    return row.article_id


def claim_key(ledger: Ledger, fragment: str) -> str:
    row = next(r for r in ledger.claims(limit=1000) if fragment in r.text)
    return f"{row.article_id}:{row.claim_id}"


def denial_proposition(ledger: Ledger) -> tuple[str, str]:
    """(a claim in which North Korea denies sending troops, said in two articles; its proposition)."""
    reader = LinkReader(ledger)
    for r in ledger.claims(status="denied", limit=1000):
        if r.source_entity != "country:KP":
            continue
        p = reader.claim_links([r.article_id]).get((r.article_id, r.claim_id), (None, None))[1]
        if p:
            return f"{r.article_id}:{r.claim_id}", p
    raise AssertionError("no denial with a proposition in the ledger")


def history(db: str, target: str) -> list[dict[str, list[str | None]]]:
    ledger = Ledger(db)
    try:
        return [h.changes for h in Verdicts(ledger).history(target)]
    finally:
        ledger.engine.dispose()


def verdict(client: TestClient, target: str) -> dict[str, Any]:
    found = [v for v in client.get("/api/reviews?limit=1000").json() if v["target"] == target]
    assert len(found) == 1, found
    return found[0]  # type: ignore[no-any-return]


class Form(HTMLParser):
    """The fields of the page's form.review as a browser would send them: inputs, the textarea
    (less the one line break HTML drops after its start tag), the selected option."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "review" in a.get("class", "").split():
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name") and a.get("type") != "checkbox":
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select, self._first_option = a["name"], None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
                self.fields.setdefault(self._select, self._first_option)
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            value = self.fields[self._textarea]
            self.fields[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def as_browser_sends(fields: dict[str, str]) -> dict[str, str]:
    """A form's entries as a browser submits them: every line break as CRLF."""
    return {k: re.sub(r"\r\n|\r|\n", "\r\n", v) for k, v in fields.items()}


# -- 4: the verdict form shows the verdict and saves only what changed ------------------------------


def test_a_card_form_shows_the_current_verdict_and_a_rating_change_keeps_the_rest(
    server: Server, page: Page, sqlite_db: str
) -> None:
    ledger = Ledger(sqlite_db)
    target = claim_key(ledger, "comptes avaient été transmis")
    unrated = claim_key(ledger, "Le conseil municipal de Saint-Aubin")
    aid, cid = target.split(":")
    body = {
        "target": target,
        "rating": "false",
        "explanation": "Les comptes sont arrivés en retard.\nVoir la lettre du préfet.",
        "url": "https://verif.example.org/comptes",
        "reviewer": "Ana",
    }
    req = urllib.request.Request(
        server.url + "/api/reviews", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    assert urllib.request.urlopen(req, timeout=30).status == 201
    page.goto(f"{server.url}/articles/{aid}#claim-{cid}")
    form = page.locator("form.review")
    assert form.is_visible()
    # the rating it has, not the first of the scale ("Vrai")
    assert form.locator("select[name=rating]").input_value() == "false"
    assert form.locator("textarea[name=explanation]").input_value() == body["explanation"]
    assert form.locator("input[name=url]").input_value() == body["url"]
    assert form.locator("input[name=reviewer]").input_value() == "Ana"
    form.locator("select[name=rating]").select_option("mostly-false")
    form.locator("button").click()
    page.wait_for_url(f"**/articles/{aid}#claim-{cid}")
    assert "Plutôt faux" in page.locator(f"#claim-{cid} .verdict").inner_text()
    changes = history(sqlite_db, target)
    assert changes[-1] == {"rating": ["false", "mostly-false"]}, changes
    reviews, skipped = claim_reviews(Ledger(sqlite_db), DESK)
    review = next(r for r in reviews if r["identifier"] == target)
    assert review["url"] == body["url"] and review["reviewBody"] == body["explanation"]
    assert review["reviewRating"]["alternateName"] == "Plutôt faux"
    assert target not in {s.target for s in skipped}
    # a claim with no verdict yet: nothing is chosen for the reviewer
    page.goto(f"{server.url}/articles/{aid}#claim-{unrated.split(':')[1]}")
    assert form.locator("select[name=rating]").input_value() == ""
    assert form.locator("textarea[name=explanation]").input_value() == ""
    assert form.locator("input[name=url]").input_value() == ""


def test_a_card_edits_its_propositions_verdict_or_gives_the_claim_its_own(
    server: Server, page: Page, sqlite_db: str
) -> None:
    ledger = Ledger(sqlite_db)
    claim, proposition = denial_proposition(ledger)
    Verdicts(ledger).record(
        proposition,
        scale=DESK.scale,
        reviewer="Ana",
        rating="false",
        explanation="Des images satellites montrent des convois.",
        url="https://verif.example.org/convois",
    )
    aid, cid = claim.split(":")
    page.goto(f"{server.url}/articles/{aid}#claim-{cid}")
    form = page.locator("form.review")
    assert proposition in form.locator("#review-scope").inner_text()
    assert form.locator("select[name=rating]").input_value() == "false"
    form.locator("input[name=url]").fill("https://verif.example.org/convois-2")
    form.locator("input[name=reviewer]").fill("Bob")
    form.locator("button").click()
    page.wait_for_url(f"**/propositions/{proposition}")
    assert history(sqlite_db, proposition)[-1] == {
        "url": ["https://verif.example.org/convois", "https://verif.example.org/convois-2"],
        "reviewer": ["Ana", "Bob"],
    }
    # the same card, a verdict for this claim alone: it starts from the proposition's
    page.goto(f"{server.url}/articles/{aid}#claim-{cid}")
    form.locator("#review-claim-only").check()
    form.locator("select[name=rating]").select_option("misleading")
    form.locator("button").click()
    page.wait_for_url(f"**/articles/{aid}#claim-{cid}")
    own = Verdicts(ledger).get(claim)
    assert own is not None and own.rating == "misleading"
    assert own.explanation == "Des images satellites montrent des convois."
    assert own.url == "https://verif.example.org/convois-2"
    prop = Verdicts(ledger).get(proposition)
    assert prop is not None and prop.rating == "false"  # the proposition's verdict is untouched


def test_a_form_saves_only_what_its_reviewer_changed_not_what_changed_meanwhile(
    client: TestClient, db: str
) -> None:
    ledger = Ledger(db)
    _, proposition = denial_proposition(ledger)
    ledger.engine.dispose()
    assert (
        client.post(
            "/api/reviews",
            json={
                "target": proposition,
                "rating": "false",
                "explanation": "Première analyse.",
                "url": "https://verif.example.org/p",
                "reviewer": "Ana",
            },
        ).status_code
        == 201
    )
    shown = Form(client.get(f"/propositions/{proposition}").text).fields
    assert (shown["rating"], shown["explanation"], shown["url"], shown["reviewer"]) == (
        "false",
        "Première analyse.",
        "https://verif.example.org/p",
        "Ana",
    )
    # meanwhile, another reviewer rewrites the explanation
    assert (
        client.post(
            "/api/reviews", json={"target": proposition, "explanation": "Analyse revue.", "reviewer": "Bob"}
        ).status_code
        == 201
    )
    mine = shown | {"rating": "mostly-false", "reviewer": "Chloé"}
    answer = client.post("/reviews", data=as_browser_sends(mine), follow_redirects=False)
    assert answer.status_code == 303, answer.text
    now = verdict(client, proposition)
    assert (now["rating"], now["explanation"], now["url"], now["reviewer"]) == (
        "mostly-false",
        "Analyse revue.",
        "https://verif.example.org/p",
        "Chloé",
    )


# -- 16: line breaks, unchanged saves, the CLI's limits ---------------------------------------------


def test_an_unchanged_save_records_nothing_and_a_cli_note_can_be_saved_again(
    client: TestClient, db: str
) -> None:
    ledger = Ledger(db)
    _, target = denial_proposition(ledger)
    ledger.engine.dispose()
    paragraph = ("Les images satellites montrent des convois vers le nord. " * 20)[:999]
    note = "\n" + "\n".join([paragraph] * 5)[: MAX_EXPLANATION - 1]
    assert len(note) == MAX_EXPLANATION and note.count("\n") == 5
    done = subprocess.run(
        [*CLI, "review", target, "--rating", "half-true", "--note", note, "--reviewer", "Ana", "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    before = len(history(db, target))
    shown = Form(client.get(f"/propositions/{target}").text).fields
    assert shown["explanation"] == note  # the leading line break too
    sent = as_browser_sends(shown)
    assert len(sent["explanation"]) > MAX_EXPLANATION  # what used to be refused
    answer = client.post("/reviews", data=sent, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert len(history(db, target)) == before, "an unchanged save is no change"
    assert verdict(client, target)["explanation"] == note
    # an edit with line breaks from the page is stored as the CLI stores it
    edited = shown | {"explanation": "Ligne un.\nLigne deux."}
    assert client.post("/reviews", data=as_browser_sends(edited), follow_redirects=False).status_code == 303
    assert verdict(client, target)["explanation"] == "Ligne un.\nLigne deux."
    assert history(db, target)[-1] == {"explanation": [note, "Ligne un.\nLigne deux."]}
    # one character over: refused by the page as by the CLI, with one line
    over = "x" * (MAX_EXPLANATION + 1)
    shown = Form(client.get(f"/propositions/{target}").text).fields
    refused = client.post("/reviews", data=as_browser_sends(shown | {"explanation": over}))
    assert refused.status_code == 400 and f"dépasse {MAX_EXPLANATION} caractères" in refused.text
    cli = subprocess.run(
        [*CLI, "review", target, "--note", over, "--reviewer", "Ana", "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 2 and f"over {MAX_EXPLANATION} characters" in cli.stderr
    api = client.post("/api/reviews", json={"target": target, "explanation": over, "reviewer": "Ana"})
    assert api.status_code in (400, 422)
    assert verdict(client, target)["explanation"] == "Ligne un.\nLigne deux."


def test_the_proposition_form_in_the_browser(server: Server, page: Page, sqlite_db: str) -> None:
    ledger = Ledger(sqlite_db)
    _, proposition = denial_proposition(ledger)
    Verdicts(ledger).record(
        proposition,
        scale=DESK.scale,
        reviewer="Dana",
        rating="misleading",
        explanation="\nPremière ligne.\nDeuxième ligne.",
        url="https://verif.example.org/nav",
    )
    before = len(history(sqlite_db, proposition))
    page.goto(f"{server.url}/propositions/{proposition}")
    form = page.locator("form.review")
    assert form.locator("select[name=rating]").input_value() == "misleading"
    assert form.locator("textarea[name=explanation]").input_value() == "\nPremière ligne.\nDeuxième ligne."
    assert form.locator("input[name=reviewer]").input_value() == "Dana"
    form.locator("button").click()
    page.wait_for_url(f"**/propositions/{proposition}")
    assert len(history(sqlite_db, proposition)) == before
    # a note of exactly the CLI's limit, typed with line breaks, is taken whole
    lines = [f"Ligne {n:04d} " + "x" * 89 for n in range(50)]
    note = "\n".join(lines)[:MAX_EXPLANATION]
    assert len(note) == MAX_EXPLANATION
    page.goto(f"{server.url}/propositions/{proposition}")
    form.locator("textarea[name=explanation]").fill(note)
    assert form.locator("textarea[name=explanation]").input_value() == note  # maxlength counts as the CLI
    form.locator("button").click()
    page.wait_for_url(f"**/propositions/{proposition}")
    saved = Verdicts(ledger).get(proposition)
    assert saved is not None and saved.explanation == note


# -- 10: JSON-LD that stays inside its script element -------------------------------------------------


def test_claimreview_json_ld_cannot_close_its_script_element(
    sqlite_db: str, tmp_path: Path, page: Page
) -> None:
    ledger = Ledger(sqlite_db)
    target = claim_key(ledger, PAYLOAD)
    Verdicts(ledger).record(
        target,
        scale=DESK.scale,
        reviewer="Ana",
        rating="false",
        explanation=NOTE_PAYLOAD,
        url="https://verif.example.org/piscine",
    )
    config = tmp_path / "desk.toml"
    config.write_text(
        '[publisher]\nname = "Les <b>Vérificateurs</b> & co"\nurl = "https://verif.example.org"\n', "utf-8"
    )
    done = subprocess.run(
        [*CLI, "claimreview", "--db", sqlite_db, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert not set("<>&") & set(out), "no character that HTML reads may stand in the markup"
    reviews = json.loads(out)  # and it is the same JSON
    review = next(r for r in reviews if r["identifier"] == target)
    assert PAYLOAD in review["claimReviewed"] and review["reviewBody"] == NOTE_PAYLOAD
    assert review["author"]["name"] == "Les <b>Vérificateurs</b> & co"
    for r in reviews:
        jsonschema.validate(r, SCHEMA)
    assert dumps(reviews) + "\n" == out
    # pasted as publishers paste it: the element holds the whole JSON, nothing runs
    page.set_content(
        "<html><head><script type='application/ld+json' id='ld'>"
        + out
        + "</script></head><body><p id='after'>fin</p></body></html>"
    )
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("img").count() == 0
    assert page.evaluate("() => JSON.parse(document.getElementById('ld').textContent)") == reviews
    assert page.locator("#after").inner_text() == "fin"


# -- 17: ClaimReview valid whatever the desk typed; dates that are dates -------------------------------


def test_claimreview_is_valid_whatever_the_desk_typed(sqlite_db: str, tmp_path: Path) -> None:
    ledger = Ledger(sqlite_db)
    target = claim_key(ledger, "escalade significative")
    # as the CLI records it: a URL pasted with spaces around it
    Verdicts(ledger).record(
        target,
        scale=DESK.scale,
        reviewer="Ana",
        rating="false",
        url="  https://verif.example.org/espaces \n",
        reviewed="2025-03-04",
    )
    reviews, _ = claim_reviews(ledger, DESK)
    review = next(r for r in reviews if r["identifier"] == target)
    assert review["url"] == "https://verif.example.org/espaces"
    for r in reviews:
        jsonschema.validate(r, SCHEMA)
        for item in r["itemReviewed"].get("appearance", []):
            assert item.get("datePublished") not in BAD_DATES.values()
    # the web API stores it trimmed
    app = create_app(sqlite_db, hosts=["testserver"], config=DESK)
    with TestClient(app) as c:
        stored = c.post(
            "/api/reviews", json={"target": target, "url": " https://verif.example.org/x ", "reviewer": "Ana"}
        )
        assert stored.status_code == 201 and stored.json()["url"] == "https://verif.example.org/x"
    # blank publisher names and rating labels are refused when the config is read, in one line
    for body, words in (
        ('[publisher]\nname = "   "\n', "name is blank"),
        ('[[ratings]]\nid = "faux"\nlabel = " "\nvalue = 1\n', "must not be blank"),
        ('[publisher]\nname = "Desk"\nurl = "javascript:alert(1)"\n', "http(s)"),
    ):
        cfg = tmp_path / "desk.toml"
        cfg.write_text(body, "utf-8")
        with pytest.raises(InputError, match=re.escape(words)):
            load_config(str(cfg))
        done = subprocess.run(
            [*CLI, "claimreview", "--db", sqlite_db, "--config", str(cfg)], capture_output=True, text=True
        )
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    # a config built by a program, not read from a file: what cannot be valid is skipped, reported
    blank = DeskConfig(
        scale=Scale((Rating("false", "  ", 1), Rating("true", "Vrai", 5))), publisher=" \t", publisher_url=" "
    )
    made, skipped = claim_reviews(ledger, blank)
    assert not any(r["identifier"] == target for r in made)
    assert any(s.target == target for s in skipped)
    for r in made:
        jsonschema.validate(r, SCHEMA)


def test_a_date_that_is_no_date_never_becomes_markup(sqlite_db: str, client: TestClient) -> None:
    ledger = Ledger(sqlite_db)
    reader = LinkReader(ledger)
    claim, _ = denial_proposition(ledger)
    story = next(
        s.id
        for s in reader.stories(100, 0)
        if (rep := reader.report(s.id)) and any(c.key == claim for c in rep.claims)
    )
    rep = reader.report(story)
    assert rep is not None and {a.date for a in rep.story.articles} & set(BAD_DATES.values())
    brief = render_brief(rep)
    html = MarkdownIt("commonmark", {"html": False}).render(brief)
    assert "<img" not in html and "//a.b" not in brief and "2025-02-30" not in brief
    page = client.get(f"/stories/{story}")
    assert page.status_code == 200 and "<img" not in page.text.split('<div class="brief">')[1]
    # a date typed in the paste form is a day of the calendar
    token = client.cookies.get("cl_csrf") or ""
    bad = client.post(
        "/analyze",
        data={"text": HOSTILE, "published": "2025-02-30", "mode": "analyse", "csrf": token},
    )
    assert bad.status_code == 400 and "pas une date" in bad.text


# -- 19: error pages say what went wrong, not what the address said -----------------------------------


def test_error_pages_do_not_repeat_what_the_address_says(
    client: TestClient, server: Server, page: Page
) -> None:
    said = quote(SPOOF)
    for path in (
        f"/articles/{said}",
        f"/stories/{said[:60]}",
        f"/propositions/p-{said[:60]}",
        f"/sources?id={said}",
        f"/api/articles/{said[:60]}",
        f"/api/stories/{said[:60]}",
        f"/articles/{'x' * 2000}",
    ):
        answer = client.get(path)
        assert answer.status_code in (404, 422), (path, answer.status_code)
        assert "Appelez" not in answer.text and "suspendu" not in answer.text, path
        assert "x" * 100 not in answer.text
    # a value that is only wrong is named, short and between quotation marks
    answer = client.get(f"/search?since={said}")
    assert answer.status_code == 400
    message = re.findall(r'<p class="error">(.*?)</p>', answer.text, re.S)[0]
    assert "67 89" not in message and re.search(r"«[^»]{1,41}»", message), message
    # and in the browser, the page a link would open
    response = page.goto(f"{server.url}/sources?id={said}")
    assert response is not None and response.status == 404
    assert "Appelez" not in page.locator("main").inner_text()
    assert page.locator("h1").inner_text() != SPOOF


# -- 20: headers on every response, errors included; no page kept in a cache ---------------------------


def _secure(headers: Any, *, stored: bool = False) -> None:
    for name, value in HEADERS.items():
        assert value in (headers.get(name) or ""), (name, dict(headers))
    if not stored:
        assert headers.get("cache-control") == "no-store", dict(headers)


def test_pages_with_a_token_are_not_stored_and_every_answer_has_the_headers(
    client: TestClient, db: str
) -> None:
    ledger = Ledger(db)
    _, proposition = denial_proposition(ledger)
    aid = hostile_id(ledger)
    ledger.engine.dispose()
    fresh = TestClient(client.app)
    first = fresh.get("/analyze")
    assert "set-cookie" in first.headers and 'name="csrf"' in first.text
    _secure(first.headers)
    for path in (
        "/",
        f"/articles/{aid}",
        f"/propositions/{proposition}",
        "/stories",
        "/sources",
        "/search?q=maire",
        "/docs",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        _secure(answer.headers)
    for path, status in (("/articles/nope", 404), ("/search?since=hier", 400), ("/api/articles/nope", 404)):
        answer = client.get(path)
        assert answer.status_code == status
        _secure(answer.headers)
    refused = client.post("/reviews", data={"target": "x", "csrf": "forged"})
    assert refused.status_code == 403
    _secure(refused.headers)
    _secure(client.get("/api/reviews").headers)
    assert client.get("/static/app.css").headers.get("cache-control") != "no-store"  # assets may be cached
    _secure(client.get("/static/app.css").headers, stored=True)


def test_a_server_error_carries_the_headers_too(sqlite_db: str, tmp_path: Path) -> None:
    """A broken ledger (an analysis that is not JSON) makes the article page fail: the 500 still
    carries the CSP, nosniff and frame headers, is not stored, and shows no traceback."""
    db = str(tmp_path / "broken.db")
    with sqlite3.connect(sqlite_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    ledger = Ledger(db)
    aid = hostile_id(ledger)
    ledger.engine.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET analysis = ? WHERE id = ?", ("{not json", aid))
    app = create_app(db, hosts=["testserver"], config=DESK)
    with TestClient(app, raise_server_exceptions=False) as c:
        answer = c.get(f"/articles/{aid}")
        assert answer.status_code == 500
        _secure(answer.headers)
        assert "Traceback" not in answer.text and "JSONDecodeError" not in answer.text
    srv = Server(db)
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{srv.url}/articles/{aid}", timeout=30)
        assert err.value.code == 500
        _secure(err.value.headers)
        assert "Traceback" not in err.value.read().decode()
    finally:
        srv.stop()
    shutil.rmtree(tmp_path, ignore_errors=True)
