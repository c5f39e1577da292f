"""Shared fixtures: one real fr_core_news_md pipeline for the whole session (it takes seconds to load)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.model import Analysis, Claim

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "franceinfo-2025"
EXAMPLE = Path(__file__).parent.parent / "examples" / "fr-north-korean-troops.txt"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def analyse(analyzer: Analyzer) -> Callable[[str], Analysis]:
    def run(text: str) -> Analysis:
        return analyzer.analyse_one(prepare_text(text, lang="fr"))

    return run


@pytest.fixture(scope="session")
def example(analyzer: Analyzer) -> Analysis:
    return analyzer.analyse_one(prepare_text(EXAMPLE.read_text(encoding="utf-8"), lang="fr"))


def claim_with(analysis: Analysis, fragment: str) -> Claim:
    """The claim whose content (or a piece it continues with) contains `fragment` (fails the
    test when there is none)."""
    hits = [c for c in analysis.claims if fragment in c.full_text()]
    assert hits, f"no claim contains {fragment!r}; claims: {[c.text for c in analysis.claims]}"
    return hits[0]


def claims_with(analysis: Analysis, fragment: str) -> list[Claim]:
    return [c for c in analysis.claims if fragment in c.text]
