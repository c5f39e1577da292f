"""Stories: articles about the same event.

Two articles report the same event when they are within a few days of each other and share
enough of what identifies it: the rare words both use, weighted by rarity (link/terms.py: places,
names, the event's own vocabulary, "crue", "Pas-de-Calais", "Aa"), not the topic's common words.
A new article is compared only with the articles of its days that share one of its strongest
terms (an index, link_terms); a term that too many articles of those days share is too generic
to propose anything. Across languages, where no word is shared, an article joins one that names
the same actors and places and whose lead a multilingual sentence encoder finds close. Stories are
the connected components of the pairs that join.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class StoryParams:
    window_days: int = 10
    min_similarity: float = 0.2  # cosine of the two articles' term profiles
    # two articles with no precise evidence of one time (link/when.same_days: weekdays, days
    # without a year, an undated article naming no day against a dated one) must be this close:
    # a flow of undated opinion pieces names "lundi" and "le 1er mai" every year
    weak_similarity: float = 0.3
    max_posting: int = 500  # articles of the window sharing a term, beyond which it is generic
    # across languages words are not shared: an article in another language that names at least
    # `cross_entities` of the same actors and places and whose lead says the same thing
    # (multilingual sentence vectors, cosine) reports the same event
    cross_entities: int = 2
    cross_similarity: float = 0.55
    cross_candidates: int = 50


def day(value: str | None) -> str | None:
    """The publication day of an ISO date or datetime; None when there is none to trust."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int:
    da, db = day(a), day(b)
    if not da or not db:
        return 0
    return abs((date.fromisoformat(da) - date.fromisoformat(db)).days)


def window(value: str | None, days: int) -> tuple[str, str] | None:
    d = day(value)
    if d is None:
        return None
    center = date.fromisoformat(d)
    return (center - timedelta(days=days)).isoformat(), (center + timedelta(days=days)).isoformat()
