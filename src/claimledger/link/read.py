"""Stories as readers get them: straight from the rows linking wrote (link/linker.py). Nothing
here embeds, parses or loads a model, so `stories`, `story`, `brief`, `source-record` and every
web page answer in milliseconds on a ledger of any size."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.ledger import Ledger
from ..store.schema import (
    ArticleRow,
    ContradictionRow,
    LinkArticleRow,
    LinkClaimRow,
    LinkQueueRow,
    LinkRecheckRow,
    MentionRow,
    PropositionRedirectRow,
    SeriesRow,
    SourceStatsRow,
    StatusChangeRow,
    StoryRedirectRow,
    StoryRow,
)
from .laundering import grouped
from .records import ClaimRecord
from .report import ArticleRef, Contradiction, SourceRecord, StatusChange, Story, StoryReport
from .rows import claim_record, story_claims_query
from .series import FigurePoint, Series

MAX_HOPS = 32  # redirect chains are flattened when written; this only guards a damaged ledger


def _story(row: StoryRow) -> Story:
    return Story(
        id=row.id,
        title=row.title,
        start=row.start,
        end=row.end,
        size=row.articles,
        entities=[(e, n) for e, n in json.loads(row.entities)],
    )


class LinkReader:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def pending(self) -> int:
        """Articles stored but not linked yet (their stories are not shown until they are)."""
        with Session(self.ledger.engine) as s:
            return int(s.scalar(select(func.count()).select_from(LinkQueueRow)) or 0)

    def rechecks(self) -> int:
        """Sources merged into another id (store/identity.py) whose linked claims the linker has
        not scored again yet: their corroboration and series wait for `relink --pending`."""
        with Session(self.ledger.engine) as s:
            return int(s.scalar(select(func.count()).select_from(LinkRecheckRow)) or 0)

    def resolve_story(self, story_id: str) -> str | None:
        """The live id for a story id: itself, or where a merge sent it; None if unknown."""
        with Session(self.ledger.engine) as s:
            sid = story_id
            for _ in range(MAX_HOPS):
                if s.get(StoryRow, sid) is not None:
                    return sid
                nxt = s.scalar(select(StoryRedirectRow.new_id).where(StoryRedirectRow.old_id == sid))
                if nxt is None:
                    return None
                sid = nxt
        return None

    def resolve_proposition(self, proposition_id: str) -> str | None:
        with Session(self.ledger.engine) as s:
            pid = proposition_id
            for _ in range(MAX_HOPS):
                live = s.scalar(
                    select(func.count()).select_from(LinkClaimRow).where(LinkClaimRow.proposition_id == pid)
                )
                if live:
                    return pid
                nxt = s.scalar(
                    select(PropositionRedirectRow.new_id).where(PropositionRedirectRow.old_id == pid)
                )
                if nxt is None:
                    return None
                pid = nxt
        return None

    def live_propositions(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Each proposition id -> the id it lives under now (itself, or the proposition a merge
        sent it to), None when it is gone; many at once (every verdict of the desk)."""
        out: dict[str, str | None] = {}
        current: dict[str, set[str]] = {i: {i} for i in set(ids)}  # id reached -> ids asked
        with Session(self.ledger.engine) as s:
            for _ in range(MAX_HOPS):
                if not current:
                    break
                keys = sorted(current)
                live: set[str] = set()
                redirect: dict[str, str] = {}
                for start in range(0, len(keys), 500):
                    chunk = keys[start : start + 500]
                    live.update(
                        s.scalars(
                            select(LinkClaimRow.proposition_id)
                            .where(LinkClaimRow.proposition_id.in_(chunk))
                            .distinct()
                        )
                    )
                    redirect.update(
                        s.execute(
                            select(PropositionRedirectRow.old_id, PropositionRedirectRow.new_id).where(
                                PropositionRedirectRow.old_id.in_(chunk)
                            )
                        ).all()
                    )
                following: dict[str, set[str]] = defaultdict(set)
                for pid, asked in current.items():
                    if pid in live:
                        out.update(dict.fromkeys(asked, pid))
                    elif pid in redirect:
                        following[redirect[pid]] |= asked
                    else:
                        out.update(dict.fromkeys(asked, None))
                current = following
        for asked in current.values():  # a chain longer than MAX_HOPS: a damaged ledger
            out.update(dict.fromkeys(asked, None))
        return out

    def merged_into(self, live_ids: Iterable[str]) -> dict[str, str]:
        """Every proposition id that merged into one of these (directly or through others) ->
        the one it merged into: where a verdict given to a merged proposition shows now."""
        target = {p: p for p in live_ids}
        frontier = set(target)
        with Session(self.ledger.engine) as s:
            for _ in range(MAX_HOPS):
                if not frontier:
                    break
                keys = sorted(frontier)
                frontier = set()
                for start in range(0, len(keys), 500):
                    rows = s.execute(
                        select(PropositionRedirectRow.old_id, PropositionRedirectRow.new_id).where(
                            PropositionRedirectRow.new_id.in_(keys[start : start + 500])
                        )
                    )
                    for old, new in rows:
                        if old not in target:
                            target[old] = target[new]
                            frontier.add(old)
        return {old: live for old, live in target.items() if old != live}

    def stories(self, limit: int = 50, offset: int = 0) -> list[Story]:
        """Largest first, then most recent."""
        q = (
            select(StoryRow)
            .order_by(StoryRow.articles.desc(), StoryRow.start.desc().nulls_last(), StoryRow.id)
            .limit(limit)
            .offset(offset)
        )
        with Session(self.ledger.engine) as s:
            return [_story(r) for r in s.scalars(q)]

    def count_stories(self) -> int:
        with Session(self.ledger.engine) as s:
            return int(s.scalar(select(func.count()).select_from(StoryRow)) or 0)

    def report(self, story_id: str, *, all_claims: bool = True) -> StoryReport | None:
        """A story with everything linking found in it; None for an unknown (or redirected) id:
        callers resolve redirects first, so they can tell the reader the id moved.
        `all_claims=False`: only the claims its contradictions and status changes name (what
        `story` shows), so a story of thousands of articles answers as fast as a small one."""
        with Session(self.ledger.engine) as s:
            row = s.get(StoryRow, story_id)
            if row is None:
                return None
            story = _story(row)
            arts = list(
                s.execute(
                    select(
                        ArticleRow.id,
                        ArticleRow.title,
                        ArticleRow.url,
                        ArticleRow.published,
                        LinkArticleRow.seq,
                    )
                    .join(LinkArticleRow, LinkArticleRow.article_id == ArticleRow.id)
                    .where(LinkArticleRow.story_id == story_id)
                ).all()
            )
            arts.sort(key=lambda r: (r.published or "9999", r.seq))
            story.articles = [ArticleRef(r.id, r.title, r.url, r.published) for r in arts]
            contradiction_rows = list(
                s.scalars(select(ContradictionRow).where(ContradictionRow.story_id == story_id))
            )
            change_rows = list(s.scalars(select(StatusChangeRow).where(StatusChangeRow.story_id == story_id)))
            keys = None
            if not all_claims:
                keys = sorted(
                    {(r.affirmed_article, r.affirmed_claim) for r in contradiction_rows}
                    | {(r.denied_article, r.denied_claim) for r in contradiction_rows}
                    | {(r.before_article, r.before_claim) for r in change_rows}
                    | {(r.after_article, r.after_claim) for r in change_rows}
                )
            rows = list(s.execute(story_claims_query(story_id, keys))) if keys is None or keys else []
            claims = [claim_record(r) for r in rows]
            by_key = {c.key: c for c in claims}
            proposition_of = {
                c.key: r.proposition_id for c, r in zip(claims, rows, strict=True) if r.proposition_id
            }
            groups: dict[str, list[ClaimRecord]] = defaultdict(list)
            for k, p in proposition_of.items():
                groups[p].append(by_key[k])
            series = [
                _series(r)
                for r in s.scalars(
                    select(SeriesRow).where(SeriesRow.story_id == story_id).order_by(SeriesRow.rank)
                )
            ]
            contradictions = [
                Contradiction(x, y) for x, y in _pairs(by_key, contradiction_rows, "affirmed", "denied")
            ]
            changes = [StatusChange(x, y) for x, y in _pairs(by_key, change_rows, "before", "after")]
        order = {a.id: i for i, a in enumerate(story.articles)}

        def when(c: ClaimRecord) -> tuple[int, int]:
            return order.get(c.article_id, 0), c.order

        contradictions.sort(key=lambda k: (when(k.affirmed), when(k.denied)))
        changes.sort(key=lambda k: (when(k.before), when(k.after)))
        propositions = sorted(groups.values(), key=lambda g: (-len(g), min(when(c) for c in g)))
        for g in propositions:
            g.sort(key=when)
        # the status changes linking stored are confirmations (weaker -> confirmed by a source)
        # and upgrades (weaker -> the article's own plain fact, laundering.py)
        confirmations = [k for k in changes if k.after.status == "confirmed"]
        upgrades = grouped(
            [(k.before, k.after) for k in changes if k.after.status != "confirmed"],
            [k.after for k in confirmations],
        )
        report = StoryReport(
            story, claims, propositions, series, contradictions, confirmations, proposition_of
        )
        report.upgrades = upgrades
        return report

    def source_records(self, limit: int = 50) -> list[SourceRecord]:
        """Per source across the ledger (copies of wire articles left out): its claims, those later
        confirmed by another source, contradicted by another source, never corroborated by
        another source in another article, and those reporting evidence it shows itself. Kept
        up to date by linking (source_stats), so this reads `limit` rows whatever the ledger."""
        with Session(self.ledger.engine) as s:
            rows = list(
                s.scalars(
                    select(SourceStatsRow)
                    .where(SourceStatsRow.claims > 0)
                    .order_by(SourceStatsRow.claims.desc(), SourceStatsRow.who)
                    .limit(limit)
                )
            )
            names = _names(s, [r.who for r in rows])
        return [
            SourceRecord(
                source=names.get(r.who) or r.name or r.who,
                id=r.who,
                claims=r.claims,
                confirmed_later=r.confirmed_later,
                contradicted=r.contradicted,
                uncorroborated=r.uncorroborated,
                shown=r.shown,
            )
            for r in rows
        ]

    def claim_links(self, article_ids: Iterable[str]) -> dict[tuple[str, str], tuple[str, str | None]]:
        """(article, claim) -> (story id, proposition id), for exports."""
        ids = list(article_ids)
        out: dict[tuple[str, str], tuple[str, str | None]] = {}
        if not ids:
            return out
        with Session(self.ledger.engine) as s:
            for a, c, st, p in s.execute(
                select(
                    LinkClaimRow.article_id,
                    LinkClaimRow.claim_id,
                    LinkClaimRow.story_id,
                    LinkClaimRow.proposition_id,
                ).where(LinkClaimRow.article_id.in_(ids))
            ):
                out[(a, c)] = (st, p)
        return out

    def proposition_members(self, proposition_id: str) -> list[tuple[str, str]]:
        """(article, claim) of each claim the proposition groups, in article order."""
        with Session(self.ledger.engine) as s:
            rows = s.execute(
                select(LinkClaimRow.article_id, LinkClaimRow.claim_id)
                .where(LinkClaimRow.proposition_id == proposition_id)
                .order_by(LinkClaimRow.article_id, LinkClaimRow.claim_id)
            )
            return [(a, c) for a, c in rows]

    def article_story(self, article_id: str) -> str | None:
        with Session(self.ledger.engine) as s:
            return s.scalar(select(LinkArticleRow.story_id).where(LinkArticleRow.article_id == article_id))


def _pairs(
    by_key: dict[str, ClaimRecord], rows: Iterable[Any], first: str, second: str
) -> Iterator[tuple[ClaimRecord, ClaimRecord]]:
    """The two claims each stored pair row names (`first`_article/_claim, `second`_…), when both
    are among the story's claims."""
    for r in rows:
        a = by_key.get(f"{getattr(r, first + '_article')}:{getattr(r, first + '_claim')}")
        b = by_key.get(f"{getattr(r, second + '_article')}:{getattr(r, second + '_claim')}")
        if a is not None and b is not None:
            yield a, b


def _names(s: Session, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(
        s.execute(
            select(MentionRow.entity_id, func.min(MentionRow.name))
            .where(MentionRow.entity_id.in_(ids))
            .group_by(MentionRow.entity_id)
        ).all()
    )


def _series(row: SeriesRow) -> Series:
    points = [FigurePoint.from_dict(p) for p in json.loads(row.points)]
    out = Series(key=row.key, thing=row.thing, event=row.event, points=points)
    # a vague figure conflicts with nothing, also in series an older linker stored
    pairs = [(points[i], points[j]) for i, j in json.loads(row.conflicts)]
    out.conflicts = [(p, r) for p, r in pairs if p.measured and r.measured]
    return out
