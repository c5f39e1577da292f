"""Infinitive frames: a reporting verb in the infinitive reports for someone else's subject.

Constructions read here (the parse, not a word list, decides):
- governed: the infinitive is the complement or adjunct of a verb with a subject, and that
  subject speaks: "X a refusé de commenter C", "X finit par concéder : « C »", "X vient de
  confirmer que C", "X a lancé une pétition pour dénoncer C", "X a tenu à préciser que C";
- inverted: after a quotation or a clause, the governor opens an incise and the speaker follows
  the infinitive: "« C », finit par concéder la juge", "C, a tenu à préciser le maire";
- narrative: "Et d'ajouter que C", "Et de regretter que C" opens its sentence with no governor;
  the speaker is the one the article was just quoting (the claims component carries it).
An expletive subject ("il faut rappeler que", "il est difficile de dire si") is nobody, an object
between governor and infinitive ("a empêché des soldats de dénoncer") is who would speak, a negated
governor ("n'a pas voulu commenter") reports nothing, a governor that reports itself ("a
souhaité répondre que") already credits the infinitive as its content, and a first person inside a quotation
("« Nous ne cesserons de dénoncer… »") is the quoted speaker, whose quotation is already a claim.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...lexicon import fold
from ..sources import speaker_like
from ..tokens import feats
from .core import Context, Frame, frame_finder, quote_around
from .verbs import (
    Cue,
    _backward,
    _forward,
    _governing_subject,
    _present_participle,
    _reports_before,
    _speaker_after,
    _subject,
    after_quotation,
    cue_start,
    read_cue,
)

_GOVERNED_DEPS = ("xcomp", "advcl", "ccomp", "obl:arg", "obl:mod", "obl")
_LINKS = ("de", "d'", "à", "par", "pour", "jusqu'", "jusqu'à", "afin")
_NEGATION = ("pas", "jamais", "plus", "guère", "nullement", "point")


def _is_infinitive(v: Token) -> bool:
    return "Inf" in feats(v, "VerbForm")


def _expletive_subject(head: Token, ctx: Context) -> bool:
    """'il faut rappeler que', 'il est difficile de dire': an impersonal "il" is nobody; the
    parser also marks the "il" of a reflexive verb so ("il s'est évertué à dire"), which is not."""
    if not any(c.dep_ == "expl:subj" for c in head.children):
        return False
    reflexive = any(fold(c.text) in ("se", "s'") for c in head.children if c.i < head.i)
    return not reflexive or fold(head.lemma_) in ctx.lex.impersonal_verbs


def _negated_group(head: Token) -> bool:
    """'n'a pas voulu', 'ne cesse pas de': the governor is negated."""
    # 'pas' may hang on the adverb it precedes ("n'a pas encore réussi à montrer")
    adverbs = [c for c in head.children if c.dep_ == "advmod"]
    words = {fold(c.text) for a in adverbs for c in (a, *a.children) if c.dep_ == "advmod"}
    return bool(words & {"ne", "n'"}) and bool(words & set(_NEGATION))


def _asserting(head: Token, ctx: Context) -> bool:
    """A governor whose negation asserts ("n'hésite pas à", "ne manque pas de"), by its lemma or,
    when the lemmatizer missed, by the lemmas its form may have ("manque")."""
    lemmas = [fold(head.lemma_), *ctx.lex.lemma_candidates(fold(head.text))]
    return any(lemma in ctx.lex.asserting_negations for lemma in lemmas)


def _cue_span(v: Token, head: Token) -> int:
    """The cue starts at the governor when only linking words stand between ("a refusé de
    commenter", "finit par concéder"); else at the infinitive ("une pétition pour dénoncer")."""
    if head.i > v.i:
        return cue_start(v)  # "Pour dénoncer C, le syndicat a lancé…": the governor comes after
    between = v.doc[head.i + 1 : v.i]
    if all(
        t.pos_ in ("ADP", "ADV", "PRON", "AUX", "PART")
        or fold(t.text) in _LINKS
        or (t.pos_ == "DET" and t.i == v.i - 1)  # a clitic read as an article: "à la qualifier"
        for t in between
    ):
        return cue_start(head)
    return cue_start(v)


def _object_controlled(v: Token, head: Token) -> bool:
    """'X a empêché des soldats de dénoncer C', 'X pousse les élus à démentir C': with a direct
    object between governor and infinitive, the object does the reporting (if anyone does), not
    the governor's subject."""
    if not any(fold(c.text) in ("de", "d'", "à") for c in v.children if c.i < v.i):
        return False  # "a pris la parole pour raconter C": a purpose, the subject's own
    return any(
        c.dep_ == "obj"
        and head.i < c.i < v.i
        and (c.pos_ == "PROPN" or any(d.dep_ == "det" for d in c.children))  # not "n'a eu de cesse de"
        for c in head.children
    )


