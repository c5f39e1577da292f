"""Certainty upgraded without a source across a story (issue 20): a later article states as its
own fact what an earlier one only alleged; a confirmation in between, a source's own later
statement or a different statement is no upgrade. Articles written for these tests."""

from __future__ import annotations

from pathlib import Path

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.link.report import StoryReport
from claimledger.store.ledger import Ledger

ALLEGED = (
    "2024-03-01",
    "Incendie au port de Brest\n\nSelon la préfecture, l'incendie aurait détruit trois entrepôts du "
    "port de Brest dans la nuit de jeudi. Les pompiers du Finistère sont toujours sur place.",
)
PLAIN = (
    "2024-03-03",
    "Port de Brest : une enquête ouverte après l'incendie\n\nL'incendie a détruit trois entrepôts du "
    "port de Brest dans la nuit de jeudi. Une enquête a été ouverte par le parquet de Brest.",
)
CONFIRMED = (
    "2024-03-02",
    "Brest : le bilan de l'incendie du port confirmé\n\nLa préfecture du Finistère a confirmé vendredi "
    "que l'incendie a détruit trois entrepôts du port de Brest dans la nuit de jeudi.",
)
SOURCED_LATER = (
    "2024-03-03",
    "Port de Brest : les dockers inquiets après l'incendie\n\nLe syndicat des dockers affirme que "
    "l'incendie a détruit trois entrepôts du port de Brest dans la nuit de jeudi.",
)
OTHER_STATEMENT = (
    "2024-03-03",
    "Port de Brest : les grues épargnées par l'incendie\n\nL'incendie a épargné les deux grues du port "
    "de Brest dans la nuit de jeudi, selon les premières constatations.",
)


def _report(analyzer: Analyzer, folder: Path, *articles: tuple[str, str]) -> StoryReport:
    folder.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(str(folder / "ledger.db"))
    for day, text in articles:
        a = analyzer.analyse_one(prepare_text(text, lang="fr"))
        a.article.published = day
        ledger.add(a, a.article.id)
    Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang))).link_pending()
    reader = LinkReader(ledger)
    stories = reader.stories()
    assert len(stories) == 1, [s.title for s in stories]  # one event
    rep = reader.report(stories[0].id, all_claims=False)  # what `story` reads
    assert rep is not None
    return rep


def test_a_later_plain_statement_of_an_alleged_one_is_an_upgrade(analyzer: Analyzer, tmp_path: Path) -> None:
    rep = _report(analyzer, tmp_path, ALLEGED, PLAIN)
    assert len(rep.upgrades) == 1
    up = rep.upgrades[0]
    assert up.claim.text.startswith("L'incendie a détruit") and up.claim.date == "2024-03-03"
    assert up.from_status == "alleged" and up.sources == ["la préfecture"]
    assert [w.date for w in up.weaker] == ["2024-03-01"]
    assert all(k.after.status == "confirmed" for k in rep.status_changes)  # not listed as a change


def test_the_same_articles_linked_in_the_other_order_give_the_same_upgrade(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    rep = _report(analyzer, tmp_path, PLAIN, ALLEGED)
    assert [(u.claim.date, u.from_status) for u in rep.upgrades] == [("2024-03-03", "alleged")]


def test_a_confirmation_in_between_is_no_upgrade(analyzer: Analyzer, tmp_path: Path) -> None:
    rep = _report(analyzer, tmp_path, ALLEGED, CONFIRMED, PLAIN)
    assert [k.after.date for k in rep.status_changes] == ["2024-03-02"]  # the confirmation is seen
    assert rep.upgrades == []


def test_a_source_stating_it_later_or_another_statement_is_no_upgrade(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    assert _report(analyzer, tmp_path / "a", ALLEGED, SOURCED_LATER).upgrades == []
    assert _report(analyzer, tmp_path / "b", ALLEGED, OTHER_STATEMENT).upgrades == []


def test_the_story_page_and_the_api_list_the_upgrade_in_each_language(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from claimledger.present.web.app import create_app

    rep = _report(analyzer, tmp_path, ALLEGED, PLAIN)
    db = str(tmp_path / "ledger.db")
    with TestClient(create_app(db, hosts=["testserver"])) as client:
        fr = client.get(f"/stories/{rep.story.id}?lang=fr").text
        en = client.get(f"/stories/{rep.story.id}?lang=en").text
        api = client.get(f"/api/stories/{rep.story.id}").json()
    assert "Certitude haussée sans source" in fr and "Certainty upgraded" not in fr
    assert "Certainty upgraded without a source" in en and "Certitude haussée" not in en
    for page in (fr, en):
        section = page.split("upgrade", 1)[1]
        assert "L&#39;incendie a détruit trois entrepôts" in section or "L'incendie a détruit" in section
        assert "la préfecture" in section
    [up] = api["upgrades"]
    assert up["from"] == "alleged" and up["sources"] == ["la préfecture"]
    assert up["claim"]["text"].startswith("L'incendie a détruit") and len(up["weaker"]) == 1
