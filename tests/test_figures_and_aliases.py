"""Issue 16: vague figures stay vague ("des milliers" has words, no number: never charted, compared
or put in a conflict as one), and entity filters take every alias the gazetteers know
("Pyongyang", "nord-coréens", "North Korea", "Israel" for "Israël"). Every sentence and article
here is written for these tests."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text as sql

from claimledger.analyse.article import Analyzer, prepare, prepare_text
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.link.report import StoryReport
from claimledger.link.series import FigurePoint, Series
from claimledger.model import Analysis, Quantity, analysis_from_dict
from claimledger.present.export import figure_rows
from claimledger.present.text_out import describe_quantity
from claimledger.present.web.app import create_app
from claimledger.present.web.chart import chart
from claimledger.store.ledger import Ledger

CLI = [sys.executable, "-m", "claimledger.cli"]


def figure(analysis: Analysis, words: str) -> Quantity:
    hits = [q for q in analysis.quantities if q.text.lower() == words]
    assert hits, f"no figure {words!r}; figures: {[q.text for q in analysis.quantities]}"
    return hits[0]


# -- figures in one article ------------------------------------------------------------------


def test_french_vague_plurals_keep_their_words_and_get_no_value(analyse: Callable[[str], Analysis]) -> None:
    a = analyse(
        "Des milliers de manifestants ont défilé dans le centre de Lorient, a indiqué la préfecture. "
        "Quelques centaines de commerçants ont baissé le rideau, selon la chambre de commerce. "
        "Des dizaines de milliers de tracts ont été distribués, a assuré le syndicat. "
        "Au moins des centaines de vitrines ont été protégées, selon la mairie."
    )
    for words in ("des milliers", "quelques centaines", "des dizaines de milliers", "au moins des centaines"):
        q = figure(a, words)
        assert (q.value, q.low, q.high, q.bound) == (None, None, None, "vague"), words
    # the analysis-v1 object carries null, in strict JSON, and reads back the same
    data = json.loads(json.dumps(a.to_dict(), ensure_ascii=False, allow_nan=False))
    vague = [q for q in data["quantities"] if q["bound"] == "vague"]
    assert len(vague) == 4 and all(q["value"] is None for q in vague)
    assert analysis_from_dict(data) == a


def test_singular_approximate_nouns_keep_their_value(analyse: Callable[[str], Analysis]) -> None:
    a = analyse(
        "Une douzaine de blessés ont été conduits à l'hôpital de Vannes, a précisé le préfet. "
        "Une centaine de pompiers sont intervenus, selon le service départemental. "
        "Une dizaine de milliers de foyers ont été privés d'électricité, a annoncé le distributeur."
    )
    assert (figure(a, "une douzaine").value, figure(a, "une douzaine").bound) == (12, "about")
    assert (figure(a, "une centaine").value, figure(a, "une centaine").bound) == (100, "about")
    assert (figure(a, "une dizaine de milliers").value, figure(a, "une dizaine de milliers").bound) == (
        10000,
        "about",
    )


def test_english_vague_plurals_and_a_dozen(analyzer: Analyzer) -> None:
    a = analyzer.analyse_one(
        prepare_text(
            "Thousands of residents were moved to shelters overnight, the county said. "
            "Tens of thousands of homes lost power after the storm, the utility said. "
            "A dozen roads were still closed on Tuesday, police said.",
            lang="en",
        )
    )
    for words in ("thousands", "tens of thousands"):
        q = figure(a, words)
        assert (q.value, q.low, q.high, q.bound) == (None, None, None, "vague"), words
    dozen = figure(a, "a dozen")
    assert (dozen.value, dozen.bound) == (12, "about")


def test_a_vague_figure_is_shown_in_its_words(analyse: Callable[[str], Analysis]) -> None:
    q = figure(analyse("Des milliers de manifestants ont défilé, a indiqué la préfecture."), "des milliers")
    shown = describe_quantity(q)
    assert "milliers" in shown.lower() and not any(ch.isdigit() for ch in shown)


def test_a_ledger_written_before_keeps_no_invented_value() -> None:
    """An older analyser stored "des milliers" as 2000: every typed reader drops that number."""
    stored = {"id": "q1", "text": "des milliers", "start": 0, "end": 12, "value": 2000, "low": 2000,
              "high": None, "bound": "vague", "unit": None, "counted": "soldat"}  # fmt: skip
    q = Quantity(**stored)
    assert (q.value, q.low, q.high) == (None, None, None)
    point = FigurePoint.from_dict(
        {
            "thing": "soldat",
            "event": "envoi",
            "value": 2000.0,
            "low": 2000.0,
            "high": None,
            "bound": "vague",
            "text": "des milliers",
            "date": None,
            "source": "x",
            "source_key": "x",
            "status": "stated",
            "claim": "a:c1",
            "url": None,
            "start": 0,
        }  # fmt: skip
    )
    assert point.value is None and not point.measured


# -- figures across a story, in a real ledger --------------------------------------------------


def _page(title: str, day: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{day}T08:00:00+01:00"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


FLOOD = {
    "prefecture.html": _page(
        "Crue de la Sarnelle : des milliers d'habitants évacués à Valbrune",
        "2025-03-10",
        [
            "Des milliers d'habitants ont été évacués de Valbrune après la crue de la Sarnelle, "
            "a annoncé la préfecture.",
            "Selon la préfecture, les digues de la Sarnelle ont cédé dans la nuit près de Valbrune.",
        ],
    ),
    "maire.html": _page(
        "Crue de la Sarnelle : 1 500 habitants évacués à Valbrune, selon le maire",
        "2025-03-11",
        [
            "Le maire de Valbrune, Paul Garnier, a affirmé que 1 500 habitants avaient été évacués "
            "après la crue de la Sarnelle.",
            "Les digues de la Sarnelle ont cédé dans la nuit, a-t-il précisé.",
        ],
    ),
    "pompiers.html": _page(
        "Crue de la Sarnelle à Valbrune : 12 000 habitants évacués, selon les pompiers",
        "2025-03-11",
        [
            "Les pompiers de l'Isère ont déclaré que 12 000 habitants avaient été évacués de Valbrune "
            "après la crue de la Sarnelle.",
            "Les digues de la Sarnelle auraient cédé dans la nuit, selon les pompiers.",
        ],
    ),
}


@pytest.fixture(scope="module")
def flood_db(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("flood")
    for name, html in FLOOD.items():
        (folder / name).write_text(html, encoding="utf-8")
    db = str(folder / "ledger.db")
    ledger = Ledger(db)
    for a in analyzer.analyse([prepare(str(folder / name)) for name in FLOOD]):
        ledger.add(a, a.article.id)
    Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang))).link_pending()
    return db


def _flood(db: str) -> StoryReport:
    reader = LinkReader(Ledger(db))
    story = next(s for s in reader.stories() if "Sarnelle" in s.title)
    rep = reader.report(story.id)
    assert rep is not None and len(rep.story.articles) == 3
    return rep


def _evacuated(rep: StoryReport) -> Series:
    """The series of the people evacuated, with the three sources' figures."""
    return next(s for s in rep.charted if s.thing == "habitant" and any(p.value == 12000 for p in s.points))


