"""Which language an article is in, and whether claimledger reads it.

Function words alone told French from English but not French from Spanish, Catalan, Italian or
Portuguese, which share "de", "la", "que", "en", "un": Spanish articles were analysed as French
(issue 21). The identifier is py3langid (BSD-3-Clause; its naive Bayes model over byte n-grams
of 140 languages ships in the wheel, nothing is downloaded): it names the language of anything a
feed may carry, a few milliseconds per article, the same answer for the same text. The languages
claimledger reads get a prior (READ_PRIOR): the texts it is given are mostly French and English,
so another language has to be clearly more likely to be refused. Names for the refusal message
and the model's "no language" labels are data (`data/langid.toml`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection
from functools import cache
from importlib import resources
from typing import Any

from ..errors import InputError

SAMPLE_CHARS = 6_000  # an article shows its language in its first lines; more only costs time
MIN_WORDS = 3  # below this, no language can be told
# A text is refused only when another language is more than this many times as likely as the best
# of the languages read: the model knows nothing of what claimledger is given, mostly French and
# English. Written test sentences of 4 to 7 words in refused languages are 40 times or more likelier
# than French or English; short French headlines with foreign names can come out nearer Occitan or
# Walloon (see tests/test_language_id.py).
READ_PRIOR = 5.0
# With --lang given, the text is refused only when the identifier is at least this sure it is
# another language: the user's word wins over a doubtful guess on a line or two.
SURE = 0.9

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


class LanguageRefused(InputError):
    """A text in a language claimledger does not read (or not the one asked): a reason to skip
    the article, which ingest reports apart from inputs that failed."""

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(message)
        self.lang = lang


@cache
def _identifier() -> Any:
    """The model, loaded once per process (about half a second of CPU: it is LZMA-compressed)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _data() -> dict[str, Any]:
    with (resources.files("claimledger") / "data" / "langid.toml").open("rb") as fh:
        return tomllib.load(fh)


def language_name(code: str) -> str:
    """'es' -> 'Spanish', for messages a user reads; a code without a listed name stays a code."""
    return str(_data()["names"].get(code, code))


def language_scores(text: str, sample_chars: int = SAMPLE_CHARS) -> dict[str, float] | None:
    """Each language's probability for the start of `text`, or None when it has too few words
    (or only code, numbers and markup) for any language to be told."""
    sample = "".join(c for c in text[:sample_chars] if unicodedata.category(c) != "Cf")
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    ranked = _identifier().rank(sample)
    scores = {str(lang): float(p) for lang, p in ranked}
    no_language = set(_data()["no_language"])
    if max(scores, key=scores.__getitem__) in no_language:
        return None
    return {lang: p for lang, p in scores.items() if lang not in no_language}


def guess_language(
    text: str, sample_chars: int = SAMPLE_CHARS, read: Collection[str] = ()
) -> tuple[str | None, float]:
    """The most likely language, with its probability, the languages in `read` weighted by
    READ_PRIOR; (None, 0.0) when no language can be told."""
    scores = language_scores(text, sample_chars)
    if not scores:
        return None, 0.0
    weighted = {lang: p * (READ_PRIOR if lang in read else 1.0) for lang, p in scores.items()}
    total = sum(weighted.values())
    best = min(weighted, key=lambda lang: (-weighted[lang], lang))  # ties: by code, same every run
    return best, weighted[best] / total if total > 0 else 0.0


def require_language(text: str, wanted: str, name: str, supported: list[str]) -> str:
    """Resolve --lang auto|xx to a supported language or refuse the input in one line."""
    if wanted != "auto":
        if wanted not in supported:
            raise InputError(f"language '{wanted}' is not supported (supported: {', '.join(supported)})")
        guessed, sure = guess_language(text, read=(wanted,))
        if guessed is not None and guessed != wanted and sure >= SURE:
            raise LanguageRefused(
                f"{name}: text looks like '{guessed}' ({language_name(guessed)}), not '{wanted}'", guessed
            )
        return wanted
    guessed, _ = guess_language(text, read=supported)
    if guessed is None:
        raise InputError(f"{name}: cannot tell the language (too little text in any language)")
    if guessed not in supported:
        raise LanguageRefused(
            f"{name}: text looks like '{guessed}' ({language_name(guessed)}), a language claimledger"
            f" does not read (supported: {', '.join(supported)})",
            guessed,
        )
    return guessed
