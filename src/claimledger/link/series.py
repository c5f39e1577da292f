"""Figures over time, one series per question a figure answers.

A series holds the figures of one counted thing for one event ("how many soldiers are sent",
"how many deserted", "how many were arrested"): same thing and same predicate (near-synonyms
folded, link/lexicon.py), or same thing in claims already matched as one proposition. Ages,
durations and "les deux X" are not figures of anything that changes over time (model.SERIES_KINDS),
and a series is charted only when it has something to show: two values, or two sources.

A vague figure ("des milliers", "thousands of") is a point without a value: listed in its words
with the others, never plotted, never in a conflict, never counted as a value of the series.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from ..disjoint import DisjointSets
from ..model import SERIES_KINDS
from .match import bounds_interval, event, thing
from .records import ClaimRecord
from .stories import day

CONFLICT_DAYS = 2


@dataclass
class FigurePoint:
    thing: str
    event: str | None
    value: float | None  # None: a vague figure, known by its words only
    low: float | None
    high: float | None
    bound: str
    text: str
    date: str | None
    source: str
    source_key: str
    status: str
    claim: str  # article_id:claim_id
    url: str | None
    start: int
    kind: str = "count"  # model.FigureKind: count, money, percent, measure

    def __post_init__(self) -> None:
        if self.source == "l'article":  # an older linker stored the French words for "no source"
            self.source = ""
        if self.bound == "vague":  # also for series an older linker stored ("des milliers" at 2000)
            self.value = self.low = self.high = None

    @property
    def measured(self) -> bool:
        """A point with a value to plot and compare (not a vague figure)."""
        return self.value is not None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FigurePoint:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Series:
    key: str
    thing: str
    event: str | None
    points: list[FigurePoint]
    conflicts: list[tuple[FigurePoint, FigurePoint]] = field(default_factory=list)

    @property
    def measured(self) -> list[FigurePoint]:
        """The points a chart places: every point but the vague ones."""
        return [p for p in self.points if p.measured]

    @property
    def charted(self) -> bool:
        """Something to plot (a figure with a value) and something to compare it with: another
        value, or another source (whose figure may be vague, shown in its words)."""
        measured = self.measured
        return bool(measured) and (
            len({p.value for p in measured}) >= 2 or len({p.source_key for p in self.points}) >= 2
        )

    @property
    def label(self) -> str:
        return f"{self.thing} ({self.event})" if self.event else self.thing

    def conflict_pairs(self) -> list[list[int]]:
        index = {id(p): i for i, p in enumerate(self.points)}
        return [[index[id(p)], index[id(r)]] for p, r in self.conflicts]

    def points_json(self) -> list[dict[str, Any]]:
        return [asdict(p) for p in self.points]


def figure_series(claims: list[ClaimRecord], proposition: dict[str, str | None]) -> list[Series]:
    """The story's series, charted ones first, larger first. `proposition`: claim key -> id."""
    points: list[FigurePoint] = []
    props: list[str | None] = []
    for c in claims:
        for q in c.quantities:
            name = thing(q, c.lang)
            if name is None or q.kind not in SERIES_KINDS:
                continue
            points.append(
                FigurePoint(
                    thing=name,
                    event=event(q, c.lang),
                    value=None if q.value is None else float(q.value),
                    low=q.low,
                    high=q.high,
                    bound=q.bound,
                    text=q.text,
                    date=c.date,
                    source=c.who or "",  # "": the article itself, worded by each presenter
                    source_key=c.source_key,
                    status=c.status,
                    claim=c.key,
                    url=c.url,
                    start=q.start,
                    kind=q.kind,
                )
            )
            props.append(proposition.get(c.key))
    sets = DisjointSets(len(points))
    find = sets.find
    first: dict[tuple[str, ...], int] = {}
    for i, p in enumerate(points):  # one thing, one event: one question
        k = ("e", p.thing, p.event or "")
        if k in first:
            sets.join(first[k], i)
        else:
            first[k] = i
    anchor: dict[tuple[str, str], int] = {}
    for i, p in enumerate(points):  # a figure of no known event answers its proposition's question
        prop = props[i]
        if prop and p.event:
            anchor.setdefault((p.thing, prop), i)
    for i, p in enumerate(points):
        prop = props[i]
        if prop and not p.event and (p.thing, prop) in anchor:
            sets.join(anchor[(p.thing, prop)], i)
    groups: dict[int, list[FigurePoint]] = defaultdict(list)
    for i, p in enumerate(points):
        groups[find(i)].append(p)
    out = []
    for members in groups.values():
        members.sort(key=lambda p: (p.date is None, p.date or "", p.claim.split(":")[0], p.start))
        events = sorted({p.event for p in members if p.event})
        ev = max(events, key=lambda e: sum(p.event == e for p in members)) if events else None
        series = Series(
            key=f"{members[0].thing}|{ev or ''}", thing=members[0].thing, event=ev, points=members
        )
        series.conflicts = _conflicts(members, proposition)
        out.append(series)
    out.sort(key=lambda s: (not s.charted, -len(s.points), s.key))
    seen: set[str] = set()
    for s in out:  # two series of one thing and event (joined by different propositions)
        while s.key in seen:
            s.key += "+"
        seen.add(s.key)
    return out


