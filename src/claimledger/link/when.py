"""When an article's event happened, as far as the article says: what tells two events apart in
time when a page carries no publication date.

An event has a when. A dated article is placed by its date. An undated one is placed by what its
lead says (its title and first sentences, LEAD characters), where a news report tells when its
event happened: the calendar days it names ("le 4 janvier", "jeudi 4 janvier 2024", "January 4")
and whether it names days of the week ("s'est écrasé jeudi", "hier"). Days named deeper in a
text are mostly references ("depuis les attentats du 13 novembre"), not the article's own.

An undated article whose lead names neither (an essay, an explainer, a portrait: the bulk of a
flow of shared opinion pieces, but also a wire report that says no day) cannot be placed. It may
join the story of dated articles it fits closely (their dates place the event), never one of
undated articles, placed or not: without a date on either side nothing says two articles of one
subject tell one happening (two essays on feminism). A copy still follows its original
(link/dedupe.py).

Two placed articles can be one event unless both name calendar days and none of the one's is
within the window of the other's ("le 2 janvier" / "le 6 janvier" can be one flood; "le 18 mai"
and "le 14 juin" are two demonstrations). Named days alone never join articles: a day an essay
names may be a reference ("le 13 novembre"), not its own; they make words count at the lower
threshold (below).
Time is strong evidence when it is precise: two days named with their year (or publication dates)
within the window, or one day named by both ("jeudi 4 janvier" / "le 4 janvier 2024"). A weekday,
or days a week apart with no year ("le 18 mai" / "le 26 mai"), fit some week of every year, so
two articles placed only so must be closer in words to be one event (StoryParams.weak_similarity):
a flow of undated opinion pieces names "lundi" and days of May every year.
Month and weekday names are language data (`data/<lang>/linking.toml`, [time]).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from .lexicon import link_lexicon
from .stories import day

LEAD = 600  # characters: a title and the first two or three sentences
Day = tuple[int, int, int]  # (year, or 0 when the text gives none; month; day of month)
# a year after a day: four digits of this millennium or the last century, standing alone ("le
# 12 mars 2024"; not "le 12 mars, 1500 manifestants"); a comma before it month-first only
# ("January 4, 2024")
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d{2})(?!\d))?"
_COMMA_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2})(?!\d))?"


@dataclass(frozen=True)
class When:
    """The days an article names (or its publication day), and whether it names weekdays."""

    days: frozenset[Day] = frozenset()
    weekday: bool = False
    dated: bool = False  # placed by a publication date, not by its text

    @property
    def placed(self) -> bool:
        return bool(self.days) or self.weekday

    def to_json(self) -> str:
        return json.dumps({"days": sorted(self.days), "weekday": self.weekday, "dated": self.dated})

    @staticmethod
    def from_json(value: str | None) -> When | None:
        """None for a ledger linked before articles were placed (unknown: kept apart from nothing)."""
        if not value:
            return None
        data = json.loads(value)
        days = frozenset((int(y), int(m), int(d)) for y, m, d in data["days"])
        return When(days, bool(data["weekday"]), bool(data.get("dated")))


@dataclass(frozen=True)
class _Patterns:
    """How a language writes days: day-month(-year) and month-day(-year) patterns (groups day,
    month, year), month numbers by lowercase name, and a weekday pattern (None without weekdays)."""

    days: tuple[re.Pattern[str], re.Pattern[str]]
    months: dict[str, int]
    weekday: re.Pattern[str] | None


@cache
def _patterns(lang: str) -> _Patterns | None:
    """The language's patterns (None without month names). Where the language capitalises month
    names (`capitalised`: English "May", not the modal "may", nor "march"), they are matched as
    written."""
    lex = link_lexicon(lang)
    if not lex.months:
        return None
    numbers = {m: i + 1 for i, m in enumerate(lex.months)}
    names = [m.capitalize() for m in lex.months] if lex.capitalised else list(lex.months)
    months = "|".join(re.escape(m) for m in sorted(names, key=lambda m: (-len(m), m)))
    flags = 0 if lex.capitalised else re.IGNORECASE
    suffix = "(?:" + "|".join(re.escape(o) for o in lex.ordinals) + ")?" if lex.ordinals else ""
    day_first = re.compile(rf"\b(?P<day>\d{{1,2}}){suffix}\s+(?P<month>{months})\b{_YEAR}", flags)
    month_first = re.compile(rf"\b(?P<month>{months})\.?\s+(?P<day>\d{{1,2}}){suffix}\b{_COMMA_YEAR}", flags)
    if not lex.weekdays:
        return _Patterns((day_first, month_first), numbers, None)
    weekdays = "|".join(re.escape(w) for w in sorted(lex.weekdays, key=lambda w: (-len(w), w)))
    # "le monde d'hier" is no day: a word after an apostrophe is not counted
    weekday = re.compile(rf"(?<![\w'’-])(?:{weekdays})(?![\w-])", re.IGNORECASE)
    return _Patterns((day_first, month_first), numbers, weekday)


def _valid(year: int, month: int, dom: int) -> Day | None:
    """A day of the calendar ("31 février" is none; without a year, 29 February is one)."""
    try:
        date(year or 2000, month, dom)
    except ValueError:
        return None
    return (year, month, dom)


def when_of(text: str, lang: str, published: str | None, title: str | None = None) -> When:
    """Where an article stands in time: its publication day when it has one, else the days its
    lead (its title, and the first LEAD characters of its text) names and whether it names
    weekdays. A page's text may not open with its title (HTML): the title is read first."""
    if (d := day(published)) is not None:
        return When(frozenset({(int(d[:4]), int(d[5:7]), int(d[8:10]))}), True, dated=True)
    found = _patterns(lang)
    if found is None:
        return When()
    text = text[:LEAD]
    if title and not text.startswith(title.strip()):
        text = f"{title}\n{text}"
    days: set[Day] = set()
    for pattern in found.days:
        for m in pattern.finditer(text):
            named = _valid(int(m["year"] or 0), found.months[m["month"].lower()], int(m["day"]))
            if named:
                days.add(named)
    return When(frozenset(days), found.weekday is not None and found.weekday.search(text) is not None)


