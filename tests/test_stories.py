"""Following a story across articles, as stored in the ledger (test articles written here:
tests/data/stories/README.md; the example article is the project's motivating one)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare, prepare_text
from claimledger.desk.config import DeskConfig, default_scale
from claimledger.desk.publish import claim_reviews
from claimledger.lexicon import brief_words
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.link.report import StoryReport
from claimledger.model import Analysis
from claimledger.present.brief import md, render_brief, sentence, web_link
from claimledger.store.ledger import Ledger
from conftest import CORPUS, EXAMPLE

STORIES = Path(__file__).parent / "data" / "stories"
CLI = [sys.executable, "-m", "claimledger.cli"]


def linker_for(ledger: Ledger, analyzer: Analyzer) -> Linker:
    return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))


def store(ledger: Ledger, analyses: list[Analysis], analyzer: Analyzer) -> None:
    for a in analyses:
        ledger.add(a, a.article.id)
    linker_for(ledger, analyzer).link_pending()


@pytest.fixture(scope="module")
def ledger(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    files = [
        STORIES / "coree-1.html",
        STORIES / "coree-2.html",
        STORIES / "budget.html",
        CORPUS / "002.txt",
        CORPUS / "001.txt",
        EXAMPLE,
    ]
    led = Ledger(str(tmp_path_factory.mktemp("stories") / "ledger.db"))
    store(led, list(analyzer.analyse([prepare(str(p)) for p in files])), analyzer)
    return led


@pytest.fixture(scope="module")
def korea(ledger: Ledger) -> StoryReport:
    reader = LinkReader(ledger)
    story = next(s for s in reader.stories() if "nord-coréens" in s.title)
    rep = reader.report(story.id)
    assert rep is not None
    return rep


def test_same_event_grouped_unrelated_apart(ledger: Ledger, korea: StoryReport) -> None:
    titles = {a.title for a in korea.story.articles}
    assert {
        "Des soldats nord-coréens en Russie, selon Séoul",
        "Washington confirme la présence de militaires nord-coréens en Russie",
    } <= titles
    assert len(korea.story.articles) == 3  # and the example article, undated
    budget = next(s for s in LinkReader(ledger).stories() if "Budget" in s.title)
    assert budget.size == 1 and budget.id != korea.story.id


def test_paraphrases_are_one_proposition(korea: StoryReport) -> None:
    # "a démenti toute présence militaire en Russie" / "dément toujours l'envoi de troupes en Russie"
    group = next(g for g in korea.propositions if any("toute présence militaire" in c.text for c in g))
    assert any("l'envoi de troupes en Russie" in c.text for c in group)
    assert len({c.article_id for c in group}) >= 2


def test_denial_contradicts_the_same_proposition_only(korea: StoryReport) -> None:
    pairs = [(k.affirmed, k.denied) for k in korea.contradictions]
    assert any(d.who in ("Pyongyang", "La Corée du Nord") and "présence de" in a.text for a, d in pairs)
    assert all(d.status == "denied" and a.status != "denied" for a, d in pairs)
    # a denial contradicts what is in its own proposition, never a claim that only resembles it
    of = korea.proposition_of
    assert all(of.get(a.key) is not None and of.get(a.key) == of.get(d.key) for a, d in pairs)
    # a claim about arms shipments is not what a denial of troops denies
    assert not any("conteneurs" in a.text for a, _ in pairs)


def test_alleged_then_confirmed_is_a_status_change(korea: StoryReport) -> None:
    change = next(c for c in korea.status_changes if "Koursk" in c.before.text)
    assert change.before.status == "alleged" and change.after.status == "confirmed"
    assert (change.before.date or "") <= (change.after.date or "")
    assert all(c.before.date and c.after.date for c in korea.status_changes)  # undated: no order


def test_one_series_per_question(korea: StoryReport) -> None:
    """Soldiers sent to Russia, soldiers who deserted and soldiers arrested are three questions,
    never one figure that changed from thousands to a dozen."""
    series = {s.key: s for s in korea.series}
    sent = next(s for s in korea.charted if s.thing == "soldat")
    assert sent.event == "présence"
    bounds = [(p.bound, p.value, p.date) for p in sent.points]
    assert ("at_least", 3000, "2024-10-18") in bounds
    assert ("up_to", 10000, "2024-10-21") in bounds
    dated = [p.date for p in sent.points if p.date]
    assert dated == sorted(dated)
    assert not any(p.value is not None and p.value < 100 for p in sent.points)
    # "Des milliers de soldats" (the example article) is listed in its words, with no number
    vague = [p for p in sent.points if p.bound == "vague"]
    assert vague and all(p.value is None and "milliers" in p.text for p in vague)
    deserted = series["soldat|départ"]
    arrested = series["soldat|arrestation"]
    assert [p.text for p in deserted.points] == ["plus d’une douzaine"]
    assert [p.text for p in arrested.points] == ["environ 18"]
    assert not deserted.charted and not arrested.charted  # one value, one source: nothing to chart
    assert sent.conflicts == []  # at least 3 000 and 3 000 agree within their bounds


def test_a_partys_video_is_shown_not_confirmed(korea: StoryReport) -> None:
    video = next(c for c in korea.claims if c.source and "vidéo des forces ukrainiennes" in c.source)
    assert video.status != "confirmed" and video.shown_by == "country:UA"
    brief = render_brief(korea, limit=None)
    line = next(x for x in brief.splitlines() if "camp de prisonniers" in x)
    assert "montré par Ukraine" in line and "pas une confirmation indépendante" in line


def test_figures_keep_the_source_that_gave_them(korea: StoryReport) -> None:
    """A figure inside a quoted claim is the quoted source's, not the outer reporter's."""
    for s in korea.series:
        for p in s.points:
            claim = next(c for c in korea.claims if c.key == p.claim)
            assert p.text in claim.text
            assert p.source == (claim.who or "")  # "": the article itself, worded by presenters


def test_brief_keeps_status_and_source_in_sentences(korea: StoryReport) -> None:
    brief = render_brief(korea)
    bullets = [x for x in brief.splitlines() if x.startswith("- **")]
    assert 0 < len(bullets) <= 12
    for c in korea.claims:
        line = sentence(c, [], brief_words("fr"))
        label = line.split("**")[1]
        expected = {"alleged": "Non confirmé", "speculative": "Hypothèse", "denied": "Démenti"}.get(c.status)
        if expected:
            assert label.startswith(expected), line
    # a cut brief keeps a denial, and it reads as a sentence with its source, not a fragment
    # after a colon
    denials = [b for b in bullets if b.startswith("- **Démenti** — ")]
    assert denials and all("Pyongyang" in b or "Corée du Nord" in b for b in denials)
    assert "Pyongyang a démenti toute présence militaire en Russie" in render_brief(korea, limit=None)
    for b in bullets:  # each article is cited once per sentence
        cited = [x for x in b.split() if x.startswith("[") and "](" in x]
        assert len(cited) == len(set(cited))
    omitted = next(x for x in brief.splitlines() if "non reprise" in x)
    total = int(omitted.strip("*").split()[0])
    counts = [int(part.split("(")[-1].rstrip(").*")) for part in omitted.split(" : ", 1)[1].split("), ")]
    assert total > 0 and sum(counts) == total  # how many, and whose
    assert "non reprise" not in render_brief(korea, limit=None)


def test_brief_never_writes_two_statements_of_one_proposition_as_one(korea: StoryReport) -> None:
    """A proposition is a cluster of similar claims and can hold two statements (a wrong link): the
    brief gives each its own sentence and never "Aussi selon" the other's source."""
    confirmed = [c for c in korea.claims if c.status == "confirmed" and c.who and c.said]
    a = next(c for c in confirmed if "Washington" in c.who)
    b = next(c for c in confirmed if "vidéos" in c.who.lower() or "Vidéo" in c.who)
    assert a.said != b.said
    wrong = dataclasses.replace(korea, propositions=[[a, b]])
    bullets = [x for x in render_brief(wrong, limit=None).splitlines() if x.startswith("- **")]
    mine = [x for x in bullets if md(a.text)[:40] in x]
    assert mine and all(b.who not in x for x in mine), mine