def _narrative(v: Token, sent: Span) -> bool:
    """'Et d'ajouter que C': 'de' + infinitive at the head of its sentence, after 'et'/'puis'."""
    if v.head.i != v.i:
        return False
    words = [fold(t.text) for t in sent[: v.i - sent.start]]
    while words and words[0] in ("et", "puis", "avant", "ensuite", "alors", "enfin"):
        words = words[1:]
    return words in (["de"], ["d'"])


@frame_finder
def infinitive_frames(sent: Span, ctx: Context) -> list[Frame]:
    out: list[Frame] = []
    for v in sent:
        if v.pos_ != "VERB" or not _is_infinitive(v):
            continue
        cue = read_cue(v, sent, ctx.lex, ctx.st)
        if cue is None:
            continue
        inverted = _inverted_governed(v, cue, sent, ctx)
        if inverted is not None:
            out.append(inverted)
            continue
        forward = _forward(v, cue, sent, ctx)
        if forward is None:
            continue
        (c_start, c_end), fwd = forward
        if _narrative(v, sent):
            frame = Frame(cue.cls, cue.lemma, (cue.start, cue.end), None, (c_start, c_end), fwd)
            frame.construction, frame.verb, frame.carried = "narrative-infinitive", v.i, True
            out.append(frame)
            continue
        head = v.head
        if head.i == v.i or v.dep_ not in _GOVERNED_DEPS or head.pos_ not in ("VERB", "AUX"):
            continue
        negated = _negated_group(head) and not _asserting(head, ctx)
        if _expletive_subject(head, ctx) or negated or _object_controlled(v, head):
            continue
        if quote_around(ctx.st.quotes, head.idx) is not None and quote_around(ctx.st.quotes, v.idx) is None:
            continue  # a governor inside a quotation that follows: the parse joined two clauses
        governing = read_cue(head, sent, ctx.lex, ctx.st)
        if governing is not None and not governing.incise_only:
            continue  # "a promis de dénoncer C": the governor reports, the infinitive is its content
        if _present_participle(head):
            # "X dénonce C, n'hésitant pas à qualifier…": the subject of the clause it hangs on;
            # a participle the parser gave a subject of its own is a misparse ("Le syndicat
            # critique la réforme, ne manquant pas…" read "critique" as an adjective)
            if any(c.dep_.startswith("nsubj") for c in head.children):
                continue
            speaker = _governing_subject(head, sent, ctx)
        else:
            speaker = _subject(head, sent, ctx, cue_start(head))
        if speaker is None or fold(ctx.doc[speaker[0]].text) in ("qui", "que", "qu'"):
            continue
        first = fold(ctx.doc[speaker[0]].text).lstrip("-")
        if first in ctx.lex.quoted_self and quote_around(ctx.st.quotes, v.idx) is not None:
            continue  # « Nous ne cesserons de dénoncer… »: the quoted speaker, already credited
        frame = Frame(cue.cls, cue.lemma, (_cue_span(v, head), cue.end), speaker, (c_start, c_end), fwd)
        frame.construction, frame.verb, frame.uncertain = "governed-infinitive", v.i, True
        frame.conditional = any("Cnd" in feats(t, "Mood") for t in ctx.doc[frame.cue[0] : v.i + 1])
        out.append(frame)
    return out


def _inverted_governed(v: Token, cue: Cue, sent: Span, ctx: Context) -> Frame | None:
    """'« C », finit par reconnaître la juge': a governor with nothing but linking words before
    its infinitive, no subject of its own, right after a quotation or a clause and a comma; the
    noun phrase after the infinitive speaks, and what stands before the incise is the content."""
    head, doc = v.head, ctx.doc
    if head.i == v.i or v.dep_ not in _GOVERNED_DEPS or head.pos_ not in ("VERB", "AUX") or head.i > v.i:
        return None
    start = _cue_span(v, head)
    if start == cue_start(v) or any(c.dep_.startswith("nsubj") for c in head.children):
        return None
    b = start - 1
    while b > sent.start and doc[b].pos_ == "ADV":
        b -= 1
    if b <= sent.start:
        return None
    before = doc[b]
    after_quote = after_quotation(before, sent, ctx)
    if not after_quote and (
        head.dep_ == "conj" or before.text != "," or not _reports_before(doc, sent, b, ctx)
    ):
        return None  # "Il est arrivé, a refusé de critiquer le maire": the subject's second verb
    if any(t.text.startswith("-") for t in doc[head.i + 1 : v.i]):
        return None  # "pourra-t-on reprocher son meurtre à…": the clitic is the subject
    speaker = _speaker_after(cue.end, sent, ctx)
    if speaker is None or not speaker_like(doc, *speaker, ctx.lex, ctx.st):
        return None
    if speaker[1] < sent.end and not doc[speaker[1]].is_punct:
        return None  # "…, refuse d'en parler, juge que C": a verb the tagger took for a noun
    group = Cue(cue.cls, cue.lemma, start, cue.end, cue.incise_only, cue.learned)
    content = _backward(sent, before, group, ctx)
    if content is None:
        return None
    frame = Frame(
        cue.cls, cue.lemma, (start, cue.end), speaker, content, False, construction="inverted-infinitive"
    )
    frame.verb = v.i
    return frame
