"""What the cue model sees of a token: its meaning and its place in the sentence, not its spelling.

A reporting cue is an open class: journalists write "gronde", "s'agace", "tacle", "ose", "nuance"
as often as "dit". What tells a cue is (1) what the word means, taken from the lemma's static
vector in the language's spaCy model, so an unseen verb of saying lies near the seen ones, and (2)
how it stands: an inverted subject after a quotation and a comma, a "-t-il" clitic, a clausal
complement opened by "que", a colon or a quotation mark after it, its tense and mood, a source-like
subject (a person, an organisation, a pronoun). The lexicon's class is one feature among these, so
the model can both admit a verb the lexicon lacks and doubt a listed verb used in another sense
("les termes évoquent des choses").

Features are strings (a sparse bag) plus the dense vector; the model file maps strings to weights,
so the same function serves training (training/train_cues.py) and analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.tokens import Doc, Token

from ...lexicon import Lexicon, fold
from ..state import DocState
from ..tokens import feats

CANDIDATE_POS = frozenset({"VERB"})
_QUOTE_OPEN = {"«", "“", '"', "‹"}
_QUOTE_CLOSE = {"»", "”", '"', "›"}
_CLAUSE_DEPS = (
    "ccomp",
    "xcomp",
    "obj",
    "iobj",
    "obl",
    "obl:agent",
    "obl:arg",
    "obl:mod",
    "nsubj",
    "nsubj:pass",
)


@dataclass
class TokenFeatures:
    """One candidate token: sparse feature names and the dense meaning vectors (the verb's
    lemma, then its subject's head: who does the act tells a report from a deed)."""

    i: int
    names: list[str]
    vector: np.ndarray


def is_candidate(tok: Token) -> bool:
    """Tokens the model scores: verbs, and reporting verbs the tagger read as something else
    ("dément" as an adverb, "demande" as a noun) are left to the lexicon."""
    return tok.pos_ in CANDIDATE_POS


def _dims(tok: Token) -> int:
    vectors = tok.doc.vocab.vectors
    return int(vectors.shape[1]) if vectors.shape[0] else 0


_UNIT: dict[tuple[int, str], np.ndarray | None] = {}  # (vocab, word) -> unit vector, or None


def _unit(tok: Token, key: str) -> np.ndarray | None:
    vocab = tok.doc.vocab
    cached = _UNIT.get((id(vocab), key), False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    vec = None
    if vocab.has_vector(key):
        raw = np.asarray(vocab.get_vector(key), dtype=np.float32)
        norm = float(np.linalg.norm(raw))
        vec = raw / norm if norm > 0 else None
    _UNIT[(id(vocab), key)] = vec
    return vec


def lemma_vector(tok: Token | None, dims: int) -> np.ndarray:
    """The lemma's static vector, unit length (the word's own when the lemma has none); zeros
    when the model has no vector for either, or there is no token. Memoised per word: the
    vectors table is read-only."""
    if tok is None or not dims:
        return np.zeros(dims, dtype=np.float32)
    for key in (tok.lemma_.lower(), tok.lower_):
        vec = _unit(tok, key)
        if vec is not None:
            return vec
    return np.zeros(dims, dtype=np.float32)


def speaker_head(tok: Token) -> Token | None:
    """The head of who would be speaking: the verb's subject, else (an infinitive or a
    participle) its governor's, else the noun phrase right after an inverted verb."""
    for verb in (tok, tok.head):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
        if subjects:
            return subjects[0]
        if verb.head.i == verb.i:
            break
    doc = tok.doc
    j = tok.i + 1
    while j < tok.sent.end and doc[j].pos_ in ("ADV", "PRON", "ADP", "DET", "PUNCT") and j - tok.i < 4:
        j += 1
    if j < tok.sent.end and doc[j].pos_ in ("NOUN", "PROPN"):
        return doc[j]
    return None


@dataclass
class _Layout:
    """Where the quotations lie, token by token, read once per document: the features of every
    verb ask it, and scanning the quotations for each token is quadratic in a long sentence."""

    quoted: list[bool]  # inside a quotation's words
    quote_before: list[bool]  # a quotation opened earlier in the sentence
    quote_after: list[bool]  # a quotation opens here or later in the sentence

    @classmethod
    def of(cls, doc: Doc, st: DocState) -> _Layout:
        n = len(doc)
        if not n:
            return cls([], [], [])
        arr = doc.to_array([IDX, ORTH, SENT_START])  # uint64: string hashes use all 64 bits
        idx, orth = arr[:, 0].astype(np.int64), arr[:, 1]
        quoted = np.zeros(n, dtype=bool)
        for q in st.quotes:
            quoted |= (idx >= q.inner_start) & (idx < q.inner_end)
        opening = np.isin(orth, np.array([doc.vocab.strings.add(m) for m in _QUOTE_OPEN], dtype=np.uint64))
        starts = np.flatnonzero(arr[:, 2] == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate([[0], starts])
        sent_of = np.searchsorted(starts, np.arange(n), side="right") - 1
        first = starts[sent_of]  # each token's sentence start
        seen = np.concatenate([[0], np.cumsum(quoted | opening)])  # marks strictly before i: seen[i]
        before = seen[np.arange(n)] - seen[first] > 0
        ends = np.concatenate([starts[1:], [n]])[sent_of]  # each token's sentence end
        opens = np.concatenate([[0], np.cumsum(opening)])
        after = opens[ends] - opens[np.arange(n)] > 0
        return cls(quoted.tolist(), before.tolist(), after.tolist())


def _source_like(tok: Token, st: DocState, lex: Lexicon) -> str:
    """What kind of phrase a subject is: a name, a pronoun, a noun the lexicon knows as a source."""
    if tok.pos_ == "PRON" or fold(tok.text) in lex.pronoun_kinds:
        return "pron"
    span = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    if st.entity_in(span.start_char, span.end_char, ("person",)):
        return "person"
    if st.entity_in(span.start_char, span.end_char, ("organization", "country")):
        return "org"
    if tok.pos_ == "PROPN":
        return "propn"
    if tok.pos_ == "NOUN":
        kind = lex.source_kind_of_noun(fold(tok.lemma_))
        return f"noun-{kind}" if kind else "noun"
    return "other"


def _lexicon_class(tok: Token, lex: Lexicon) -> str:
    lemma = fold(tok.lemma_)
    for cand in (lemma, *lex.lemma_candidates(fold(tok.text))):
        if cand in lex.verb_class:
            return lex.verb_class[cand]
        if cand in lex.incise_class:
            return "incise-" + lex.incise_class[cand]
        if cand in lex.reflexive or cand in lex.multiword:
            return "phrase"
    return "none"


def token_features(tok: Token, st: DocState, lex: Lexicon, layout: _Layout | None = None) -> TokenFeatures:
    doc = tok.doc
    layout = layout or _Layout.of(doc, st)
    sent = tok.sent
    names = [
        f"dep={tok.dep_}",
        f"head_pos={tok.head.pos_ if tok.head.i != tok.i else 'ROOT'}",
        f"head_dep={tok.head.dep_}",
        f"lex={_lexicon_class(tok, lex)}",
    ]
    for feat in ("VerbForm", "Tense", "Mood", "Person", "Number", "Voice"):
        for value in feats(tok, feat):
            names.append(f"{feat}={value}")
    deps = {c.dep_ for c in tok.children}
    names.extend(
        f"child={d}"
        for d in sorted(deps)
        if d.split(":")[0] in {x.split(":")[0] for x in _CLAUSE_DEPS}
        or d in ("aux", "aux:pass", "aux:tense", "mark", "expl:comp", "expl:pv", "advmod", "cop")
    )
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")]
    for s in subjects:
        side = "right" if s.i > tok.i else "left"
        names.append(f"subj_{side}={_source_like(s, st, lex)}")
    if not subjects:
        names.append("subj=none")
    for c in tok.children:
        if c.dep_ == "ccomp":
            if any(fold(m.text) in ("que", "qu'") for m in c.children if m.dep_ == "mark"):
                names.append("ccomp_que")
            if layout.quoted[c.i]:
                names.append("ccomp_quoted")
        if c.dep_ == "obj" and c.pos_ in ("PRON",):
            names.append("obj_pron")
    # the words right around the verb group
    prev = doc[tok.i - 1] if tok.i > sent.start else None
    nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
    nxt2 = doc[tok.i + 2] if tok.i + 2 < sent.end else None
    left = tok.i - 1
    while left >= sent.start and (doc[left].pos_ in ("AUX", "ADV", "PRON") or doc[left].text == "-t"):
        left -= 1
    before = doc[left] if left >= sent.start else None
    if before is None:
        names.append("group_initial")
    else:
        if before.text == ",":
            names.append("after_comma")
            if before.i > sent.start and doc[before.i - 1].text in _QUOTE_CLOSE:
                names.append("after_quote_comma")
        elif before.text in _QUOTE_CLOSE:
            names.append("after_quote")
        elif before.text in (":", ";", "(", "—", "–"):
            names.append(f"after_punct={before.text}")
        elif before.pos_ == "SCONJ" or fold(before.text) in ("que", "qu'"):
            names.append("after_que")
        elif fold(before.text) in lex.comparison_words:
            names.append("after_comparison")
    for t in (nxt, nxt2):
        if t is None:
            continue
        if t.text.startswith("-") and fold(t.text) in lex.inverted_pronouns:
            names.append("clitic_after")
        if fold(t.text) in ("que", "qu'", "qu"):
            names.append("que_after")
        if t.text == ":":
            names.append("colon_after")
        if t.text in _QUOTE_OPEN:
            names.append("quote_after")
    if nxt is not None and nxt.text in (",", "."):
        names.append(f"then_{'comma' if nxt.text == ',' else 'stop'}")
    if (
        nxt is not None
        and nxt.pos_ in ("DET", "PROPN")
        and (prev is None or prev.text in (",", *_QUOTE_CLOSE))
    ):
        names.append("np_after_incise")
    if layout.quoted[tok.i]:
        names.append("in_quote")
    if layout.quote_before[tok.i]:
        names.append("quote_before_in_sentence")
    if layout.quote_after[tok.i]:
        names.append("quote_after_in_sentence")
    reflexive = any(c.dep_.startswith("expl") or fold(c.text) in ("se", "s'") for c in tok.children)
    if reflexive:
        names.append("reflexive")
    if tok.text[:1].isupper() and tok.i > sent.start:
        names.append("capitalised")
    if tok.i > 0 and fold(doc[tok.i - 1].text) == "en":
        names.append("gerund")
    # conjunctions a linear model cannot make itself: the classic frames
    lex_known = not names[3].endswith("=none")
    if "after_quote_comma" in names or "after_quote" in names:
        names.append("incise&" + ("known" if lex_known else "unknown"))
    if "ccomp_que" in names or "que_after" in names:
        names.append("que&" + ("known" if lex_known else "unknown"))
    if "colon_after" in names or "quote_after" in names:
        names.append("colon&" + ("known" if lex_known else "unknown"))
    speaker = speaker_head(tok)
    if speaker is not None and speaker.i not in {c.i for c in subjects}:
        names.append(f"speaker={_source_like(speaker, st, lex)}")
    names.append("bias")
    dims = _dims(tok)
    vector = np.concatenate([lemma_vector(tok, dims), lemma_vector(speaker, dims)])
    return TokenFeatures(i=tok.i, names=names, vector=vector)


def doc_features(doc: Doc, st: DocState, lex: Lexicon) -> list[TokenFeatures]:
    layout = _Layout.of(doc, st)
    return [token_features(t, st, lex, layout) for t in doc if is_candidate(t)]
