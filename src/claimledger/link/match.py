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
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..model import Quantity
from .lexicon import link_lexicon
from .records import ClaimRecord
from .terms import cosine as terms_cosine

THRESHOLD = 0.45
# two claims in different languages share no words: the multilingual vectors must then be close
# (translations score 0.8-0.9; claims on one topic that say different things 0.4-0.6)
CROSS_LANGUAGE_COSINE = 0.65
VECTOR_BASE = 0.3  # the cosine of two claims about the same topic that say different things
COSINE_FLOOR = 0.5  # pairs whose vectors are further apart are not scored (never the same claim)
WEIGHTS = {"terms": 0.5, "vectors": 0.2, "entities": 0.15, "figures": 0.15}


def thing(q: Quantity, lang: str = "fr") -> str | None:
    """What a figure counts, near-synonyms folded ("militaires" and "soldats" are soldiers)."""
    return link_lexicon(lang).thing(q.unit or q.counted)


def event(q: Quantity, lang: str = "fr") -> str | None:
    """What the figure is the figure of, near-synonyms folded ("déployés", "envoyés": sent)."""
    return link_lexicon(lang).event(q.event)


def interval(q: Quantity) -> tuple[float, float] | None:
    """The values a figure admits; None for a vague one ("des milliers"), which admits no number."""
    if q.value is None:
        return None
    return bounds_interval(q.bound, float(q.value), q.low, q.high)


def bounds_interval(bound: str, v: float, low: float | None, high: float | None) -> tuple[float, float]:
    """The values a figure admits: "environ 3 000" is 2 400-3 600, "au moins 3 000" 3 000-∞. A
    vague figure has no value to place: callers leave it out (it is never compared as a number)."""
    return {
        "exact": (v * 0.95, v * 1.05),
        "about": (v * 0.8, v * 1.2),
        "at_least": (v, float("inf")),
        "more_than": (v, float("inf")),
        "up_to": (0.0, v),
        "less_than": (0.0, v),
        "range": (float(low or v), float(high or v)),
    }.get(bound, (v, v))


def same_words(a: Quantity, b: Quantity) -> bool:
    """Two vague figures in the same words ("des milliers" / "Des milliers")."""
    return " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())


def closeness(cos: Any) -> Any:
    """Sentence-encoder cosines as evidence: claims on one topic already score 0.5-0.6 and
    paraphrases 0.8-0.9, so what counts is the distance above VECTOR_BASE, scaled to 0-1."""
    return np.clip((cos - VECTOR_BASE) / (1.0 - VECTOR_BASE), 0.0, 1.0)


def figures_agree(
    a: list[Quantity], b: list[Quantity], lang: str = "fr", other_lang: str | None = None
) -> float:
    """How far two claims' figures agree. Within one language they must count the same thing
    (linking.toml classes); across two, whose words differ, the same unit and bound stand in
    for it ("au moins 3 000 soldats" / "at least 3,000 soldiers")."""
    if not a or not b:
        return 0.0
    best = 0.0
    across = other_lang is not None and other_lang != lang
    for qa in a:
        for qb in b:
            ta = thing(qa, lang)
            if across:
                same = (
                    qa.unit == qb.unit
                    and qa.bound == qb.bound
                    and (qa.counted is None) == (qb.counted is None)
                )
            else:
                same = bool(ta) and ta == thing(qb, lang)
            if same:
                ia, ib = interval(qa), interval(qb)
                if ia is None or ib is None:
                    # a vague figure ("des milliers") neither agrees nor disagrees with a number:
                    # the same words are the same figure, anything else is only compatible
                    agree = 1.0 if ia is None and ib is None and same_words(qa, qb) else 0.4
                else:
                    va, vb = float(qa.value or 0), float(qb.value or 0)
                    if va and vb and max(va, vb) / min(va, vb) <= 1.2:
                        agree = 1.0  # same figure: "au moins 3 000" ~ "3 000"
                    else:
                        (la, ha), (lb, hb) = ia, ib
                        agree = 0.4 if la <= hb and lb <= ha else 0.2  # compatible, or disagreeing
                best = max(best, agree)
    return best


