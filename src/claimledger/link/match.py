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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..model import Quantity
from .lexicon import link_lexicon
from .records import ClaimRecord
from .terms import concepts
from .terms import cosine as terms_cosine

THRESHOLD = 0.45
# two claims in different languages share no words: the multilingual vectors must then be close
# (translations score 0.8-0.9; claims on one topic that say different things 0.4-0.6)
CROSS_LANGUAGE_COSINE = 0.65
VECTOR_BASE = 0.3  # the cosine of two claims about the same topic that say different things
WEIGHTS = {"terms": 0.5, "vectors": 0.2, "entities": 0.15, "figures": 0.15}
SPELLED = ("place:",)  # entity ids made of a name as written: compared within one language only
# one statement shares more than a word with another in its language: claims that share one
# term ("féministe", "hub", "le temps imparti") are about one theme and say different things,
# however close their vectors. The same predicate about the same arguments shares two pieces at
# least: two terms, or a term and a figure of the same counted thing ("l'euro a baissé de
# 0,87 %" / "le dollar gagnait 0,90 % face à l'euro")
MIN_SHARED = 2
# within one article, two claims are one statement only as two readings of one utterance: their
# spans overlap, or one repeats the other's rare words (REPEAT of the shorter's, a pull quote or a
# standfirst), or one is the headline the other tells. An article's other claims that share
# words are its theme coming back ("le temps imparti", "le féminisme…"), not one statement twice
REPEAT = 0.8
# a repeat repeats a statement: a fragment of two rare words ("des manuels de drague", "les
# propos de X") is found again in half the article without being said twice
REPEAT_LEAST = 3
# the claim that tells a headline holds most of the headline's concepts (TOLD: a headline
# rewords what it tells, "redémarre" / "le redémarrage"); a body claim that shares its theme
# ("la cage", "le droit de manifester") tells something else
TOLD = 0.6


def _compared_entities(a: ClaimRecord, b: ClaimRecord) -> tuple[frozenset[str], frozenset[str]]:
    """The entities two claims compare: all of them in one language; across languages only those
    every language names alike (not the SPELLED ones)."""
    if a.lang == b.lang:
        return a.entities, b.entities
    return (
        frozenset(e for e in a.entities if not e.startswith(SPELLED)),
        frozenset(e for e in b.entities if not e.startswith(SPELLED)),
    )


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
) -> float | None:
    """How far two claims' figures agree. Within one language they must count the same thing
    (linking.toml classes); across two, whose words differ, the same unit and bound stand in
    for it ("au moins 3 000 soldats" / "at least 3,000 soldiers"). None when no figure of one
    counts what a figure of the other counts: figures of different things ("une centaine de
    personnes" / "une centaine d'habitants", "3 départements" / "un mort") are no evidence
    either way, as two claims without figures are not."""
    if not a or not b:
        return None
    best: float | None = None
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
                best = agree if best is None else max(best, agree)
    return best


def shares_enough(ca: frozenset[str], cb: frozenset[str], same_lang: bool, counted: bool) -> bool:
    """Whether two claims share enough to be one statement (MIN_SHARED): their concepts (terms,
    the words of one class folded: link/terms.concepts) and a figure of one counted thing when
    `counted`. Across languages no word is shared: the caller's CROSS_LANGUAGE_COSINE decides."""
    return not same_lang or len(ca & cb) + counted >= MIN_SHARED


def headline(c: ClaimRecord) -> bool:
    """A claim of its article's title: it starts within the title and its words are the title's
    (a page whose text does not open with its title has no headline claim)."""
    title = " ".join((c.title or "").split())
    words = " ".join(c.text.split())
    return bool(title and words) and c.order < len(title) and words in title


@dataclass(frozen=True)
class Bounds:
    """How much pair scoring one story update may do, so that linking one article costs about
    what its claims bring, never their square. An update scoring `rows` claims against a story of
    `n` is one dense matrix (exact) while rows x n <= `dense_cells`; beyond, each claim is scored
    against candidates only (`score_pairs`), and a claim with more than `matches` matches acts on
    its best ones. On ordinary articles no bound is reached: the caps decide only for an article of
    thousands of near-identical claims, where any of them is as good as another."""

    dense_cells: int = 4_000_000
    pairs: int = 1_000_000  # candidate pairs of one update, spread over its rows...
    min_candidates: int = 256  # ...but at least this many for each row
    matches: int = 64  # best matches of one claim that set flags and place it
    group_sample: int = 64  # members of a proposition compared when two may merge
    cross_columns: int = 4096  # claims of other languages one claim is compared with, at most


