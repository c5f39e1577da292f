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
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import (
    ColumnElement,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from ..errors import InputError
from ..model import analysis_from_dict
from ..store import identity
from ..store.ledger import Ledger, stored_text
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
    MentionRow,
    PropositionRedirectRow,
    PropositionRow,
    SeriesRow,
    SourceStatsRow,
    StatusChangeRow,
    StoryRedirectRow,
    StoryRow,
)
from . import dedupe
from .embed import Embedder, stack, to_bytes
from .match import BOUNDS, THRESHOLD, Bounds, PairScores, score, score_pairs
from .records import ArticleRecord, ClaimRecord, from_analysis
from .report import WEAK
from .rows import claim_record, story_claims_query
from .series import figure_series
from .stories import StoryParams, day, days_apart, window
from .terms import Profile, cosine, profile

LINK_LOCK = identity.LINK_LOCK  # PostgreSQL advisory lock: one linker (or merge of linked ids) at a time
BATCH = 64
EMBED_SLICE = 256  # claims of one article embedded between two looks at the clock
PAIR_ROWS = 500  # contradiction and status change rows per INSERT


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


class OverBudget(Exception):
    """An article whose linking took longer than the linker's budget: it is parked (link_parked,
    with the reason) and the articles after it are linked."""

    def __init__(self, article_id: str, seconds: float, budget: float) -> None:
        super().__init__(
            f"linking it took over {budget:g} s (stopped after {seconds:.1f} s): "
            "parked, its claims are stored but not matched with other articles'"
        )
        self.article_id = article_id


class _Clock:
    """Linking time per article: each stretch of work is charged to the articles it was for (in
    shares: a story update to its new articles by their claims), and an article past the budget
    stops the batch (OverBudget) so that one input can never hold the write lock, and the queue,
    for longer than the budget."""

    def __init__(self, budget: float | None, batch: Iterable[str] = ()) -> None:
        self.budget = budget
        self.batch = set(batch)  # only these are charged: a stored article is never parked
        self.fallback: Counter[str] = Counter()  # who pays for work no batch article is named in
        self.spent: dict[str, float] = defaultdict(float)
        self.mark = time.perf_counter()

    def restart(self) -> None:
        self.mark = time.perf_counter()

    def charge(self, shares: dict[str, float] | Counter[str]) -> None:
        """The time since the last charge, split by `shares`; past the budget, OverBudget."""
        now = time.perf_counter()
        spent, self.mark = now - self.mark, now
        shares = {a: v for a, v in shares.items() if a in self.batch} or self.fallback
        total = float(sum(shares.values()))
        if total <= 0:
            return
        for aid, share in shares.items():
            self.spent[aid] += spent * share / total
        if self.budget is not None:
            for aid in sorted(shares, key=lambda a: (-self.spent[a], a)):
                if self.spent[aid] > self.budget:
                    raise OverBudget(aid, self.spent[aid], self.budget)
                break

    def rows(self, claims: list[ClaimRecord]) -> Callable[[list[int]], None]:
        """A `tick` for score_pairs: each block of rows charged to the articles of its claims."""
        return lambda part: self.charge(Counter(claims[i].article_id for i in part))


DEFAULT_BUDGET = 300.0  # seconds of linking one article may take (CLAIMLEDGER_LINK_BUDGET)
BUDGET_ENV = "CLAIMLEDGER_LINK_BUDGET"


