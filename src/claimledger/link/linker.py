"""Incremental linking: each newly stored article joins (or founds) a story, its claims join the
story's propositions, and what they change (figure series, contradictions, status changes,
corroboration) is written to the ledger, in one transaction per batch.

Cost grows with what is new, not with the ledger: a new article is compared only with the
articles its key entities and its LSH bands point to (indexed rows), and its claims only with the
claims of the story it joins. When it bridges two stories they merge: the older id survives, the
other redirects to it, and the claims of the smaller part are compared with the rest once.
Articles waiting for linking sit in `link_queue` (written with the article), so a run that dies
between storing and linking is finished by the next one. `relink` rebuilds everything and keeps
every id a reader may have saved (the oldest story or proposition id of a group survives).

One input never costs more than its size (issue 17): a story update scores its new claims
against candidates found by blocking once the dense matrix would be large (link/match.py,
`score_pairs`), so an article of 20 000 near-identical claims links in seconds instead of not at
all; and each article has a time budget (CLAIMLEDGER_LINK_BUDGET, default 300 s): past it, its
batch is rolled back, it leaves the queue for `link_parked` with the reason, and the others are
linked without it. `relink` tries parked articles again.

The work is split by job: this module is the coordinator (the queue, batches and transactions,
`relink`, `forget`, parking); inputs.py reads a batch's records and claim vectors; joining.py
finds the story an article joins (copies, term index, other languages, merges) and writes its
link rows; update.py brings a story up to date (pairs, flags, series, summary) with
propositions.py clustering its claims; ids.py names stories and propositions and keeps old ids
resolving across `relink`; budget.py is the time budget.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, func, select, text, tuple_
from sqlalchemy.orm import Session

from ..store import identity
from ..store.ledger import Ledger
from ..store.schema import (
    ArticleRow,
    ClaimRow,
    ContradictionRow,
    LinkArticleRow,
    LinkBandRow,
    LinkClaimRow,
    LinkParkedRow,
    LinkQueueRow,
    LinkRecheckRow,
    LinkTermRow,
    PropositionRedirectRow,
    PropositionRow,
    SeriesRow,
    SourceStatsRow,
    StatusChangeRow,
    StoryRedirectRow,
    StoryRow,
)
from . import dedupe, joining
from .budget import BUDGET_ENV, DEFAULT_BUDGET, Clock, OverBudget, default_budget
from .embed import Embedder
from .events import actor_terms, article_terms
from .ids import preserve_ids, proposition_id_for, snapshot, story_id_for
from .inputs import claim_vectors, load_records
from .joining import NewArticle
from .match import BOUNDS, Bounds
from .records import ArticleRecord
from .sql import bump_sources
from .stories import StoryParams, day
from .update import recheck, update_story
from .when import when_of

__all__ = [
    "BATCH",
    "BUDGET_ENV",
    "DEFAULT_BUDGET",
    "LINK_LOCK",
    "LinkStats",
    "Linker",
    "OverBudget",
    "default_budget",
    "proposition_id_for",
    "story_id_for",
]

LINK_LOCK = identity.LINK_LOCK  # PostgreSQL advisory lock: one linker (or merge of linked ids) at a time
BATCH = 64


@dataclass
class LinkStats:
    articles: int = 0
    merges: int = 0
    seconds: float = 0.0
    touched: set[str] = field(default_factory=set)
    parked: list[tuple[str, str]] = field(default_factory=list)  # (article, why), this run

    @property
    def stories(self) -> int:
        """Stories created or changed."""
        return len(self.touched)

    def absorb(self, part: LinkStats) -> None:
        """Add what one committed batch linked."""
        self.articles += part.articles
        self.merges += part.merges
        self.touched |= part.touched


class Linker:
    def __init__(
        self,
        ledger: Ledger,
        embedder: Embedder | Callable[[str], Embedder] | None = None,
        params: StoryParams | None = None,
        *,
        budget: float | Literal["env"] | None = "env",
        bounds: Bounds = BOUNDS,
    ) -> None:
        """`embedder`: one (a single language) or a factory by language; default: load lazily.
        `budget`: seconds of linking one article may take before it is parked (None: no limit;
        default: CLAIMLEDGER_LINK_BUDGET, else DEFAULT_BUDGET); `bounds`: the pair scoring caps."""
        self.ledger = ledger
        self.params = params or StoryParams()
        self.budget = default_budget() if isinstance(budget, str) else budget
        self.bounds = bounds
        self._clock = Clock(None)  # armed (with the budget) only while linking the queue or relinking
        self._embedders: dict[str, Embedder] = {}
        self._warm: set[str] = set()  # languages whose encoder has run once
        self._merged: set[str] = set()  # stories merged in the batch being linked
        self._batch_story: dict[str, str] = {}  # the batch being linked: article -> story
        self._factory: Callable[[str], Embedder] = (
            (lambda _lang: embedder)
            if isinstance(embedder, Embedder)
            else (embedder or (lambda lang: Embedder(lang)))
        )

    def embedder(self, lang: str) -> Embedder:
        if lang not in self._embedders:
            self._embedders[lang] = self._factory(lang)
        return self._embedders[lang]

    # -- entry points --------------------------------------------------------------------------

    def pending(self) -> int:
        with Session(self.ledger.engine) as s:
            return int(s.scalar(select(func.count()).select_from(LinkQueueRow)) or 0)

    def link_pending(self, progress: Callable[[int], None] | None = None) -> LinkStats:
        """Link every queued article, a batch per transaction."""
        stats = LinkStats()
        t0 = time.perf_counter()
        try:
            while True:
                with Session(self.ledger.engine) as s:
                    q = select(LinkQueueRow.article_id).order_by(LinkQueueRow.article_id).limit(BATCH)
                    ids = list(s.scalars(q))
                if not ids:
                    break
                self._clock = Clock(self.budget, ids)
                batch = LinkStats()
                try:
                    records = self._records(ids)
                    vectors = self._vectors(records)
                    with Session(self.ledger.writer) as s, s.begin():
                        self._lock(s)
                        self._clock.restart()  # waiting for the lock is no article's doing
                        queued = set(
                            s.scalars(select(LinkQueueRow.article_id).where(LinkQueueRow.article_id.in_(ids)))
                        )
                        chosen = [r for r in records if r.id in queued]  # another run may have linked some
                        self._link_batch(s, chosen, vectors, batch)
                        s.execute(delete(LinkQueueRow).where(LinkQueueRow.article_id.in_(ids)))
                except OverBudget as over:
                    # the batch is rolled back; the slow article leaves the queue with its reason and
                    # the others are linked without it (the next turn of the loop)
                    self._park(over.article_id, str(over))
                    stats.parked.append((over.article_id, str(over)))
                    if progress:
                        progress(1)
                    continue
                stats.absorb(batch)
                if progress:
                    progress(len(ids))
        finally:
            self._clock = Clock(None)
        self.recheck_sources(stats)
        stats.seconds = time.perf_counter() - t0
        return stats

    def recheck_sources(self, stats: LinkStats | None = None) -> int:
        """Sources whose id changed after their claims were linked (the ledger merged two ids of
        one person, store/identity.py): the pairs of their claims are scored again, so that one
        voice is no corroboration or contradiction of itself, their claims' flags and the
        records they feed follow, and their stories' series and summaries are rebuilt. Costs
        what the merged claims bring, like linking them did. Returns the stories rechecked."""
        with Session(self.ledger.engine) as s:
            if s.scalar(select(LinkRecheckRow.who).limit(1)) is None:
                return 0
        done = 0
        with Session(self.ledger.writer) as s, s.begin():
            self._lock(s)
            whos = sorted(s.scalars(select(LinkRecheckRow.who)))
            by_source = select(ClaimRow.article_id, ClaimRow.claim_id).where(ClaimRow.source_id.in_(whos))
            rows = s.execute(
                select(LinkClaimRow.story_id, LinkClaimRow.article_id, LinkClaimRow.claim_id).where(
                    LinkClaimRow.who.in_(whos)
                    | tuple_(LinkClaimRow.article_id, LinkClaimRow.claim_id).in_(by_source)
                )
            )
            keys: dict[str, set[str]] = defaultdict(set)
            for sid, a, c in rows:
                keys[sid].add(f"{a}:{c}")
            for sid in sorted(keys):
                recheck(s, sid, keys[sid], self.bounds)
                done += 1
                if stats is not None:
                    stats.touched.add(sid)
            s.execute(delete(LinkRecheckRow).where(LinkRecheckRow.who.in_(whos)))
        return done

    def relink(self, progress: Callable[[int], None] | None = None) -> LinkStats:
        """Rebuild every link from the stored analyses (after a model or threshold change), in one
        transaction: readers see the old links until the new ones are complete. Story and
        proposition ids a reader may have saved keep resolving (see ids.preserve_ids)."""
        stats = LinkStats()
        t0 = time.perf_counter()
        with Session(self.ledger.writer) as s, s.begin():
            self._lock(s)
            before = snapshot(s)
            for table in (
                LinkArticleRow,
                LinkTermRow,
                LinkBandRow,
                LinkClaimRow,
                StoryRow,
                PropositionRow,
                SeriesRow,
                ContradictionRow,
                StatusChangeRow,
                StoryRedirectRow,
                PropositionRedirectRow,
                SourceStatsRow,
                LinkRecheckRow,
                LinkParkedRow,  # a parked article is tried again, with the same budget
            ):
                s.execute(delete(table))
            ids = [
                r[0]
                for r in s.execute(
                    select(ArticleRow.id).order_by(func.coalesce(ArticleRow.published, ""), ArticleRow.id)
                )
            ]
            for i in range(0, len(ids), BATCH * 4):
                chunk = ids[i : i + BATCH * 4]
                while chunk:
                    self._clock = Clock(self.budget, chunk)
                    part = LinkStats()
                    try:
                        with s.begin_nested():  # a savepoint: an article over budget undoes its chunk
                            records = self._records(chunk, s)
                            self._link_batch(s, records, self._vectors(records), part)
                    except OverBudget as over:
                        s.add(LinkParkedRow(article_id=over.article_id, reason=str(over)[:2000]))
                        stats.parked.append((over.article_id, str(over)))
                        chunk = [a for a in chunk if a != over.article_id]
                        if progress:
                            progress(1)
                        continue
                    stats.absorb(part)
                    break
                if progress:
                    progress(len(chunk))
            self._clock = Clock(None)
            s.execute(delete(LinkQueueRow))
            # merges during the rebuild redirected ids no reader ever saw: only the old ids matter
            s.execute(delete(StoryRedirectRow))
            s.execute(delete(PropositionRedirectRow))
            preserve_ids(s, before)
        stats.seconds = time.perf_counter() - t0
        return stats

    # -- inputs ----------------------------------------------------------------------------------

    def _records(self, ids: Sequence[str], s: Session | None = None) -> list[ArticleRecord]:
        if s is not None:
            recs = load_records(s, ids, self._clock)
        else:
            with Session(self.ledger.engine) as sess:
                recs = load_records(sess, ids, self._clock)
        recs.sort(key=lambda r: (day(r.date) or "", r.id))
        return recs

    def _vectors(self, records: list[ArticleRecord]) -> dict[str, NDArray[np.float32]]:
        """Claim vectors by claim key (inputs.py), each charged to its article."""
        return claim_vectors(records, self.embedder, self._warm, self._clock)

    def _park(self, article_id: str, reason: str) -> None:
        """Take an article out of the queue and keep why (link_parked): its claims stay stored and
        readable, they are not matched with other articles' until a `relink` links it in budget."""
        with Session(self.ledger.writer) as s, s.begin():
            self._lock(s)
            if s.get(ArticleRow, article_id) is None:
                return  # deleted meanwhile
            s.execute(delete(LinkQueueRow).where(LinkQueueRow.article_id == article_id))
            s.execute(delete(LinkParkedRow).where(LinkParkedRow.article_id == article_id))
            s.add(LinkParkedRow(article_id=article_id, reason=reason[:2000]))

    def requeue_parked(self) -> int:
        """Put the parked articles back in the queue (`relink --parked`), so that a pending link
        tries them again with the budget of the run; returns how many."""
        with Session(self.ledger.writer) as s, s.begin():
            self._lock(s)
            ids = list(s.scalars(select(LinkParkedRow.article_id).order_by(LinkParkedRow.article_id)))
            queued = set(s.scalars(select(LinkQueueRow.article_id).where(LinkQueueRow.article_id.in_(ids))))
            s.add_all(LinkQueueRow(article_id=a) for a in ids if a not in queued)
            s.execute(delete(LinkParkedRow).where(LinkParkedRow.article_id.in_(ids)))
        return len(ids)

    def parked(self) -> list[tuple[str, str]]:
        """Articles whose linking went over budget, with why."""
        with Session(self.ledger.engine) as s:
            rows = s.execute(
                select(LinkParkedRow.article_id, LinkParkedRow.reason).order_by(LinkParkedRow.article_id)
            )
            return [(a, r) for a, r in rows]

    def _lock(self, s: Session) -> None:
        """SQLite: the write transaction (BEGIN IMMEDIATE) already serialises linkers."""
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LINK_LOCK})

    def forget(self, article_id: str) -> bool:
        """Delete an article and what links it (cascading rows), take its claims out of their
        sources' records, and summarise its story again (series rebuilt; a story left empty is
        removed). Flags its claims set on other claims (corroborated, contradicted) stay until
        the next `relink`: a deletion never rescores the story."""
        with Session(self.ledger.writer) as s, s.begin():
            self._lock(s)
            if s.get(ArticleRow, article_id) is None:
                return False
            linked = s.get(LinkArticleRow, article_id)
            sid = linked.story_id if linked else None
            stats: dict[str, Counter[str]] = defaultdict(Counter)
            if linked is not None and linked.duplicate_of is None:
                for r in s.execute(
                    select(LinkClaimRow).where(LinkClaimRow.article_id == article_id)
                ).scalars():
                    if r.who:
                        stats[r.who].update(
                            claims=-1,
                            uncorroborated=-int(not r.corroborated),
                            shown=-int(r.shown),
                            contradicted=-int(r.contradicted),
                            confirmed_later=-int(r.confirmed_later),
                        )
            # its first copy becomes the original; its lines leave the chrome counts (issue 17)
            original = linked is not None and linked.duplicate_of is None
            promoted = dedupe.promote_copy(s, article_id) if original else None
            self.ledger.uncount_lines(s, article_id)
            named = identity.named_in(s, article_id)
            s.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
            identity.forget_article(s, named)  # aliases stay: a merge outlives its articles
            bump_sources(s, stats)
            if promoted is not None:
                bump_sources(s, promoted.stats, promoted.names)
            compare = promoted.keys if promoted is not None and promoted.story_id == sid else set()
            if sid is not None:
                left = s.scalar(
                    select(func.count()).select_from(LinkArticleRow).where(LinkArticleRow.story_id == sid)
                )
                if left:
                    self._merged.add(sid)  # its figures are rebuilt without the article's
                    self._update_story(s, sid, compare)
                    self._merged.discard(sid)
                else:
                    s.execute(delete(SeriesRow).where(SeriesRow.story_id == sid))
                    s.execute(delete(StoryRow).where(StoryRow.id == sid))
        return True

    # -- one batch ---------------------------------------------------------------------------------

    def _link_batch(
        self,
        s: Session,
        records: list[ArticleRecord],
        vectors: dict[str, NDArray[np.float32]],
        stats: LinkStats,
    ) -> None:
        if not records:
            return
        try:
            self._link_records(s, records, vectors, stats)
        finally:
            self._merged.clear()
            self._batch_story = {}

    def _link_records(
        self,
        s: Session,
        records: list[ArticleRecord],
        vectors: dict[str, NDArray[np.float32]],
        stats: LinkStats,
    ) -> None:
        batch: dict[str, NewArticle] = {}
        story_of: dict[str, str] = {}  # batch article -> story
        self._batch_story = story_of  # the clock's fallback reads it (_update_story)
        compare: dict[str, set[str]] = defaultdict(set)  # story -> claim keys to compare
        seq = int(s.scalar(select(func.max(LinkArticleRow.seq))) or 0)
        self._clock.restart()
        for rec in records:
            seq += 1
            sig = dedupe.signature(rec.text)
            # where it stands in time; a ledger older than link_articles.times cannot keep it
            when = when_of(rec.text, rec.lang, rec.date, rec.title) if self.ledger.places_articles else None
            new = NewArticle(
                rec=rec,
                terms=article_terms(rec),
                sig=sig,
                bands=dedupe.bands(sig),
                actors=actor_terms(rec),
                when=when,
            )
            bands = new.bands
            new.duplicate_of = joining.original(s, new, bands, batch)
            joined = joining.joined(s, new, batch, story_of, self.params, self.embedder)
            if new.duplicate_of:
                joined.add(story_of.get(new.duplicate_of) or joining.stored_story(s, new.duplicate_of))
            if not joined:
                sid = joining.new_story(s, rec.id)
            elif len(joined) == 1:
                sid = next(iter(joined))
            else:
                sid = joining.merge(s, joined, compare)
                self._merged.add(sid)  # its series must be rebuilt from both parts' figures
                stats.merges += len(joined) - 1
                for a, st in story_of.items():
                    if st in joined:
                        story_of[a] = sid
            story_of[rec.id] = sid
            batch[rec.id] = new
            joining.store_article(s, new, sid, seq, bands, vectors, self.embedder)
            if not new.duplicate_of:
                compare[sid].update(c.key for c in rec.claims)
            else:
                compare.setdefault(sid, set())
            self._clock.charge({rec.id: 1.0})
        for sid, keys in compare.items():
            self._update_story(s, sid, keys)
            stats.touched.add(sid)
        stats.articles += len(records)

    def _update_story(self, s: Session, sid: str, compare: set[str]) -> None:
        """The story brought up to date (update.py). Work that names no claim of this batch (a
        merge compares stored claims too) is charged to the batch's articles of the story."""
        self._clock.fallback = Counter(a for a, st in self._batch_story.items() if st == sid)
        update_story(s, sid, compare, self._clock, self.bounds, merged=sid in self._merged)
