"""Claims that state the same proposition, whatever their wording.

Score = 0.55 x cosine of claim vectors + 0.25 x overlap of the entities named in the claims
+ 0.20 x agreement of their figures (same counted thing, compatible values). Word vectors alone
put "3 000 soldats nord-coréens sont en Russie" near any sentence about North Korean soldiers;
the entities ("Pyongyang" = "nord-coréens" = country:KP) and the figure (3 000 soldats ~ 3 000
militaires) are what tie a paraphrase to its proposition. Pairs are scored inside a story only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..model import Quantity
from .records import ClaimRecord

THRESHOLD = 0.72
SYNONYMS = {
    "militaire": "soldat",
    "troupe": "soldat",
    "combattant": "soldat",
    "mort": "victime",
    "tué": "victime",
    "décès": "victime",
}


def thing(q: Quantity) -> str | None:
    """What a figure counts, with near-synonyms folded ("militaires" and "soldats" are soldiers)."""
    name = q.unit or q.counted
    return SYNONYMS.get(name, name) if name else None


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
    }[bound]


def figures_agree(a: list[Quantity], b: list[Quantity]) -> float:
    if not a or not b:
        return 0.0
    best = 0.0
    for qa in a:
        for qb in b:
            if thing(qa) and thing(qa) == thing(qb):
                va, vb = float(qa.value), float(qb.value)
                if va and vb and max(va, vb) / min(va, vb) <= 1.2:
                    agree = 1.0  # same figure: "au moins 3 000" ~ "3 000"
                else:
                    (la, ha), (lb, hb) = interval(qa), interval(qb)
                    agree = 0.4 if la <= hb and lb <= ha else 0.2  # compatible, or disagreeing
                best = max(best, agree)
    return best


@dataclass
class Match:
    a: ClaimRecord
    b: ClaimRecord
    score: float

    @property
    def strong(self) -> bool:
        """Same proposition (corroboration, brief grouping); weaker links only feed denials."""
        return self.score >= THRESHOLD


DENIAL_THRESHOLD = 0.5


def score(a: ClaimRecord, b: ClaimRecord, cosine: float) -> float:
    ea, eb = a.entities, b.entities
    if a.status == "denied" or b.status == "denied":
        # "Pyongyang a démenti toute présence militaire": who denies is part of what is denied
        ea = ea | {a.source_entity} if a.source_entity else ea
        eb = eb | {b.source_entity} if b.source_entity else eb
    ents = len(ea & eb) / len(ea | eb) if ea | eb else 0.0
    return 0.55 * cosine + 0.25 * ents + 0.20 * figures_agree(a.quantities, b.quantities)


def match_claims(claims: list[ClaimRecord], vectors: NDArray[np.float32]) -> list[Match]:
    """Linked pairs among a story's claims: strong ones state the same proposition; pairs where
    one side is a denial are kept from the lower DENIAL_THRESHOLD, since denials are terse."""
    if len(claims) < 2:
        return []
    sims = vectors @ vectors.T
    out = []
    floor = (DENIAL_THRESHOLD - 0.45) / 0.55  # below this cosine no pair can reach a threshold
    rows, cols = np.nonzero(np.triu(sims >= floor, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = claims[i], claims[j]
        if a.article_id == b.article_id and a.source_key == b.source_key:
            continue  # one source repeating itself in one article is not a second claim
        s = score(a, b, float(sims[i, j]))
        denial = (a.status == "denied") != (b.status == "denied")
        if s >= THRESHOLD or (denial and s >= DENIAL_THRESHOLD):
            out.append(Match(a, b, s))
    return out
