"""Sentence boundaries that respect paragraphs, subheads and quotations.

Runs before the parser and decides every boundary itself (the parser keeps boundaries already
set, and left free it cuts "Selon les renseignements, au moins…" in two): a line break always
starts a new sentence (summary paragraphs, ALL-CAPS subheads and one-line paragraphs stay apart),
so does a capitalised word after final punctuation, and a quotation is never cut, so a quote and
its speaker ("« … », confie-t-il") share a sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .quotes import find_quotes
from .state import state, text_of

NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it in a uint64 SENT_START column
FINAL = {".", "!", "?", "…", "?!", "!?"}
CLOSING = {"»", "”", '"', ")", "›"}
OPENING = {"«", "“", '"', "(", "-", "—", "–"}


class ParagraphSegmenter:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

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
                or (after_final and not in_quote and (tok.text[:1].isupper() or tok.text[:1] in OPENING))
            )
            starts[tok.i, 0] = 1 if begins else NOT_START
            after_newline = False
            if tok.text in FINAL:
                after_final = True
            elif not (after_final and tok.text in CLOSING):
                after_final = False
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # numpy array is Ints2d
        return doc


def is_heading(text: str) -> bool:
    """An ALL-CAPS subhead ("APPEL À LA DÉFENSIVE") is a title, not a claim."""
    if len(text) > 160:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= 0.85 and len(text) <= 160
