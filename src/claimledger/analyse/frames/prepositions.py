"""Preposition frames: a source introduced by a preposition, with no reporting verb.

Constructions read here: "selon X, C" / "C, selon X" / "C selon X qui …", "d'après X", "de source
policière", "aux yeux de X", "de l'avis de X", "Pour X, C" (only at the start, only when X looks
like a source), "Dans un communiqué de la préfecture, C" (a document opening the sentence). A
source that is a medium or a news agency is marked as a channel: when the sentence also names a
speaker with a verb ("a déclaré X, selon l'AFP"), the speaker is the source.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from ...lexicon import Lexicon, fold
from ..sources import speaker_like
from ..tokens import feats, is_finite
from .core import (
    OPENING_MARKS,
    Context,
    Frame,
    char_end,
    content_end,
    first_word,
    frame_finder,
    last_word,
    looks_like_source,
    np_right,
    quote_around,
    quote_starting,
    with_location,
)


@cache
def _phrase_index(lex: Lexicon) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Source prepositions by their first word, longest first: one dict lookup per token."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in lex.prepositions_anywhere + lex.prepositions_initial:
        words = tuple(phrase.replace("'", "' ").split())
        index.setdefault(words[0], []).append((words, phrase))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _match_phrase(doc: Doc, i: int, end: int, lex: Lexicon) -> tuple[str, int] | None:
    """The longest listed phrase starting at token i, with the index after it."""
    entries = _phrase_index(lex).get(fold(doc[i].text))
    if entries is None:
        return None
    for words, phrase in entries:
        j = i + len(words)
        if j <= end and all(fold(doc[i + n].text) == w for n, w in enumerate(words)):
            return phrase, j
    return None


def is_channel(span: Span, lex: Lexicon) -> bool:
    """'l'AFP', 'le journal Sud Ouest', 'les médias russes': they relay, they are not the speaker."""
    if any(t.text in lex.channel_names for t in span):
        return True
    heads = [t for t in span if t.pos_ == "NOUN"]
    return bool(heads) and fold(heads[0].lemma_) in lex.channel_nouns


@frame_finder
def preposition_frames(sent: Span, ctx: Context) -> list[Frame]:
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    index = _phrase_index(lex)
    if not any(t.lower_.replace("’", "'") in index for t in sent):
        return []  # most sentences cite nobody by a preposition
    opening = first_word(sent)
    i = sent.start
    while i < sent.end:
        hit = _match_phrase(doc, i, sent.end, lex)
        if hit is None or quote_around(ctx.st.quotes, doc[i].idx) is not None:
            i += 1
            continue
        word, cue_end = hit
        initial_only = word not in lex.prepositions_anywhere
        if initial_only and i != opening:
            final = _judgement_credited(sent, ctx, word, i, cue_end)
            if final is not None:
                out.append(final)
            i += 1
            continue
        src_start = cue_end
        if lex.source_kind_of_noun(fold(doc[cue_end - 1].text)) is not None:
            src_start = cue_end - 1  # "de source policière": the noun is part of the source
        if src_start < sent.end and doc[src_start].text in OPENING_MARKS:
            src_start += 1  # 'Selon « cette théorie, …'
        src_end = with_location(doc, src_start, np_right(doc, src_start, sent.end), sent.end, lex)
        if src_end == src_start:
            i += 1
            continue
        after = doc[src_end] if src_end < sent.end else None
        if (
            not initial_only
            and _depends_on(doc, i, sent)
            and not looks_like_source(doc[src_start:src_end], ctx)
        ):
            i += 1  # "varie selon les régions": what a thing depends on, not who says it
            continue
        if initial_only and not (
            after is not None and after.text == "," and looks_like_source(doc[src_start:src_end], ctx)
        ):
            i += 1
            continue
        frame = _place_content(sent, ctx, word, i, cue_end, (src_start, src_end), opening)
        if frame is not None:
            frame.channel = is_channel(doc[src_start:src_end], lex)
            out.append(frame)
        i = src_end
    out.extend(_document_opening(sent, ctx, opening))
    return out


def _depends_on(doc: Doc, i: int, sent: Span) -> bool:
    """Whether the preposition at token i follows its verb with nothing between but adverbs ("le
    ton évolue selon les questions"): there it can say what something depends on. After a comma,
    a noun or at the head of the sentence it credits a source ("Selon le magazine, …")."""
    k = i - 1
    while k > sent.start and doc[k].pos_ == "ADV":
        k -= 1
    # the head of the clause, whatever its tag ("les tarifs changent" read as an adjective)
    return (
        k >= sent.start and (doc[k].pos_ in ("VERB", "AUX") or doc[k].dep_ == "ROOT") and not doc[k].is_punct
    )


def _judgement_credited(sent: Span, ctx: Context, word: str, i: int, cue_end: int) -> Frame | None:
    """'C'est une erreur de calcul, pour le syndicat.': a preposition the lexicon allows at the end
    of a sentence credits what comes before it when that is a judgement (no verb but a copula) and
    the phrase after it, closing the sentence, names someone who can speak. 'Il a acheté un
    cadeau, pour sa mère.' has a verb of its own and credits nobody; 'Une victoire importante,
    pour les Bleus.' says nothing that marks a judgement (a copula or a quotation) and is left alone."""
    doc, lex = ctx.doc, ctx.lex
    if word not in lex.prepositions_final or i == sent.start or doc[i - 1].text != ",":
        return None
    end = np_right(doc, cue_end, sent.end)
    if end <= cue_end or end < last_word(sent) or not looks_like_source(doc[cue_end:end], ctx):
        return None
    if not speaker_like(doc, cue_end, end, lex, ctx.st):
        return None
    start = first_word(sent)
    before = [t for t in doc[start : i - 1] if quote_around(ctx.st.quotes, t.idx) is None]
    finite = [t for t in before if is_finite(t)]
    if any(fold(t.lemma_) != "être" for t in finite):
        return None
    quoted = len(before) < i - 1 - start
    if not finite and not quoted:
        return None  # "Une victoire importante, pour les Bleus.": a beneficiary as likely as a judge
    e = i - 1
    while e > start and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    if e <= start:
        return None
    return Frame(
        "prep",
        word,
        (i, cue_end),
        (cue_end, end),
        (doc[start].idx, char_end(doc, e - 1)),
        False,
        construction="preposition-final",
    )