def default_budget() -> float | None:
    """The budget from CLAIMLEDGER_LINK_BUDGET (seconds; 0 or "none": no budget), else the
    default. A value that is no positive number is refused in one line (InputError)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    if not raw:
        return DEFAULT_BUDGET
    if raw.lower() in ("0", "none", "off"):
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"{BUDGET_ENV}={raw!r} is not a number of seconds (or 'none')")
    return value


@dataclass
class _New:
    """An article being linked in this batch, as later articles of the batch see it."""

    rec: ArticleRecord
    terms: Profile
    sig: np.ndarray
    bands: list[str] = field(default_factory=list)
    duplicate_of: str | None = None


def story_id_for(article_id: str) -> str:
    return "s-" + hashlib.sha256(article_id.encode()).hexdigest()[:10]


def proposition_id_for(claim_key: str) -> str:
    return "p-" + hashlib.sha256(claim_key.encode()).hexdigest()[:10]


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
        self._clock = _Clock(None)  # armed (with the budget) only while linking the queue or relinking
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
                self._clock = _Clock(self.budget, ids)
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
            self._clock = _Clock(None)
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
                self._recheck(s, sid, keys[sid])
                done += 1
                if stats is not None:
                    stats.touched.add(sid)
            s.execute(delete(LinkRecheckRow).where(LinkRecheckRow.who.in_(whos)))
        return done

    def relink(self, progress: Callable[[int], None] | None = None) -> LinkStats:
        """Rebuild every link from the stored analyses (after a model or threshold change), in one
        transaction: readers see the old links until the new ones are complete. Story and
        proposition ids a reader may have saved keep resolving (see _preserve_ids)."""
        stats = LinkStats()
        t0 = time.perf_counter()
        with Session(self.ledger.writer) as s, s.begin():
            self._lock(s)
            before = _snapshot(s)
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
                    self._clock = _Clock(self.budget, chunk)
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
            self._clock = _Clock(None)
            s.execute(delete(LinkQueueRow))
            # merges during the rebuild redirected ids no reader ever saw: only the old ids matter
            s.execute(delete(StoryRedirectRow))
            s.execute(delete(PropositionRedirectRow))
            _preserve_ids(s, before)
        stats.seconds = time.perf_counter() - t0
        return stats

    # -- inputs ----------------------------------------------------------------------------------

    def _records(self, ids: Sequence[str], s: Session | None = None) -> list[ArticleRecord]:
        def load(sess: Session) -> list[ArticleRecord]:
            rows = sess.execute(select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(ids)))
            out = []
            self._clock.restart()
            for aid, a in rows:
                out.append(from_analysis(analysis_from_dict(json.loads(a))))
                self._clock.charge({aid: 1.0})
            return out

        if s is not None:
            recs = load(s)
        else:
            with Session(self.ledger.engine) as sess:
                recs = load(sess)
        recs.sort(key=lambda r: (day(r.date) or "", r.id))
        return recs

    def _vectors(self, records: list[ArticleRecord]) -> dict[str, NDArray[np.float32]]:
        """Claim vectors by claim key, each language with its own model; an article's claims a
        slice at a time, each charged to it (embedding is linear, but 20 000 claims take long)."""
        out: dict[str, NDArray[np.float32]] = {}
        seen: dict[tuple[str, str], NDArray[np.float32]] = {}  # a text repeated is embedded once
        for lang in sorted({r.lang for r in records} - self._warm):
            self.embedder(lang)(["."])  # the encoder's weights load once, on no article's time
            self._warm.add(lang)
        self._clock.restart()
        for r in records:
            texts = list(dict.fromkeys(c.text for c in r.claims if (r.lang, c.text) not in seen))
            for at in range(0, len(texts), EMBED_SLICE):
                part = texts[at : at + EMBED_SLICE]
                vecs = self.embedder(r.lang)(part)
                seen.update({(r.lang, t): v for t, v in zip(part, vecs, strict=True)})
                self._clock.charge({r.id: 1.0})
            out.update({c.key: seen[(r.lang, c.text)] for c in r.claims})
        return out

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
            _bump_sources(s, stats)
            if promoted is not None:
                _bump_sources(s, promoted.stats, promoted.names)
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
        batch: dict[str, _New] = {}
        story_of: dict[str, str] = {}  # batch article -> story
        self._batch_story = story_of  # the clock's fallback reads it (_update_story)
        compare: dict[str, set[str]] = defaultdict(set)  # story -> claim keys to compare
        seq = int(s.scalar(select(func.max(LinkArticleRow.seq))) or 0)
        self._clock.restart()
        for rec in records:
            seq += 1
            sig = dedupe.signature(rec.text)
            new = _New(rec=rec, terms=profile(rec.text, rec.lang), sig=sig, bands=dedupe.bands(sig))
            bands = new.bands
            new.duplicate_of = self._original(s, new, bands, batch)
            joined = self._joined(s, new, batch, story_of)
            if new.duplicate_of:
                joined.add(story_of.get(new.duplicate_of) or self._story_of(s, new.duplicate_of))
            if not joined:
                sid = self._new_story(s, rec.id)
            elif len(joined) == 1:
                sid = next(iter(joined))
            else:
                sid = self._merge(s, joined, compare)
                stats.merges += len(joined) - 1
                for a, st in story_of.items():
                    if st in joined:
                        story_of[a] = sid
            story_of[rec.id] = sid
            batch[rec.id] = new
            self._store_article(s, new, sid, seq, bands, vectors)
            if not new.duplicate_of:
                compare[sid].update(c.key for c in rec.claims)
            else:
                compare.setdefault(sid, set())
            self._clock.charge({rec.id: 1.0})
        for sid, keys in compare.items():
            self._update_story(s, sid, keys)
            stats.touched.add(sid)
        stats.articles += len(records)

    def _original(self, s: Session, new: _New, bands: list[str], batch: dict[str, _New]) -> str | None:
        """The article this one copies (Jaccard of shingles >= 0.8), if one is stored: the first
        copy linked is the original, every later copy points to it."""
        found: list[tuple[str, str | None, np.ndarray]] = []
        rows = s.execute(
            select(LinkArticleRow.article_id, LinkArticleRow.duplicate_of, LinkArticleRow.minhash)
            .join(LinkBandRow, LinkBandRow.article_id == LinkArticleRow.article_id)
            .where(LinkBandRow.band.in_(bands))
            .distinct()
        )
        found.extend((a, d, dedupe.from_bytes(m)) for a, d, m in rows)
        mine = set(bands)
        for aid, other in batch.items():
            if mine.intersection(other.bands):
                found.append((aid, other.duplicate_of, other.sig))
        best = max(found, key=lambda f: (dedupe.similarity(new.sig, f[2]), f[0]), default=None)
        if best is None or dedupe.similarity(new.sig, best[2]) < dedupe.THRESHOLD:
            return None
        return best[1] or best[0]

    def _joined(self, s: Session, new: _New, batch: dict[str, _New], story_of: dict[str, str]) -> set[str]:
        """Stories of the articles (stored, or earlier in this batch) about the same event: within
        the window, and whose term profiles are close enough; the database scores the stored ones
        from the term index, reading only the rows of the new article's terms and days."""
        p = self.params
        rec = new.rec
        joined: set[str] = set()
        span = window(rec.date, p.window_days)

        def in_window(cond: ColumnElement[bool]) -> ColumnElement[bool]:
            if span is None:
                return cond
            return cond & or_(LinkTermRow.date.is_(None), LinkTermRow.date.between(*span))

        terms = sorted(new.terms)
        if terms:
            counts = dict(
                s.execute(
                    select(LinkTermRow.term, func.count())
                    .where(in_window(LinkTermRow.term.in_(terms)))
                    .group_by(LinkTermRow.term)
                ).all()
            )
            usable = [(t, new.terms[t]) for t in terms if 0 < counts.get(t, 0) <= p.max_posting]
            if usable:
                weight = dict(usable)
                sims: dict[str, float] = defaultdict(float)
                for term, aid, w in s.execute(
                    select(LinkTermRow.term, LinkTermRow.article_id, LinkTermRow.weight).where(
                        in_window(LinkTermRow.term.in_(list(weight)))
                    )
                ):
                    sims[aid] += w * weight[term]
                close = [aid for aid, v in sims.items() if v >= p.min_similarity]
                for chunk in _chunks(close, 500):
                    joined.update(
                        s.scalars(
                            select(LinkArticleRow.story_id)
                            .where(LinkArticleRow.article_id.in_(chunk))
                            .distinct()
                        )
                    )
        for aid, other in batch.items():
            if (
                days_apart(rec.date, other.rec.date) <= p.window_days
                and cosine(new.terms, other.terms) >= p.min_similarity
            ):
                joined.add(story_of[aid])
        joined.update(self._across_languages(s, new, batch, story_of))
        return joined

    def _across_languages(
        self, s: Session, new: _New, batch: dict[str, _New], story_of: dict[str, str]
    ) -> set[str]:
        """Stories in another language that this article reports too: articles of its days in
        another language naming `cross_entities` of its actors and places, whose lead a
        multilingual sentence encoder finds close (StoryParams.cross_similarity)."""
        p, rec = self.params, new.rec
        actors = _actors(rec)
        if len(actors) < p.cross_entities:
            return set()
        span = window(rec.date, p.window_days)
        shared = func.count(MentionRow.entity_id)
        q = (
            select(MentionRow.article_id)
            .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
            .join(LinkArticleRow, LinkArticleRow.article_id == MentionRow.article_id)
            .where(MentionRow.entity_id.in_(sorted(actors)), ArticleRow.lang != rec.lang)
            .group_by(MentionRow.article_id)
            .having(shared >= p.cross_entities)
            .order_by(shared.desc(), MentionRow.article_id)  # ties in one order on every database
            .limit(p.cross_candidates)
        )
        if span is not None:
            q = q.where(or_(LinkArticleRow.date.is_(None), LinkArticleRow.date.between(*span)))
        leads: dict[str, str] = {}
        for aid in s.scalars(q):
            row = s.get(ArticleRow, aid)
            if row is not None:
                leads[aid] = _lead(row.title, json.loads(row.analysis)["article"]["text"])
        for aid, other in batch.items():
            if (
                other.rec.lang != rec.lang
                and days_apart(rec.date, other.rec.date) <= p.window_days
                and len(actors & _actors(other.rec)) >= p.cross_entities
            ):
                leads[aid] = _lead(other.rec.title, other.rec.text)
        if not leads:
            return set()
        ids = list(leads)
        vecs = self.embedder(rec.lang)([_lead(rec.title, rec.text), *(leads[a] for a in ids)])
        close = [
            a for a, sim in zip(ids, (vecs[1:] @ vecs[0]).tolist(), strict=True) if sim >= p.cross_similarity
        ]
        out = {story_of[a] for a in close if a in story_of}
        for chunk in _chunks([a for a in close if a not in story_of], 500):
            out.update(
                s.scalars(
                    select(LinkArticleRow.story_id).where(LinkArticleRow.article_id.in_(chunk)).distinct()
                )
            )
        return out

    def _story_of(self, s: Session, article_id: str) -> str:
        return str(s.scalar(select(LinkArticleRow.story_id).where(LinkArticleRow.article_id == article_id)))

    def _new_story(self, s: Session, article_id: str) -> str:
        sid = story_id_for(article_id)
        salt = 0
        while s.get(StoryRow, sid) is not None or s.get(StoryRedirectRow, sid) is not None:
            salt += 1  # an id once used keeps meaning what it meant
            sid = story_id_for(f"{article_id}#{salt}")
        seq = int(s.scalar(select(func.max(StoryRow.seq))) or 0) + 1
        s.execute(
            insert(StoryRow).values(
                id=sid, seq=seq, title="", start=None, end=None, articles=0, entities="[]"
            )
        )
        return sid

    def _merge(self, s: Session, stories: set[str], compare: dict[str, set[str]]) -> str:
        """Merge stories into the oldest; the others redirect to it. Claims of every part but the
        largest are compared with the rest (pairs inside one part were compared already)."""
        seqs = dict(s.execute(select(StoryRow.id, StoryRow.seq).where(StoryRow.id.in_(stories))).all())
        survivor = min(stories, key=lambda x: (seqs.get(x, 1 << 60), x))
        parts: dict[str, set[str]] = {}
        for sid in sorted(stories):
            rows = s.execute(
                select(LinkClaimRow.article_id, LinkClaimRow.claim_id).where(
                    LinkClaimRow.story_id == sid, LinkClaimRow.copy.is_(False)
                )
            )
            parts[sid] = {f"{a}:{c}" for a, c in rows}
        # ties broken by id: which part is "largest" decides which claims are compared, and must not
        # depend on the set's (hash-seeded) order
        largest = max(sorted(stories), key=lambda x: (len(parts[x]), x == survivor, x))
        keys = set().union(*(parts[x] | compare.pop(x, set()) for x in stories if x != largest))
        keys |= compare.pop(largest, set())
        for other in sorted(stories - {survivor}):
            for table in (LinkArticleRow, LinkClaimRow, PropositionRow, ContradictionRow, StatusChangeRow):
                s.execute(update(table).where(table.story_id == other).values(story_id=survivor))
            s.execute(delete(SeriesRow).where(SeriesRow.story_id == other))
            s.execute(delete(StoryRow).where(StoryRow.id == other))
            s.execute(
                update(StoryRedirectRow).where(StoryRedirectRow.new_id == other).values(new_id=survivor)
            )
            s.execute(insert(StoryRedirectRow).values(old_id=other, new_id=survivor))
        compare[survivor] = keys
        self._merged.add(survivor)  # its series must be rebuilt from both parts' figures
        return survivor

    def _store_article(
        self,
        s: Session,
        new: _New,
        sid: str,
        seq: int,
        bands: list[str],
        vectors: dict[str, NDArray[np.float32]],
    ) -> None:
        rec = new.rec
        d = day(rec.date)
        s.execute(
            insert(LinkArticleRow).values(
                article_id=rec.id,
                story_id=sid,
                seq=seq,
                date=d,
                duplicate_of=new.duplicate_of,
                minhash=dedupe.to_bytes(new.sig),
                terms=json.dumps(new.terms, ensure_ascii=False),
            )
        )
        if new.terms:
            s.execute(
                insert(LinkTermRow),
                [
                    {"term": t[:64], "article_id": rec.id, "date": d, "weight": w}
                    for t, w in new.terms.items()
                ],
            )
        s.execute(insert(LinkBandRow), [{"band": b, "article_id": rec.id} for b in sorted(set(bands))])
        dim = self.embedder(rec.lang).dim
        rows = [
            {
                "article_id": rec.id,
                "claim_id": c.claim_id,
                "story_id": sid,
                "proposition_id": None,
                "copy": new.duplicate_of is not None,
                "who": stored_text(c.shown_by or (c.source_key if c.source else None), 200),
                "shown": c.shown_by is not None,
                "vector": to_bytes(vectors.get(c.key, np.zeros(dim, np.float32))),
                "features": json.dumps(c.features(), ensure_ascii=False, allow_nan=False),
                "corroborated": False,
                "confirmed_later": False,
                "contradicted": False,
            }
            for c in rec.claims
        ]
        if rows:
            s.execute(insert(LinkClaimRow), rows)
        if new.duplicate_of is None:  # a copy is no second voice: it adds nothing to a record
            stats: dict[str, Counter[str]] = defaultdict(Counter)
            names: dict[str, str] = {}
            for c in rec.claims:
                who = stored_text(c.shown_by or (c.source_key if c.source else None), 200)
                if who:
                    stats[who].update(claims=1, uncorroborated=1, shown=int(c.shown_by is not None))
                    names.setdefault(who, c.who or who)
            _bump_sources(s, stats, names)

    # -- one story -------------------------------------------------------------------------------

    def _update_story(self, s: Session, sid: str, compare: set[str]) -> None:
        # work for the whole story is charged to the articles whose claims it compares (the ones
        # of this batch: a merge compares stored claims too, and the batch's articles of the story
        # that caused it pay for them)
        shares = Counter(k.split(":", 1)[0] for k in compare)
        self._clock.fallback = Counter(a for a, st in self._batch_story.items() if st == sid)
        story = _story_claims(s, sid)
        self._clock.charge(shares)
        claims = story.claims
        props = self._match(s, sid, story, compare)
        figures = [c for c in claims if c.quantities]
        changed = sid in self._merged or any(
            c.key in compare or props.get(c.key) != story.props.get(c.key) for c in figures
        )
        if not changed:
            _summarise(s, sid)  # no new figure, none regrouped: the series stand
            self._clock.charge(shares)
            return
        _write_series(s, sid, claims, props)
        _summarise(s, sid)
        self._clock.charge(shares)

    def _recheck(self, s: Session, sid: str, keys: set[str]) -> None:
        """Score again every pair of the story that has one of these claims (their source's id
        changed), with the ids as they are now: these claims' flags, and the contradictions and
        status changes they are in, are computed again; another claim keeps its flags and gains
        what a pair with them now gives. Propositions stay: who speaks never placed a claim in
        one, but for one voice within one article, which the article's own ids already made one."""
        story = _story_claims(s, sid)
        claims = story.claims
        index = {c.key: i for i, c in enumerate(claims)}
        rows = sorted(index[k] for k in keys if k in index)
        if rows:
            mine = set(rows)
            flags: dict[int, set[str]] = defaultdict(set)
            contradictions: list[tuple[ClaimRecord, ClaimRecord]] = []
            changes: list[tuple[ClaimRecord, ClaimRecord]] = []
            scores = score_pairs(claims, story.vecs, rows, self.bounds)
            voices = [c.source_key for c in claims]  # a property that slugs: read once
            for i in rows:
                for j, _ in _best(scores, i, self.bounds.matches, i.__ne__):
                    if j in mine and j < i:
                        continue  # each pair once
                    a, b = claims[i], claims[j]
                    if voices[i] == voices[j]:
                        continue  # one voice
                    if a.article_id != b.article_id:
                        flags[i].add("corroborated")
                        flags[j].add("corroborated")
                    if (a.status == "denied") != (b.status == "denied"):
                        contradictions.append((b, a) if a.status == "denied" else (a, b))
                        flags[i].add("contradicted")
                        flags[j].add("contradicted")
                    first, second = (a, b) if story.order[a.key] <= story.order[b.key] else (b, a)
                    if first.status in WEAK and second.status == "confirmed" and _before(first, second):
                        changes.append((first, second))
                        flags[index[first.key]].add("confirmed_later")
            _set_flags(s, story, mine, flags)
            mine_keys = [(claims[i].article_id, claims[i].claim_id) for i in sorted(mine)]
            _replace_pairs(s, sid, ContradictionRow, CONTRADICTION, mine_keys, contradictions)
            _replace_pairs(s, sid, StatusChangeRow, STATUS_CHANGE, mine_keys, changes)
        _write_series(s, sid, claims, story.props)
        _summarise(s, sid)

    def _match(self, s: Session, sid: str, story: _StoryClaims, compare: set[str]) -> dict[str, str | None]:
        """Score the claims to compare against the story's claims, record what each matching pair
        means (corroboration, contradiction, status change), and place each claim in a
        proposition (_Propositions)."""
        claims, vecs, props, order = story.claims, story.vecs, story.props, story.order
        index = {c.key: i for i, c in enumerate(claims)}
        todo = sorted((index[k] for k in compare if k in index), key=lambda i: (order[claims[i].key], i))
        if not todo:
            return props
        done: set[int] = set(range(len(claims))) - set(todo)
        seqs: dict[str, int] = {}
        for chunk in _chunks(sorted({p for p in props.values() if p}), 500):
            query = select(PropositionRow.id, PropositionRow.seq).where(PropositionRow.id.in_(chunk))
            seqs.update(s.execute(query).all())
        tick = self._clock.rows(claims)
        scores = score_pairs(claims, vecs, todo, self.bounds, tick=tick)
        groups = _Propositions(claims, vecs, props, seqs, scores, self.bounds.group_sample)
        flags: dict[str, set[str]] = defaultdict(set)
        contradictions, changes = [], []
        voices = [c.source_key for c in claims]  # a property that slugs: read once
        for row, i in enumerate(todo):
            matches: list[tuple[int, float]] = []
            # a pair of two new claims is scored when the second one comes
            for j, value in _best(scores, i, self.bounds.matches, done.__contains__):
                a, b = claims[i], claims[j]
                matches.append((j, value))
                if voices[i] == voices[j]:
                    continue
                if a.article_id != b.article_id:
                    flags["corroborated"].update((a.key, b.key))
                if (a.status == "denied") != (b.status == "denied"):
                    denied, affirmed = (a, b) if a.status == "denied" else (b, a)
                    contradictions.append((affirmed, denied))
                    flags["contradicted"].update((a.key, b.key))
                first, second = (a, b) if order[a.key] <= order[b.key] else (b, a)
                if first.status in WEAK and second.status == "confirmed" and _before(first, second):
                    changes.append((first, second))
                    flags["confirmed_later"].add(first.key)
            groups.place(i, matches)
            done.add(i)
            if row % 256 == 255:
                tick(todo[row - 255 : row + 1])
        stats: dict[str, Counter[str]] = defaultdict(Counter)
        position = {"corroborated": 1, "contradicted": 2, "confirmed_later": 3}
        for name, keys in flags.items():  # one bulk UPDATE by primary key per flag
            fresh = sorted(k for k in keys if not story.flags[k][position[name]])
            if not fresh:
                continue
            s.execute(
                update(LinkClaimRow),
                [
                    {"article_id": k.split(":", 1)[0], "claim_id": k.split(":", 1)[1], name: True}
                    for k in fresh
                ],
            )
            for k in fresh:  # a source's record changes with the flags of its claims
                who = story.flags[k][0]
                if who:
                    if name == "corroborated":
                        stats[who]["uncorroborated"] -= 1
                    else:
                        stats[who][name] += 1
        _bump_sources(s, stats)
        for table, columns, pairs in (
            (
                ContradictionRow,
                ("affirmed_article", "affirmed_claim", "denied_article", "denied_claim"),
                contradictions,
            ),
            (StatusChangeRow, ("before_article", "before_claim", "after_article", "after_claim"), changes),
        ):
            _insert_pairs(s, sid, table, columns, pairs)
        return groups.write(s, sid, order)


