"""What every frame finder shares: the Frame it returns, the registry, and token helpers.

A frame is one act of reporting found in a sentence: its cue (token range), who it credits (token
range, or None when it inherits the speaker of the frame it depends on) and where the reported
content lies (character range). Finders are plain functions registered with `@frame_finder`, one
per construction family, so a new construction is a new function, not a new branch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...lexicon import Lexicon, fold
from ..sources import names_people
from ..state import DocState, QuoteSpan
from ..tokens import feats

CLOSING_MARKS = {"»", "”", '"', "›"}
OPENING_MARKS = {"«", "“", '"', "‹"}
FINAL_PUNCT = {".", "!", "?", ";", "…"}
_CLAUSE_BREAK_POS = {"PUNCT", "SCONJ", "VERB", "AUX"}
# prepositions that end a speaker's noun phrase ("le ministre devant la presse"); "de" does not
# ("le ministre de l'Intérieur")
_NP_ENDING_ADP = {
    "à", "au", "aux", "en", "dans", "lors", "après", "avant", "devant", "pendant", "sur", "par",
    "pour", "avec", "depuis", "dès", "vers", "chez", "face", "auprès", "sans", "selon",
}  # fmt: skip


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
    construction: str = ""  # which finder read it, for --errors and tests
    verb: int | None = None  # token of the reporting verb, to tell nested frames from siblings
    channel: bool = False  # the source only relays ("selon l'AFP"): yields to a speaker inside
    phrase: bool = False  # credits one phrase ("32 % selon les sondages"), not the sentence
    # the content is in the writer's words ("C. Telle est la conclusion de X"): a conditional
    # there is the writer's reserve, not the source's hypothesis
    writer_voice: bool = False
    # the speaker is the one the article was quoting before ("Et d'ajouter que C")
    carried: bool = False
    # the cue is not certain (admitted by the cue model, or an infinitive whose governor could
    # be any verb): its source must name someone who can speak (sources.speaker_like)
    uncertain: bool = False


@dataclass
class Context:
    doc: Doc
    lex: Lexicon
    st: DocState


FrameFinder = Callable[[Span, Context], list[Frame]]
# finders per dependency scheme: a finder reads the labels of one family of parsers ("ud" for
# Universal Dependencies, "clear" for ClearNLP's); a language's data names its parser's scheme
FRAME_FINDERS: dict[str, list[FrameFinder]] = {}


def frame_finder_for(scheme: str) -> Callable[[FrameFinder], FrameFinder]:
    def register(func: FrameFinder) -> FrameFinder:
        FRAME_FINDERS.setdefault(scheme, []).append(func)
        return func

    return register


frame_finder = frame_finder_for("ud")


def find_frames(sent: Span, ctx: Context) -> list[Frame]:
    frames = [f for finder in FRAME_FINDERS.get(ctx.lex.parse_scheme, ()) for f in finder(sent, ctx)]
    frames.sort(key=lambda f: f.cue[0])
    return frames


# -- characters and sentences ------------------------------------------------------------------


def char_start(doc: Doc, i: int) -> int:
    return doc[i].idx


def char_end(doc: Doc, i: int) -> int:
    return doc[i].idx + len(doc[i].text)


def content_end(sent: Span) -> int:
    """End of a sentence's text without final punctuation and spaces."""
    doc = sent.doc
    end = last_word(sent)
    return char_end(doc, end - 1) if end > sent.start else sent.start_char


def last_word(sent: Span) -> int:
    """Token index after the last token that is not final punctuation, a closing mark or a space."""
    doc = sent.doc
    end = sent.end
    while end > sent.start and (doc[end - 1].is_space or doc[end - 1].text in FINAL_PUNCT):
        end -= 1
    return end


def first_word(sent: Span) -> int:
    doc = sent.doc
    i = sent.start
    while i < sent.end and (doc[i].is_space or doc[i].pos_ in ("CCONJ", "PUNCT")):
        i += 1
    return i


# -- quotations ----------------------------------------------------------------------------------


def quote_starting(quotes: list[QuoteSpan], char: int, slack: int = 2) -> QuoteSpan | None:
    for q in quotes:
        if char <= q.start <= char + slack:
            return q
    return None


def quote_ending(quotes: list[QuoteSpan], char: int, slack: int = 2) -> QuoteSpan | None:
    for q in quotes:
        if char - slack <= q.end <= char:
            return q
    return None


def quote_around(quotes: list[QuoteSpan], char: int) -> QuoteSpan | None:
    for q in quotes:
        if q.start < char < q.end:
            return q
        if q.start > char:
            break
    return None


# -- noun phrases ----------------------------------------------------------------------------------


