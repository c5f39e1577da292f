"""A reviewer takes a claim out of a proposition it does not belong to (issue 18): the claim
leaves, the proposition's verdict no longer covers it, and neither a later link nor `relink`
puts it back. Real ledger, real linker, real CLI; articles written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.store.ledger import Ledger

CLI = [sys.executable, "-m", "claimledger.cli"]
ARTICLES = (
    (
        "2024-03-01",
        "Incendie au port de Brest\n\nLa préfecture affirme que l'incendie a détruit trois entrepôts du "
        "port de Brest dans la nuit de jeudi. Les pompiers du Finistère sont toujours sur place.",
    ),
    (
        "2024-03-02",
        "Port de Brest : les dockers inquiets après l'incendie\n\nLe syndicat des dockers affirme que "
        "l'incendie a détruit trois entrepôts du port de Brest dans la nuit de jeudi.",
    ),
    (
        "2024-03-03",
        "Brest : l'incendie du port\n\nSelon le maire de Brest, l'incendie a détruit trois entrepôts du "
        "port dans la nuit de jeudi.",
    ),
)


def _linker(ledger: Ledger, analyzer: Analyzer) -> Linker:
    return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))


def _propositions(ledger: Ledger) -> dict[str, str | None]:
    """claim key -> proposition, for the claims about the fire."""
    reader = LinkReader(ledger)
    (story,) = reader.stories()
    rep = reader.report(story.id, all_claims=True)
    assert rep is not None
    return {c.key: rep.proposition_of.get(c.key) for c in rep.claims if "entrepôts" in c.text}


@pytest.fixture()
def ledger(analyzer: Analyzer, tmp_path: Path) -> Ledger:
    ledger = Ledger(str(tmp_path / "ledger.db"))
    for day, text in ARTICLES:
        a = analyzer.analyse_one(prepare_text(text, lang="fr"))
        a.article.published = day
        ledger.add(a, a.article.id)
    _linker(ledger, analyzer).link_pending()
    return ledger


def test_a_detached_claim_leaves_its_proposition_and_stays_out_after_relink(
    ledger: Ledger, analyzer: Analyzer, tmp_path: Path
) -> None:
    before = _propositions(ledger)
    grouped = [k for k, p in before.items() if p is not None]
    assert len(grouped) == 3 and len(set(before.values())) == 1, before  # one statement, three voices
    mayor = sorted(grouped)[0]  # any of the three
    done = subprocess.run(
        [*CLI, "--lang", "en", "detach", mayor, "--db", str(tmp_path / "ledger.db")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "kept apart from 2 claim(s)" in done.stdout
    others = [k for k in grouped if k != mayor]
    after = _propositions(ledger)
    assert after[mayor] is None
    assert after[others[0]] is not None and after[others[0]] == after[others[1]], after  # they stay one
    _linker(ledger, analyzer).relink()  # every link rebuilt from the articles
    again = _propositions(ledger)
    assert again[others[0]] is not None and again[others[0]] == again[others[1]], again
    assert again[mayor] != again[others[0]], again


def test_detaching_what_is_in_no_proposition_is_a_one_line_error(ledger: Ledger, tmp_path: Path) -> None:
    for target in ("0000000000000000:c1", "not-a-claim"):
        done = subprocess.run(
            [*CLI, "detach", target, "--db", str(tmp_path / "ledger.db")],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode != 0
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
