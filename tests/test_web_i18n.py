"""One language per screen: every page of the web app in French and in English, on a real ledger
(the shared corpus, analysed and linked as test_web's), shows no word of the other language's
interface; the language is the switch's, the cookie's, the server's default, the browser's, else
French; the JSON API says the same machine values whatever the language.

The words are checked from the catalogs themselves. A page's own words are its text and labels
(aria-label, title, placeholder) outside what the page marks as not its own: the articles, claims,
names and ids carry `translate="no"` (or another `lang`), as they are never translated. In that
text, (1) no string of the other language's catalog appears, and (2) every word is a word of the
page language's catalog: a word typed into a template instead of the catalog fails (2) in one of
the two languages, whichever language it is written in.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimledger.cli import app as cli
from claimledger.desk.config import default_scale
from claimledger.lexicon import brief_words
from claimledger.model import Bound, MarkerKind, QuoteKind, SourceKind
from claimledger.present.web.app import create_app
from claimledger.present.web.i18n import LANGUAGES, catalog_path, choose, from_header, translations
from claimledger.present.web.labels import (
    BOUNDS,
    MARKERS,
    QUOTES,
    RATINGS,
    SOURCE_KINDS,
    STATUS_MEANINGS,
    STATUSES,
    labels,
)
from webserver import Server, build_ledger

WEB = resources.files("claimledger.present.web")
ROOT = Path(__file__).parent.parent
OTHER = {"fr": "en", "en": "fr"}


# -- the catalogs as the check reads them ---------------------------------------------------------


def catalog(lang: str) -> Catalog:
    with WEB.joinpath(catalog_path(lang)).open("rb") as fh:
        return read_po(fh, locale=lang)


def ui_strings(lang: str) -> list[str]:
    """Every string a page of `lang` can show from its catalog (a source-language entry left
    blank shows its msgid), and the status words it takes from the briefs' words."""
    out: list[str] = []
    for m in catalog(lang):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        out += [s or ids[min(i, len(ids) - 1)] for i, s in enumerate(strings)]
    return out + list(brief_words(lang).status_words.values())


PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)s|<[^>]*>")
WORD = re.compile(r"[^\W\d_]+")
ALWAYS = {"claimledger", "FR", "EN", "https"}  # the product's name, the switch, a placeholder's scheme


def words(text: str) -> list[str]:
    """The words of a text: runs of letters, in chunks without a digit (a date, an id, a figure
    is no word of the interface)."""
    return [w for chunk in text.split() if not any(ch.isdigit() for ch in chunk) for w in WORD.findall(chunk)]


def vocabulary(lang: str) -> set[str]:
    return {w.casefold() for s in ui_strings(lang) for w in words(PLACEHOLDER_OR_TAG.sub(" ", s))}


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def foreign_fragments(lang: str) -> list[str]:
    """The pieces of the other language's strings (split at placeholders and markup) that have a
    word this language's interface never uses: any of them on a page of `lang` is a mixed page."""
    mine = vocabulary(lang)
    own = {normal(s) for s in ui_strings(lang)}
    out = set()
    for s in ui_strings(OTHER[lang]):
        if normal(s) in own:
            continue  # the same in both languages ("Sources", "API")
        for piece in PLACEHOLDER_OR_TAG.split(s):
            if any(w.casefold() not in mine for w in words(piece)):
                out.add(normal(piece))
    return sorted(out)


# -- a page's own words ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LABELS = ("aria-label", "title", "placeholder", "alt")


