"""Sentence boundaries that respect paragraphs, subheads and quotations.

Runs before the parser and decides every boundary itself (the parser keeps boundaries already
set, and left free it cuts "Selon les renseignements, au moins…" in two): a line break always
starts a new sentence (summary paragraphs, ALL-CAPS subheads and one-line paragraphs stay apart),
so does a capitalised word or a number after final punctuation, and a quotation is never cut, so
a quote and its speaker ("« … », confie-t-il") share a sentence.

A sentence never runs past MAX_SENTENCE_CHARS: a text without sentence ends (a 5 MB "sentence" of
clauses, or an unclosed « that would keep everything after it in one quotation) is cut at clause
punctuation (";", ":", then ","), else between two words. Every claim lies within its sentence
and a nested claim runs to the end of it, so an unbounded sentence made its claims' text grow
with its square (68 MB of claim text for a 5 MB one-sentence page, issue 17); the longest
sentence of the French and English corpora is under 900 characters.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from ..lexicon import Lexicon, fold
from .quotes import find_quotes
from .state import state, text_of

NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it in a uint64 SENT_START column
FINAL = {".", "!", "?", "…", "?!", "!?"}
FULL_STOPS = {".", "!", "?", "?!", "!?"}  # after these (not "…") a number may open a sentence
CLOSING = {"»", "”", '"', ")", "›"}
OPENING = {"«", "“", '"', "(", "-", "—", "–"}
MAX_SENTENCE_CHARS = 2000
CLAUSE_ENDS = ((";", ":"), (",",))  # where a sentence too long is cut, in order of preference


class ParagraphSegmenter:
    def __init__(self, lexicon: Lexicon, limit: int = MAX_SENTENCE_CHARS) -> None:
        self.lexicon = lexicon
        self.limit = limit  # the longest sentence, in characters (bound_sentences)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st.quotes = find_quotes(text_of(doc), self.lexicon.quote_pairs)
        quotes = st.quotes
        # set through an array: Token.is_sent_start= rescans the whole doc on every call
        starts = numpy.zeros((len(doc), 1), dtype="uint64")
        qi = 0
        # skipped chrome is a unit of its own: a sentence starts where it starts and where it ends
        edges = {a for a, _, _ in st.skipped} | {b for _, b, _ in st.skipped}
        edge_list = sorted(edges)
        ei = 0
        after_newline = False
        after_final = False
        number_opens = False  # whether a number after the last final mark opens a sentence
        for tok in doc:
            if tok.i == 0:
                starts[0, 0] = 1
                continue
            if tok.is_space:
                if "\n" in tok.text:
                    after_newline = True
                starts[tok.i, 0] = NOT_START
                continue
            while qi < len(quotes) and quotes[qi].end <= tok.idx:
                qi += 1
            in_quote = qi < len(quotes) and quotes[qi].start < tok.idx < quotes[qi].end
            # the first token at or after a chrome edge opens a sentence (once per edge)
            at_edge = False
            while ei < len(edge_list) and edge_list[ei] <= tok.idx:
                at_edge = True
                ei += 1
            begins = (
                after_newline
                or at_edge
                or (after_final and not in_quote and _opens_sentence(tok.text, number_opens))
            )
            starts[tok.i, 0] = 1 if begins else NOT_START
            after_newline = False
            if tok.text in FINAL:
                after_final = True
                # a number opens a sentence after a full stop, but not after "l'art. 12", "p. 3"
                # (an abbreviation that numbers follow) nor "l'équivalent de… 210 terrains"
                number_opens = tok.text in FULL_STOPS and not (
                    tok.i > 0 and fold(doc[tok.i - 1].text) in self.lexicon.number_abbreviations
                )
            elif not (after_final and tok.text in CLOSING):
                after_final = False
        bound_sentences(doc, starts, self.limit)
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # numpy array is Ints2d
        return doc


def _opens_sentence(word: str, number_opens: bool) -> bool:
    """A word after final punctuation that opens a sentence: a capitalised one, an opening mark,
    or a number ("Il affirme que C. 40 % des habitants…": a figure opens many a sentence), unless
    the period ends an abbreviation that numbers follow ("l'art. 12", the language's
    `number_abbreviations`) or the mark is a suspension ("l'équivalent de… 210 terrains")."""
    first = word[:1]
    return first.isupper() or first in OPENING or (first.isdigit() and number_opens)


def bound_sentences(doc: Doc, starts: numpy.ndarray, limit: int = MAX_SENTENCE_CHARS) -> None:
    """Open a sentence wherever one would run past `limit` characters: at the word after the last
    ";" or ":" of its second half, else after the last ",", else at the word that would run past
    (the one before it when that is punctuation). One pass, each token looked at once; `starts`
    as ParagraphSegmenter fills it (1: opens a sentence). Offsets are untouched: only where
    sentences start changes."""
    if len(doc) == 0:
        return
    idx = doc.to_array([IDX]).reshape(-1)
    opened = numpy.flatnonzero(starts[:, 0] == 1)
    edges = numpy.concatenate(([0], idx[opened], [len(doc.text)]))
    if int(numpy.diff(edges).max()) <= limit:
        return  # every ordinary text: no sentence to cut, no loop over its tokens
    kinds = len(CLAUSE_ENDS)
    first = 0  # where the current sentence starts (a character offset)
    marks: list[int | None] = [None] * kinds  # the word after the latest clause end, by kind
    pending = [False] * kinds
    last_word: int | None = None
    for tok in doc:
        if tok.is_space:
            continue
        if starts[tok.i, 0] == 1:
            first, marks, pending, last_word = tok.idx, [None] * kinds, [False] * kinds, None
        else:
            marks = [tok.i if p else m for p, m in zip(pending, marks, strict=True)]
            pending = [False] * kinds
            if tok.idx + len(tok.text) - first > limit:
                half = first + limit // 2
                at = next((m for m in marks if m is not None and doc[m].idx >= half), None)
                if at is None:
                    at = last_word if tok.is_punct and last_word is not None else tok.i
                if doc[at].idx <= first:
                    at = tok.i
                starts[at, 0] = 1
                first = doc[at].idx
                marks = [m if m is not None and m > at else None for m in marks]
                last_word = None
        if not tok.is_punct and tok.idx > first:
            last_word = tok.i
        for k, ends in enumerate(CLAUSE_ENDS):
            if tok.text in ends:
                pending[k] = True


def is_heading(text: str) -> bool:
    """An ALL-CAPS subhead ("APPEL À LA DÉFENSIVE") is a title, not a claim."""
    if len(text) > 160:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= 0.85 and len(text) <= 160
