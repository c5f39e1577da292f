"""Analyse the articles of a set of gold keys in one pipeline run and score each of them."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.article import Analyzer, prepare
from ..model import Analysis
from .gold import GoldFile, gold_paths, load_gold
from .score import Counts, FileScore, micro, score


@dataclass
class Evaluation:
    files: list[FileScore]
    analyses: list[Analysis]
    total: Counts


def evaluate(targets: list[str], analyzer: Analyzer, lang: str = "auto") -> Evaluation:
    """`lang` auto takes each key's own `lang` (then detection); a code forces it for all."""
    golds: list[GoldFile] = [load_gold(p) for p in gold_paths(targets)]
    prepared = [prepare(str(g.article), lang=lang if lang != "auto" else (g.lang or "auto")) for g in golds]
    analyses = list(analyzer.analyse(prepared))
    by_text = {a.article.text: a for a in analyses}
    ordered = [by_text[p.extracted.text] for p in prepared]  # analyse() groups by language
    scores = [score(g, a) for g, a in zip(golds, ordered, strict=True)]
    return Evaluation(files=scores, analyses=ordered, total=micro(scores))
