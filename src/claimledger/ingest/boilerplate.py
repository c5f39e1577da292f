"""Site chrome inside an article's text: what to skip, found by language patterns and by repetition.

Pages carry their site's prompts, share bars and link lists into the text ("Recevez l'essentiel…",
"Lancez la conversation"). Two tests find them, both cheap and explainable: the language's
patterns (`data/<lang>/boilerplate.toml`: whole lines, and phrases inside flattened text), and a
structural one, a short line that several different articles of a batch or of the ledger share.
This module is plain text work (no NLP), so the ledger can count lines without loading a model.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..lexicon import load_lexicon


@dataclass(frozen=True)
class Skip:
    start: int
    end: int
    reason: str  # "pattern" | "repeated"


@dataclass(frozen=True)
class Rules:
    lines: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    max_words: int
    min_articles: int


@cache
def rules(lang: str) -> Rules:
    lex = load_lexicon(lang)
    return Rules(
        lines=tuple(re.compile(p, re.IGNORECASE) for p in lex.boilerplate_lines),
        inline=tuple(re.compile(p, re.IGNORECASE) for p in lex.boilerplate_inline),
        max_words=lex.repeated_max_words,
        min_articles=lex.repeated_min_articles,
    )


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Each non-blank line with its offsets, stripped of surrounding spaces."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            yield start, start + len(stripped), stripped
        pos += len(raw) + 1


def line_key(line: str) -> str:
    """What two copies of one chrome line share: case, accents' forms, quotes and spacing folded."""
    norm = " ".join(unicodedata.normalize("NFKC", line).lower().replace("’", "'").split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:20]


def short_line_keys(text: str, lang: str) -> set[str]:
    """Keys of the lines short enough to be chrome, the unit the structural test counts."""
    limit = rules(lang).max_words
    return {line_key(line) for _, _, line in _lines(text) if len(line.split()) <= limit}


def repeated_keys(
    texts: list[str],
    lang: str,
    stored: dict[str, int] | None = None,
    *,
    families: list[int] | None = None,
    own: list[Counter[str]] | None = None,
) -> list[frozenset[str]]:
    """For each text, its short lines found in at least `min_articles` different articles,
    counting this batch and the articles already stored (`stored` counts).

    A text is never counted against itself or its own copies: the paragraphs of a wire story
    are not chrome because three sites carried it. `families`: the same number for the texts
    of the batch that are copies of one another (they count once); `own`: for each text, how
    many of the stored articles counted in `stored` are its copies and carry each line (they
    are taken out)."""
    per_text = [short_line_keys(t, lang) for t in texts]
    family = families if families is not None else list(range(len(texts)))
    carriers: dict[str, set[int]] = {}
    for f, keys in zip(family, per_text, strict=True):
        for k in keys:
            carriers.setdefault(k, set()).add(f)
    threshold = rules(lang).min_articles
    stored = stored or {}
    out = []
    for i, keys in enumerate(per_text):
        mine = own[i] if own is not None else Counter[str]()
        out.append(
            frozenset(
                k for k in keys if len(carriers[k]) + max(stored.get(k, 0) - mine.get(k, 0), 0) >= threshold
            )
        )
    return out


def find_skipped(text: str, lang: str, repeated: frozenset[str] = frozenset()) -> list[Skip]:
    """Spans of chrome, sorted and not overlapping."""
    r = rules(lang)
    folded = text.replace("’", "'")  # same length: offsets hold
    found: list[Skip] = []
    for start, end, line in _lines(folded):
        if any(p.search(line) for p in r.lines):
            found.append(Skip(start, end, "pattern"))
        elif repeated and len(line.split()) <= r.max_words and line_key(line) in repeated:
            found.append(Skip(start, end, "repeated"))
    for p in r.inline:
        for m in p.finditer(folded):
            if m.end() > m.start():
                found.append(Skip(m.start(), m.end(), "pattern"))
    found.sort(key=lambda s: (s.start, -s.end))
    merged: list[Skip] = []
    for s in found:
        if merged and s.start < merged[-1].end:
            if s.end > merged[-1].end:
                merged[-1] = Skip(merged[-1].start, s.end, merged[-1].reason)
            continue
        merged.append(s)
    return merged