def test_brief_links_work_where_it_is_read(korea: StoryReport) -> None:
    on_web = render_brief(korea, link=web_link)
    anchors = [
        part.split(")")[0] for part in on_web.split("](/articles/")[1:] if "#claim-" in part.split(")")[0]
    ]
    assert anchors
    ids = {a.id for a in korea.story.articles}
    assert all(a.split("#claim-")[0] in ids for a in anchors)
    markdown = render_brief(korea)
    assert "](/articles/" not in markdown  # a file has no server: it links the articles' addresses
    assert "## Sources" in markdown


def test_rejecting_responsibility_onto_someone_is_an_accusation(analyzer: Analyzer) -> None:
    a = analyzer.analyse_one(
        prepare_text(
            "L'état-major, rejetant la responsabilité de la frappe sur la milice, a affirmé que le dépôt "
            "avait été touché par un drone. Le ministre a rejeté la responsabilité de l'incendie sur "
            "l'opposition.",
            lang="fr",
        )
    )
    assert a.claims and all(c.status != "denied" for c in a.claims)


def test_source_record_and_claimreview(ledger: Ledger, korea: StoryReport) -> None:
    records = {r.source: r for r in LinkReader(ledger).source_records(200)}
    austin = next(r for s, r in records.items() if "Lloyd Austin" in s)
    assert austin.claims >= 1 and austin.uncorroborated < austin.claims
    ukraine = records["Ukraine"]
    assert ukraine.shown >= 1  # its own video, counted as its own
    # no verdict yet: nothing to publish, and drafts carry no rating at all (never a null one)
    desk = DeskConfig(scale=default_scale(), publisher="Desk")
    assert claim_reviews(ledger, desk, korea) == ([], [])
    reviews, _ = claim_reviews(ledger, desk, korea, drafts=True)
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews)
    austin_reviews = [r for r in reviews if "Lloyd Austin" in r["itemReviewed"]["author"]["name"]]
    assert austin_reviews and all(r["itemReviewed"]["author"]["@type"] == "Person" for r in austin_reviews)
    assert any(r["itemReviewed"].get("datePublished") == "2024-10-21" for r in austin_reviews)
    assert all("reviewRating" not in r and "url" not in r for r in austin_reviews)


