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
from ..model import Bound, FigureKind, Quantity, plausible_figure
from .state import state, text_of


def digits_pattern(thousands: tuple[str, ...], decimal: str) -> re.Pattern[str]:
    """Numbers as the language writes them: groups of three after a thousands separator
    ("45 000", "45.000"), then an optional decimal part ("45,9")."""
    seps = "".join(re.escape(s) for s in thousands)
    return re.compile(
        rf"(?<![\w\-.,/])(\d{{1,3}}(?:[{seps}]\d{{3}})+(?![{seps}]?\d)|\d+)(?:{re.escape(decimal)}(\d+))?(?![\w/])"
    )


_SKIP_BEFORE_COUNTED = {"de", "d'", "d’", "des", "du"}


@dataclass
class _Number:
    start: int
    end: int
    value: float
    approximate: bool = False  # "une douzaine"
    vague: bool = False  # "des milliers": `value` only orders and bounds it, it is never output
    negative: bool = False  # "moins 3 %"


_SPACE = "[ \u00a0\u202f]"
# after a number: a unit word, then maybe two digits of minutes, then maybe the next word
_CLOCK_AFTER = re.compile(rf"{_SPACE}*([\w.']+)(?:{_SPACE}*(\d{{2}})\b)?(?:{_SPACE}+(\w+'?))?")


