"""Find quotations by their marks, paragraph by paragraph.

French news mixes « », “ ” and straight " quotes (often with spaces inside: `" vastes
opérations "`). Straight quotes are paired in order within a paragraph; an unpaired mark is
ignored rather than guessed.
"""

from __future__ import annotations

from .state import QuoteSpan

MAX_QUOTE_CHARS = 1500


def find_quotes(text: str, pairs: list[tuple[str, str]]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    pos = 0
    for para in text.split("\n"):
        for opening, closing in pairs:
            spans.extend(_pair_marks(para, pos, opening, closing))
        pos += len(para) + 1
    spans.sort(key=lambda q: q.start)
    # nested or crossing marks of different kinds: keep the outermost
    kept: list[QuoteSpan] = []
    for q in spans:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept


def _pair_marks(para: str, offset: int, opening: str, closing: str) -> list[QuoteSpan]:
    if len(opening) > 1 or len(closing) > 1:
        return _pair_long_marks(para, offset, opening, closing)
    out: list[QuoteSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(para):
        if opening == closing:
            if ch != opening:
                continue
            if open_at is None:
                open_at = i
            else:
                out.append(_span(para, offset, open_at, i))
                open_at = None
        elif ch == opening and open_at is None:
            open_at = i
        elif ch == closing and open_at is not None:
            out.append(_span(para, offset, open_at, i))
            open_at = None
    return [q for q in out if q.inner_end > q.inner_start and q.end - q.start <= MAX_QUOTE_CHARS]


def _pair_long_marks(para: str, offset: int, opening: str, closing: str) -> list[QuoteSpan]:
    """Marks of two characters (typewriter quotes written as two apostrophes: ''…''), paired in
    order like straight quotes."""
    out: list[QuoteSpan] = []
    i = para.find(opening)
    while i >= 0:
        j = para.find(closing, i + len(opening))
        if j < 0:
            break
        out.append(_span(para, offset, i, j, len(opening), len(closing)))
        i = para.find(opening, j + len(closing))
    return [q for q in out if q.inner_end > q.inner_start and q.end - q.start <= MAX_QUOTE_CHARS]


def _span(para: str, offset: int, i: int, j: int, open_len: int = 1, close_len: int = 1) -> QuoteSpan:
    inner_start, inner_end = i + open_len, j
    while inner_start < inner_end and para[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and para[inner_end - 1].isspace():
        inner_end -= 1
    return QuoteSpan(offset + i, offset + j + close_len, offset + inner_start, offset + inner_end)


def quote_at(quotes: list[QuoteSpan], char: int) -> QuoteSpan | None:
    for q in quotes:
        if q.start < char < q.end:
            return q
        if q.start > char:
            break
    return None