# -- stable ids ---------------------------------------------------------------------------------

MONTIGNAC = (
    "Crue : Montignac évacue ses quais. La préfecture a annoncé mardi que 200 habitants de Montignac "
    "avaient été évacués. Les quais de Montignac sont sous un mètre d'eau, selon les pompiers."
)
TERRASSON = (
    "Terrasson-Lavilledieu sous les eaux. Selon le maire de Terrasson-Lavilledieu, 40 commerces du "
    "centre-ville sont inondés. Des barrières ont été installées devant la mairie de Terrasson-Lavilledieu."
)
BOTH = (
    "Après Montignac, Terrasson-Lavilledieu. Les quais de Montignac ont été évacués mardi, et 40 "
    "commerces de Terrasson-Lavilledieu sont inondés, a indiqué la préfecture."
)


def dated(analyzer: Analyzer, text: str, day: str) -> Analysis:
    a = analyzer.analyse_one(prepare_text(text, lang="fr"))
    a.article.published = day
    return a


def test_a_story_id_still_resolves_after_a_merge_and_a_relink(analyzer: Analyzer, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from claimledger.present.web.app import create_app

    db = str(tmp_path / "merge.db")
    ledger = Ledger(db)
    store(
        ledger, [dated(analyzer, MONTIGNAC, "2025-03-04"), dated(analyzer, TERRASSON, "2025-03-04")], analyzer
    )
    reader = LinkReader(ledger)
    first = {s.id for s in reader.stories()}
    assert len(first) == 2  # nothing ties the two towns yet
    store(ledger, [dated(analyzer, BOTH, "2025-03-05")], analyzer)
    now = reader.stories()
    assert len(now) == 1 and now[0].size == 3
    survivor = now[0].id
    assert survivor in first  # the older id survives
    (gone,) = first - {survivor}
    assert reader.resolve_story(gone) == survivor
    client = TestClient(create_app(db, ["testserver"]), follow_redirects=False)
    moved = client.get(f"/stories/{gone}")
    assert moved.status_code == 301 and moved.headers["location"].endswith(f"/stories/{survivor}")
    assert client.get(f"/api/stories/{gone}").status_code == 301
    assert client.get(moved.headers["location"]).status_code == 200
    props = _propositions(reader, survivor)
    linker_for(ledger, analyzer).relink()
    assert [s.id for s in reader.stories()] == [survivor]  # a rebuild keeps the ids
    assert reader.resolve_story(gone) == survivor
    after = _propositions(reader, survivor)
    for key, pid in props.items():
        assert reader.resolve_proposition(pid) == after[key]


def _propositions(reader: LinkReader, story_id: str) -> dict[str, str]:
    rep = reader.report(story_id)
    assert rep is not None
    return dict(rep.proposition_of)


def test_linking_a_new_article_touches_its_story_only(ledger: Ledger, analyzer: Analyzer) -> None:
    reader = LinkReader(ledger)
    before = {s.id: (s.size, s.title) for s in reader.stories(500)}
    ledger.add(dated(analyzer, MONTIGNAC, "2025-03-04"), "montignac")
    stats = linker_for(ledger, analyzer).link_pending()
    assert stats.articles == 1 and len(stats.touched) == 1
    after = {s.id: (s.size, s.title) for s in reader.stories(500)}
    assert {k: v for k, v in after.items() if k in before} == before


def test_syndicated_copy_is_counted_once(analyzer: Analyzer, tmp_path: Path) -> None:
    original = (CORPUS / "002.txt").read_text(encoding="utf-8")
    # a wire copy re-published elsewhere: other headline, credit line, one sentence trimmed
    lines = original.split("\n")
    copy = "\n".join(
        ["Gaza : l'ambassadeur d'Israël en France croit la paix proche", "", "(AFP)"] + lines[2:-3]
    )
    analyses = [analyzer.analyse_one(prepare_text(t, lang="fr")) for t in (original, copy)]
    assert analyses[0].article.id != analyses[1].article.id  # not the same text...
    ledger = Ledger(str(tmp_path / "copies.db"))
    store(ledger, analyses, analyzer)
    reader = LinkReader(ledger)
    (story,) = reader.stories()
    assert story.size == 2  # ...but the same article: one story
    rep = reader.report(story.id)
    assert rep is not None and len({c.article_id for c in rep.claims}) == 1  # counted once
    zarka = next(r for r in reader.source_records() if "Zarka" in r.source)
    assert zarka.uncorroborated == zarka.claims  # a copy of himself does not corroborate him


# -- the command line ---------------------------------------------------------------------------


def test_cli_stories_story_brief_claimreview(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    ingest = subprocess.run(
        [*CLI, "ingest", str(STORIES), str(EXAMPLE), "--db", db], capture_output=True, text=True, timeout=600
    )
    assert ingest.returncode == 0, ingest.stderr
    listing = subprocess.run(
        [*CLI, "stories", "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    line = next(x for x in listing.splitlines() if "nord-coréens" in x)
    sid = line.split()[0]
    assert " 3 article(s)" in line  # the two written reports and the example article
    story = subprocess.run(
        [*CLI, "story", sid, "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    assert (
        "figures: soldat (présence)" in story
        and "contradiction:" in story
        and "status change: alleged" in story
    )
    brief = subprocess.run(
        [*CLI, "brief", sid, "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    assert brief.startswith("# ") and "## Chiffres" in brief and "non reprise" in brief
    everything = subprocess.run(
        [*CLI, "brief", sid, "--all", "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    assert "non reprise" not in everything and everything.count("\n- **") > brief.count("\n- **")
    reviews = json.loads(
        subprocess.run(
            [*CLI, "claimreview", sid, "--drafts", "--db", db], capture_output=True, text=True, timeout=300
        ).stdout
    )
    assert reviews and reviews[0]["@context"] == "https://schema.org"
    missing = subprocess.run(
        [*CLI, "brief", "s-nope", "--db", db], capture_output=True, text=True, timeout=300
    )
    assert missing.returncode == 2 and "no story" in missing.stderr and "Traceback" not in missing.stderr
    record = subprocess.run([*CLI, "source-record", "--db", db], capture_output=True, text=True, timeout=300)
    assert "uncorroborated" in record.stdout and "Lloyd Austin" in record.stdout
    exported = subprocess.run(
        [*CLI, "export", "--format", "jsonl", "--db", db], capture_output=True, text=True, timeout=300
    ).stdout
    claims = [c for line in exported.splitlines() for c in json.loads(line)["claims"]]
    assert all(c["story_id"] for c in claims)
    assert any(c["story_id"] == sid and c["proposition_id"] for c in claims)


def test_read_commands_never_load_the_nlp_model(ledger: Ledger, korea: StoryReport, tmp_path: Path) -> None:
    """With spaCy made unimportable, every command that only reads the ledger still works."""
    blocker = tmp_path / "blocker" / "spacy"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text('raise ImportError("spaCy is not available here")\n')
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(blocker.parent), os.environ.get("PYTHONPATH", "")]),
    }
    check = subprocess.run([sys.executable, "-c", "import spacy"], env=env, capture_output=True, text=True)
    assert check.returncode != 0 and "not available here" in check.stderr  # the blocker works
    db = str(ledger.engine.url.database)
    sid = korea.story.id
    for args in (
        ["stories"],
        ["story", sid],
        ["brief", sid],
        ["claimreview", sid],
        ["source-record"],
        ["claims", "--status", "denied"],
        ["sources"],
        ["export", "--format", "csv"],
    ):
        done = subprocess.run([*CLI, *args, "--db", db], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout.strip(), args


def test_a_figure_belongs_to_the_source_that_gave_it(analyzer: Analyzer) -> None:
    """A quoted source's toll is that source's, not the outlet's that quotes it."""
    from claimledger.link.records import from_analysis

    a = analyzer.analyse_one(
        prepare_text(
            "Le Hamas a annoncé que 12 otages avaient été libérés, a rapporté la chaîne Al-Jazeera.",
            lang="fr",
        )
    )
    assert len(a.claims) == 2 and all(a.quantities[0].id in c.quantities for c in a.claims)
    record = from_analysis(a)
    givers = [c.source for c in record.claims if c.quantities]
    assert givers == ["Le Hamas"]


def test_no_series_from_ages_durations_or_pairs(analyzer: Analyzer, tmp_path: Path) -> None:
    """On the France Info corpus and the example: figures that are not counts of something that
    changes over time (ages, durations, "les deux X") never make a series."""
    from claimledger.model import SERIES_KINDS

    ledger = Ledger(str(tmp_path / "corpus.db"))
    files = [*sorted(CORPUS.glob("*.txt")), EXAMPLE]
    store(ledger, list(analyzer.analyse([prepare(str(p)) for p in files])), analyzer)
    reader = LinkReader(ledger)
    series = []
    for story in reader.stories(500):
        rep = reader.report(story.id)
        assert rep is not None
        series += rep.series
    assert series
    assert all(p.kind in SERIES_KINDS for s in series for p in s.points)
    both = ("les deux", "ces deux", "tous deux", "toutes deux", "des deux")
    assert not any(
        claim_text_before(ledger, p).endswith(both) for s in series for p in s.points if p.value == 2
    )
    charted = [s for s in series if s.charted]
    assert charted and all(
        len({p.value for p in s.points}) > 1 or len({p.source_key for p in s.points}) > 1 for s in charted
    )


def claim_text_before(ledger: Ledger, point: object) -> str:
    """The words of the article up to the end of a figure ("… les deux")."""
    from claimledger.link.series import FigurePoint

    assert isinstance(point, FigurePoint)
    row = ledger.article(point.claim.split(":")[0])
    assert row is not None
    text = json.loads(row.analysis)["article"]["text"]
    q = next(q for q in json.loads(row.analysis)["quantities"] if q["start"] == point.start)
    return " ".join(text[max(0, q["start"] - 20) : q["end"]].lower().split())
