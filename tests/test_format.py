"""The analysis-v1 format on every corpus article: offsets, ids and vocabularies hold everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare
from claimledger.model import STATUSES, Analysis, analysis_from_dict
from conftest import CORPUS

ARTICLES = sorted(CORPUS.glob("*.txt"))
SOURCE_KINDS = {"person", "organization", "country", "group", "document", "anonymous", "vague"}
BOUNDS = {"exact", "about", "at_least", "more_than", "up_to", "less_than", "range", "vague"}


@pytest.fixture(scope="module")
def corpus(analyzer: Analyzer) -> list[Analysis]:
    return list(analyzer.analyse([prepare(str(p)) for p in ARTICLES]))


def test_corpus_is_all_there() -> None:
    assert len(ARTICLES) == 30


def test_offsets_ids_and_vocabularies(corpus: list[Analysis]) -> None:
    for a in corpus:
        text = a.article.text
        qids = {q.id for q in a.quantities}
        eids = {e.id for e in a.entities}
        assert len(qids) == len(a.quantities) and len({c.id for c in a.claims}) == len(a.claims)
        for c in a.claims:
            assert text[c.start : c.end] == c.text and c.text.strip() == c.text and c.text
            assert c.sentence.start <= c.start and c.end <= c.sentence.end
            assert c.status in STATUSES and c.quote in {"direct", "indirect", "mixed", "none"}
            assert set(c.quantities) <= qids
            if c.source is not None:
                assert text[c.source.start : c.source.end] == c.source.text
                assert c.source.kind in SOURCE_KINDS
                assert c.source.entity is None or c.source.entity in eids
            if c.cue is not None:
                assert text[c.cue.start : c.cue.end] == c.cue.text
            for m in c.markers:
                assert text[m.start : m.end] == m.text
        for q in a.quantities:
            assert text[q.start : q.end] == q.text and q.bound in BOUNDS
        for e in a.entities:
            assert e.mentions
            for m in e.mentions:
                assert text[m.start : m.end] == m.text


def test_json_round_trip(corpus: list[Analysis]) -> None:
    for a in corpus:
        data = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
        assert data["schema"] == "claimledger.analysis/1"
        # the spec's fields first, in its order; "skipped" and "upgrades" are extra fields the
        # spec allows
        assert list(data) == ["schema", "article", "claims", "quantities", "entities", "skipped", "upgrades"]
        ids = {c["id"] for c in data["claims"]}
        for u in data["upgrades"]:
            assert u["claim"] in ids and u["weaker"] in ids and set(u["confirmed_by"]) <= ids
            assert u["to"] == "stated" and u["from"] in ("alleged", "speculative", "denied", "attributed")
        for s in data["skipped"]:
            assert a.article.text[s["start"] : s["end"]] == s["text"]
            assert s["reason"] in ("pattern", "repeated")
        assert analysis_from_dict(data) == a


def test_corpus_has_attributed_claims_of_every_status(corpus: list[Analysis]) -> None:
    claims = [c for a in corpus for c in a.claims]
    assert {c.status for c in claims} == set(STATUSES)
    attributed = [c for c in claims if c.source is not None]
    assert len(attributed) >= 150
    assert sum(1 for c in claims if c.quote == "direct") >= 40


def test_titles_of_plain_text_articles(corpus: list[Analysis]) -> None:
    first = corpus[ARTICLES.index(Path(CORPUS / "002.txt"))]
    assert first.article.title is not None and first.article.title.startswith("Offensive militaire à Gaza")
