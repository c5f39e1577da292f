"""Figures with their hedges: "au moins 3 000 soldats", "jusqu'à 15 000 tunneliers",
"plus d'une douzaine", "2,4 millions de Palestiniens", "15%".

Numbers are found by shape (digits with French thousands separators) and by word runs read with
text2num; bounds, units and number nouns come from the language's `quantities.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from text_to_num import text2num

from ..lexicon import Lexicon, fold
from ..model import Bound, Quantity
from .state import state, text_of

_DIGITS = re.compile(r"(?<![\w\-.,/])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?(?![\w/])")
_SKIP_BEFORE_COUNTED = {"de", "d'", "d’", "des", "du"}


@dataclass
class _Number:
    start: int
    end: int
    value: float
    approximate: bool = False  # "une douzaine"
    vague: bool = False  # "des milliers"


def _clean(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


class QuantityFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.bound_phrases = sorted(
            ((p, b) for b, ps in lexicon.bounds.items() for p in ps), key=lambda x: -len(x[0])
        )

    def __call__(self, doc: Doc) -> Doc:
        numbers = self._digit_numbers(doc) + self._word_numbers(doc)
        numbers.sort(key=lambda n: (n.start, -n.end))
        numbers = _drop_overlaps(numbers)
        quantities: list[Quantity] = []
        i = 0
        while i < len(numbers):
            num = numbers[i]
            nxt = numbers[i + 1] if i + 1 < len(numbers) else None
            q = self._range(doc, num, nxt) if nxt else None
            if q is not None:
                i += 2
            else:
                q = self._single(doc, num)
                i += 1
            if q is not None:
                q.id = f"q{len(quantities) + 1}"
                quantities.append(q)
        state(doc).quantities = quantities
        return doc

    # -- finding numbers -------------------------------------------------------------------

    def _digit_numbers(self, doc: Doc) -> list[_Number]:
        out = []
        text = text_of(doc)
        for m in _DIGITS.finditer(text):
            whole = re.sub(r"\D", "", m.group(1))
            value = float(whole + ("." + m.group(2) if m.group(2) else ""))
            end = m.end()
            # "2,4 millions", "3 milliards"
            after = re.match(r"[ \u00a0\u202f]+(\w+)", text[end:])
            if after and after.group(1).lower() in self.lex.scales:
                value *= self.lex.scales[after.group(1).lower()]
                end += after.end()
            if self._is_date_or_year(doc, m.start(), end, value, m.group(0)):
                continue
            out.append(_Number(m.start(), end, value))
        return out

    def _is_date_or_year(self, doc: Doc, start: int, end: int, value: float, raw: str) -> bool:
        nxt = re.match(r"\s*(\w+)", text_of(doc)[end:])
        if nxt and fold(nxt.group(1)) in self.lex.months:
            return True
        if raw.isdigit() and 1800 <= value <= 2100 and len(raw) == 4:
            tok = _token_after(doc, end)
            return tok is None or tok.pos_ not in ("NOUN",) or fold(tok.lemma_) in self.lex.months
        return False

    def _word_numbers(self, doc: Doc) -> list[_Number]:
        out: list[_Number] = []
        words = self.lex.number_words | set(self.lex.scales)
        run: list[Token] = []

        def flush() -> None:
            while run and fold(run[-1].text) in ("et",):
                run.pop()
            while run and fold(run[0].text) in ("et",):
                run.pop(0)
            if run and not (len(run) == 1 and fold(run[0].text) in self.lex.not_alone):
                phrase = " ".join(fold(t.text) for t in run)
                try:
                    value = float(text2num(phrase, "fr"))
                except ValueError:
                    value = -1
                if value > 0:
                    out.append(_Number(run[0].idx, run[-1].idx + len(run[-1].text), value))
            run.clear()

        approx_forms = set(self.lex.approximate) | {w + "s" for w in self.lex.approximate}
        for tok in doc:
            low = tok.lower_
            if low not in words and low not in approx_forms and "-" not in low:
                flush()  # most tokens: no number word, no number noun
                continue
            low = fold(low)
            parts = low.split("-")
            if low in words or (len(parts) > 1 and all(p in words for p in parts)):
                if tok.pos_ in ("PRON",) and low in self.lex.not_alone:
                    flush()
                    continue
                run.append(tok)
                continue
            flush()
            lemma = fold(tok.lemma_)
            base = self.lex.approximate.get(lemma) or self.lex.approximate.get(low.rstrip("s"))
            if base:
                prev = doc[tok.i - 1] if tok.i > 0 else None
                singular = prev is not None and fold(prev.text) in ("un", "une")
                plural_det = prev is not None and fold(prev.text) in ("des", "plusieurs", "quelques")
                start = prev.idx if (singular or plural_det) and prev is not None else tok.idx
                end = tok.idx + len(tok.text)
                value = float(base) if singular else float(base) * 2
                # "des dizaines de milliers": multiply by the following number noun
                nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
                if nxt is not None and fold(doc[tok.i + 1].text) in ("de", "d'"):
                    mult = self.lex.approximate.get(fold(nxt.lemma_))
                    if mult:
                        value *= mult
                        end = nxt.idx + len(nxt.text)
                out.append(_Number(start, end, value, approximate=singular, vague=not singular))
        flush()
        return out

    # -- reading bounds, units and what is counted ---------------------------------------------

    def _bound_before(self, doc: Doc, start: int) -> tuple[Bound | None, int]:
        before = fold(text_of(doc)[max(0, start - 30) : start])
        for phrase, bound in self.bound_phrases:
            if phrase.endswith("'"):
                if before.endswith(phrase):
                    return bound, start - len(phrase)  # type: ignore[return-value]
            elif before.endswith(phrase + " ") or before.endswith(phrase + "\u00a0"):
                if _word_start(before, len(before) - len(phrase) - 1):
                    return bound, start - len(phrase) - 1  # type: ignore[return-value]
        return None, start

    def _single(self, doc: Doc, num: _Number) -> Quantity | None:
        bound, start = self._bound_before(doc, num.start)
        unit, end, counted = self._unit_and_counted(doc, num.end)
        after = fold(text_of(doc)[end : end + 12])
        if bound is None:
            for b, phrases in self.lex.bounds_after.items():
                for p in phrases:
                    if after.startswith(" " + p):
                        bound = b  # type: ignore[assignment]
        value = num.value
        low: float | None = None
        high: float | None = None
        if bound is None:
            bound = "vague" if num.vague else "about" if num.approximate else "exact"
            if num.vague:
                low = value
        elif bound in ("at_least", "more_than"):
            low = value
        elif bound in ("up_to", "less_than"):
            high = value
        return Quantity(
            id="",
            text=text_of(doc)[start:end],
            start=start,
            end=end,
            value=_clean(value),
            low=_clean(low) if low is not None else None,
            high=_clean(high) if high is not None else None,
            bound=bound,
            unit=unit,
            counted=counted,
        )

    def _range(self, doc: Doc, a: _Number, b: _Number) -> Quantity | None:
        between = fold(text_of(doc)[a.end : b.start]).strip()
        before = fold(text_of(doc)[max(0, a.start - 8) : a.start]).split()
        if not before or before[-1] not in self.lex.range_open or between not in self.lex.range_close:
            return None
        if b.value <= a.value:
            return None
        start = a.start - len(before[-1]) - 1
        unit, end, counted = self._unit_and_counted(doc, b.end)
        if unit is None:
            unit, _, _ = self._unit_and_counted(doc, a.end)
        return Quantity(
            id="",
            text=text_of(doc)[start:end],
            start=start,
            end=end,
            value=_clean((a.value + b.value) / 2),
            low=_clean(a.value),
            high=_clean(b.value),
            bound="range",
            unit=unit,
            counted=counted,
        )

    def _unit_and_counted(self, doc: Doc, end: int) -> tuple[str | None, int, str | None]:
        text = text_of(doc)
        m = re.match(r"[ \u00a0\u202f]?(%|pour ?cent\b)", text[end:])
        if m:
            return "%", end + m.end(), None
        tok = _token_after(doc, end)
        unit = None
        if tok is not None:
            key = fold(tok.text)
            lemma = fold(tok.lemma_)
            unit = self.lex.units.get(key) or (self.lex.units.get(lemma) if tok.pos_ == "NOUN" else None)
            if unit:
                end = tok.idx + len(tok.text)
                tok = _token_after(doc, end)
                if tok is not None and fold(tok.text) in ("d'", "de"):
                    nxt = _token_after(doc, tok.idx + len(tok.text))
                    if nxt is not None and self.lex.units.get(fold(nxt.lemma_)):
                        unit = self.lex.units[fold(nxt.lemma_)]
                        end = nxt.idx + len(nxt.text)
                return unit, end, None
        counted = self._counted(doc, tok)
        return None, end, counted

    def _counted(self, doc: Doc, tok: Token | None) -> str | None:
        steps = 0
        while tok is not None and steps < 4:
            low = fold(tok.text)
            if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha:
                if self.lex.units.get(fold(tok.lemma_)) or low in self.lex.months:
                    return None
                return fold(tok.lemma_) if tok.pos_ == "NOUN" else tok.text
            if low in _SKIP_BEFORE_COUNTED or tok.pos_ in ("DET", "ADJ"):
                tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                steps += 1
                continue
            return None
        return None


def _drop_overlaps(numbers: list[_Number]) -> list[_Number]:
    kept: list[_Number] = []
    for n in numbers:
        if kept and n.start < kept[-1].end:
            continue
        kept.append(n)
    return kept


def _word_start(text: str, i: int) -> bool:
    return i <= 0 or not text[i - 1].isalpha()


def _token_after(doc: Doc, char: int) -> Token | None:
    """First non-space token starting at or after `char`."""
    span = doc.char_span(char, len(text_of(doc)), alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.idx >= char and not tok.is_space:
            return tok
    return None
