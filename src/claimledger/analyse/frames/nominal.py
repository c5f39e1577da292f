"""Nominal frames: a reporting noun whose genitive is the source.

Constructions read here: "La crainte des éleveurs est que C" / "La principale inquiétude des
agriculteurs est C" (C: what follows the copula), "Telle est la conclusion de chercheurs belges"
(C: the sentence before). The noun's class in `reporting.toml` ([nouns]) sets the status: a fear
or a forecast is speculative, a conclusion is stated.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...lexicon import fold
from ..tokens import feats
from .core import Context, Frame, char_start, content_end, frame_finder, looks_like_source
from .verbs import _previous_sentence


def _genitive(noun: Token) -> tuple[int, int] | None:
    for c in noun.rights:
        if c.dep_ == "nmod" and any(
            k.dep_ == "case" and fold(k.text) in ("de", "d'", "des", "du") for k in c.children
        ):
            start = c.left_edge.i
            while start < c.i and c.doc[start].pos_ == "ADP":
                start += 1
            return (start, c.right_edge.i + 1)
    return None


def _holder(span: Span, ctx: Context) -> bool:
    """Who holds the fear or the conclusion: a source ('des chercheurs', 'du gouvernement') or
    people named by what they do ('des viticulteurs'); not what is feared ('d'une guerre')."""
    if looks_like_source(span, ctx):
        return True
    nouns = [t for t in span if t.pos_ == "NOUN"]
    return (
        bool(nouns)
        and "Plur" in feats(nouns[0], "Number")
        and fold(nouns[0].lemma_).endswith(ctx.lex.agent_suffixes)
    )


def _content(t: Token, source: tuple[int, int], sent: Span, ctx: Context) -> tuple[int, int] | None:
    """What the noun reports: the sentence before ("Telle est / C'est la conclusion de X") or
    what follows the copula ("La crainte de X est que C")."""
    doc = ctx.doc
    pointing = [c for c in (t.head, *t.children) if fold(c.lemma_) in ("tel", "ce", "c'")]
    if pointing and (t.dep_ == "ROOT" or fold(t.head.lemma_) == "tel"):
        return _previous_sentence(sent)
    if t.dep_ != "nsubj" or not (t.head.lemma_ == "être" or any(c.dep_ == "cop" for c in t.head.children)):
        return None
    k = source[1]
    while k < sent.end and (doc[k].lemma_ == "être" or doc[k].pos_ == "ADV" or doc[k].is_punct):
        k += 1
    if k < sent.end and fold(doc[k].text) in ("que", "qu'"):
        k += 1
    if k >= sent.end:
        return None
    return (char_start(doc, k), content_end(sent))


@frame_finder
def nominal_frames(sent: Span, ctx: Context) -> list[Frame]:
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    for t in sent:
        if t.pos_ != "NOUN":
            continue
        cls = lex.noun_class.get(fold(t.lemma_))
        if cls is None:
            continue
        source = _genitive(t)
        if source is None or not _holder(doc[source[0] : source[1]], ctx):
            continue
        content = _content(t, source, sent, ctx)
        if content is None:
            continue
        pointing = content[1] <= sent.start_char  # "Telle est la conclusion de X": the sentence before
        frame = Frame(cls, fold(t.lemma_), (t.i, t.i + 1), source, content, False, construction="nominal")
        frame.writer_voice = pointing
        out.append(frame)
    return out
