"""Stories: articles about the same event.

Each article keeps its most specific entities (mentions weighted by inverse document frequency);
an inverted index on them proposes candidate pairs, so only articles sharing a specific entity are
compared (entities in too many articles are ignored as too generic). A pair joins when it shares
enough weighted entities, its texts are close (mean claim vectors) and its dates are within the
window; stories are the connected components.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from .records import ArticleRecord

KEY_ENTITIES = 6


@dataclass
class Story:
    id: str
    articles: list[ArticleRecord] = field(default_factory=list)
    title: str = ""
    entities: list[tuple[str, str]] = field(default_factory=list)  # (id, name), most central first

    @property
    def start(self) -> str | None:
        dates = [a.date for a in self.articles if a.date]
        return min(dates) if dates else None


def days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def key_entities(articles: list[ArticleRecord]) -> list[dict[str, float]]:
    df = Counter(e for a in articles for e in a.entities)
    n = len(articles)
    out = []
    for a in articles:
        weights = {
            e: m * math.log(1 + n / df[e]) for e, m in a.entities.items() if not e.startswith("place:")
        }
        top = sorted(weights.items(), key=lambda kv: -kv[1])[:KEY_ENTITIES]
        total = sum(w for _, w in top) or 1.0
        out.append({e: w / total for e, w in top})  # a share, so long and short articles compare
    return out


def group_stories(
    articles: list[ArticleRecord],
    vectors: NDArray[np.float32],
    *,
    window_days: int = 10,
    min_overlap: float = 0.3,
    min_cosine: float = 0.75,
    max_posting: int = 500,
) -> list[Story]:
    keys = key_entities(articles)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        for e in k:
            postings[e].append(i)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > max_posting:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if days_apart(articles[i].date, articles[j].date) > window_days:
                    continue
                shared = sum(min(keys[i][e], keys[j][e]) for e in keys[i].keys() & keys[j].keys())
                total = sum(
                    max(keys[i].get(e, 0), keys[j].get(e, 0)) for e in keys[i].keys() | keys[j].keys()
                )
                if total and shared / total >= min_overlap and float(vectors[i] @ vectors[j]) >= min_cosine:
                    parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[find(i)].append(i)
    stories = []
    for members in groups.values():
        arts = sorted((articles[i] for i in members), key=lambda a: (a.date or "", a.id))
        weight: Counter[str] = Counter()
        names: dict[str, str] = {}
        for i in members:
            weight.update(keys[i])
            names.update(articles[i].names)
        sid = "s-" + hashlib.sha256(min(a.id for a in arts).encode()).hexdigest()[:10]
        stories.append(
            Story(
                id=sid,
                articles=arts,
                title=next((a.title for a in arts if a.title), "") or "",
                entities=[(e, names.get(e, e)) for e, _ in weight.most_common(5)],
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    return stories