def _ordinal(month: int, dom: int, year: int = 2000) -> int:
    """The day's rank in time, in a leap year when none is given (every Day is a calendar day:
    `_valid` read it so, or it is a publication date)."""
    return date(year, month, dom).toordinal()


def _near(a: Day, b: Day, window: int) -> bool:
    if a[0] and b[0]:
        return abs(_ordinal(a[1], a[2], a[0]) - _ordinal(b[1], b[2], b[0])) <= window
    gap = abs(_ordinal(a[1], a[2]) - _ordinal(b[1], b[2]))
    return min(gap, 366 - gap) <= window  # no year: late December is near early January


def together(a: When | None, b: When | None, window: int) -> bool:
    """Can these two articles report one event, by when they say it happened? Unknown (None) is
    no evidence either way."""
    if a is None or b is None:
        return True
    if not (a.placed and b.placed):  # an unplaced article meets dated ones only
        return (a.dated and not b.placed) or (b.dated and not a.placed)
    if not (a.days and b.days):
        return True
    return any(_near(x, y, window) for x in a.days for y in b.days)


def same_days(a: When | None, b: When | None, window: int) -> bool:
    """Do both name days with their year (or publication dates) within the window, or one same
    day of one month? The strong evidence of time; None (not yet placed) counts as strong, as
    before articles were placed."""
    if a is None or b is None:
        return True
    if any(_near(x, y, window) for x in a.days if x[0] for y in b.days if y[0]):
        return True
    return any(x[1:] == y[1:] and (not x[0] or not y[0] or x[0] == y[0]) for x in a.days for y in b.days)
