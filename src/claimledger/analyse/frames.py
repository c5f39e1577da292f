"""Reporting frames: a cue, who it credits, and where the reported content lies.

Each finder reads one construction and is registered in FRAME_FINDERS, so a new construction is a
new function, not a new branch: verb frames ("X a confirmé que", "a été confirmée par X",
"affirme X", "ajoute-t-il", "X a déclaré : « … »") and preposition frames ("selon X",
"d'après X", "Pour X, « … »").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, fold
from .quotes import quote_at
from .sources import trim_tokens
from .state import DocState, QuoteSpan, text_of
from .tokens import feats

CLOSING_MARKS = {"»", "”", '"', "›"}
_CLAUSE_BREAK_POS = {"PUNCT", "SCONJ", "VERB", "AUX"}


@dataclass
class Frame:
    cls: str  # lexicon class ("say", "confirm", ..., "prep" for selon)
    lemma: str
    cue: tuple[int, int]  # token range of the cue
    source: tuple[int, int] | None  # token range of the source phrase, None = inherited
    content: tuple[int, int]  # character range of the reported content
    forward: bool  # content follows the cue (and may be cut by the next frame)
    negated: bool = False
    conditional: bool = False


@dataclass
class Context:
    doc: Doc
    lex: Lexicon
    st: DocState


FrameFinder = Callable[[Span, Context], list[Frame]]
FRAME_FINDERS: list[FrameFinder] = []


def frame_finder(func: FrameFinder) -> FrameFinder:
    FRAME_FINDERS.append(func)
    return func


def find_frames(sent: Span, ctx: Context) -> list[Frame]:
    frames = [f for finder in FRAME_FINDERS for f in finder(sent, ctx)]
    frames.sort(key=lambda f: f.cue[0])
    return frames


# -- helpers ---------------------------------------------------------------------------------


def _content_end(sent: Span) -> int:
    """End of a sentence's text without final punctuation and spaces."""
    end = sent.end
    doc = sent.doc
    while end > sent.start and (doc[end - 1].is_space or doc[end - 1].text in {".", "!", "?", ";", "…"}):
        end -= 1
    return doc[end - 1].idx + len(doc[end - 1].text) if end > sent.start else sent.start_char


def _char_start(doc: Doc, i: int) -> int:
    return doc[i].idx


def _char_end(doc: Doc, i: int) -> int:
    return doc[i].idx + len(doc[i].text)


def _quote_starting(quotes: list[QuoteSpan], char: int, slack: int = 2) -> QuoteSpan | None:
    for q in quotes:
        if char <= q.start <= char + slack:
            return q
    return None


def _quote_ending(quotes: list[QuoteSpan], char: int, slack: int = 2) -> QuoteSpan | None:
    for q in quotes:
        if char - slack <= q.end <= char:
            return q
    return None


def _np_right(doc: Doc, i: int, limit: int) -> int:
    """End (exclusive) of the noun phrase starting at token i, stopping at a clause break."""
    j = i
    while j < limit and j - i < 14:
        tok = doc[j]
        if tok.is_space or (tok.pos_ in _CLAUSE_BREAK_POS and tok.text not in ("-", "'", "’")):
            if not (
                tok.pos_ == "PUNCT"
                and tok.text in ("-", ".")
                and j + 1 < limit
                and doc[j + 1].pos_ == "PROPN"
            ):
                break
        if tok.text in CLOSING_MARKS or tok.text in ("«", "“") or "Rel" in feats(tok, "PronType"):
            break
        j += 1
    return j


def _np_left(doc: Doc, i: int, floor: int) -> int:
    """Start of the noun phrase that ends just before token i (for subjects the parser missed)."""
    j = i
    while j > floor:
        tok = doc[j - 1]
        if tok.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM") or (
            tok.pos_ == "ADP" and fold(tok.text) in ("de", "d'", "du", "des")
        ):
            j -= 1
            continue
        break
    span = doc[j:i]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return i
    # only a phrase that opens its clause can be a subject ("Bien que Pyongyang ait nié")
    opener = doc[j - 1] if j > floor else None
    if opener is not None and not (
        opener.is_punct or opener.pos_ in ("SCONJ", "CCONJ") or fold(opener.text) in ("que", "qu'")
    ):
        return i
    while j < i and doc[j].pos_ == "ADP":
        j += 1
    return j