class _Propositions:
    """Propositions of one story, grown one claim at a time (single-pass clustering against a
    prototype): a claim joins the proposition whose founding statement it matches best, or opens
    a new one with the claims it matches that belong to none. Two propositions that turn out to
    be one (when stories merge) merge: the older id survives, the other redirects."""

    def __init__(
        self,
        claims: list[ClaimRecord],
        vecs: NDArray[np.float32],
        props: dict[str, str | None],
        seqs: dict[str, int],
        scores: PairScores,
        group_sample: int = BOUNDS.group_sample,
    ) -> None:
        self.claims, self.vecs = claims, vecs
        self.prop: dict[int, str | None] = {i: props.get(c.key) for i, c in enumerate(claims)}
        self.before = dict(self.prop)
        self.members: dict[str, list[int]] = defaultdict(list)
        for i, p in self.prop.items():
            if p:
                self.members[p].append(i)
        self.fresh = 0
        self.seqs = seqs  # creation order of the stored propositions: the older id survives
        self.scores = scores  # of the claims being placed (score_pairs)
        self.sample = group_sample
        self.merged: dict[str, str] = {}  # proposition -> the one it merged into

    def score(self, i: int, j: int) -> float:
        if i in self.scores:
            return max(self.scores.get(i, j), 0.0)
        if j in self.scores:
            return max(self.scores.get(j, i), 0.0)
        if self.scores.f.voice[i] == self.scores.f.voice[j]:
            return 0.0  # not comparable (match.comparable): one source in one article
        a, b = self.claims[i], self.claims[j]
        return score(a, b, float(self.vecs[i] @ self.vecs[j]))

    def linkage(self, i: int, group: str) -> float:
        """How well a claim matches a proposition: its mean score with the proposition's two
        oldest claims, the statement that made it a proposition. A fixed prototype does not drift:
        joining on any member (single link) or on the best member of each article would let a
        story's every claim about one actor chain into one "proposition"."""
        founders = [j for j in self.members[group][:2] if j != i]
        return sum(self.score(i, j) for j in founders) / len(founders) if founders else 0.0

    def place(self, i: int, matches: list[tuple[int, float]]) -> None:
        """Join the proposition of the claim it matches best, if it also matches that
        proposition's founding statement; else the next best."""
        mine = self.prop[i]
        ranked: list[str] = []
        for j, _ in sorted(matches, key=lambda m: -m[1]):
            g = self.prop[j]
            if g is not None and g != mine and g not in ranked:
                ranked.append(g)
        best = next(((self.linkage(i, g), g) for g in ranked if self.linkage(i, g) >= THRESHOLD), (0.0, None))
        if mine is None:
            if best[1] is not None:
                self._join(i, best[1])
                return
            loose = [j for j, _ in sorted(matches, key=lambda m: -m[1]) if self.prop[j] is None]
            if loose:
                self.fresh += 1
                group = f"~{self.fresh}"
                self._join(i, group)
                for j in loose:
                    if self.linkage(j, group) >= THRESHOLD:
                        self._join(j, group)
            return
        other = best[1]
        if other is not None and self._group_linkage(mine, other) >= THRESHOLD:
            self._merge(mine, other)

    def _group_linkage(self, g: str, h: str) -> float:
        """Mean linkage of g's members (its oldest `sample`: a bound on one test) with h."""
        scores = [self.linkage(i, h) for i in self.members[g][: self.sample]]
        return sum(scores) / len(scores) if scores else 0.0

    def _join(self, i: int, group: str) -> None:
        self.prop[i] = group
        self.members[group].append(i)

    def _merge(self, g: str, h: str) -> None:
        """Into the older: a stored proposition before a new one, the first created first."""

        def age(x: str) -> tuple[int, str]:
            return self.seqs.get(x, 1 << 60), x

        keep, drop = (g, h) if age(g) <= age(h) else (h, g)
        for j in self.members.pop(drop):
            self._join(j, keep)
        self.merged[drop] = keep  # what merged into `drop` before follows it (`final`)

    def final(self, group: str) -> str:
        """The proposition a merged one ended in (one walk down the chain, not a rewrite of every
        earlier merge at each merge)."""
        while group in self.merged:
            group = self.merged[group]
        return group

    def write(self, s: Session, sid: str, order: dict[str, tuple[str, int]]) -> dict[str, str | None]:
        """New propositions get the id of their oldest claim; merged ones redirect. Returns each
        claim's proposition."""
        next_seq = int(s.scalar(select(func.max(PropositionRow.seq))) or 0)
        names: dict[str, str] = {}
        founders = {
            group: self.claims[min(members, key=lambda j: (order[self.claims[j].key], j))].key
            for group, members in self.members.items()
            if group.startswith("~") and len(members) >= 2
        }
        wanted = {proposition_id_for(k) for k in founders.values()}
        taken = set(s.scalars(select(PropositionRow.id).where(PropositionRow.id.in_(wanted))))
        taken |= set(
            s.scalars(select(PropositionRedirectRow.old_id).where(PropositionRedirectRow.old_id.in_(wanted)))
        )
        rows = []
        for group, founder in founders.items():
            pid, salt = proposition_id_for(founder), 0
            while pid in taken or s.get(PropositionRedirectRow, pid) is not None:
                salt += 1  # an id once used keeps meaning what it meant
                pid = proposition_id_for(f"{founder}#{salt}")
                taken |= set(s.scalars(select(PropositionRow.id).where(PropositionRow.id == pid)))
            taken.add(pid)
            next_seq += 1
            rows.append({"id": pid, "story_id": sid, "seq": next_seq})
            names[group] = pid
        if rows:
            s.execute(insert(PropositionRow), rows)
        for drop in self.merged:
            if drop.startswith("~"):
                continue
            keep = self.final(drop)
            s.execute(delete(PropositionRow).where(PropositionRow.id == drop))
            target = names.get(keep, keep)
            s.execute(
                update(PropositionRedirectRow)
                .where(PropositionRedirectRow.new_id == drop)
                .values(new_id=target)
            )
            s.execute(insert(PropositionRedirectRow).values(old_id=drop, new_id=target))
        out: dict[str, str | None] = {}
        changed = []
        for i, assigned in self.prop.items():
            resolved: str | None = None
            if assigned is not None:
                resolved = names.get(assigned, assigned)
            if resolved is not None and resolved.startswith("~"):
                resolved = None  # a "proposition" of one claim is no proposition
            c = self.claims[i]
            out[c.key] = resolved
            if resolved != self.before[i]:
                changed.append(
                    {"article_id": c.article_id, "claim_id": c.claim_id, "proposition_id": resolved}
                )
        if changed:
            s.execute(update(LinkClaimRow), changed)
        return out