BOUNDS = Bounds()


class _Features:
    """The story's claims as sparse term, concept (B) and entity matrices (and their postings),
    with what the gates read (article, span, headline), shared by every scoring path (`one`,
    `_finish`) so that they all compute the same number."""

    def __init__(self, claims: list[ClaimRecord], vecs: NDArray[np.float32]) -> None:
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
        self.claims, self.vecs = claims, vecs
        self.P = sparse.csr_matrix((term_vals, (term_rows, term_cols)), shape=(n, max(len(terms), 1)))
        self.E = sparse.csr_matrix(
            (np.ones(len(ent_rows)), (ent_rows, ent_cols)), shape=(n, max(len(ents), 1))
        )
        self.PT, self.ET = self.P.T.tocsc(), self.E.T.tocsc()
        # which concepts a claim has (its terms, one class's words folded): products count what
        # two claims share (shares_enough)
        known: dict[str, int] = {}
        con_rows: list[int] = []
        con_cols: list[int] = []
        self.concept_sets = [concepts(c.terms, c.lang) for c in claims]
        for i, c in enumerate(claims):
            for k in sorted(self.concept_sets[i]):
                con_rows.append(i)
                con_cols.append(known.setdefault(f"{c.lang}:{k}", len(known)))
        self.B = sparse.csr_matrix(
            (np.ones(len(con_rows)), (con_rows, con_cols)), shape=(n, max(len(known), 1))
        )
        self.BT = self.B.T.tocsc()
        self.sizes = np.asarray(self.E.sum(axis=1)).ravel()
        # across languages, the entities every language names alike: a place's id is its name
        # as written ("place:koursk", "place:kursk"), a country's or a person's is not
        spelled = np.zeros(self.E.shape[1], dtype=bool)
        for e, col in ents.items():
            spelled[col] = e.startswith(SPELLED)
        self.Ex = self.E[:, ~spelled].tocsr()
        self.ExT = self.Ex.T.tocsc()
        self.sizes_x = np.asarray(self.Ex.sum(axis=1)).ravel()
        self.has_q = np.array([bool(c.quantities) for c in claims], dtype=bool)
        arts: dict[str, int] = {}
        self.article = np.array([arts.setdefault(c.article_id, len(arts)) for c in claims], dtype=np.int64)
        self.start = np.array([c.order for c in claims], dtype=np.int64)
        self.end = self.start + np.array([len(c.text) for c in claims], dtype=np.int64)
        self.headline = np.array([headline(c) for c in claims], dtype=bool)
        self.question = np.array([c.question for c in claims], dtype=bool)
        self.concepts = np.asarray(self.B.sum(axis=1)).ravel()
        self.langs = np.array([c.lang for c in claims])
        voices: dict[tuple[str, str], int] = {}
        self.voice = np.array(
            [voices.setdefault((c.article_id, c.source_key), len(voices)) for c in claims], dtype=np.int64
        )
        # claims giving the same figures in one language compare alike: figures_agree is asked
        # once per pair of such groups (an article repeating its figures costs their number)
        sigs: dict[tuple[Any, ...], int] = {}
        self.figures = [sigs.setdefault((c.lang, *map(_figure_key, c.quantities)), len(sigs)) for c in claims]
        self._agree: dict[tuple[int, int], float | None] = {}

    def agree(self, i: int, j: int) -> float | None:
        """figures_agree of claims i and j, remembered by their figures."""
        key = (self.figures[i], self.figures[j])
        if key not in self._agree:
            a, b = self.claims[i], self.claims[j]
            self._agree[key] = figures_agree(a.quantities, b.quantities, a.lang, b.lang)
        return self._agree[key]

    def one(self, i: int, j: int) -> float:
        """The score of one pair, in plain Python (a pair a proposition's founders ask for): the
        formula of `_finish`, term for term."""
        if self.voice[i] == self.voice[j]:
            return -1.0
        w = WEIGHTS
        a, b = self.claims[i], self.claims[j]
        cos = float(self.vecs[i] @ self.vecs[j])
        same_lang = a.lang == b.lang
        ea, eb = _compared_entities(a, b)
        both_e = bool(ea and eb)
        both_q = bool(self.has_q[i] and self.has_q[j])
        inter = len(ea & eb)
        union = float(len(ea) + len(eb) - inter)
        jaccard = inter / union if union > 0 else 0.0
        near = min(max((cos - VECTOR_BASE) / (1.0 - VECTOR_BASE), 0.0), 1.0)
        num = w["terms"] * terms_cosine(a.terms, b.terms) * same_lang + w["vectors"] * near
        num += w["entities"] * jaccard * both_e
        den = w["terms"] * same_lang + w["vectors"] + w["entities"] * both_e + w["figures"] * both_q
        counted = False
        if both_q and (num + w["figures"]) / den >= THRESHOLD / 2:
            agree = self.agree(i, j)
            if agree is None:
                den -= w["figures"]  # figures of different things: no evidence
            else:
                num += w["figures"] * agree
                counted = True
        if not same_lang and cos < CROSS_LANGUAGE_COSINE:
            return -1.0
        ca, cb = self.concept_sets[i], self.concept_sets[j]
        if not shares_enough(ca, cb, same_lang, counted) or not self.one_utterance(i, j):
            return -1.0
        if self.question[i] or self.question[j]:
            return -1.0
        return num / den

    def one_utterance(self, i: int, j: int) -> bool:
        """Within one article: whether two claims are readings of one utterance (overlapping
        spans), one repeats the other (REPEAT of the shorter one's concepts), or one is the
        headline the other tells; the formula `_finish` applies in arrays. Claims of two articles
        always may be one statement."""
        if self.article[i] != self.article[j]:
            return True
        if self.start[i] < self.end[j] and self.start[j] < self.end[i]:
            return True  # records.overlapping, from the arrays
        ca, cb = self.concept_sets[i], self.concept_sets[j]
        if self.headline[i] != self.headline[j] and len(ca & cb) >= TOLD * len(
            ca if self.headline[i] else cb
        ):
            return True  # the claim that tells the headline
        least = min(len(ca), len(cb))
        return least >= max(MIN_SHARED, REPEAT_LEAST) and len(ca & cb) >= REPEAT * least

    def postings(self) -> tuple[Any, Any]:
        """Claims by term and by entity (column-major, claim indices ascending)."""
        if not hasattr(self, "_postings"):
            pc, ec = self.P.tocsc(), self.E.tocsc()
            pc.sort_indices()
            ec.sort_indices()
            self._postings = (pc, ec)
        return self._postings