# -- verb frames -----------------------------------------------------------------------------


def _verb_read_as_noun(v: Token) -> bool:
    """A reporting verb the tagger read as something else: 'Un message leur demande de…'
    ('demande' a noun with a subject), 'La Corée du Nord dément toujours l'envoi…' ('dément' an
    adverb) — a capitalised subject before it and an object or 'que' after it."""
    if v.pos_ == "NOUN" and v.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in v.children):
        return True
    if v.pos_ not in ("NOUN", "ADV", "ADJ") or v.i == 0 or v.i + 1 >= len(v.doc):
        return False
    prev, nxt = v.doc[v.i - 1], v.doc[v.i + 1]
    while nxt.pos_ == "ADV" and nxt.i + 1 < len(v.doc):
        nxt = v.doc[nxt.i + 1]
    return prev.pos_ == "PROPN" and (nxt.pos_ == "DET" or fold(nxt.text) in ("que", "qu'"))


def _infinitive(v: Token) -> bool:
    """'question de relever le seuil', 'pourrait dire': an infinitive reports nothing yet."""
    return "Inf" in feats(v, "VerbForm")


def _adjectival(v: Token) -> bool:
    """'de manière répétée', 'une alliance décrite comme…': a participle used as an adjective."""
    return v.dep_ in ("acl", "amod") and "Part" in feats(v, "VerbForm") and "Past" in feats(v, "Tense")


def _verb_class(tok: Token, lex: Lexicon) -> tuple[str | None, str, int]:
    lemma = fold(tok.lemma_)
    if lemma not in lex.verb_class:
        lemma = next((c for c in lex.lemma_candidates(fold(tok.text)) if c in lex.verb_class), lemma)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None:
        two = f"{lemma} {fold(nxt.lemma_)}"
        if two in lex.verb_class:
            return lex.verb_class[two], two, tok.i + 2
        two = f"{lemma} {fold(nxt.text)}"
        if two in lex.verb_class:
            return lex.verb_class[two], two, tok.i + 2
    return lex.verb_class.get(lemma), lemma, tok.i + 1


def _cue_start(v: Token) -> int:
    """Start the cue at its auxiliary when adjacent ("a confirmé", "a récemment confirmé")."""
    start = v.i
    auxes = [c for c in v.lefts if c.dep_.startswith("aux")]
    if auxes:
        first = min(a.i for a in auxes)
        between = v.doc[first + 1 : v.i]
        if all(t.pos_ in ("ADV", "AUX") and not t.text.startswith("-") for t in between):
            start = first
    return start


def _is_inverted_pronoun(tok: Token, lex: Lexicon) -> bool:
    return fold(tok.text) in lex.inverted_pronouns


@frame_finder
def verb_frames(sent: Span, ctx: Context) -> list[Frame]:
    doc, lex, quotes = ctx.doc, ctx.lex, ctx.st.quotes
    out: list[Frame] = []
    for v in sent:
        if v.pos_ != "VERB" and not _verb_read_as_noun(v):
            continue
        cls, lemma, cue_end = _verb_class(v, lex)
        if cls is None or quote_at(quotes, v.idx) is not None or _adjectival(v) or _infinitive(v):
            continue
        cue_start = _cue_start(v)
        negated = any(fold(c.text) in lex.modality.get("negation", ()) for c in v.children if c.i < v.i + 2)
        conditional = any("Cnd" in feats(t, "Mood") for t in doc[cue_start : v.i + 1])
        if any(c.dep_ == "aux:pass" for c in v.children):
            # "a été confirmée par X" credits X; "est signalé" with no agent credits nobody
            frame = _passive(v, sent, ctx, cls, lemma, cue_start, cue_end)
        else:
            frame = _active(v, sent, ctx, cls, lemma, cue_start, cue_end)
        if frame is not None:
            frame.negated = negated
            frame.conditional = conditional
            out.append(frame)
    return out