# -- helpers -----------------------------------------------------------------------------------


STAT_COLUMNS = ("claims", "confirmed_later", "contradicted", "uncorroborated", "shown")


ACTOR_TYPES_ACROSS = ("country:", "person:", "org:")


def _actors(rec: ArticleRecord) -> set[str]:
    """The named actors of an article, as language-independent ids (country:KP, person:…)."""
    return {e for e in rec.entities if e.startswith(ACTOR_TYPES_ACROSS)}


def _lead(title: str | None, text: str, chars: int = 600) -> str:
    """What an article is about, for a sentence encoder: its title and first lines."""
    return f"{title or ''}. {text[:chars]}"


def _bump_sources(s: Session, stats: dict[str, Counter[str]], names: dict[str, str] | None = None) -> None:
    """Add these changes to the sources' records (one upsert per source)."""
    insert_or = _insert_ignore(s)
    for who, delta in sorted(stats.items()):
        values = {k: delta.get(k, 0) for k in STAT_COLUMNS}
        stmt = insert_or(SourceStatsRow).values(who=who[:200], name=(names or {}).get(who, who), **values)
        changes = {k: getattr(SourceStatsRow, k) + values[k] for k in STAT_COLUMNS if values[k]}
        s.execute(
            stmt.on_conflict_do_update(
                index_elements=[SourceStatsRow.who], set_=changes or {"claims": SourceStatsRow.claims}
            )
        )


