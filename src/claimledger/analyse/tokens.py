"""Small token helpers shared by the components."""

from __future__ import annotations

from spacy.tokens import Token


def feats(tok: Token, name: str) -> list[str]:
    """Values of one morphological feature ("Mood" -> ["Cnd"]), empty when unset."""
    return list(tok.morph.get(name, []))
