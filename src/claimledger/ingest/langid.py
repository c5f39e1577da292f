"""Which language an article is in, from its function words: cheap, offline and explainable."""

from __future__ import annotations

import re

from ..errors import InputError
from ..lexicon import available_languages, load_lexicon

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def guess_language(text: str, sample_chars: int = 20000) -> tuple[str | None, float]:
    """The language whose function words cover most of the words, with that share."""
    words = [w.lower() for w in _WORD.findall(text[:sample_chars])]
    if len(words) < 3:
        return None, 0.0
    best: tuple[str | None, float] = (None, 0.0)
    for lang in available_languages():
        vocab = load_lexicon(lang).function_words
        if not vocab:
            continue
        share = sum(1 for w in words if w in vocab) / len(words)
        if share > best[1]:
            best = (lang, share)
    return best


def require_language(text: str, wanted: str, name: str, supported: list[str]) -> str:
    """Resolve --lang auto|xx to a supported language or refuse the input in one line."""
    guessed, share = guess_language(text)
    if wanted != "auto":
        if wanted not in supported:
            raise InputError(f"language '{wanted}' is not supported (supported: {', '.join(supported)})")
        if guessed is not None and guessed != wanted and share >= 0.15:
            raise InputError(f"{name}: text looks like '{guessed}', not '{wanted}'")
        return wanted
    if guessed is None or share < 0.08:
        raise InputError(f"{name}: cannot tell the language (too little text in a known language)")
    if guessed not in supported:
        raise InputError(f"{name}: text looks like '{guessed}'; supported: {', '.join(supported)}")
    return guessed