def _before(first: ClaimRecord, second: ClaimRecord) -> bool:
    """A status changed over time only if we know the weaker claim came first: two dated
    articles, the weaker one not later."""
    d1, d2 = day(first.date), day(second.date)
    return first.article_id != second.article_id and d1 is not None and d2 is not None and d1 <= d2


def _best(scores: PairScores, i: int, most: int, keep: Callable[[int], bool]) -> list[tuple[int, float]]:
    """The claims claim i matches (score >= THRESHOLD) that `keep` accepts, ascending; past `most`,
    its `most` best (ties: the older): what one claim sets and how it is placed stays bounded
    when an article repeats one claim thousands of times."""
    cols, vals = scores.above(i, THRESHOLD)
    found = [(j, v) for j, v in zip(cols, vals, strict=True) if keep(j)]
    if len(found) > most:
        found = sorted(sorted(found, key=lambda m: (-m[1], m[0]))[:most])
    return found


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _insert_ignore(s: Session) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert


@dataclass
class _StoryClaims:
    claims: list[ClaimRecord]
    vecs: NDArray[np.float32]
    props: dict[str, str | None]  # claim key -> proposition
    order: dict[str, tuple[str, int]]  # claim key -> (day, linking order of its article)
    flags: dict[str, tuple[str | None, bool, bool, bool]]  # who, corroborated, contradicted, confirmed later


