"""Following a story across articles (test articles written here: tests/data/stories/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare
from claimledger.link.report import StoryReport, source_records
from claimledger.link.service import StoryIndex
from claimledger.present.brief import render_brief, sentence
from claimledger.present.claimreview import claim_reviews
from conftest import CORPUS, EXAMPLE

STORIES = Path(__file__).parent / "data" / "stories"


@pytest.fixture(scope="module")
def index(analyzer: Analyzer) -> StoryIndex:
    files = [
        STORIES / "coree-1.html",
        STORIES / "coree-2.html",
        STORIES / "budget.html",
        CORPUS / "002.txt",
        CORPUS / "001.txt",
    ]
    return StoryIndex.from_analyses(list(analyzer.analyse([prepare(str(p)) for p in files])))


def korea(index: StoryIndex) -> StoryReport:
    story = next(s for s in index.stories if any("nord-coréens" in (a.title or "") for a in s.articles))
    rep = index.report(story.id)
    assert rep is not None
    return rep


def test_same_event_grouped_unrelated_apart(index: StoryIndex) -> None:
    rep = korea(index)
    titles = {a.title for a in rep.story.articles}
    assert titles == {
        "Des soldats nord-coréens en Russie, selon Séoul",
        "Washington confirme la présence de militaires nord-coréens en Russie",
    }
    budget = next(s for s in index.stories if any("Budget" in (a.title or "") for a in s.articles))
    assert len(budget.articles) == 1
    assert budget.id != rep.story.id


def test_paraphrases_are_one_proposition(index: StoryIndex) -> None:
    rep = korea(index)
    group = next(g for g in rep.propositions if any("au moins 3 000 soldats" in c.text for c in g))
    assert any("3 000 militaires de Pyongyang" in c.text for c in group)
    assert len({c.article_id for c in group}) == 2


def test_denial_against_confirmation_is_a_contradiction(index: StoryIndex) -> None:
    rep = korea(index)
    assert rep.contradictions
    pairs = {(k.affirmed.source, k.denied.source) for k in rep.contradictions}
    assert any(denier in ("Pyongyang", "La Corée du Nord") for _, denier in pairs)
    assert all(k.denied.status == "denied" and k.affirmed.status != "denied" for k in rep.contradictions)


def test_alleged_then_confirmed_is_a_status_change(index: StoryIndex) -> None:
    rep = korea(index)
    change = next(c for c in rep.status_changes if "Koursk" in c.before.text)
    assert change.before.status == "alleged" and change.after.status == "confirmed"
    assert (change.before.date or "") <= (change.after.date or "")


def test_figures_over_time_keep_bounds_and_sources(index: StoryIndex) -> None:
    rep = korea(index)
    soldiers = next(s for s in rep.series if s.thing == "soldat")
    bounds = [(p.bound, p.value, p.date) for p in soldiers.points]
    assert ("at_least", 3000, "2024-10-18") in bounds
    assert ("up_to", 10000, "2024-10-21") in bounds
    assert [p.date for p in soldiers.points] == sorted(p.date or "" for p in soldiers.points)
    assert soldiers.conflicts == []  # 3 000 at least and 3 000 agree within their bounds


def test_brief_never_launders_status(index: StoryIndex) -> None:
    rep = korea(index)
    brief = render_brief(rep)
    for c in rep.claims:
        line = sentence(c, [])
        if c.status == "alleged":
            assert "sans confirmation" in line or line.startswith("Non confirmé")
        if c.status == "speculative":
            assert line.startswith("Hypothèse")
        if c.status == "denied":
            assert "Démenti" in line
    assert "[1]" in brief and "[2]" in brief


def test_brief_of_the_example_article(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_one(prepare(str(EXAMPLE)))
    index = StoryIndex.from_analyses([analysis])
    rep = index.report(index.stories[0].id)
    assert rep is not None
    brief = render_brief(rep)
    weak = {c.text.rstrip(" .") for c in rep.claims if c.status in ("alleged", "speculative")}
    bullets = [line for line in brief.splitlines() if line.startswith("- ") and "→" not in line]
    assert bullets
    for line in bullets:
        for text in weak:
            if text in line:
                words = ("sans confirmation", "Non confirmé", "non confirmé", "Hypothèse", "hypothèse")
                assert any(w in line for w in words), line
    assert any("15 000" in line and "Hypothèse" in line for line in bullets)


def test_source_record_and_claimreview(index: StoryIndex) -> None:
    rep = korea(index)
    records = {r.source: r for r in source_records([rep])}
    austin = next(r for s, r in records.items() if "Lloyd Austin" in s)
    assert austin.claims >= 1 and austin.uncorroborated == 0
    reviews = claim_reviews(rep)
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews)
    first = next(r for r in reviews if "Lloyd Austin" in r["itemReviewed"]["author"]["name"])
    assert first["itemReviewed"]["author"]["@type"] == "Person"
    assert first["itemReviewed"]["datePublished"] == "2024-10-21"
    assert first["reviewRating"]["ratingValue"] is None


def test_cli_stories_story_brief_claimreview(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    db = str(tmp_path / "ledger.db")
    cli = [sys.executable, "-m", "claimledger.cli"]
    ingest = subprocess.run(
        [*cli, "ingest", str(STORIES), str(EXAMPLE), "--db", db], capture_output=True, text=True, timeout=600
    )
    assert ingest.returncode == 0, ingest.stderr
    listing = subprocess.run(
        [*cli, "stories", "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    line = next(x for x in listing.splitlines() if "nord-coréens" in x)
    sid = line.split()[0]
    assert " 3 article(s)" in line  # the two written reports and the example article
    story = subprocess.run(
        [*cli, "story", sid, "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    assert "figures: soldat" in story and "contradiction:" in story and "status change: alleged" in story
    brief = subprocess.run(
        [*cli, "brief", sid, "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    assert brief.startswith("# ") and "## Chiffres" in brief
    reviews = json.loads(
        subprocess.run(
            [*cli, "claimreview", sid, "--db", db], capture_output=True, text=True, timeout=300
        ).stdout
    )
    assert reviews and reviews[0]["@context"] == "https://schema.org"
    missing = subprocess.run(
        [*cli, "brief", "s-nope", "--db", db], capture_output=True, text=True, timeout=300
    )
    assert missing.returncode == 2 and "no story" in missing.stderr and "Traceback" not in missing.stderr
    record = subprocess.run([*cli, "source-record", "--db", db], capture_output=True, text=True, timeout=300)
    assert "uncorroborated" in record.stdout and "Lloyd Austin" in record.stdout


def test_syndicated_copy_is_counted_once(analyzer: Analyzer) -> None:
    original = (CORPUS / "002.txt").read_text(encoding="utf-8")
    # a wire copy re-published elsewhere: other headline, credit line, one sentence trimmed
    lines = original.split("\n")
    copy = "\n".join(
        ["Gaza : l'ambassadeur d'Israël en France croit la paix proche", "", "(AFP)"] + lines[2:-3]
    )
    from claimledger.analyse.article import prepare_text

    analyses = [analyzer.analyse_one(prepare_text(t, lang="fr")) for t in (original, copy)]
    assert analyses[0].article.id != analyses[1].article.id  # not the same text...
    index = StoryIndex.from_analyses(analyses)
    assert len(index.duplicates) == 1  # ...but the same article
    story = next(s for s in index.stories if len(s.articles) == 2)
    rep = index.report(story.id)
    assert rep is not None
    assert {c.article_id for c in rep.claims} == {next(iter(index.duplicates.values()))}
    records = source_records([rep])
    zarka = next(r for r in records if "Zarka" in r.source)
    assert zarka.uncorroborated == zarka.claims  # a copy of himself does not corroborate him