def _passive(
    v: Token, sent: Span, ctx: Context, cls: str, lemma: str, cue_start: int, cue_end: int
) -> Frame | None:
    if not any(c.dep_ == "aux:pass" for c in v.children):
        return None
    agents = [c for c in v.children if c.dep_ == "obl:agent"]
    if not agents:
        return None
    agent = agents[0]
    start = agent.left_edge.i
    end = agent.right_edge.i + 1
    for c in agent.rights:
        if c.dep_ in ("acl:relcl", "acl"):
            end = min(end, c.left_edge.i)
    while start < end and fold(ctx.doc[start].text) == "par":
        start += 1
    subjects = [c for c in v.children if c.dep_ in ("nsubj:pass", "nsubj")]
    if subjects:
        subj = subjects[0]
        c_start = subj.left_edge.i
        c_end = subj.i + 1
        for c in subj.rights:
            if c.dep_ not in ("acl:relcl", "punct"):
                c_end = max(c_end, c.right_edge.i + 1)
            else:
                break
    else:
        c_start, c_end = sent.start, cue_start
    c_start, c_end = trim_tokens(ctx.doc, c_start, c_end)
    if c_start >= c_end:
        return None
    return Frame(
        cls=cls,
        lemma=lemma,
        cue=(cue_start, cue_end),
        source=(start, end),
        content=(_char_start(ctx.doc, c_start), _char_end(ctx.doc, c_end - 1)),
        forward=False,
    )


def _subject(v: Token, sent: Span, ctx: Context, cue_start: int) -> tuple[int, int] | None:
    doc, lex = ctx.doc, ctx.lex
    # inverted clitic: "a-t-il ajouté", "confie-t-il"
    for tok in doc[max(sent.start, cue_start - 3) : min(v.i + 3, sent.end)]:
        if _is_inverted_pronoun(tok, lex):
            return (tok.i, tok.i + 1)
    subjects = [
        c for c in v.children if c.dep_ in ("nsubj", "expl:subj") and fold(c.text) not in ("qui", "que")
    ]
    if subjects:
        start = max(
            min(s.left_edge.i for s in subjects), _clause_start(doc, min(s.i for s in subjects), sent.start)
        )
        end = max(s.right_edge.i for s in subjects) + 1
        for s in subjects:
            for c in s.rights:
                if c.dep_ == "acl:relcl":
                    end = min(end, c.left_edge.i)
        if end > cue_start and start < cue_start:
            end = cue_start
        return (_after_embedded_clause(doc, start, end), end)
    rel = [c for c in v.children if c.dep_ == "nsubj" and fold(c.text) == "qui"]
    if rel and v.dep_ == "acl:relcl":
        start = v.head.left_edge.i
        while start < rel[0].i and doc[start].pos_ == "ADP":
            start += 1
        return (start, rel[0].i)
    return None


def _after_embedded_clause(doc: Doc, start: int, end: int) -> int:
    """A subject never holds a finite verb of its own: when the parser swallowed one ("que ces
    affirmations sont des rumeurs, des vidéos montrent"), keep what follows the last break."""
    finite = [
        t.i
        for t in doc[start:end]
        if t.pos_ in ("VERB", "AUX")
        and "Fin" in feats(t, "VerbForm")
        and t.dep_ != "acl:relcl"
        and t.head.dep_ != "acl:relcl"
    ]
    if not finite:
        return start
    for j in range(end - 1, finite[-1], -1):
        if doc[j].text in (",", ";") or fold(doc[j].text) in ("que", "qu'"):
            return j + 1
    return start


def _clause_start(doc: Doc, head: int, floor: int) -> int:
    """First token after the last clause break (comma, que, conjunction) before a subject head."""
    j = head
    while j > floor:
        prev = doc[j - 1]
        if prev.text in (",", ";", ":") or prev.pos_ == "SCONJ" or fold(prev.text) in ("que", "qu'"):
            break
        j -= 1
    return j