def test_a_vague_figure_is_listed_never_plotted_nor_in_a_conflict(flood_db: str) -> None:
    series = _evacuated(_flood(flood_db))
    vague = [p for p in series.points if p.bound == "vague"]
    assert [p.text.lower() for p in vague] == ["des milliers"] and vague[0].value is None
    assert sorted(p.value for p in series.measured if p.value is not None) == [1500.0, 12000.0]
    # "1 500" and "12 000" the same day cannot both hold; "des milliers" has no number to disagree
    pairs = [{p.text, r.text} for p, r in series.conflicts]
    assert pairs == [{"1 500", "12 000"}]
    drawn = chart(series)
    assert len(drawn.marks) == 2 and not any("milliers" in m.label for m in drawn.marks)


def test_cli_web_and_exports_never_give_a_vague_figure_a_number(flood_db: str) -> None:
    rep = _flood(flood_db)
    story = subprocess.run(
        [*CLI, "story", rep.story.id, "--db", flood_db], capture_output=True, text=True, timeout=300
    ).stdout
    conflicts = [line for line in story.splitlines() if "CONFLICT" in line]
    assert conflicts and not any("milliers" in line for line in conflicts)
    listed = [line.split(maxsplit=1)[1] for line in story.splitlines() if " vague " in line]
    assert listed and all("milliers" in x and not any(ch.isdigit() for ch in x) for x in listed)

    client = TestClient(create_app(flood_db, ["testserver"]))
    figures = client.get(f"/api/stories/{rep.story.id}/figures").json()
    points = [p for s in figures for p in s["points"] if p["bound"] == "vague"]
    assert points and all(p["value"] is None and "milliers" in p["text"] for p in points)
    page = client.get(f"/stories/{rep.story.id}").text
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    tables = re.findall(r'<table class="table points">.*?</table>', page, flags=re.S)
    assert charts and not any("milliers" in svg for svg in charts)  # never plotted
    assert any("milliers" in t for t in tables)  # listed in its words

    rows = [r for r in figure_rows(Ledger(flood_db)) if r["bound"] == "vague"]
    assert rows and all(r["value"] is None and r["low"] is None and r["high"] is None for r in rows)
    assert all("milliers" in r["text"].lower() for r in rows)