def _finish(
    f: _Features,
    pi: NDArray[np.intp],
    pj: NDArray[np.intp],
    cos: NDArray[np.float64],
    lex: NDArray[np.float64],
    shared: tuple[NDArray[np.float64], NDArray[np.float64]],
    words: NDArray[np.float64],
) -> NDArray[np.float64]:
    """The weighted mean of the evidence of pairs (pi[k], pj[k]) (any shape, broadcast), from
    their vector cosines, lexical products, shared entities and shared concepts (`words`): the
    one formula of `score_matrix`, `score_pairs` and `_Features.one`. A pair scores -1 when it
    cannot be one statement: one voice, two languages whose vectors are far apart, fewer than
    MIN_SHARED pieces in common, two utterances of one article (`one_utterance`), a question."""
    w = WEIGHTS
    # two languages share no words: for such a pair the terms are no evidence either way, and
    # the multilingual vectors, entities (those not spelled per language) and figures decide
    same_lang = f.langs[pi] == f.langs[pj]
    inter = np.where(same_lang, shared[0], shared[1])  # entities shared, all or unspelled
    size_i = np.where(same_lang, f.sizes[pi], f.sizes_x[pi])
    size_j = np.where(same_lang, f.sizes[pj], f.sizes_x[pj])
    both_e = (size_i > 0) & (size_j > 0)
    union = size_i + size_j - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    both_q = f.has_q[pi] & f.has_q[pj]
    num: NDArray[np.float64] = (
        w["terms"] * lex * same_lang + w["vectors"] * closeness(cos) + w["entities"] * jaccard * both_e
    )
    den: NDArray[np.float64] = (
        w["terms"] * same_lang + w["vectors"] + w["entities"] * both_e + w["figures"] * both_q
    )
    # figures are compared in Python, for the pairs where they can matter (a mean over a
    # proposition's founders counts scores well below the threshold too)
    hopeful = both_q & ((num + w["figures"]) / den >= THRESHOLD / 2)
    bi, bj = np.broadcast_arrays(pi, pj)
    pieces = np.array(words, dtype=np.float64)  # shared terms, and a figure of one counted thing
    # (a pair that is not hopeful stays below THRESHOLD without its figures' weight too)
    for at in zip(*np.nonzero(hopeful), strict=True):
        agree = f.agree(int(bi[at]), int(bj[at]))
        if agree is None:
            den[at] -= w["figures"]  # figures of different things: no evidence
        else:
            num[at] += w["figures"] * agree
            pieces[at] += 1
    scores = num / den
    # across languages the vectors carry the comparison: a pair they set apart is not one claim
    scores[~same_lang & (cos < CROSS_LANGUAGE_COSINE)] = -1.0
    scores[same_lang & (pieces < MIN_SHARED)] = -1.0  # one theme, not one statement
    # within one article: one utterance read twice, a repeat, or a headline and its telling
    # (`_Features.one_utterance`, pair by pair)
    overlap = (f.start[pi] < f.end[pj]) & (f.start[pj] < f.end[pi])
    least = np.minimum(f.concepts[pi], f.concepts[pj])
    repeat = (least >= max(MIN_SHARED, REPEAT_LEAST)) & (words >= REPEAT * least)
    told = (f.headline[pi] != f.headline[pj]) & (
        words >= TOLD * np.where(f.headline[pi], f.concepts[pi], f.concepts[pj])
    )
    scores[(f.article[pi] == f.article[pj]) & ~(overlap | repeat | told)] = -1.0
    scores[f.question[pi] | f.question[pj]] = -1.0  # a question states nothing to be one with
    scores[f.voice[pi] == f.voice[pj]] = -1.0  # one source in one article, itself too
    return scores