def score(a: ClaimRecord, b: ClaimRecord, cosine: float) -> float:
    evidence = {"terms": terms_cosine(a.terms, b.terms), "vectors": float(closeness(np.float64(cosine)))}
    if a.entities and b.entities:
        evidence["entities"] = len(a.entities & b.entities) / len(a.entities | b.entities)
    if a.quantities and b.quantities:
        evidence["figures"] = figures_agree(a.quantities, b.quantities, a.lang, b.lang)
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


def score_matrix(
    claims: list[ClaimRecord], vecs: NDArray[np.float32], rows: list[int], block: int = 256
) -> NDArray[np.float32]:
    """`score` of claims[rows] against every claim, computed for all pairs at once (sparse
    products for terms and entities): a story of 20 000 claims scores a new article's claims in
    milliseconds. Pairs that are not comparable, or too far apart, score -1. Rows are scored
    `block` at a time into one float32 matrix: the float64 temporaries of all rows at once took
    17 GB for one article of 16 000 claims."""
    from scipy import sparse

    n = len(claims)
    terms: dict[str, int] = {}
    ents: dict[str, int] = {}
    term_rows: list[int] = []
    term_cols: list[int] = []
    term_vals: list[float] = []
    ent_rows: list[int] = []
    ent_cols: list[int] = []
    for i, c in enumerate(claims):
        for t, weight in c.terms.items():
            term_rows.append(i)
            term_cols.append(terms.setdefault(t, len(terms)))
            term_vals.append(weight)
        for e in c.entities:
            ent_rows.append(i)
            ent_cols.append(ents.setdefault(e, len(ents)))
    P = sparse.csr_matrix((term_vals, (term_rows, term_cols)), shape=(n, max(len(terms), 1)))
    E = sparse.csr_matrix((np.ones(len(ent_rows)), (ent_rows, ent_cols)), shape=(n, max(len(ents), 1)))
    PT, ET = P.T.tocsc(), E.T.tocsc()
    sizes = np.asarray(E.sum(axis=1)).ravel()
    has_e = sizes > 0
    has_q = np.array([bool(c.quantities) for c in claims])
    langs = np.array([c.lang for c in claims])
    voices: dict[tuple[str, str], int] = {}
    voice = np.array([voices.setdefault((c.article_id, c.source_key), len(voices)) for c in claims])
    w = WEIGHTS
    out: NDArray[np.float32] = np.empty((len(rows), n), dtype=np.float32)
    for start in range(0, len(rows), block):
        part = rows[start : start + block]
        cos = (vecs[part] @ vecs.T).astype(np.float64)
        lex = np.asarray((P[part] @ PT).todense())
        inter = np.asarray((E[part] @ ET).todense())
        both_e = has_e[part][:, None] & has_e[None, :]
        union = sizes[part][:, None] + sizes[None, :] - inter
        jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        both_q = has_q[part][:, None] & has_q[None, :]
        # two languages share no words: for such a pair the terms are no evidence either way, and
        # the multilingual vectors, entities and figures decide
        same_lang = langs[part][:, None] == langs[None, :]
        num: NDArray[np.float64] = (
            w["terms"] * lex * same_lang + w["vectors"] * closeness(cos) + w["entities"] * jaccard * both_e
        )
        den: NDArray[np.float64] = (
            w["terms"] * same_lang + w["vectors"] + w["entities"] * both_e + w["figures"] * both_q
        )
        # figures are compared in Python, for the pairs where they can matter (a mean over a
        # proposition's founders counts scores well below the threshold too)
        hopeful = both_q & ((num + w["figures"]) / den >= THRESHOLD / 2)
        for r, j in zip(*np.nonzero(hopeful), strict=True):
            a, b = claims[part[r]], claims[j]
            num[r, j] += w["figures"] * figures_agree(a.quantities, b.quantities, a.lang, b.lang)
        scores = num / den
        # across languages the vectors carry the comparison: a pair they set apart is not one claim
        scores[~same_lang & (cos < CROSS_LANGUAGE_COSINE)] = -1.0
        scores[voice[part][:, None] == voice[None, :]] = -1.0  # one source in one article, itself too
        out[start : start + len(part)] = scores
    return out