def _active(
    v: Token, sent: Span, ctx: Context, cls: str, lemma: str, cue_start: int, cue_end: int
) -> Frame | None:
    doc, quotes = ctx.doc, ctx.st.quotes
    source = _subject(v, sent, ctx, cue_start)
    k = cue_start  # step back over "a-t-il", "a ainsi" to what precedes the whole verb group
    while k > sent.start and (
        doc[k - 1].pos_ in ("AUX", "ADV")
        or doc[k - 1].text == "-t"
        or _is_inverted_pronoun(doc[k - 1], ctx.lex)
    ):
        k -= 1
    before = doc[k - 1] if k > sent.start else None
    is_participle = "Part" in feats(v, "VerbForm") and "Pres" in feats(v, "Tense")
    after_quote = before is not None and (
        before.text in CLOSING_MARKS
        or (before.text == "," and before.i > sent.start and doc[before.i - 1].text in CLOSING_MARKS)
    )
    # after a comma the speaker follows the verb only when no subject precedes it:
    # "Le secrétaire…, Lloyd Austin, a confirmé" has its subject on the left
    left_subject = source is not None and source[0] < cue_start
    inverted_position = (
        not is_participle
        and before is not None
        and (after_quote or (before.text == "," and not left_subject))
    )
    if inverted_position and (source is None or source[0] < cue_start):
        # "« … », assure l'ambassadeur": after a quote or comma the speaker follows the verb
        k = cue_end
        while k < sent.end and doc[k].pos_ == "ADV":
            k += 1
        if (
            k < sent.end
            and doc[k].pos_ in ("DET", "PROPN", "NOUN")
            and not _is_inverted_pronoun(doc[k], ctx.lex)
        ):
            end = _np_right(doc, k, sent.end)
            if any(t.pos_ in ("NOUN", "PROPN") for t in doc[k:end]):
                source = (k, end)

    if source is None:
        if is_participle or v.dep_ == "conj":
            source = None  # inherited from the frame before it
        elif inverted_position and cue_end < sent.end and doc[cue_end].pos_ == "PROPN":
            source = (cue_end, _np_right(doc, cue_end, sent.end))
        else:
            left = _np_left(doc, cue_start, sent.start)
            if left == cue_start:
                return None
            source = (left, cue_start)
        if source is None and not (is_participle or v.dep_ == "conj"):
            return None

    # what follows the cue
    j = cue_end
    while j < sent.end and (
        doc[j].pos_ == "ADV" or _is_inverted_pronoun(doc[j], ctx.lex) or doc[j].text == "-t"
    ):
        j += 1
    nxt = doc[j] if j < sent.end else None
    end_char = _content_end(sent)
    if nxt is not None and fold(nxt.text) in ("que", "qu'") and j + 1 < sent.end:
        return Frame(cls, lemma, (cue_start, cue_end), source, (doc[j + 1].idx, end_char), True)
    if nxt is not None and nxt.text == ":":
        k = j + 1
        if k < sent.end:
            q = _quote_starting(quotes, doc[k].idx)
            if q is not None and q.end <= sent.end_char + 1:
                return Frame(cls, lemma, (cue_start, cue_end), source, (q.inner_start, q.inner_end), False)
            return Frame(cls, lemma, (cue_start, cue_end), source, (doc[k].idx, end_char), True)
    if inverted_position and before is not None and source is not None:
        # content precedes: "« … », affirme X" / "…, a-t-il ajouté"
        s = sent.start
        while s < cue_start and (doc[s].is_space or doc[s].is_punct):
            s += 1
        q = _quote_ending(quotes, before.idx + (1 if before.text == "," else 0), slack=3)
        if q is not None and q.start >= sent.start_char:
            lead = text_of(doc)[sent.start_char : q.start].strip()
            if not lead or lead.endswith(":"):  # the quote is all of it (or follows a label)
                return Frame(cls, lemma, (cue_start, cue_end), source, (q.inner_start, q.inner_end), False)
        if s < cue_start - 1:
            return Frame(cls, lemma, (cue_start, cue_end), source, (doc[s].idx, before.idx), False)
    if (
        nxt is not None
        and not nxt.is_punct
        and nxt.pos_ in ("DET", "NOUN", "PROPN", "ADP", "NUM", "PRON", "ADJ")
    ):
        if source is not None and source[0] > cue_start:
            return None
        return Frame(cls, lemma, (cue_start, cue_end), source, (nxt.idx, end_char), True)
    return None