class Interface(HTMLParser):
    """The text and labels of a page that are the page's own: not inside an element marked
    translate="no" or written in another language (lang), nor in a script or style."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.html_lang: str | None = None
        self.stack: list[tuple[str, bool, str]] = [("", True, lang)]  # (tag, translated, lang)
        self.texts: list[str] = []
        self.title: list[str] = []

    def _mine(self, translated: bool, lang: str, tag: str) -> bool:
        return translated and lang == self.lang and tag not in ("script", "style")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {k: v or "" for k, v in attrs}
        _, translated, lang = self.stack[-1]
        if tag == "html":
            self.html_lang = given.get("lang")
        translated = given["translate"] != "no" if "translate" in given else translated
        lang = given.get("lang", lang)
        if self._mine(translated, lang, tag):
            self.texts += [given[k] for k in LABELS if given.get(k)]
        if tag not in VOID:
            self.stack.append((tag, translated, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if any(t == tag for t, _, _ in self.stack[1:]):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        tag, translated, lang = self.stack[-1]
        if tag == "title" and len(self.stack) > 2 and self.stack[-2][0] == "head":
            self.title.append(data)
        elif self._mine(translated, lang, tag):
            self.texts.append(data)


def mixed(html: str, lang: str, ui_title: bool = True) -> list[str]:
    """What is wrong with a page of `lang`: its html lang, a string of the other language's
    catalog, a word that is not one of its catalog's. Empty: the page speaks `lang` only."""
    seen = Interface(lang)
    seen.feed(html)
    if seen.html_lang != lang:
        return [f'<html lang="{seen.html_lang}">']
    text = " \n ".join([*seen.texts, *(seen.title if ui_title else [])])
    said = normal(text)
    problems = [
        f"{OTHER[lang]} string {piece!r}"
        for piece in foreign_fragments(lang)
        if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", said)
    ]
    known = vocabulary(lang)
    problems += [
        f"word {w!r} is not in the {lang} catalog"
        for w in sorted(set(words(text)))
        if w.casefold() not in known and w not in ALWAYS
    ]
    if len(words(text)) < 15:  # a page whose own words were all stripped would prove nothing
        problems.append(f"only {len(words(text))} words of the interface found")
    return problems