def test_series_an_older_linker_stored_lose_the_invented_value(flood_db: str, tmp_path: Path) -> None:
    """A ledger written before: "des milliers" at 2000 in the stored analysis and series, and a
    conflict stored between it and "1 500". Readers show neither the number nor the conflict."""
    old = tmp_path / "old.db"
    with closing(sqlite3.connect(flood_db)) as src, closing(sqlite3.connect(old)) as dst:
        src.backup(dst)  # the WAL's pages too
    ledger = Ledger(str(old))
    series = _evacuated(_flood(str(old)))
    with ledger.engine.begin() as conn:
        row = conn.execute(
            sql("SELECT story_id, key, points FROM series WHERE key = :k"), {"k": series.key}
        ).one()
        points = json.loads(row.points)
        vague = next(i for i, p in enumerate(points) if p["bound"] == "vague")
        small = next(i for i, p in enumerate(points) if p["value"] == 1500)
        points[vague].update(value=2000.0, low=2000.0)
        conn.execute(
            sql("UPDATE series SET points = :p, conflicts = :c WHERE story_id = :s AND key = :k"),
            {"p": json.dumps(points), "c": json.dumps([[vague, small]]), "s": row.story_id, "k": row.key},
        )
        for art in conn.execute(sql("SELECT id, analysis FROM articles")).all():
            data = json.loads(art.analysis)
            for q in data["quantities"]:
                if q["bound"] == "vague":
                    q.update(value=2000, low=2000)
            conn.execute(
                sql("UPDATE articles SET analysis = :a WHERE id = :i"), {"a": json.dumps(data), "i": art.id}
            )
    reread = _evacuated(_flood(str(old)))
    assert all(p.value is None for p in reread.points if p.bound == "vague")
    assert not any(p.bound == "vague" or r.bound == "vague" for p, r in reread.conflicts)
    assert not any("milliers" in m.label for m in chart(reread).marks)
    rows = [r for r in figure_rows(ledger) if r["bound"] == "vague"]
    assert rows and all(r["value"] is None and r["low"] is None for r in rows)
    analyses = list(ledger.analyses())
    assert all(q.value is None for a in analyses for q in a.quantities if q.bound == "vague")


# -- entity filters and the gazetteers' aliases ------------------------------------------------

FRENCH = (
    "Pyongyang a démenti jeudi avoir livré des obus à l'armée russe, a rapporté l'agence officielle "
    "du pays. Selon des diplomates nord-coréens en poste à Pékin, aucun accord militaire n'a été "
    "signé cette année.\n\n"
    "Le député Jean Dupont a affirmé que la Corée du Nord cachait ses livraisons depuis des mois.\n\n"
    "Israël a assuré mercredi que ses points de passage rouvriraient la semaine prochaine, selon "
    "un communiqué."
)
ENGLISH = (
    "Israel said on Monday that its northern border crossings would reopen next week. "
    "A spokesman for the Israeli army said the decision was final, according to local radio."
)


@pytest.fixture(scope="module")
def alias_db(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("aliases") / "ledger.db")
    ledger = Ledger(db)
    for body, lang in ((FRENCH, "fr"), (ENGLISH, "en")):
        a = analyzer.analyse_one(prepare_text(body, lang=lang))
        ledger.add(a, a.article.id)
    return db


def _keys(ledger: Ledger, entity: str) -> set[tuple[str, str]]:
    return {(c.article_id, c.claim_id) for c in ledger.claims(entity=entity)}


def test_every_alias_of_a_country_finds_the_same_claims(alias_db: str) -> None:
    ledger = Ledger(alias_db)
    korea = _keys(ledger, "Corée du Nord")
    assert len(korea) >= 3
    for alias in ("Pyongyang", "nord-coréens", "Nord-Coréens", "nord coreens", "NORD-CORÉENNE",
                  "North Korea", "north-korean", "la Corée du Nord", "country:KP"):  # fmt: skip
        assert _keys(ledger, alias) == korea, alias
    israel = _keys(ledger, "Israël")
    assert len({article for article, _ in israel}) == 2  # the French and the English article
    for alias in ("Israel", "israel", "ISRAËL", "israéliens", "Israeli", "Tel-Aviv"):
        assert _keys(ledger, alias) == israel, alias
    assert not korea & israel  # an alias finds its own country only


def test_people_are_still_found_by_their_stored_name(alias_db: str) -> None:
    ledger = Ledger(alias_db)
    found = ledger.claims(entity="Dupont")
    assert [c.source_text for c in found] == ["Le député Jean Dupont"]
    assert ledger.claims(entity="Atlantide") == []


def test_web_search_and_api_take_the_aliases(alias_db: str) -> None:
    ledger = Ledger(alias_db)
    korea = _keys(ledger, "Corée du Nord")
    client = TestClient(create_app(alias_db, ["testserver"]))
    api = client.get("/api/claims", params={"entity": "Pyongyang"}).json()
    assert {(c["article"], c["claim"]) for c in api} == korea
    page = client.get("/search", params={"entity": "nord-coréens"}).text
    assert "cachait ses livraisons" in page and "points de passage" not in page