def _dense(f: _Features, part: list[int]) -> NDArray[np.float64]:
    """Scores of claims[part] against every claim of the story."""
    pi = np.asarray(part, dtype=np.intp)[:, None]
    pj = np.arange(len(f.claims), dtype=np.intp)[None, :]
    cos = (f.vecs[part] @ f.vecs.T).astype(np.float64)
    lex = np.asarray((f.P[part] @ f.PT).todense())
    inter = np.asarray((f.E[part] @ f.ET).todense(), dtype=np.float64)
    inter_x = np.asarray((f.Ex[part] @ f.ExT).todense(), dtype=np.float64)
    words = np.asarray((f.B[part] @ f.BT).todense(), dtype=np.float64)
    return _finish(f, pi, pj, cos, lex, (inter, inter_x), words)


def _pairs(f: _Features, pi: NDArray[np.intp], pj: NDArray[np.intp]) -> NDArray[np.float64]:
    """Scores of the pairs (pi[k], pj[k]) alone: cost in the pairs, not in the story."""
    out = np.empty(len(pi), dtype=np.float64)
    step = 32_768
    for at in range(0, len(pi), step):
        a, b = pi[at : at + step], pj[at : at + step]
        cos = np.einsum("ij,ij->i", f.vecs[a], f.vecs[b]).astype(np.float64)
        lex = np.asarray(f.P[a].multiply(f.P[b]).sum(axis=1), dtype=np.float64).ravel()
        inter = np.asarray(f.E[a].multiply(f.E[b]).sum(axis=1), dtype=np.float64).ravel()
        inter_x = np.asarray(f.Ex[a].multiply(f.Ex[b]).sum(axis=1), dtype=np.float64).ravel()
        words = np.asarray(f.B[a].multiply(f.B[b]).sum(axis=1), dtype=np.float64).ravel()
        out[at : at + len(a)] = _finish(f, a, b, cos, lex, (inter, inter_x), words)
    return out


def score_matrix(
    claims: list[ClaimRecord], vecs: NDArray[np.float32], rows: list[int], block: int = 256
) -> NDArray[np.float32]:
    """The score of claims[rows] against every claim, computed for all pairs at once (sparse
    products for terms, concepts and entities). Pairs that cannot be one statement score -1
    (`_finish`).
    Rows are scored a block at a time (at most a million cells) into one float32 matrix: the
    float64 temporaries of all rows at once took 17 GB for one article of 16 000 claims. Its
    size is rows x claims: linking calls it only within `Bounds.dense_cells` (`score_pairs`)."""
    f = _Features(claims, vecs)
    return _dense_rows(f, rows, block)


