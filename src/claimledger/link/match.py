"""Claims that state the same proposition, whatever their wording.

The score is a weighted mean of the evidence a pair has: the words they share, weighted by how
rare the words are (link/terms.py: "crue", "Nasdaq", "présence militaire" say what a claim is
about, "a dit" does not), the closeness of their word vectors (paraphrases: "troupes" and
"militaires"), and, when both have some, the entities they name and the figures they give (same
counted thing, compatible values). Evidence a pair lacks is left out of the mean instead of
counted against it: two claims without figures are not less alike for it. Pairs are scored
inside a story only. A denial is matched like any claim: it contradicts what it denies only when
both state the same proposition, never because they share an entity or a speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Quantity
from .lexicon import link_lexicon
from .records import ClaimRecord
from .terms import cosine as terms_cosine

THRESHOLD = 0.45
COSINE_FLOOR = 0.5  # pairs whose vectors are further apart are not scored (never the same claim)
WEIGHTS = {"terms": 0.5, "vectors": 0.2, "entities": 0.15, "figures": 0.15}


def thing(q: Quantity, lang: str = "fr") -> str | None:
    """What a figure counts, near-synonyms folded ("militaires" and "soldats" are soldiers)."""
    return link_lexicon(lang).thing(q.unit or q.counted)


def event(q: Quantity, lang: str = "fr") -> str | None:
    """What the figure is the figure of, near-synonyms folded ("déployés", "envoyés": sent)."""
    return link_lexicon(lang).event(q.event)


def interval(q: Quantity) -> tuple[float, float]:
    return bounds_interval(q.bound, float(q.value), q.low, q.high)


def bounds_interval(bound: str, v: float, low: float | None, high: float | None) -> tuple[float, float]:
    """The values a figure admits: "environ 3 000" is 2 400-3 600, "au moins 3 000" 3 000-∞."""
    return {
        "exact": (v * 0.95, v * 1.05),
        "about": (v * 0.8, v * 1.2),
        "at_least": (v, float("inf")),
        "more_than": (v, float("inf")),
        "up_to": (0.0, v),
        "less_than": (0.0, v),
        "range": (float(low or v), float(high or v)),
        "vague": (v, float("inf")),
    }.get(bound, (v, v))


def figures_agree(a: list[Quantity], b: list[Quantity], lang: str = "fr") -> float:
    if not a or not b:
        return 0.0
    best = 0.0
    for qa in a:
        for qb in b:
            ta = thing(qa, lang)
            if ta and ta == thing(qb, lang):
                va, vb = float(qa.value), float(qb.value)
                if va and vb and max(va, vb) / min(va, vb) <= 1.2:
                    agree = 1.0  # same figure: "au moins 3 000" ~ "3 000"
                else:
                    (la, ha), (lb, hb) = interval(qa), interval(qb)
                    agree = 0.4 if la <= hb and lb <= ha else 0.2  # compatible, or disagreeing
                best = max(best, agree)
    return best


def score(a: ClaimRecord, b: ClaimRecord, cosine: float) -> float:
    evidence = {"terms": terms_cosine(a.terms, b.terms), "vectors": cosine}
    if a.entities and b.entities:
        evidence["entities"] = len(a.entities & b.entities) / len(a.entities | b.entities)
    if a.quantities and b.quantities:
        evidence["figures"] = figures_agree(a.quantities, b.quantities, a.lang)
    total = sum(WEIGHTS[k] for k in evidence)
    return sum(WEIGHTS[k] * v for k, v in evidence.items()) / total


@dataclass
class Match:
    a: ClaimRecord
    b: ClaimRecord
    score: float


def comparable(a: ClaimRecord, b: ClaimRecord) -> bool:
    """One source repeating itself in one article is not a second claim of anything."""
    return not (a.article_id == b.article_id and a.source_key == b.source_key)


def same_proposition(a: ClaimRecord, b: ClaimRecord, cosine: float) -> Match | None:
    if cosine < COSINE_FLOOR or not comparable(a, b):
        return None
    s = score(a, b, cosine)
    return Match(a, b, s) if s >= THRESHOLD else None