def _story_claims(s: Session, sid: str) -> _StoryClaims:
    rows = list(s.execute(story_claims_query(sid)))
    claims = [claim_record(r) for r in rows]
    dim = max((len(r.vector) // 2 for r in rows), default=1)
    pairs = list(zip(claims, rows, strict=True))
    return _StoryClaims(
        claims=claims,
        vecs=stack([r.vector for r in rows], dim),
        props={c.key: r.proposition_id for c, r in pairs},
        order={c.key: (day(c.date) or "", r.seq) for c, r in pairs},
        flags={c.key: (r.who, r.corroborated, r.contradicted, r.confirmed_later) for c, r in pairs},
    )


FLAGS = ("corroborated", "contradicted", "confirmed_later")  # in _StoryClaims.flags order, after who
CONTRADICTION = ("affirmed_article", "affirmed_claim", "denied_article", "denied_claim")
STATUS_CHANGE = ("before_article", "before_claim", "after_article", "after_claim")


def _set_flags(s: Session, story: _StoryClaims, mine: set[int], flags: dict[int, set[str]]) -> None:
    """Rechecked claims (`mine`) take exactly the flags their pairs give now; others add theirs.
    Sources' records follow each flag that changes."""
    deltas: dict[str, Counter[str]] = defaultdict(Counter)
    updates = []
    for i in sorted(mine | set(flags)):
        c = story.claims[i]
        who, *before = story.flags[c.key]
        after = {
            name: (name in flags[i]) if i in mine else (bool(was) or name in flags[i])
            for name, was in zip(FLAGS, before, strict=True)
        }
        steps = {name: int(after[name]) - int(bool(was)) for name, was in zip(FLAGS, before, strict=True)}
        if not any(steps.values()):
            continue
        updates.append({"article_id": c.article_id, "claim_id": c.claim_id, **after})
        if who:
            for name, step in steps.items():
                if name == "corroborated":
                    deltas[who]["uncorroborated"] -= step
                else:
                    deltas[who][name] += step
    if updates:
        s.execute(update(LinkClaimRow), updates)
    _bump_sources(s, deltas)


def _replace_pairs(
    s: Session,
    sid: str,
    table: Any,
    columns: tuple[str, str, str, str],
    mine: list[tuple[str, str]],
    pairs: list[tuple[ClaimRecord, ClaimRecord]],
) -> None:
    """The pair rows (contradictions, status changes) a rechecked claim is in, written again."""
    x_art, x_claim, y_art, y_claim = columns
    for start in range(0, len(mine), 500):
        chunk = mine[start : start + 500]
        s.execute(
            delete(table).where(
                tuple_(getattr(table, x_art), getattr(table, x_claim)).in_(chunk)
                | tuple_(getattr(table, y_art), getattr(table, y_claim)).in_(chunk)
            )
        )
    _insert_pairs(s, sid, table, columns, pairs)


def _insert_pairs(
    s: Session,
    sid: str,
    table: Any,
    columns: tuple[str, str, str, str],
    pairs: list[tuple[ClaimRecord, ClaimRecord]],
) -> None:
    """Pair rows (contradictions, status changes) of one story, in batches within every
    database's bound-parameter limit; a pair already stored is kept."""
    x_art, x_claim, y_art, y_claim = columns
    rows = [
        {x_art: x.article_id, x_claim: x.claim_id, y_art: y.article_id, y_claim: y.claim_id, "story_id": sid}
        for x, y in pairs
    ]
    insert_ignore = _insert_ignore(s)
    for at in range(0, len(rows), PAIR_ROWS):
        s.execute(insert_ignore(table).values(rows[at : at + PAIR_ROWS]).on_conflict_do_nothing())


def _write_series(s: Session, sid: str, claims: list[ClaimRecord], props: dict[str, str | None]) -> None:
    """The story's figure series, written again from its claims."""
    series = figure_series(claims, props)
    s.execute(delete(SeriesRow).where(SeriesRow.story_id == sid))
    if series:
        s.execute(
            insert(SeriesRow),
            [
                {
                    "story_id": sid,
                    "key": stored_text(x.key, 200),
                    "thing": stored_text(x.thing, 120),
                    "event": stored_text(x.event, 120),
                    "charted": x.charted,
                    "rank": rank,
                    "points": json.dumps(x.points_json(), ensure_ascii=False, allow_nan=False),
                    "conflicts": json.dumps(x.conflict_pairs()),
                }
                for rank, x in enumerate(series)
            ],
        )


def _summarise(s: Session, sid: str) -> None:
    """The story's row: title of its first article, dates, size, and the entities most of its
    articles name."""
    members = select(LinkArticleRow.article_id).where(LinkArticleRow.story_id == sid)
    rows = list(
        s.execute(
            select(ArticleRow.title, ArticleRow.published, LinkArticleRow.seq)
            .join(LinkArticleRow, LinkArticleRow.article_id == ArticleRow.id)
            .where(LinkArticleRow.story_id == sid)
        )
    )
    rows.sort(key=lambda r: (day(r.published) or "9999", r.seq))
    named = func.count(MentionRow.article_id)
    top = s.execute(
        select(MentionRow.entity_id, func.min(MentionRow.name))
        .where(MentionRow.article_id.in_(members), MentionRow.type.in_(STORY_ENTITY_TYPES))
        .group_by(MentionRow.entity_id)
        .order_by(named.desc(), func.sum(MentionRow.mentions).desc(), MentionRow.entity_id)
        .limit(5)
    ).all()
    dates = sorted(d for r in rows if (d := day(r.published)))
    s.execute(
        update(StoryRow)
        .where(StoryRow.id == sid)
        .values(
            title=next((r.title for r in rows if r.title), "") or "",
            start=dates[0] if dates else None,
            end=dates[-1] if dates else None,
            articles=len(rows),
            entities=json.dumps([[e, n] for e, n in top], ensure_ascii=False),
        )
    )


STORY_ENTITY_TYPES = ("person", "organization", "country", "place")


# -- relink: ids that survive ------------------------------------------------------------------


@dataclass
class _Before:
    story_of: dict[str, str]  # article -> story
    story_seq: dict[str, int]
    story_redirects: dict[str, str]
    prop_of: dict[str, str]  # claim key -> proposition
    prop_seq: dict[str, int]
    prop_redirects: dict[str, str]


def _claim_propositions(s: Session) -> dict[str, str]:
    rows = s.execute(
        select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.proposition_id).where(
            LinkClaimRow.proposition_id.is_not(None)
        )
    )
    return {f"{a}:{c}": p for a, c, p in rows if p}


def _snapshot(s: Session) -> _Before:
    return _Before(
        story_of=dict(s.execute(select(LinkArticleRow.article_id, LinkArticleRow.story_id)).all()),
        story_seq=dict(s.execute(select(StoryRow.id, StoryRow.seq)).all()),
        story_redirects=dict(s.execute(select(StoryRedirectRow.old_id, StoryRedirectRow.new_id)).all()),
        prop_of=_claim_propositions(s),
        prop_seq=dict(s.execute(select(PropositionRow.id, PropositionRow.seq)).all()),
        prop_redirects=dict(
            s.execute(select(PropositionRedirectRow.old_id, PropositionRedirectRow.new_id)).all()
        ),
    )


def _preserve_ids(s: Session, before: _Before) -> None:
    """After a rebuild, each new story takes the oldest old id among the stories its articles were
    in, and every other old id (and every old redirect) redirects to where its articles went; the
    same for propositions. A saved link never breaks because links were rebuilt."""
    story_members: dict[str, list[str]] = defaultdict(list)
    for a, st in s.execute(select(LinkArticleRow.article_id, LinkArticleRow.story_id)):
        story_members[st].append(a)
    rename = _choose_ids(story_members, before.story_of, before.story_seq)
    _rename(
        s,
        rename,
        StoryRow,
        StoryRow.id,
        (LinkArticleRow, LinkClaimRow, PropositionRow, SeriesRow, ContradictionRow, StatusChangeRow),
    )
    final_story = {a: rename.get(st, st) for st, arts in story_members.items() for a in arts}
    _redirect(s, StoryRedirectRow, before.story_of, before.story_redirects, final_story)

    prop_members: dict[str, list[str]] = defaultdict(list)
    for key, p in _claim_propositions(s).items():
        prop_members[p].append(key)
    prename = _choose_ids(prop_members, before.prop_of, before.prop_seq)
    _rename_propositions(s, prename)
    final_prop = {k: prename.get(p, p) for p, keys in prop_members.items() for k in keys}
    _redirect(s, PropositionRedirectRow, before.prop_of, before.prop_redirects, final_prop)


def _choose_ids(
    members: dict[str, list[str]], old_of: dict[str, str], old_seq: dict[str, int]
) -> dict[str, str]:
    """new id -> old id it takes: the oldest old id among its members' groups, each old id once
    (the group holding most of its members gets it)."""
    wants: list[tuple[int, int, str, str]] = []
    for new_id, keys in members.items():
        counts: dict[str, int] = defaultdict(int)
        for k in keys:
            if k in old_of:
                counts[old_of[k]] += 1
        for old, n in counts.items():
            wants.append((old_seq.get(old, 1 << 60), -n, old, new_id))
    taken: set[str] = set()
    out: dict[str, str] = {}
    for _seq, _n, old, new_id in sorted(wants):
        if old in taken or new_id in out:
            continue
        taken.add(old)
        out[new_id] = old
    for new_id in members:  # a new id that an old group now owns takes a fresh one
        if new_id not in out and new_id in taken:
            salt = 0
            fresh = new_id
            while fresh in taken or fresh in members:
                salt += 1
                fresh = new_id[:2] + hashlib.sha256(f"{new_id}#{salt}".encode()).hexdigest()[:10]
            out[new_id] = fresh
            taken.add(fresh)
    return {n: o for n, o in out.items() if n != o}


def _steps(rename: dict[str, str]) -> list[tuple[str, str]]:
    """(from, to) renames through temporary ids ("s-…" -> "~-…" -> old id), so that swapping
    ids never collides on a primary key."""
    first = [(new, "~" + old[1:]) for new, old in rename.items()]
    return first + [("~" + old[1:], old) for old in rename.values()]


def _rename(s: Session, rename: dict[str, str], row: Any, pk: Any, tables: Sequence[Any]) -> None:
    for a, b in _steps(rename):
        s.execute(update(row).where(pk == a).values(id=b))
        for table in tables:
            s.execute(update(table).where(table.story_id == a).values(story_id=b))


def _rename_propositions(s: Session, rename: dict[str, str]) -> None:
    for a, b in _steps(rename):
        s.execute(update(PropositionRow).where(PropositionRow.id == a).values(id=b))
        s.execute(update(LinkClaimRow).where(LinkClaimRow.proposition_id == a).values(proposition_id=b))


def _redirect(
    s: Session,
    table: Any,
    old_of: dict[str, str],
    old_redirects: dict[str, str],
    final_of: dict[str, str],
) -> None:
    """Every old id that is not an id any more points to where most of its members went."""
    live = set(final_of.values())
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k, old in old_of.items():
        if k in final_of:
            votes[old][final_of[k]] += 1
    target = {old: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for old, v in votes.items()}
    rows = {old: new for old, new in target.items() if old not in live}
    for old, via in old_redirects.items():
        dest = target.get(via, rows.get(via))
        if dest and old not in live:
            rows[old] = dest
    if rows:
        s.execute(insert(table), [{"old_id": o, "new_id": n} for o, n in sorted(rows.items())])