def _place_content(
    sent: Span, ctx: Context, word: str, i: int, cue_end: int, source: tuple[int, int], opening: int
) -> Frame | None:
    doc = ctx.doc
    src_start, src_end = source
    after = doc[src_end] if src_end < sent.end else None
    if i == opening and after is not None and after.text == ",":
        k = src_end + 1
        if k >= sent.end:
            return None
        q = quote_starting(ctx.st.quotes, doc[k].idx)
        end_char = content_end(sent)
        content = (
            (q.inner_start, q.inner_end)
            if q is not None and q.inner_end >= end_char - 2
            else (doc[k].idx, end_char)
        )
        return Frame("prep", word, (i, cue_end), source, content, True, construction="preposition-initial")
    phrase = _phrase_scope(sent, i, source)
    if phrase is not None:
        return Frame(
            "prep", word, (i, cue_end), source, phrase, False, construction="preposition-phrase", phrase=True
        )
    if after is None or (after.is_punct and src_end >= last_word(sent)) or "Rel" in feats(after, "PronType"):
        # "…, d'après des médias ukrainiens qui citent des sources": the source ends the sentence
        s = opening
        e = i
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if e <= s:
            return None
        return Frame(
            "prep",
            word,
            (i, cue_end),
            source,
            (doc[s].idx, char_end(doc, e - 1)),
            False,
            construction="preposition-final",
        )
    return Frame(
        "prep",
        word,
        (i, cue_end),
        source,
        _clause_of(doc, source, sent),
        False,
        construction="preposition-inside",
    )


def _clause_of(doc: Doc, source: tuple[int, int], sent: Span) -> tuple[int, int]:
    """'…, qui, selon lui, coûte cher aux Français': "selon X" inside a clause credits that clause
    (the verb it hangs on, with its dependents); at sentence level, the sentence."""
    head = doc[source[0] : source[1]].root.head
    start, end = first_word(sent), last_word(sent)
    if head.pos_ in ("VERB", "AUX", "ADJ") and head.dep_ != "ROOT" and sent.start <= head.i < sent.end:
        start, end = max(start, head.left_edge.i), min(end, head.right_edge.i + 1)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    return (doc[start].idx, char_end(doc, end - 1))


def _phrase_scope(sent: Span, i: int, source: tuple[int, int]) -> tuple[int, int] | None:
    """'une coalition créditée de 32 % selon les sondages', 'nés en 1984 selon le parquet,': with
    no comma before it, "selon X" credits the phrase it follows (a noun phrase, or the stretch
    since the last comma when a comma closes it too), not the sentence."""
    doc = sent.doc
    if i == sent.start or doc[i - 1].text == "," or i == first_word(sent):
        return None
    end = source[1]
    closed = end < sent.end and doc[end].text == ","
    head = doc[source[0] : source[1]].root.head
    if head.pos_ in ("NOUN", "NUM", "PROPN") and head.i < i and not head.is_sent_start:
        start = head.left_edge.i
    elif head.dep_ in ("acl", "amod") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < i:
        start = head.head.left_edge.i  # "un parti crédité de 18 % selon un sondage"
    elif closed:
        start = i
        while start > sent.start and doc[start - 1].text != ",":
            start -= 1
        if start == sent.start:
            return None
    else:
        return None
    e = i
    while e > start and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    while start < e and doc[start].pos_ in ("ADP", "PUNCT"):
        start += 1
    if e <= start:
        return None
    return (doc[start].idx, char_end(doc, e - 1))


def _document_opening(sent: Span, ctx: Context, opening: int) -> list[Frame]:
    """'Dans les dernières projections des spécialistes d'ESPN, X occupe…': a document that opens
    the sentence is its source (only kept when no verb in the sentence names a speaker)."""
    doc, lex = ctx.doc, ctx.lex
    if opening >= sent.end or fold(doc[opening].text) not in lex.prepositions_document:
        return []
    end = opening + 1
    while end < sent.end and doc[end].text != "," and end - opening < 16:
        end += 1
    if end >= sent.end - 1 or doc[end].text != ",":
        return []
    heads = [t for t in doc[opening + 1 : end] if t.pos_ == "NOUN"]
    if not heads or lex.source_kind_of_noun(fold(heads[0].lemma_)) != "document":
        return []
    if not looks_like_source(doc[opening + 1 : end], ctx) or not _names_origin(doc[opening + 1 : end], ctx):
        return []
    k = end + 1
    return [
        Frame(
            "prep",
            fold(doc[opening].text),
            (opening, opening + 1),
            (opening + 1, end),
            (doc[k].idx, content_end(sent)),
            True,
            construction="document-initial",
        )
    ]


def _names_origin(span: Span, ctx: Context) -> bool:
    """'ses projections' or 'les projections d'ESPN' say whose document it is; 'dans le détail' not."""
    if ctx.st.entity_in(span.start_char, span.end_char, ("person", "organization", "country")):
        return True
    if any(t.pos_ == "PROPN" for t in span):
        return True
    return any("Yes" in feats(t, "Poss") for t in span)
