"""A story is one event: what the story index compares, and which stories an article joins.

An article's term profile (link/terms.py) says what it is about; an event is more than a topic.
Five rules keep a story to one event (issue 18):
- **Actors are weak evidence.** A candidate, a country, a party or a company takes part in many
  events; the act, the place, the victims and objects are the event's own. The words of the
  article's named people, organisations and countries weigh ACTOR_WEIGHT of their weight when it
  is compared (the place names, the act and the objects keep theirs).
- **A story supports a new article, not one of its members.** Joining on the single closest
  article lets a story grow by chains (debate, poll, tax returns, rally: each close to the last).
  An article joins a story only if it is close to its best member and to at least SUPPORT of its
  recent members (the FRONT latest of the window): the story as it stands, not its far end.
- **An event has participants and a place.** Two articles that name things, no person,
  organisation, country or place in common, are two events of one topic, however close their
  words ("retards de vols" / "grève à l'aéroport de Marseille"): joining.joined drops them from
  the candidates. An article that names nothing is compared by its words alone.
- **An undated article never glues stories, nor one that names nothing.** Without a date or a
  name there is no telling that two stories are one event: such an article that fits several
  joins the one it fits best; a dated one that names things merges them.
- **An event has a when** (link/when.py). An undated article is placed in time by the days its
  lead names and by naming days of the week there; articles whose named days are all far apart
  are two events; loose evidence of time (weekdays, days without a year) asks for closer words;
  an undated article whose lead names no day (an essay, a portrait) joins dated stories only.
Terms are keyed by language ("fr:tax" for "taxis", "en:tax" for "tax"): two languages meet
through their multilingual vectors and shared actors (joining.across_languages), never through a
stem spelled alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .records import ArticleRecord
from .terms import Profile, profile, stem_of

ACTOR_WEIGHT = 0.3
SUPPORT = 0.5
FRONT = 20
ACTOR_PREFIXES = ("person:", "org:", "country:")
_WORD = re.compile(r"\w+(?:-\w+)*")


def keyed(terms: Profile, lang: str) -> Profile:
    """A profile's terms with their language before them, as the story index stores them."""
    return {f"{lang}:{t}": w for t, w in terms.items()}


def article_terms(rec: ArticleRecord) -> Profile:
    """What an article is about, as the story index compares it."""
    return keyed(profile(rec.text, rec.lang), rec.lang)


def actor_terms(rec: ArticleRecord) -> frozenset[str]:
    """The keyed terms that name the article's people, organisations and countries (from their
    names and ids: "Donald Trump", person:donald-trump)."""
    words: set[str] = set()
    for eid, name in rec.names.items():
        if eid.startswith(ACTOR_PREFIXES):
            words.update(_WORD.findall(name.lower()))
            words.update(eid.split(":", 1)[1].split("-"))
    return frozenset(f"{rec.lang}:{s}" for w in words if (s := stem_of(w, rec.lang)))


def weigh(term: str, actors: frozenset[str]) -> float:
    return ACTOR_WEIGHT if term in actors else 1.0


def similarity(new: Profile, actors: frozenset[str], other: Mapping[str, float]) -> float:
    """The new article's closeness to another, actors weighing less."""
    if len(other) < len(new):
        return sum(v * new[t] * weigh(t, actors) for t, v in other.items() if t in new)
    return sum(v * other[t] * weigh(t, actors) for t, v in new.items() if t in other)


@dataclass
class Candidate:
    """A story the new article may join: its recent members' closeness to the article."""

    story: str
    sims: list[float] = field(default_factory=list)

    def supports(self, threshold: float) -> bool:
        if not self.sims or max(self.sims) < threshold:
            return False
        close = sum(1 for v in self.sims if v >= threshold)
        return close >= SUPPORT * len(self.sims)


def choose(candidates: Iterable[Candidate], threshold: float, *, dated: bool) -> set[str]:
    """The stories the article joins: all that support it when it has a date (they merge), else
    the one whose closest member is closest (ties: the smaller id, the same on every run)."""
    passing = sorted((c for c in candidates if c.supports(threshold)), key=lambda c: (-max(c.sims), c.story))
    if dated or len(passing) <= 1:
        return {c.story for c in passing}
    return {passing[0].story}