# -- the app on a real ledger ------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_ledger(tmp_path_factory.mktemp("i18n"))


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    app = create_app(db, hosts=["testserver"])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def fresh(client: TestClient) -> TestClient:
    """A visitor of its own: no cookie."""
    return TestClient(client.app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def pages(client: TestClient) -> dict[str, tuple[str, int, bool]]:
    """Every kind of page, by address: (address, status, whether its <title> is the interface's
    alone). The article and the proposition carry verdicts, so that their cards show one."""
    stories = client.get("/api/stories").json()
    korea = next(s["id"] for s in stories if "nord-coréens" in (s["title"] or ""))
    report = client.get(f"/api/stories/{korea}").json()
    proposition = max(report["propositions"], key=lambda p: len(p["claims"]))
    example = next(
        a["id"]
        for a in client.get("/api/articles?limit=100").json()
        if client.get(f"/api/articles/{a['id']}").json()["article"]["text"].startswith("Des milliers")
    )
    claims = client.get(f"/api/articles/{example}").json()["claims"]
    visitor = fresh(client)
    visitor.get("/analyze")  # the form's token, in a cookie
    token = visitor.cookies.get("cl_csrf") or ""
    for target, rating in ((f"{example}:{claims[0]['id']}", "misleading"), (proposition["id"], "false")):
        saved = visitor.post(
            "/reviews",
            data={"target": target, "rating": rating, "reviewer": "Ana", "csrf": token},
            follow_redirects=False,
        )
        assert saved.status_code == 303, saved.text
    source = client.get("/api/sources").json()[0]["id"]
    return {
        "home": ("/", 200, True),
        "articles": ("/articles", 200, True),
        "stories": ("/stories", 200, True),
        "stories, past the end": ("/stories?offset=5000", 200, True),
        "story": (f"/stories/{korea}", 200, False),
        "article": (f"/articles/{example}", 200, False),
        "proposition": (f"/propositions/{proposition['id']}", 200, False),
        "sources": ("/sources", 200, True),
        "source": (f"/sources?id={source}", 200, True),
        "search": ("/search?q=soldat", 200, True),
        "search, paged": ("/search?q=de&offset=50", 200, True),
        "search form": ("/search", 200, True),
        "analyze": ("/analyze", 200, True),
        "docs": ("/docs", 200, True),
        "no such article": ("/articles/nope", 404, True),
        "no such page": ("/nowhere", 404, True),
        "not a date": ("/search?since=hier", 400, True),
        "not a number": ("/stories?offset=x", 422, True),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_speaks_one_language(
    client: TestClient, pages: dict[str, tuple[str, int, bool]], lang: str
) -> None:
    found = {}
    for name, (path, status, ui_title) in pages.items():
        answer = fresh(client).get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert answer.status_code == status, (name, answer.status_code)
        problems = mixed(answer.text, lang, ui_title)
        if problems:
            found[name] = problems
    assert not found, found


def test_the_check_fails_on_a_word_typed_into_a_page(client: TestClient) -> None:
    """The check above is no formality: a French word typed into an English page (one of the
    catalog's, or any other) and an English word typed into a French page are found."""
    english = fresh(client).get("/stories", params={"lang": "en"}).text
    assert mixed(english, "en") == []
    for typed in ("Recherche", "Chronologie", "Bienvenue"):
        assert mixed(english.replace("</main>", f"<p>{typed}</p></main>"), "en"), typed
    french = fresh(client).get("/stories", params={"lang": "fr"}).text
    assert mixed(french, "fr") == []
    for typed in ("Stories", "Timeline", "Welcome"):
        assert mixed(french.replace("</main>", f'<p aria-label="{typed}"></p></main>'), "fr"), typed
    # content is left out only where the page says it is content
    assert mixed(english.replace("</main>", '<p translate="no">Recherche</p></main>'), "en") == []


# -- which language ------------------------------------------------------------------------------


def lang_of(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found, html[:200]
    return found.group(1)


def test_french_by_default(client: TestClient) -> None:
    answer = fresh(client).get("/")
    assert lang_of(answer.text) == "fr" and ">Sujets</a>" in answer.text
    assert "lang" not in answer.cookies  # nothing chosen, nothing remembered


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("en-US,en;q=0.9", "en"),
        ("en-GB", "en"),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"),
        ("de-DE,de;q=0.9,en;q=0.5", "en"),
        ("fr;q=0.4, en;q=0.6", "en"),
        ("en;q=0, *", "fr"),
        ("fr;q=0, *;q=0.1", "en"),
        ("de, es", "fr"),
        ("en;q=abc, fr;q=0.5", "fr"),
    ],
)
def test_the_browsers_language_by_its_q_values(client: TestClient, header: str, lang: str) -> None:
    answer = fresh(client).get("/stories", headers={"Accept-Language": header})
    assert lang_of(answer.text) == lang
    assert "Accept-Language" in answer.headers.get("vary", "")


def test_the_switch_is_remembered_in_a_cookie(client: TestClient) -> None:
    visitor = fresh(client)
    french = {"Accept-Language": "fr-FR,fr;q=0.9"}
    switched = visitor.get("/stories", params={"lang": "en"}, headers=french)
    assert lang_of(switched.text) == "en" and ">Stories</a>" in switched.text
    assert "lang=en" in switched.headers["set-cookie"]
    # the next pages, with no parameter and a French browser, stay in English
    for path in ("/", "/search?q=soldat", "/articles/nope"):
        assert lang_of(visitor.get(path, headers=french).text) == "en", path
    assert lang_of(visitor.get("/", params={"lang": "fr"}).text) == "fr"
    assert lang_of(visitor.get("/sources", headers={"Accept-Language": "en"}).text) == "fr"
    # a value that is no language is passed over, never an error
    assert visitor.get("/", params={"lang": "de"}).status_code == 200
    visitor.cookies.set("lang", "xx")
    assert lang_of(visitor.get("/", headers={"Accept-Language": "en"}).text) == "en"


def test_the_header_links_to_the_same_page_in_each_language(client: TestClient) -> None:
    html = fresh(client).get("/search", params={"q": "soldat", "lang": "en"}).text
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', html))
    assert links == {"?q=soldat&amp;lang=fr": "fr", "?q=soldat&amp;lang=en": "en"}
    assert 'hreflang="en" lang="en" aria-current="true">EN</a>' in html
    # an error page's links do not repeat what its address said
    said = "Appelez-le-0612345678"
    error = fresh(client).get("/search", params={"since": said}).text
    assert 'href="?lang=fr"' in error and said not in error.split("<main")[0]


def test_the_servers_default_comes_after_the_visitors_choice(db: str) -> None:
    with TestClient(create_app(db, hosts=["testserver"], lang="en")) as c:
        assert lang_of(c.get("/").text) == "en"
        assert lang_of(c.get("/", headers={"Accept-Language": "fr"}).text) == "en"
        c.cookies.set("lang", "fr")
        assert lang_of(c.get("/").text) == "fr"
    refused = CliRunner().invoke(cli, ["serve", "--db", db, "--lang", "de"])
    assert refused.exit_code == 2 and "--lang de" in refused.output


def test_language_choice_in_order() -> None:
    assert choose("en", "fr", "fr", "fr").lang == "en" and choose("en", None, None, None).remember
    assert choose(None, "en", "fr", "fr") == choose("xx", "en", "fr", "fr")
    assert not choose(None, "en", "fr", "fr").remember
    assert choose(None, None, "en", "fr").lang == "en"
    assert choose(None, None, None, "en").lang == "en"
    assert choose(None, None, None, None).lang == "fr"
    assert from_header("*") == "fr" and from_header("") is None and from_header("en;q=2") is None
    assert from_header(",".join(["de"] * 100 + ["en"])) is None  # read up to a bound, not forever


# -- the API stays machine-readable ---------------------------------------------------------------


def test_the_api_does_not_follow_the_page_language(client: TestClient) -> None:
    for lang in LANGUAGES:
        visitor = fresh(client)
        visitor.cookies.set("lang", lang)
        claims = visitor.get("/api/claims", params={"limit": 200}, headers={"Accept-Language": lang}).json()
        assert claims and {c["status"] for c in claims} <= set(STATUSES)
        assert {c["quote"] for c in claims} <= set(get_args(QuoteKind))
        missing = visitor.get("/api/articles/nope", params={"lang": lang})
        assert missing.json() == {"detail": "no article with this id"}
        assert "set-cookie" not in missing.headers or "lang=" not in missing.headers["set-cookie"]
        bad = visitor.get("/api/claims", params={"since": "2025-13-45"})
        assert bad.status_code == 400 and "since and until are days" in bad.json()["detail"]


# -- the catalogs: complete, in step with the code, shipped ----------------------------------------


def extracted() -> set[str]:
    """Every message the package's code and templates mark, as `make messages` extracts it."""
    with (Path(str(WEB)) / "locales" / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = extract_from_dir(str(WEB), method_map, options_map)  # (file, line, message, comments, context)
    return {m if isinstance(m, str) else m[0] for m in (entry[2] for entry in found) if m}


def test_the_catalogs_have_every_message_of_the_pages_and_no_other() -> None:
    marked = extracted()
    assert "Stories" in marked and "no article with this id" in marked and "%(count)s article" in marked
    for lang in LANGUAGES:
        cat = catalog(lang)
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}
        assert marked - ids == set(), f"{lang}: not in the catalog (make messages)"
        assert ids - marked == set(), f"{lang}: in the catalog, used nowhere"
        assert not [m.id for m in cat if m.id and m.fuzzy], f"{lang}: fuzzy entries are not shown"
        problems = [(m.id, errors) for m, errors in cat.check() if errors]
        assert not problems, problems  # placeholders that a translation drops or adds
    french = catalog("fr")
    blank = [
        m.id for m in french if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert not blank, f"fr: not translated: {blank}"


def test_every_value_a_page_shows_has_its_words() -> None:
    for table, values in (
        (SOURCE_KINDS, get_args(SourceKind)),
        (QUOTES, get_args(QuoteKind)),
        (MARKERS, get_args(MarkerKind)),
        (BOUNDS, get_args(Bound)),
        (STATUS_MEANINGS, STATUSES),
        (RATINGS, tuple(r.id for r in default_scale().ratings)),
    ):
        assert set(table) == set(values), table
    for lang in LANGUAGES:
        words_of = labels(lang)
        assert set(words_of.status) == set(STATUSES)
        assert [words_of.rating(r) for r in default_scale().ratings][:2] == (
            ["Vrai", "Plutôt vrai"] if lang == "fr" else ["True", "Mostly true"]
        )
    assert (
        labels("en").quote["mixed"] == "partly quoted" and labels("fr").quote["mixed"] == "citation partielle"
    )
    assert labels("en").kind["no-such-kind"] == "no-such-kind"  # another version's value, as it is
    assert translations("fr").ngettext("%(count)s article", "%(count)s articles", 0) == "%(count)s article"
    assert translations("en").ngettext("%(count)s article", "%(count)s articles", 0) == "%(count)s articles"


def test_the_catalogs_ship_in_the_package() -> None:
    """The .po files are read as they are (no compiled .mo to go stale): the package data must
    carry them, or a wheel would install pages with no words."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["claimledger"]
    for lang in LANGUAGES:
        path = f"present/web/{catalog_path(lang)}"
        assert any(fnmatch(path, p) for p in patterns), path
        assert WEB.joinpath(catalog_path(lang)).is_file()
    assert "babel" in " ".join(data["project"]["dependencies"])


# -- in the browser: the switch, clicked -------------------------------------------------------------


def test_a_browser_in_english_gets_english_and_the_switch_sticks(db: str) -> None:
    from playwright.sync_api import sync_playwright

    from test_web import ARGS, CHROMIUM

    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (make test installs Debian's chromium)")
    srv = Server(db, lang=None)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_context(locale="en-US").new_page()
            page.goto(f"{srv.url}/stories")
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator("h1").inner_text() == "Stories"
            page.click("nav.langs a[hreflang=fr]")
            assert page.locator("html").get_attribute("lang") == "fr"
            assert page.locator("h1").inner_text() == "Sujets"
            page.click("header nav a[href='/search']")
            assert page.locator("html").get_attribute("lang") == "fr"
            assert page.locator("h1").inner_text() == "Recherche"
            browser.close()
    finally:
        srv.stop()
