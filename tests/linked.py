"""Link analyses into a fresh ledger and read back the one story they make: what the story tests
do before they look at propositions, briefs and upgrades."""

from __future__ import annotations

from pathlib import Path

from claimledger.analyse.article import Analyzer
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.link.report import StoryReport
from claimledger.model import Analysis
from claimledger.store.ledger import Ledger


def one_story(analyzer: Analyzer, folder: Path, dated: list[tuple[str, Analysis]]) -> StoryReport:
    """Store each analysis with its publication day, link them all, and return the report of the
    single story they form (the test fails if they form several)."""
    ledger = Ledger(str(folder / "ledger.db"))
    for day, a in dated:
        a.article.published = day
        ledger.add(a, a.article.id)
    Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang))).link_pending()
    reader = LinkReader(ledger)
    (story,) = reader.stories()
    rep = reader.report(story.id)
    assert rep is not None
    return rep
