"""A story's ledger, source by source (issue 19): what a fact-checker reads to see who says what.

Each proposition (claims of several articles that state the same thing) is shown with every
source's claim side by side: who (the source's name as a reader should see it, else the article
itself), how sure (status), with which words (the cue's lemma, when the claim has one), when,
and where (its article). The newest change of a proposition is marked: the latest claim whose
status no claim of an earlier day had, as "alleged on the 18th, confirmed on the 21st". Claims
of one day are not ordered against each other (their hours are unknown), and an undated claim
cannot be placed in time: neither is ever a change.

Then the story's claims that are in no proposition but name a source or hedge (status other
than "stated"), grouped by source, largest group first; the articles' own hedged sentences are
one group, last. The articles' own plain sentences are left out, as `claims` leaves them out.

The view holds the ledger's values (status "alleged", kind "person"); the CLI, the pages and
the JSON API each put them in their own words, and the claims in none: they are never
translated.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from ..link.records import ClaimRecord
from ..link.report import StoryReport
from ..store.ledger import Ledger
from ..store.schema import ClaimRow


@dataclass
class Entry:
    """One source's claim in the ledger view."""

    claim: ClaimRecord
    cue: str | None = None  # the lemma of its reporting words ("affirmer", "say")
    newest_change: bool = False
    changed_from: str | None = None  # the status it changed from, on the newest change

    @property
    def who(self) -> str | None:
        """The source as a reader should see it; None: the article itself."""
        return self.claim.who

    @property
    def link(self) -> str:
        """The claim, highlighted on its article's page."""
        return f"/articles/{self.claim.article_id}#claim-{self.claim.claim_id}"


@dataclass
class PropositionView:
    id: str
    entries: list[Entry]

    @property
    def newest_change(self) -> Entry | None:
        return next((e for e in self.entries if e.newest_change), None)

    @property
    def sources(self) -> int:
        return len({e.claim.source_key for e in self.entries})


@dataclass
class SourceGroup:
    key: str | None  # the canonical source id; None: the articles' own hedged sentences
    who: str | None  # its name as most of its claims give it; None: the article itself
    entries: list[Entry] = field(default_factory=list)


@dataclass
class LedgerView:
    propositions: list[PropositionView]
    by_source: list[SourceGroup]

    @property
    def entries(self) -> list[Entry]:
        return [e for p in self.propositions for e in p.entries] + [
            e for g in self.by_source for e in g.entries
        ]


def mark_newest_change(entries: list[Entry]) -> None:
    """Marks the newest change of one proposition's entries (in the story's order: date, then the
    article's place, then the claim's): the latest dated claim whose status no claim dated
    before its day had; `changed_from` is the status of the last claim of the day before."""
    by_day: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.claim.date:
            by_day[e.claim.date[:10]].append(e)
    seen: set[str] = set()
    last: str | None = None
    newest: tuple[Entry, str] | None = None
    for day in sorted(by_day):
        if last is not None:
            for e in by_day[day]:
                if e.claim.status not in seen:
                    newest = (e, last)
        seen.update(e.claim.status for e in by_day[day])
        last = by_day[day][-1].claim.status
    if newest is not None:
        newest[0].newest_change = True
        newest[0].changed_from = newest[1]


def cues(ledger: Ledger, claims: Iterable[ClaimRecord], chunk: int = 400) -> dict[str, str]:
    """Claim key -> the lemma of its reporting words, for the claims that have one."""
    keys = sorted({(c.article_id, c.claim_id) for c in claims})
    out: dict[str, str] = {}
    with Session(ledger.engine) as s:
        for start in range(0, len(keys), chunk):
            rows = s.execute(
                select(ClaimRow.article_id, ClaimRow.claim_id, ClaimRow.cue_lemma).where(
                    tuple_(ClaimRow.article_id, ClaimRow.claim_id).in_(keys[start : start + chunk]),
                    ClaimRow.cue_lemma.is_not(None),
                )
            )
            out.update({f"{a}:{c}": lemma for a, c, lemma in rows if lemma})
    return out


def ledger_view(rep: StoryReport, ledger: Ledger | None = None) -> LedgerView:
    """The view of a story's report (made with every claim, `LinkReader.report(id)`); `ledger`
    gives the cues (without it, none is shown)."""
    outside = [
        c
        for c in rep.claims
        if c.key not in rep.proposition_of and (c.who is not None or c.status != "stated")
    ]
    shown = [c for g in rep.propositions for c in g] + outside
    cue_of = cues(ledger, shown) if ledger is not None else {}

    def entry(c: ClaimRecord) -> Entry:
        return Entry(c, cue_of.get(c.key))

    propositions = []
    for group in rep.propositions:
        entries = [entry(c) for c in group]
        mark_newest_change(entries)
        propositions.append(PropositionView(rep.proposition_of[group[0].key], entries))
    order = {a.id: i for i, a in enumerate(rep.story.articles)}
    groups: dict[str | None, list[Entry]] = defaultdict(list)
    for c in sorted(outside, key=lambda c: (order.get(c.article_id, len(order)), c.order)):
        groups[c.source_key if c.who is not None else None].append(entry(c))
    by_source = []
    for key, entries in groups.items():
        names = Counter(e.who for e in entries if e.who)
        who = max(names, key=lambda n: (names[n], -len(n))) if names else None
        by_source.append(SourceGroup(key, who, entries))
    by_source.sort(key=lambda g: (g.key is None, -len(g.entries), (g.who or "").casefold(), g.key or ""))
    return LedgerView(propositions, by_source)


def entry_json(e: Entry) -> dict[str, Any]:
    c = e.claim
    return {
        "article": c.article_id,
        "claim": c.claim_id,
        "text": c.text,
        "lang": c.lang,
        "status": c.status,
        "source": e.who,  # null: the article itself
        "source_id": None if e.who is None else c.source_key,
        "source_kind": c.source_kind,
        "cue": e.cue,
        "date": c.date,
        "link": e.link,
        "newest_change": e.newest_change,
        "changed_from": e.changed_from,
    }


def view_json(story_id: str, view: LedgerView) -> dict[str, Any]:
    """The JSON API's shape of the view (GET /api/stories/ID/ledger): machine values."""
    return {
        "id": story_id,
        "propositions": [
            {
                "id": p.id,
                "sources": p.sources,
                "newest_change": None if p.newest_change is None else p.newest_change.claim.key,
                "claims": [entry_json(e) for e in p.entries],
            }
            for p in view.propositions
        ],
        "by_source": [
            {"source": g.who, "source_id": g.key, "claims": [entry_json(e) for e in g.entries]}
            for g in view.by_source
        ],
    }