def _dense_rows(
    f: _Features, rows: list[int], block: int = 256, tick: Callable[[list[int]], None] | None = None
) -> NDArray[np.float32]:
    n = len(f.claims)
    block = max(1, min(block, 1_000_000 // max(n, 1)))
    out: NDArray[np.float32] = np.empty((len(rows), n), dtype=np.float32)
    for start in range(0, len(rows), block):
        part = rows[start : start + block]
        out[start : start + len(part)] = _dense(f, part)
        if tick is not None:
            tick(part)
    return out


class PairScores:
    """The scores of the claims being placed (rows) against the story's claims: a dense matrix
    when it is small, else each row's candidates (`score_pairs`), any other pair scored when it
    is asked for, with the same formula. `get(i, j)` is the score of row claim i with claim j."""

    def __init__(
        self,
        f: _Features,
        rows: list[int],
        dense: NDArray[np.float32] | None,
        cols: list[NDArray[np.intp]] | None = None,
        vals: list[NDArray[np.float32]] | None = None,
    ) -> None:
        self.f = f
        self.row_of = {i: r for r, i in enumerate(rows)}
        self.dense, self.cols, self.vals = dense, cols, vals
        self._asked: dict[tuple[int, int], float] = {}

    def __contains__(self, i: int) -> bool:
        return i in self.row_of

    def keep_apart(self, pairs: set[tuple[int, int]]) -> None:
        """Pairs a reviewer detached (link/apart.py) score 0: never a match, whatever they share."""
        for i, j in pairs:
            r = self.row_of.get(i)
            if r is None:
                continue
            if self.dense is not None:
                self.dense[r, j] = 0.0
            elif self.cols is not None and self.vals is not None:
                at = int(np.searchsorted(self.cols[r], j))
                if at < len(self.cols[r]) and self.cols[r][at] == j:
                    self.vals[r][at] = 0.0
            self._asked[(i, j)] = 0.0

    def get(self, i: int, j: int) -> float:
        r = self.row_of[i]
        if self.dense is not None:
            return float(self.dense[r, j])
        assert self.cols is not None and self.vals is not None
        cols = self.cols[r]
        at = int(np.searchsorted(cols, j))
        if at < len(cols) and cols[at] == j:
            return float(self.vals[r][at])
        if (i, j) not in self._asked:
            self._asked[(i, j)] = self.f.one(i, j)
        return self._asked[(i, j)]

    def above(self, i: int, threshold: float) -> tuple[list[int], list[float]]:
        """The claims row claim i scores at least `threshold` with, ascending, and the scores."""
        r = self.row_of[i]
        if self.dense is not None:
            cols = np.nonzero(self.dense[r] >= threshold)[0]
            return cols.tolist(), self.dense[r, cols].astype(np.float64).tolist()
        assert self.cols is not None and self.vals is not None
        keep = self.vals[r] >= threshold
        return self.cols[r][keep].tolist(), self.vals[r][keep].astype(np.float64).tolist()


def score_pairs(
    claims: list[ClaimRecord],
    vecs: NDArray[np.float32],
    rows: list[int],
    bounds: Bounds = BOUNDS,
    tick: Callable[[list[int]], None] | None = None,
) -> PairScores:
    """claims[rows] scored against the story's claims at a cost that grows with the rows, not
    with their product: the dense matrix while it is small, else candidates by blocking. Within
    one language a pair that shares no term and no entity cannot reach THRESHOLD (vectors and
    figures alone weigh at most SHARED_FREE_MAX), so a claim's candidates are the claims sharing
    one of its terms or entities (postings, link/terms.py profiles), and across languages the
    claims whose vectors are close (CROSS_LANGUAGE_COSINE). Each row keeps at most
    max(min_candidates, pairs / rows) candidates, the ones sharing most (then nearest in linking
    order); a long posting gives that many, nearest in linking order. `tick(part)` is called after
    each block of rows (the linker's clock)."""
    f = _Features(claims, vecs)
    n = len(claims)
    if len(rows) * n <= bounds.dense_cells:
        return PairScores(f, rows, _dense_rows(f, rows, tick=tick))
    cap = max(bounds.min_candidates, bounds.pairs // max(len(rows), 1))
    pc, ec = f.postings()
    weight_e = WEIGHTS["entities"] / WEIGHTS["terms"]
    langs = sorted(set(f.langs.tolist()))
    others = {x: np.nonzero(f.langs != x)[0] for x in langs} if len(langs) > 1 else {}
    cols: list[NDArray[np.intp]] = []
    vals: list[NDArray[np.float32]] = []
    block = 512
    for start in range(0, len(rows), block):
        part = rows[start : start + block]
        found = [_candidates(f, pc, ec, i, cap, weight_e) for i in part]
        if others:
            _across(f, part, others, found, cap, bounds.cross_columns)
        sizes = [len(c) for c in found]
        pi = np.repeat(np.asarray(part, dtype=np.intp), sizes)
        pj = np.concatenate(found) if found else np.zeros(0, dtype=np.intp)
        scores = _pairs(f, pi, pj).astype(np.float32)
        at = 0
        for c, k in zip(found, sizes, strict=True):
            cols.append(c)
            vals.append(scores[at : at + k])
            at += k
        if tick is not None:
            tick(part)
    return PairScores(f, rows, None, cols, vals)


def _candidates(f: _Features, pc: Any, ec: Any, i: int, cap: int, weight_e: float) -> NDArray[np.intp]:
    """The claims sharing a term or an entity with claim i (ascending), at most `cap`: those whose
    shared terms and entities weigh most, then the nearest in linking order."""
    pieces: list[NDArray[np.intp]] = []
    gains: list[NDArray[np.float64]] = []
    for rows_of, post, scale in ((f.P, pc, 1.0), (f.E, ec, weight_e)):
        lo, hi = rows_of.indptr[i], rows_of.indptr[i + 1]
        for key, w in zip(rows_of.indices[lo:hi].tolist(), rows_of.data[lo:hi].tolist(), strict=True):
            a, b = int(post.indptr[key]), int(post.indptr[key + 1])
            if b - a > cap:  # a generic key: the claims nearest in linking order
                at = a + int(np.searchsorted(post.indices[a:b], i))
                a = min(max(at - cap // 2, a), b - cap)
                b = a + cap
            pieces.append(post.indices[a:b])
            gains.append(post.data[a:b] * (w * scale))
    if not pieces:
        return np.zeros(0, dtype=np.intp)
    cand, inverse = np.unique(np.concatenate(pieces), return_inverse=True)
    gain = np.bincount(inverse, weights=np.concatenate(gains), minlength=len(cand))
    mine = cand != i
    cand, gain = cand[mine], gain[mine]
    if len(cand) > cap:
        best = np.lexsort((cand, np.abs(cand - i), -gain))[:cap]
        cand = np.sort(cand[best])
    return cand.astype(np.intp)


def _across(
    f: _Features,
    part: list[int],
    others: dict[str, NDArray[np.intp]],
    found: list[NDArray[np.intp]],
    cap: int,
    most: int,
) -> None:
    """Add to each row's candidates the claims in other languages whose vectors are close enough
    to be the same claim (at most `cap`, the closest), among at most `most` of them (the nearest
    in linking order)."""
    idx = np.asarray(part, dtype=np.intp)
    for lang, pool in others.items():
        mine = np.nonzero(f.langs[idx] == lang)[0]
        if not len(mine) or not len(pool):
            continue
        if len(pool) > most:
            at = int(np.searchsorted(pool, idx[mine[len(mine) // 2]]))
            lo = min(max(at - most // 2, 0), len(pool) - most)
            pool = pool[lo : lo + most]
        cos = f.vecs[idx[mine]] @ f.vecs[pool].T
        for k, row in zip(mine.tolist(), cos, strict=True):
            close = np.nonzero(row >= CROSS_LANGUAGE_COSINE)[0]
            if len(close) > cap:
                close = close[np.argsort(-row[close], kind="stable")[:cap]]
            if len(close):
                found[k] = np.union1d(found[k], pool[close]).astype(np.intp)


def _figure_key(q: Quantity) -> tuple[Any, ...]:
    """What figures_agree reads of a figure."""
    return (q.unit, q.counted, q.event, q.value, q.bound, q.low, q.high, " ".join(q.text.lower().split()))


# The most a pair sharing no term and no entity can score within one language: vectors and
# figures at their best. Blocking on terms and entities is exact while it stays below THRESHOLD.
SHARED_FREE_MAX = (WEIGHTS["vectors"] + WEIGHTS["figures"]) / (
    WEIGHTS["terms"] + WEIGHTS["vectors"] + WEIGHTS["figures"]
)