def _clean(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


class QuantityFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.bound_phrases = sorted(
            ((p, b) for b, ps in lexicon.bounds.items() for p in ps), key=lambda x: -len(x[0])
        )
        self.digits = digits_pattern(lexicon.thousands_separators, lexicon.decimal_separator)

    def __call__(self, doc: Doc) -> Doc:
        numbers = self._digit_numbers(doc) + self._word_numbers(doc)
        numbers.sort(key=lambda n: (n.start, -n.end))
        numbers = [
            n
            for n in _drop_overlaps(numbers)
            if plausible_figure(n.value)
            and not self._rank_or_pair(doc, n)
            and not _name_number(doc, n)
            and not self._clock_time(doc, n)
        ]
        for n in numbers:
            n.negative = self._minus_before(doc, n.start)
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
        _conversions_inherit_bounds(text_of(doc), quantities)
        st = state(doc)
        kept = [q for q in quantities if not st.inside_skipped(q.start, q.end)]  # "• 2 min" is chrome
        for k, figure in enumerate(kept, 1):
            figure.id = f"q{k}"
        st.quantities = kept
        return doc

    def _rank_or_pair(self, doc: Doc, num: _Number) -> bool:
        """'le numéro deux', 'le top 10' are ranks; 'des deux côtés' is a pair, not a count."""
        text = text_of(doc)
        before = re.findall(r"[\w°]+", fold(text[max(0, num.start - 20) : num.start]))
        if before and before[-1] in self.lex.rank_words:
            return True
        tok = _token_after(doc, num.end)
        return num.value == 2 and tok is not None and fold(tok.lemma_) in self.lex.pair_nouns

    def _clock_time(self, doc: Doc, num: _Number) -> bool:
        """'vers 4 h 30', 'peu avant 18 heures', 'at 6 p.m.': a time of day is no figure (gold-v1);
        'pendant 18 heures' and 'après 18 heures de garde à vue' are durations and stay."""
        text = fold(text_of(doc))
        after = _CLOCK_AFTER.match(text[num.end :])
        if re.search(r"\d[ \u00a0\u202f]*h[ \u00a0\u202f]*$", text[max(0, num.start - 8) : num.start]):
            return True  # the minutes of "4 h 30"
        if after is None or not {after.group(1), after.group(1).rstrip(".")} & self.lex.clock_units:
            return False
        if after.group(2):  # "4 h 30", "18h45": minutes make it a time whatever comes before
            return True
        if after.group(3) in ("de", "d'", "of"):
            return False  # what it counts follows: a duration
        before = text[max(0, num.start - 24) : num.start].rstrip()
        return any(before == p or before.endswith(" " + p) for p in self.lex.clock_prepositions)

    def _minus_before(self, doc: Doc, start: int) -> bool:
        """'une récession de moins 3 ou 4 %': "moins" right before a number is its sign."""
        words = fold(text_of(doc)[max(0, start - 12) : start]).split()
        return bool(words) and words[-1] in self.lex.minus_words and (len(words) < 2 or words[-2] != "au")

    # -- finding numbers -------------------------------------------------------------------

    def _digit_numbers(self, doc: Doc) -> list[_Number]:
        out = []
        text = text_of(doc)
        for m in self.digits.finditer(text):
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
            if run and all(fold(t.text) in self.lex.scales for t in run):
                # "plusieurs milliards" is a vague figure; a scale word alone is none
                prev = doc[run[0].i - 1] if run[0].i > 0 else None
                if prev is not None and fold(prev.text) in self.lex.vague_scale_determiners:
                    scale = float(self.lex.scales[fold(run[-1].text)])
                    out.append(_Number(prev.idx, run[-1].idx + len(run[-1].text), 2 * scale, vague=True))
                run.clear()
                return
            if run and not (
                len(run) == 1 and fold(run[0].text) in self.lex.not_alone and not _opens_range(run[0])
            ):
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
            if low in self.lex.fractions:
                prev_end = run[-1].idx + len(run[-1].text) if run else None
                flush()
                out.append(self._fraction(doc, tok, out, prev_end))
                continue
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
                # "une douzaine", "la cinquantaine": one of them, about its number; "des
                # centaines", "milliers de": a plural of them is vague, no number says how many
                prev = doc[tok.i - 1] if tok.i > 0 else None
                det = fold(prev.text) if prev is not None else ""
                plural = low not in self.lex.approximate or det in self.lex.approximate_plural
                start = (
                    prev.idx
                    if prev is not None and det in self.lex.approximate_singular | self.lex.approximate_plural
                    else tok.idx
                )
                end = tok.idx + len(tok.text)
                value = float(base)
                # "des dizaines de milliers", "une dizaine de milliers": times the next number noun
                nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
                if nxt is not None and fold(doc[tok.i + 1].text) in self.lex.approximate_of:
                    mult = self.lex.approximate.get(fold(nxt.lemma_)) or self.lex.approximate.get(
                        fold(nxt.text).rstrip("s")
                    )
                    if mult:
                        value *= mult
                        end = nxt.idx + len(nxt.text)
                out.append(_Number(start, end, value, approximate=not plural, vague=plural))
        flush()
        return out

    def _fraction(self, doc: Doc, tok: Token, out: list[_Number], prev_end: int | None) -> _Number:
        """'la moitié' = 0.5, 'les trois quarts' = 0.75 (a number word just before multiplies)."""
        value = self.lex.fractions[tok.lower_]
        end = tok.idx + len(tok.text)
        if prev_end is not None and out and out[-1].end == prev_end:
            counted = out.pop()
            return _Number(counted.start, end, counted.value * value)
        prev = doc[tok.i - 1] if tok.i > 0 else None
        start = prev.idx if prev is not None and prev.pos_ == "DET" else tok.idx
        return _Number(start, end, value)

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
        if num.vague:
            # "des milliers", "au moins des centaines": the words, and no number (gold-v1)
            return Quantity(
                id="",
                text=text_of(doc)[start:end],
                start=start,
                end=end,
                value=None,
                low=None,
                high=None,
                bound="vague",
                unit=unit,
                counted=counted,
                kind=self._kind(doc, start, end, unit, None),
                event=_event(doc, start, end, self.lex, counted),
            )
        value = -num.value if num.negative and bound is None else num.value
        if num.negative and bound is None:
            start = self._minus_start(doc, start)
        low: float | None = None
        high: float | None = None
        if bound is None:
            bound = "about" if num.approximate else "exact"
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
            kind=self._kind(doc, start, end, unit, value),
            event=_event(doc, start, end, self.lex, counted),
        )

    def _kind(self, doc: Doc, start: int, end: int, unit: str | None, value: float | None) -> FigureKind:
        """Which kind of figure: only counts, money, percentages and measures make series."""
        text = text_of(doc)
        before = fold(text[max(0, start - 20) : start]).rstrip()
        after = text[end : end + 2]
        if unit in self.lex.unit_kinds:
            kind: FigureKind = self.lex.unit_kinds[unit]  # type: ignore[assignment]
            if kind == "duration" and (
                before.endswith(tuple(self.lex.age_cues)) or (before.endswith(",") and after.startswith(","))
            ):
                return "age"  # "âgé de 18 ans", "Pierre, 45 ans, a…"
            return kind
        words = before.split()
        if value == 2 and words and words[-1] in self.lex.pair_determiners:
            return "determiner"  # "les deux dirigeants": both of them, not a count
        return "count"

    def _minus_start(self, doc: Doc, start: int) -> int:
        """Where the sign word before a number starts ("moins 3" starts at "moins")."""
        m = re.search(r"(\w+)\s*$", text_of(doc)[max(0, start - 12) : start])
        return start - (len(m.group(0))) if m else start

    def _range(self, doc: Doc, a: _Number, b: _Number) -> Quantity | None:
        """'entre 3 000 et 5 000', 'de 9 à 10 ans', and without an opening word 'un à deux ans',
        'quatre ou cinq explosions', 'moins 3 ou 4 %' (a range of negative values)."""
        between = fold(text_of(doc)[a.end : b.start]).strip()
        unit_a, unit_end, _ = self._unit_and_counted(doc, a.end)
        if unit_a is not None and unit_end <= b.start:
            # 'de 18 ans à 35 ans': the unit said twice; the range is the same
            rest = fold(text_of(doc)[unit_end : b.start]).strip()
            if rest in self.lex.range_close and self._unit_and_counted(doc, b.end)[0] == unit_a:
                between = rest
        before = fold(text_of(doc)[max(0, a.start - 8) : a.start]).split()
        opened = bool(before) and before[-1] in self.lex.range_open and between in self.lex.range_close
        if not opened and between not in self.lex.range_bare:
            return None
        if b.value <= a.value or b.approximate or b.vague or a.vague:
            return None
        start = a.start - len(before[-1]) - 1 if opened else a.start
        if a.negative:
            start = self._minus_start(doc, a.start)
        unit, end, counted = self._unit_and_counted(doc, b.end)
        if unit is None:
            unit, _, _ = self._unit_and_counted(doc, a.end)
        low, high = (-b.value, -a.value) if a.negative else (a.value, b.value)
        return Quantity(
            id="",
            text=text_of(doc)[start:end],
            start=start,
            end=end,
            value=_clean((low + high) / 2),
            low=_clean(low),
            high=_clean(high),
            bound="range",
            unit=unit,
            counted=counted,
            kind=self._kind(doc, start, end, unit, low),
            event=_event(doc, start, end, self.lex, counted),
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


def _event(doc: Doc, start: int, end: int, lex: Lexicon, counted: str | None) -> str | None:
    """The predicate a figure belongs to: the first verb above it in the parse ("3 000 soldats ont
    été déployés" -> déployer, "ont arrêté 18 soldats" -> arrêter), the predicate of a copula ("sont
    sur le terrain" -> terrain); under a reporting verb, the noun that names the event ("confirment
    la présence de 3 000 soldats" -> présence), since the report is not what is counted."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    noun: str | None = None
    for _ in range(8):
        lemma = str(tok.lemma_).lower()
        if tok.pos_ == "VERB" and tok.dep_ != "amod":
            if lemma in lex.modals:  # "pourraient être envoyés": the event is the sending
                done = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
                if done:
                    return str(done[0].lemma_).lower()
            return noun if lex.is_cue_word(lemma) else lemma
        if (
            tok.pos_ == "NOUN"
            and tok.i not in range(span.start, span.end)
            and lemma != counted
            and not _names_source(tok, lex)
        ):
            noun = noun or lemma
        if tok.head.i == tok.i:
            if tok.pos_ == "AUX":
                # "3 000 soldats sont morts" -> mort; "sont en Russie", "sont sur le terrain": a
                # copula with a place says where they are, the predicate is being there
                pred = [c for c in tok.children if c.dep_.startswith("xcomp") and c.pos_ in ("NOUN", "ADJ")]
                return str(pred[0].lemma_).lower() if pred else "être"
            if tok.pos_ in ("NOUN", "ADJ") and not _names_source(tok, lex):
                return lemma
            return noun
        tok = tok.head
    return noun


def _names_source(tok: Token, lex: Lexicon) -> bool:
    """ "selon les renseignements": the noun a source preposition governs names who says it."""
    words = []
    for c in tok.children:
        if c.dep_ == "case":
            words += [c.text] + [f.text for f in c.children if f.dep_ == "fixed"]
    marks = fold(" ".join(words)).replace("' ", "'")
    return bool(marks) and any(
        marks.startswith(p) for p in lex.prepositions_anywhere + lex.prepositions_initial
    )


def _name_number(doc: Doc, num: _Number) -> bool:
    """'France 2', 'S&P 500', 'CAC 40', 'jeudi 5 juin', 'article 49': a cardinal right after a
    noun is part of a name, a label or a date; a count comes before what it counts."""
    text = text_of(doc)
    first = text[num.start : num.start + 1]
    if first.isalpha():
        # 'les Vingt-Huit', 'le groupe des Sept': a spelled number with a capital inside a
        # sentence names a group; at the start of a sentence the capital says nothing
        tok = _token_after(doc, num.start)
        opener = text[: num.start].rstrip()[-1:]
        return (
            first.isupper()
            and tok is not None
            and not tok.is_sent_start
            and opener not in ("", ".", "?", "!", "…", ":", "«", '"', "“", "(", "-", "—", "\n")
        )
    if not first.isdigit():
        return False
    gap = text[max(0, num.start - 1) : num.start]
    if gap not in (" ", "\u00a0"):
        return False
    span = doc.char_span(max(0, num.start - 1), num.start, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1] if doc[span.start].idx >= num.start - 1 else doc[span.start]
    if prev.idx + len(prev.text) != num.start - 1:
        return False
    if not any(ch.isalpha() for ch in prev.text) or prev.is_punct:
        return False
    if prev.pos_ == "PROPN":
        return True
    # a common noun only with its determiner ("l'article 49"), so a verb the tagger read as a noun
    # ("le club compte 1 250 adhérents") keeps its figure
    return prev.pos_ == "NOUN" and prev.i > 0 and doc[prev.i - 1].pos_ == "DET"


def _opens_range(tok: Token) -> bool:
    """'un à deux ans', 'une ou deux fois': "un" is a number when a range follows it."""
    doc = tok.doc
    if tok.i + 2 >= len(doc):
        return False
    return fold(doc[tok.i + 1].text) in ("à", "ou") and (
        doc[tok.i + 2].like_num or doc[tok.i + 2].pos_ == "NUM"
    )


def _conversions_inherit_bounds(text: str, quantities: list[Quantity]) -> None:
    """'environ 60.000 dollars (55.000 euros)': a conversion in parentheses is as approximate as
    the figure it converts."""
    for prev, q in zip(quantities, quantities[1:], strict=False):
        if q.bound != "exact" or prev.bound in ("exact", "range", "vague"):
            continue
        if text[prev.end : q.start].strip() != "(":
            continue
        q.bound = prev.bound
        if prev.bound in ("at_least", "more_than"):
            q.low = q.value
        elif prev.bound in ("up_to", "less_than"):
            q.high = q.value


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