def np_right(doc: Doc, i: int, limit: int) -> int:
    """End (exclusive) of the noun phrase starting at token i: it stops at a clause break, a
    quotation mark, a relative pronoun or a preposition that opens an adjunct ("devant la presse",
    "à l'AFP"), but keeps names with initials and hyphens ("Joshua L. Zarka")."""
    j = i
    while j < limit and j - i < 14:
        tok = doc[j]
        surname = (  # "Benoist Apparu" with the surname read as a verb: still the name
            j > i
            and tok.pos_ == "VERB"
            and tok.text[:1].isupper()
            and tok.text[1:].islower()
            and doc[j - 1].pos_ == "PROPN"
        )
        if tok.text in OPENING_MARKS and j > i and doc[j - 1].pos_ in ("ADP", "DET"):
            close = _title_close(doc, j, limit)
            if close is not None:
                # "le réalisateur de « Merci Patron »": a title is its noun; "un « gilet jaune »
                # de Rouen": a quoted noun after its article is the noun, marks and all
                j = close + 1
                continue
        if tok.is_space or (
            tok.pos_ in _CLAUSE_BREAK_POS and tok.text not in ("-", "'", "’") and not surname
        ):
            if not (
                tok.pos_ == "PUNCT"
                and tok.text in ("-", ".")
                and j + 1 < limit
                and doc[j + 1].pos_ == "PROPN"
            ):
                break
        if tok.text in CLOSING_MARKS or tok.text in OPENING_MARKS or "Rel" in feats(tok, "PronType"):
            break
        if j > i and tok.pos_ == "ADP" and fold(tok.text) in _NP_ENDING_ADP and not _inside_name(doc, j, i):
            break
        if j > i and doc[j - 1].text.endswith(".") and tok.text[:1].isupper() and tok.pos_ != "PROPN":
            break  # "la capitaine L. Les habitants…": after an initial, a new sentence
        j += 1
    return j


def _title_close(doc: Doc, j: int, limit: int) -> int | None:
    """The closing mark of a short title quoted from token j ("« Merci Patron »"): at most five
    words, no finite verb, no clause punctuation."""
    for k in range(j + 1, min(limit, j + 7)):
        tok = doc[k]
        if tok.text in CLOSING_MARKS:
            return k if k > j + 1 else None
        if "Fin" in feats(tok, "VerbForm") or tok.text in (",", ";", ":", ".", "?", "!"):
            return None  # a clause, not a title ("« Terre brûlée »" has a participle at most)
    return None


def _inside_name(doc: Doc, j: int, i: int) -> bool:
    """A preposition inside a name the recogniser read as one ('l'Organisation internationale pour
    les migrations', 'la Ligue des droits de l'homme') belongs to the name, not to an adjunct."""
    return (
        doc[j].ent_iob_ == "I"
        and doc[j].ent_type_ in ("ORG", "PER", "PERSON")
        and doc[j - 1].ent_iob_ in ("B", "I")
    )


def with_location(doc: Doc, start: int, end: int, limit: int, lex: Lexicon) -> int:
    """'une source à la préfecture', 'un diplomate au sein de l'Union': an unnamed source keeps the
    place that locates it (np_right stops before the preposition)."""
    heads = [t for t in doc[start:end] if t.pos_ == "NOUN"]
    if not heads or end >= limit or lex.source_kind_of_noun(fold(heads[-1].lemma_)) != "anonymous":
        return end
    if fold(doc[end].text) not in ("à", "au", "aux", "dans", "chez", "auprès", "proche", "au sein"):
        return end
    stop = np_right(doc, end + 1, limit)
    return stop if stop > end + 1 else end


def np_left(doc: Doc, i: int, floor: int) -> int:
    """Start of the noun phrase that ends just before token i (for subjects the parser missed)."""
    j = i
    while j > floor:
        tok = doc[j - 1]
        if (
            tok.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
            or (tok.pos_ == "X" and tok.text[:1].isupper())
            or (tok.pos_ == "ADP" and fold(tok.text) in ("de", "d'", "du", "des"))
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


def is_inverted_pronoun(tok: Token, lex: Lexicon) -> bool:
    return fold(tok.text) in lex.inverted_pronouns


def skip_insertions(doc: Doc, j: int, end: int, lex: Lexicon) -> int:
    """Step over adverbs, inverted pronouns and "-t" after a verb ("a-t-il ensuite ajouté")."""
    while j < end and (doc[j].pos_ == "ADV" or is_inverted_pronoun(doc[j], lex) or doc[j].text == "-t"):
        j += 1
    return j


def negative_subject(verb: Token, lex: Lexicon) -> bool:
    """'Personne ne croit que C', 'No one believes C': a subject that negates its verb (the words
    are data per language: `negative_subjects`), so nobody reports C."""
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    return any(fold(w.text) in lex.negative_subjects for s in subjects for w in (s, *s.children))


def looks_like_source(span: Span, ctx: Context) -> bool:
    """'Pour Joshua Zarka, …' credits a source; 'Pour la première fois, …' does not."""
    nouns = any(t.pos_ in ("NOUN", "PROPN") for t in span)
    if (len(span) == 1 or not nouns) and fold(span[-1].text) in ctx.lex.pronoun_kinds:
        return True  # "il", "d'autres", "un autre": words for people with no noun
    if ctx.st.entity_in(span.start_char, span.end_char, ("person", "organization", "country")):
        return True
    if any(t.pos_ == "PROPN" or (t.pos_ == "X" and t.text[:1].isupper()) for t in span):
        return True  # a name, or a foreign one the tagger could not read ("The Boston Globe")
    if any(
        t.pos_ == "NOUN" and t.text[:1].isupper() and t.i > span.start and span.doc[t.i - 1].pos_ == "DET"
        for t in span
    ):
        return True  # a title the tagger read as a common noun: "écrit Le Télégramme", "la Cour"
    return any(
        t.pos_ == "NOUN"
        and (
            # "vague" holds nouns that are documents with a definite determiner ("le rapport")
            ctx.lex.source_kind_of_noun(fold(t.lemma_))
            in ("anonymous", "vague", "organization", "group", "role", "document")
            # a noun of people, listed or not: "le pêcheur", "une chroniqueuse"
            or names_people(t, ctx.lex)
        )
        for t in span
    )
