"""What is known about a story, as readers get it from the ledger: its articles, propositions
(matched claims), figure series, contradictions, status changes; and each source's record."""

from __future__ import annotations

from dataclasses import dataclass, field

from .laundering import StoryUpgrade
from .records import ClaimRecord
from .series import Series

WEAK = ("alleged", "speculative")


@dataclass
class ArticleRef:
    id: str
    title: str | None
    url: str | None
    date: str | None


@dataclass
class Story:
    id: str
    title: str
    start: str | None
    end: str | None
    size: int  # articles
    entities: list[tuple[str, str]] = field(default_factory=list)  # (id, name), most central first
    articles: list[ArticleRef] = field(default_factory=list)  # filled for one story's report


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
    claims: list[ClaimRecord]  # claims of the story's articles, near-duplicate copies left out
    propositions: list[list[ClaimRecord]]  # matched claims, largest first
    series: list[Series]  # charted first
    contradictions: list[Contradiction]
    status_changes: list[StatusChange]
    proposition_of: dict[str, str] = field(default_factory=dict)  # claim key -> proposition id
    # plain statements of what earlier articles only hedged or credited (laundering.py)
    upgrades: list[StoryUpgrade] = field(default_factory=list)

    @property
    def charted(self) -> list[Series]:
        return [s for s in self.series if s.charted]


@dataclass
class OutletRecord:
    """Per outlet: its articles, and its own plain facts that upgrade what the same article
    (within) or an earlier article of the story (across, no confirmation in between) only
    credited, hedged or denied (issue 20)."""

    outlet: str
    articles: int = 0
    upgrades_within: int = 0
    upgrades_across: int = 0

    @property
    def upgrades(self) -> int:
        return self.upgrades_within + self.upgrades_across


@dataclass
class SourceRecord:
    source: str
    id: str
    claims: int = 0
    confirmed_later: int = 0
    contradicted: int = 0
    uncorroborated: int = 0
    shown: int = 0  # claims reporting evidence this party itself shows (never a confirmation)