# -- preposition frames ----------------------------------------------------------------------


@frame_finder
def preposition_frames(sent: Span, ctx: Context) -> list[Frame]:
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    first_word = sent.start
    while first_word < sent.end and (doc[first_word].is_space or doc[first_word].pos_ in ("CCONJ", "PUNCT")):
        first_word += 1
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        word = fold(tok.text)
        cue_end = i + 1
        if word in ("d'", "de") and i + 1 < sent.end and fold(doc[i + 1].text) in ("après", "source"):
            word = f"{word}{'' if word.endswith(chr(39)) else ' '}{fold(doc[i + 1].text)}"
            cue_end = i + 2
        initial = i == first_word and word in lex.prepositions_initial
        if word not in lex.prepositions_anywhere and not initial:
            i += 1
            continue
        if quote_at(ctx.st.quotes, tok.idx) is not None:
            i += 1
            continue
        src_end = _np_right(doc, cue_end, sent.end)
        if src_end == cue_end:
            i += 1
            continue
        after = doc[src_end] if src_end < sent.end else None
        if initial and not (
            after is not None and after.text == "," and _looks_like_source(doc[cue_end:src_end], ctx)
        ):
            i += 1
            continue
        lemma = word
        if i == first_word and after is not None and after.text == ",":
            k = src_end + 1
            if k < sent.end:
                q = _quote_starting(ctx.st.quotes, doc[k].idx)
                end_char = _content_end(sent)
                if q is not None and q.inner_end >= end_char - 2:
                    content = (q.inner_start, q.inner_end)
                else:
                    content = (doc[k].idx, end_char)
                out.append(Frame("prep", lemma, (i, cue_end), (cue_end, src_end), content, True))
        elif (
            after is None
            or (after.is_punct and src_end >= _last_word(sent))
            or "Rel" in feats(after, "PronType")
        ):
            # "…, d'après des médias ukrainiens qui citent des sources": the source ends the sentence
            s = sent.start
            while s < i and (doc[s].is_space or doc[s].is_punct):
                s += 1
            e = i
            while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            if e > s:
                out.append(
                    Frame(
                        "prep",
                        lemma,
                        (i, cue_end),
                        (cue_end, src_end),
                        (doc[s].idx, _char_end(doc, e - 1)),
                        False,
                    )
                )
        else:
            s = sent.start
            while s < sent.end and (doc[s].is_space or doc[s].is_punct):
                s += 1
            out.append(
                Frame(
                    "prep", lemma, (i, cue_end), (cue_end, src_end), (doc[s].idx, _content_end(sent)), False
                )
            )
        i = src_end
    return out


def _last_word(sent: Span) -> int:
    end = sent.end
    while end > sent.start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
        end -= 1
    return end


def _looks_like_source(span: Span, ctx: Context) -> bool:
    """'Pour Joshua Zarka, …' credits a source; 'Pour la première fois, …' does not."""
    if len(span) == 1 and fold(span[0].text) in ctx.lex.pronoun_kinds:
        return True
    if ctx.st.entity_in(span.start_char, span.end_char, ("person", "organization", "country")):
        return True
    if any(t.pos_ == "PROPN" for t in span):
        return True
    return any(
        t.pos_ == "NOUN"
        and ctx.lex.source_kind_of_noun(fold(t.lemma_)) in ("anonymous", "organization", "group")
        for t in span
    )
