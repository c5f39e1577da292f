"""Certainty upgrades within an article (issue 20): the article states as plain fact what elsewhere
in it is only alleged, speculated, denied or credited to a source. Sentences written here, in
French and English, and the project's motivating article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.model import Analysis, Claim, analysis_from_dict
from conftest import EXAMPLE

CLI = [sys.executable, "-m", "claimledger.cli"]


def analyse(analyzer: Analyzer, text: str, lang: str = "fr") -> Analysis:
    return analyzer.analyse_one(prepare_text(text, lang=lang))


def pairs(a: Analysis) -> list[tuple[Claim, Claim, str]]:
    by_id = {c.id: c for c in a.claims}
    return [(by_id[u.claim], by_id[u.weaker], u.from_status) for u in a.upgrades]


def test_the_example_lead_is_flagged_against_the_bodys_conditional(analyzer: Analyzer) -> None:
    out = subprocess.run(
        [*CLI, "analyze", str(EXAMPLE), "--format", "json"], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    a = analysis_from_dict(json.loads(out.stdout))
    found = pairs(a)
    assert len(found) == 1, [(s.text, w.text) for s, w, _ in found]
    strong, weak, before = found[0]
    assert "ont été déployés en Russie" in strong.text and strong.status == "stated" and strong.source is None
    assert "auraient été déployés en Russie" in weak.text and before == "alleged"
    assert json.loads(out.stdout)["upgrades"][0].keys() == {"claim", "weaker", "from", "to", "confirmed_by"}


def test_a_clause_with_its_own_status_is_its_own_claim(analyzer: Analyzer) -> None:
    a = analyse(
        analyzer,
        "Le barrage de Valbrune a cédé dans la nuit, mais des habitants auraient refusé de partir.",
    )
    statuses = {c.text: c.status for c in a.claims}
    assert statuses == {
        "Le barrage de Valbrune a cédé dans la nuit": "stated",
        "des habitants auraient refusé de partir": "alleged",
    }
    same = analyse(analyzer, "Le barrage de Valbrune a cédé dans la nuit, et les pompiers ont évacué la rue.")
    assert len(same.claims) == 1  # two clauses of one status stay one claim


FR = (
    "Crue à Valbrune.\n"
    "Le barrage de la Sarnelle a cédé dans la nuit de lundi, inondant le centre de Valbrune.\n"
    "Les pompiers ont évacué 300 habitants.\n"
    "Selon la préfecture, le barrage de la Sarnelle aurait cédé sous la pression de la crue."
)


def test_french_alleged_then_stated_is_an_upgrade(analyzer: Analyzer) -> None:
    found = pairs(analyse(analyzer, FR))
    assert [(s.text.split(",")[0], before) for s, _, before in found] == [
        ("Le barrage de la Sarnelle a cédé dans la nuit de lundi", "alleged")
    ]
    assert "aurait cédé" in found[0][1].text


def test_english_speculation_stated_as_fact_is_an_upgrade(analyzer: Analyzer) -> None:
    text = (
        "Plant shut in Dover.\n"
        "The regulator closed the chemical plant in Dover on Monday after a leak.\n"
        "Workers were sent home.\n"
        "Officials said the regulator might close the chemical plant in Dover for a month."
    )
    found = pairs(analyse(analyzer, text, "en"))
    assert len(found) == 1
    strong, weak, before = found[0]
    assert strong.text.startswith("The regulator closed") and before == "speculative"
    assert "might close" in weak.text


def test_a_headline_that_drops_a_conditional_is_flagged(analyzer: Analyzer) -> None:
    text = (
        "Le barrage de la Sarnelle a cédé dans la nuit\nLes pompiers ont évacué 300 habitants.\nLa mairie "
        "a fermé les écoles.\nLe barrage de la Sarnelle aurait cédé dans la nuit, selon la préfecture."
    )
    found = pairs(analyse(analyzer, text))
    assert [(s.text, before) for s, _, before in found] == [
        ("Le barrage de la Sarnelle a cédé dans la nuit", "alleged")
    ]


def test_a_source_confirming_the_statement_is_recorded(analyzer: Analyzer) -> None:
    a = analyse(analyzer, FR + "\nLe ministère a confirmé que le barrage de la Sarnelle a cédé.")
    by_id = {c.id: c for c in a.claims}
    (u,) = a.upgrades
    assert [by_id[k].status for k in u.confirmed_by] == ["confirmed"]


@pytest.mark.parametrize(
    "text",
    [
        # the attribution is in the same paragraph: the reader sees it
        "Le barrage de la Sarnelle a cédé dans la nuit. Selon la préfecture, le barrage de la Sarnelle "
        "aurait cédé sous la pression de la crue.",
        # a headline is short: its lead keeps the attribution
        "Le barrage de la Sarnelle a cédé\nSelon la préfecture, le barrage de la Sarnelle aurait cédé "
        "sous la pression de la crue.",
        # a lead the next paragraph attributes
        "Crue à Valbrune.\nLe barrage de la Sarnelle a cédé dans la nuit.\nSelon la préfecture, le barrage "
        "de la Sarnelle aurait cédé sous la pression de la crue.",
        # a headline drops a source's name for brevity
        "Le barrage de la Sarnelle a cédé dans la nuit\nLes pompiers ont évacué 300 habitants.\nLa mairie "
        "a fermé les écoles.\nLa préfecture a indiqué que le barrage de la Sarnelle a cédé dans la nuit.",
        # the same words as a source's quotation: a pull quote, not the article's assertion
        "Crue à Valbrune.\nLe barrage de la Sarnelle a cédé sous la pression de la crue.\nLes pompiers ont "
        "évacué 300 habitants.\n« Le barrage de la Sarnelle a cédé sous la pression de la crue », a déclaré "
        "le préfet.",
        # not the same predicate
        "Crue à Valbrune.\nLe barrage de la Sarnelle a tenu toute la nuit.\n"
        "La mairie a fermé les écoles.\nSelon la préfecture, le "
        "barrage de la Sarnelle aurait cédé sous la pression de la crue.",
        # the article says the opposite: a negation is another statement
        "Crue à Valbrune.\nLe barrage de la Sarnelle n'a pas cédé.\n"
        "La mairie a fermé les écoles.\nSelon la préfecture, le barrage de la "
        "Sarnelle aurait cédé sous la pression de la crue.",
        # figures that cannot both hold are two statements
        "Crue à Valbrune.\nLes pompiers ont évacué 300 habitants de Valbrune.\n"
        "La mairie a fermé les écoles.\nLes pompiers auraient "
        "évacué 3 000 habitants de Valbrune, selon la mairie.",
        # a light verb says too little to be one statement
        "Crue à Valbrune.\nLe maire de Valbrune a donné une conférence de presse.\n"
        "La mairie a fermé les écoles.\nLe maire de Valbrune "
        "aurait donné sa démission, selon la mairie.",
        # a symbol is no predicate: the writer labels the equation, he does not assert it
        "Débat télévisé.\nSelon le chroniqueur, Hollande = Sarkozy.\nLes électeurs ont voté dimanche.\n"
        "Hollande = Sarkozy, un raccourci paresseux du monde médiatique souvent relevé sur ce blog.",
    ],
    ids=[
        "same-paragraph",
        "headline",
        "next-paragraph",
        "headline-source",
        "pull-quote",
        "other-predicate",
        "negation",
        "figures",
        "light-verb",
        "symbol",
    ],
)
def test_what_is_not_an_upgrade(analyzer: Analyzer, text: str) -> None:
    a = analyse(analyzer, text)
    assert pairs(a) == [], [(s.text, w.text) for s, w, _ in pairs(a)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_command_line_marks_the_upgraded_claim_and_shows_the_weaker(lang: str) -> None:
    out = subprocess.run(
        [*CLI, "--lang", lang, "analyze", str(EXAMPLE)], capture_output=True, text=True, timeout=300
    ).stdout.splitlines()
    marks = [n for n, line in enumerate(out) if line.lstrip().startswith("↑")]
    assert len(marks) == 1
    assert "ont été déployés en Russie" in out[marks[0] - 1]  # under the claim it marks
    assert "auraient été déployés en Russie" in out[marks[0]]


def test_the_article_page_marks_the_upgrade_and_links_the_weaker_claim(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from claimledger.present.web.app import create_app
    from claimledger.store.ledger import Ledger

    db = str(tmp_path / "ledger.db")
    a = analyse(analyzer, FR)
    Ledger(db).add(a, "fr.txt")
    (u,) = a.upgrades
    client = TestClient(create_app(db, ["testserver"]))
    for lang, words in (("fr", "Présenté ici comme un fait"), ("en", "Stated here as fact")):
        page = client.get(f"/articles/{a.article.id}?lang={lang}").text
        card = page.split(f'id="claim-{u.claim}"', 1)[1].split('class="claim-card"', 1)[0]
        assert words in card and f'href="#claim-{u.weaker}"' in card


HEDGED = {
    "prefecture.txt": (
        "2025-03-11",
        "Crue de la Sarnelle : le point de la préfecture\n"
        "Le barrage de la Sarnelle aurait cédé dans la nuit de lundi, selon la préfecture.\n"
        "Quelque 300 habitants de Valbrune auraient été évacués, selon la préfecture.",
    ),
    "pompiers.txt": (
        "2025-03-12",
        "Crue de la Sarnelle : le bilan des pompiers\n"
        "Selon les pompiers, le barrage de la Sarnelle aurait cédé dans la nuit de lundi.\n"
        "Les pompiers pourraient évacuer d'autres habitants de Valbrune mardi, selon la mairie.",
    ),
}


def test_the_brief_never_upgrades_what_its_sources_only_alleged(analyzer: Analyzer, tmp_path: Path) -> None:
    """A story whose every claim is hedged: each sentence of its brief keeps the weakest status
    its sources gave (the labels of the brief's language), none reads as a plain fact."""
    from claimledger.lexicon import brief_words
    from claimledger.present.brief import render_brief
    from linked import one_story

    rep = one_story(analyzer, tmp_path, [(day, analyse(analyzer, text)) for day, text in HEDGED.values()])
    assert rep.claims and all(c.status in ("alleged", "speculative") for c in rep.claims)
    assert any(len({c.article_id for c in g}) == 2 for g in rep.propositions)  # one statement, two articles
    labels = brief_words("fr").labels
    bullets = [line for line in render_brief(rep, limit=None).splitlines() if line.startswith("- **")]
    assert bullets
    for b in bullets:
        label = b.split("**")[1]
        assert label in (labels["alleged"], labels["speculative"]), b
