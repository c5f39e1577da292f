"""What is known about a story: propositions (matched claims), figures over time with conflicts,
contradictions, status changes; and each source's record across the ledger."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .embed import Embedder
from .match import Match, bounds_interval, match_claims, thing
from .records import ArticleRecord, ClaimRecord
from .stories import Story, days_apart

CONFLICT_DAYS = 2
WEAK = ("alleged", "speculative")


@dataclass
class FigurePoint:
    thing: str
    value: float
    low: float | None
    high: float | None
    bound: str
    text: str
    date: str | None
    source: str
    status: str
    claim: str  # article_id:claim_id
    url: str | None
    order: int


@dataclass
class Series:
    thing: str
    points: list[FigurePoint]
    conflicts: list[tuple[FigurePoint, FigurePoint]] = field(default_factory=list)


@dataclass
class Contradiction:
    affirmed: ClaimRecord
    denied: ClaimRecord


@dataclass
class StatusChange:
    before: ClaimRecord
    after: ClaimRecord


@dataclass
class StoryReport:
    story: Story
    claims: list[ClaimRecord]
    propositions: list[list[ClaimRecord]]  # matched claims, largest first
    series: list[Series]
    contradictions: list[Contradiction]
    status_changes: list[StatusChange]
    matches: list[Match]


def _order(story: Story) -> dict[str, int]:
    return {a.id: i for i, a in enumerate(story.articles)}


def _later(a: ClaimRecord, b: ClaimRecord, order: dict[str, int]) -> bool:
    return (a.date or "", order.get(a.article_id, 0)) <= (b.date or "", order.get(b.article_id, 0))


def build_report(story: Story, embed: Embedder, duplicates: dict[str, str]) -> StoryReport:
    kept = [a for a in story.articles if a.id not in duplicates]  # wire copies count once
    claims = [c for a in kept for c in a.claims]
    vectors: NDArray[np.float32] = embed([c.text for c in claims])
    matches = match_claims(claims, vectors)
    order = _order(story)

    parent = {c.key: c.key for c in claims}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for m in matches:
        if m.strong:
            parent[find(m.a.key)] = find(m.b.key)
    groups: dict[str, list[ClaimRecord]] = defaultdict(list)
    for c in claims:
        groups[find(c.key)].append(c)
    propositions = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: -len(g))

    contradictions, changes = [], []
    for m in matches:
        a, b = m.a, m.b
        if a.source_key == b.source_key:
            continue
        if (a.status == "denied") != (b.status == "denied"):
            denied, affirmed = (a, b) if a.status == "denied" else (b, a)
            contradictions.append(Contradiction(affirmed=affirmed, denied=denied))
        first, second = (a, b) if _later(a, b, order) else (b, a)
        if m.strong and first.status in WEAK and second.status == "confirmed":
            changes.append(StatusChange(before=first, after=second))
    cluster = {c.key: find(c.key) for c in claims}
    series = figure_series(kept, order, cluster)
    return StoryReport(story, claims, propositions, series, contradictions, changes, matches)


def figure_series(
    articles: list[ArticleRecord], order: dict[str, int], cluster: dict[str, str]
) -> list[Series]:
    """Per counted thing, its figures in time order. A conflict is two sources giving figures
    for the same proposition (matched claims) whose bounds cannot both hold, within a few days:
    "18 soldats arrêtés" and "3 000 soldats en Russie" count soldiers but do not disagree."""
    by_thing: dict[str, list[FigurePoint]] = defaultdict(list)
    for art in articles:
        for c in art.claims:
            for q in c.quantities:
                name = thing(q)
                if name is None:
                    continue
                by_thing[name].append(
                    FigurePoint(
                        thing=name,
                        value=float(q.value),
                        low=q.low,
                        high=q.high,
                        bound=q.bound,
                        text=q.text,
                        date=art.date,
                        source=c.source or "l'article",
                        status=c.status,
                        claim=c.key,
                        url=art.url,
                        order=order.get(art.id, 0) * 100_000 + q.start,
                    )
                )
    out = []
    for name, points in by_thing.items():
        points.sort(key=lambda p: (p.date or "", p.order))
        series = Series(thing=name, points=points)
        for i, p in enumerate(points):
            for r in points[i + 1 :]:
                if p.source == r.source or days_apart(p.date, r.date) > CONFLICT_DAYS:
                    continue
                if cluster.get(p.claim) != cluster.get(r.claim):
                    continue
                (lp, hp), (lr, hr) = _bounds(p), _bounds(r)
                if hp < lr or hr < lp:
                    series.conflicts.append((p, r))
        out.append(series)
    out.sort(key=lambda s: (-len(s.points), s.thing))
    return out


def _bounds(p: FigurePoint) -> tuple[float, float]:
    return bounds_interval(p.bound, p.value, p.low, p.high)


@dataclass
class SourceRecord:
    source: str
    claims: int = 0
    confirmed_later: int = 0
    contradicted: int = 0
    uncorroborated: int = 0


def source_records(reports: list[StoryReport]) -> list[SourceRecord]:
    """Per source across stories: claims later confirmed by another source, contradicted by
    another source, and never corroborated by anyone else."""
    records: dict[str, SourceRecord] = {}
    for rep in reports:
        order = _order(rep.story)
        partners: dict[str, list[ClaimRecord]] = defaultdict(list)
        strong_partners: dict[str, list[ClaimRecord]] = defaultdict(list)
        for m in rep.matches:
            partners[m.a.key].append(m.b)
            partners[m.b.key].append(m.a)
            if m.strong:
                strong_partners[m.a.key].append(m.b)
                strong_partners[m.b.key].append(m.a)
        for c in rep.claims:
            if c.source is None:
                continue
            rec = records.setdefault(c.source_key, SourceRecord(source=c.source))
            rec.claims += 1
            # corroboration comes from another source in another article: an article restating its
            # own quote in its lede corroborates nothing
            others = [
                o
                for o in partners.get(c.key, [])
                if o.source_key != c.source_key and o.article_id != c.article_id
            ]
            strong = [
                o
                for o in strong_partners.get(c.key, [])
                if o.source_key != c.source_key and o.article_id != c.article_id
            ]
            if not strong:
                rec.uncorroborated += 1
            if (
                any(o.status == "confirmed" and _later(c, o, order) for o in strong)
                and c.status != "confirmed"
            ):
                rec.confirmed_later += 1
            if any((o.status == "denied") != (c.status == "denied") for o in others):
                rec.contradicted += 1
    return sorted(records.values(), key=lambda r: (-r.claims, r.source))