MAX_CONFLICTS = 1000  # pairs of one series listed, at most (a story shows a handful)


def _conflicts(
    points: list[FigurePoint], proposition: dict[str, str | None]
) -> list[tuple[FigurePoint, FigurePoint]]:
    """Two sources whose figures for one question cannot both hold, a few days apart at most:
    "au moins 3 000" and "environ 3 000" agree; "2 000" and "12 000" the same day do not. Only
    within one proposition (issue 18): a series gathers figures of one counted thing and event,
    and "a baissé de 1,8 %" and "a baissé de 0,11 %" are two indices, not two accounts of one
    fact; two figures disagree only when their claims state the same thing. And a claim that
    also gives the other's figure does not dispute it: the figures of one sentence ("73 % des
    donateurs et 55 % de la collecte", "25 % de chômage, plus de 50 % chez les moins de 25 ans")
    measure different things, in every claim and copy that repeats the sentence. In the
    points' order, at most MAX_CONFLICTS. Each distinct (source, day, event, values) is tested
    once against every point, in arrays: an article repeating its figures thousands of times
    costs their distinct number, not the square of their count (issue 17)."""
    import numpy as np

    if len(points) < 2:
        return []
    sources: dict[str, int] = {}
    keys: dict[tuple[Any, ...], int] = {}
    props: dict[str, int] = {}
    src, days, low, high, usable, key_of, prop = [], [], [], [], [], [], []
    for p in points:
        found = proposition.get(p.claim)
        prop.append(props.setdefault(found, len(props)) if found else -1)
        d = day(p.date)
        b = _bounds(p)
        src.append(sources.setdefault(p.source_key, len(sources)))
        days.append(date.fromisoformat(d).toordinal() if d else 0)
        # a figure of no known predicate may answer another question; "des milliers" has no number
        usable.append(p.event is not None and b is not None and prop[-1] >= 0)
        lo, hi = b if b is not None else (0.0, 0.0)
        low.append(lo)
        high.append(hi)
        key_of.append(keys.setdefault((src[-1], d, p.event, lo, hi, prop[-1]), len(keys)))
    claims: dict[str, int] = {}
    a_claim = np.array([claims.setdefault(p.claim, len(claims)) for p in points])
    figures_of: dict[int, list[int]] = defaultdict(list)  # claim -> its usable points
    for i, c in enumerate(a_claim.tolist()):
        if usable[i]:
            figures_of[c].append(i)
    a_src, a_day, a_prop = np.array(src), np.array(days), np.array(prop)
    a_low, a_high, a_use = np.array(low, dtype=float), np.array(high, dtype=float), np.array(usable)
    undated = a_day == 0
    partners: dict[int, Any] = {}
    out: list[tuple[FigurePoint, FigurePoint]] = []
    for i, p in enumerate(points):
        if not usable[i]:
            continue
        k = key_of[i]
        if k not in partners:
            near = undated | bool(undated[i]) | (np.abs(a_day - a_day[i]) <= CONFLICT_DAYS)
            apart = (a_high < a_low[i]) | (a_high[i] < a_low)
            same = a_prop == a_prop[i]
            cand = np.nonzero(a_use & near & same & (a_src != a_src[i]) & apart)[0]
            # a claim that also gives a figure compatible with this one does not dispute it
            agreeing = np.unique(a_claim[a_use & (a_low <= a_high[i]) & (a_low[i] <= a_high)])
            partners[k] = cand[~np.isin(a_claim[cand], agreeing)]
        later = partners[k][np.searchsorted(partners[k], i, side="right") :]
        mine = figures_of[int(a_claim[i])]
        lo_c, hi_c = a_low[mine], a_high[mine]
        # ...nor is it disputed by a claim whose figure it gives too
        compatible = (lo_c[None, :] <= a_high[later][:, None]) & (a_low[later][:, None] <= hi_c[None, :])
        for j in later[~compatible.any(axis=1)].tolist():
            out.append((p, points[j]))
            if len(out) >= MAX_CONFLICTS:
                return out
    return out


def _bounds(p: FigurePoint) -> tuple[float, float] | None:
    if p.value is None:
        return None
    return bounds_interval(p.bound, p.value, p.low, p.high)
