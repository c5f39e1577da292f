"""Small token helpers shared by the components."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import SentenceRef
from .state import text_of


def feats(tok: Token, name: str) -> list[str]:
    """Values of one morphological feature ("Mood" -> ["Cnd"]), empty when unset."""
    return list(tok.morph.get(name, []))


def is_finite(tok: Token) -> bool:
    """A finite verb or auxiliary: a clause of its own."""
    return tok.pos_ in ("VERB", "AUX") and "Fin" in feats(tok, "VerbForm")


def sentence_ref(sent: Span) -> SentenceRef:
    text = text_of(sent.doc)
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return SentenceRef(start=start, end=end)
