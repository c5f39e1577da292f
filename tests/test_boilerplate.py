"""Site chrome yields no claims: language patterns, repetition across a batch and across the ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare
from claimledger.analyse.engines import LocalEngine
from claimledger.ingest.collect import collect
from claimledger.model import Analysis
from claimledger.store.ingest import ingest
from claimledger.store.ledger import Ledger
from conftest import CORPUS, DATA

# The chrome of the France Info page template, as a reader sees it on every page of the corpus.
FRANCEINFO_CHROME = [
    "Recevez l'essentiel de l'actualité et restez à jour avec nos newsletters",
    "Lancez la conversation",
    "Connectez-vous à votre compte franceinfo pour commenter.",
    "Merci ! Votre inscription est bien prise en compte.",
    "Suivez-nous sur les réseaux sociaux :",
    "Vous pouvez changer d’avis à tout moment dans les réglages de votre navigateur.",
    "Activez les notifications franceinfo et ne manquez rien de l’actualité",
]


@pytest.fixture(scope="module")
def corpus(analyzer: Analyzer) -> list[Analysis]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted((DATA / "corpora" / "dev-2024").glob("*.txt"))
    return list(analyzer.analyse([prepare(str(p), lang="fr") for p in paths]))


def test_template_chrome_is_skipped_and_claims_none(corpus: list[Analysis]) -> None:
    checked = 0
    for a in corpus:
        text = a.article.text
        for line in FRANCEINFO_CHROME:
            at = text.find(line)
            if at < 0:
                continue
            checked += 1
            span = (at, at + len(line))
            assert any(s.start <= span[0] and span[1] <= s.end for s in a.skipped), line
            assert not any(c.start < span[1] and span[0] < c.end for c in a.claims), line
    assert checked >= 7 * 28  # every template line on every distinct France Info page


def test_inline_chrome_in_flattened_pages_claims_nothing(corpus: list[Analysis]) -> None:
    for a in corpus:
        for c in a.claims:
            for chrome in ("Abonnez-vous", "Temps de lecture", "Photo Adobe Stock", "Je m'abonne"):
                assert chrome not in c.text, (chrome, c.text)
                assert c.source is None or chrome not in c.source.text


def test_no_figure_or_entity_from_chrome(corpus: list[Analysis]) -> None:
    for a in corpus:
        for q in a.quantities:
            assert not any(s.start <= q.start and q.end <= s.end for s in a.skipped), q.text
        for e in a.entities:
            for m in e.mentions:
                assert not any(s.start <= m.start and m.end <= s.end for s in a.skipped), m.text


def _article(n: int, line: str) -> str:
    # written here: three short local news items that share one line of their site's chrome
    bodies = [
        "Le marché de Noël ouvrira samedi place de la Mairie. Le maire a annoncé que vingt chalets "
        "seraient installés.",
        "La piscine municipale fermera deux semaines pour travaux. La directrice a précisé que les cours "
        "de natation reprendraient en mars.",
        "Le club de rugby a recruté un nouvel entraîneur. Le président a affirmé que l'équipe visait la "
        "montée.",
    ]
    return f"Nouvelles du canton {n}\n\n{bodies[n % 3]}\n{line}\n"


def test_a_line_shared_by_three_articles_is_chrome(tmp_path: Path, analyzer: Analyzer) -> None:
    line = "Retrouvez Radio Plage chaque matin de 7 heures à 9 heures, a annoncé la station."
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(_article(n, line), encoding="utf-8")
    ledger = Ledger(str(tmp_path / "l.db"))
    report = ingest(ledger, LocalEngine(analyzer), collect([str(tmp_path)]), lang="fr")
    assert report.new == 3
    for a in ledger.analyses():
        at = a.article.text.index(line)
        assert any(s.reason == "repeated" and s.start <= at < s.end for s in a.skipped)
        assert not any(c.start <= at < c.end for c in a.claims)
        assert any(c.cue is not None for c in a.claims)  # the articles' own reports are kept


def test_two_articles_are_not_enough_but_the_ledger_remembers(tmp_path: Path, analyzer: Analyzer) -> None:
    line = "Le Petit Canton, votre hebdomadaire depuis 1952, a déclaré son fondateur."
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for n in range(2):
        (first / f"a{n}.txt").write_text(_article(n, line), encoding="utf-8")
    (second / "a2.txt").write_text(_article(2, line), encoding="utf-8")
    ledger = Ledger(str(tmp_path / "l.db"))
    ingest(ledger, LocalEngine(analyzer), collect([str(first)]), lang="fr")
    # two articles share it: it may be news, it is kept
    assert all(not a.skipped for a in ledger.analyses())
    ingest(ledger, LocalEngine(analyzer), collect([str(second)]), lang="fr")
    third = next(a for a in ledger.analyses() if "rugby" in a.article.text)
    assert [s.reason for s in third.skipped] == ["repeated"]
