"""Finding the story an article joins, and writing the article into it: is it a copy of a stored
article (MinHash bands, `original`), which stories of its days its terms are close to (`joined`, the
term index; another language's through its actors and a multilingual encoder), a new story or a
merge of the stories it bridges, and its link rows (`store_article`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import ColumnElement, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..store.ledger import stored_text
from ..store.schema import (
    ArticleRow,
    ContradictionRow,
    LinkArticleRow,
    LinkBandRow,
    LinkClaimRow,
    LinkTermRow,
    MentionRow,
    PropositionRow,
    SeriesRow,
    StatusChangeRow,
    StoryRedirectRow,
    StoryRow,
)
from . import dedupe
from .embed import Embedder, to_bytes
from .events import FRONT, Candidate, choose, similarity, weigh
from .ids import story_id_for
from .records import ArticleRecord
from .sql import bump_sources, chunks
from .stories import StoryParams, day, days_apart, window
from .terms import Profile
from .when import When, same_days, together


@dataclass
class NewArticle:
    """An article being linked in this batch, as later articles of the batch see it."""

    rec: ArticleRecord
    terms: Profile  # keyed by language (events.article_terms)
    sig: np.ndarray
    bands: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    actors: frozenset[str] = frozenset()  # its terms that name people, organisations, countries
    # where it stands in time (link/when.py); None in a ledger older than that (kept apart
    # from nothing, as before)
    when: When | None = None


def original(s: Session, new: NewArticle, bands: list[str], batch: dict[str, NewArticle]) -> str | None:
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


def joined(
    s: Session,
    new: NewArticle,
    batch: dict[str, NewArticle],
    story_of: dict[str, str],
    params: StoryParams,
    embedder: Callable[[str], Embedder],
) -> set[str]:
    """The stories of the articles (stored, or earlier in this batch) that report the same event
    (link/events.py): within the window, close to the article by their terms (the database
    scores the stored ones from the term index, reading only the rows of the new article's terms
    and days; actors weigh less), and supporting it as a story; an undated article joins one at
    most. Articles that cannot be one event by when they say it happened are no candidates of
    each other, and ones placed in time only loosely must be closer (link/when.py). Stories in
    another language join through `_across_languages`."""
    p = params
    rec = new.rec
    span = window(rec.date, p.window_days)

    def in_window(cond: ColumnElement[bool]) -> ColumnElement[bool]:
        if span is None:
            return cond
        return cond & _dated_within(LinkTermRow.date, span)

    sims: dict[str, float] = defaultdict(float)  # article -> closeness to the new one
    terms = sorted(new.terms)
    if terms:
        counts = dict(
            s.execute(
                select(LinkTermRow.term, func.count())
                .where(in_window(LinkTermRow.term.in_(terms)))
                .group_by(LinkTermRow.term)
            ).all()
        )
        usable = [t for t in terms if 0 < counts.get(t, 0) <= p.max_posting]
        weight = {t: new.terms[t] * weigh(t, new.actors) for t in usable}
        if weight:
            for term, aid, w in s.execute(
                select(LinkTermRow.term, LinkTermRow.article_id, LinkTermRow.weight).where(
                    in_window(LinkTermRow.term.in_(list(weight)))
                )
            ):
                sims[aid] += w * weight[term]
    for aid, other in batch.items():
        if other.duplicate_of is None and days_apart(rec.date, other.rec.date) <= p.window_days:
            sims[aid] = similarity(new.terms, new.actors, other.terms)
    close = sorted(a for a, v in sims.items() if v >= p.min_similarity)
    timed = _in_time(s, close, new, batch, p)
    anchored = _naming_one_of(s, close, set(rec.entities), batch)
    sims = {
        a: v if a in anchored and a in timed and (timed[a] or v >= p.weak_similarity) else 0.0
        for a, v in sims.items()
    }
    stories = _stories_of(s, sorted(a for a, v in sims.items() if v >= p.min_similarity), story_of)
    candidates = [
        Candidate(sid, [sims.get(a, 0.0) for a in _front(s, sid, batch, story_of, span)])
        for sid in sorted(stories)
    ]
    # an undated article, or one that names nothing, cannot tell two events apart: it joins one
    # story at most, never merges them
    out = choose(candidates, p.min_similarity, dated=day(rec.date) is not None and bool(rec.entities))
    out.update(_across_languages(s, new, batch, story_of, params, embedder))
    return out


def _naming_one_of(
    s: Session, articles: list[str], entities: set[str], batch: dict[str, NewArticle]
) -> set[str]:
    """The articles that name at least one of these people, organisations, countries or places,
    or that name none at all. An event has participants and a place: two articles that name
    things, none in common, report two events of one topic ("retards de vols" / "une panne à
    Orly"), however close their words. An article that names nothing gives no such evidence
    (a brief on "the valley"): its words alone decide."""
    if not entities:
        return set(articles)
    out = {
        a
        for a in articles
        if a in batch and (not batch[a].rec.entities or entities & set(batch[a].rec.entities))
    }
    wanted = sorted(entities)
    for chunk in chunks([a for a in articles if a not in batch], 500):
        naming = set(
            s.scalars(select(MentionRow.article_id).where(MentionRow.article_id.in_(chunk)).distinct())
        )
        out.update(a for a in chunk if a not in naming)
        out.update(
            s.scalars(
                select(MentionRow.article_id)
                .where(MentionRow.article_id.in_(chunk), MentionRow.entity_id.in_(wanted))
                .distinct()
            )
        )
    return out


def _in_time(
    s: Session, articles: list[str], new: NewArticle, batch: dict[str, NewArticle], params: StoryParams
) -> dict[str, bool]:
    """The articles that can report one event with the new one by when they say it happened
    (when.together: placed in time, and not naming only days far from the new one's), each with
    whether they name days of the same year and weeks (when.same_days: strong evidence)."""
    if new.when is None:
        return {a: True for a in articles}
    found: dict[str, When | None] = {a: batch[a].when for a in articles if a in batch}
    for chunk in chunks([a for a in articles if a not in batch], 500):
        q = select(LinkArticleRow.article_id, LinkArticleRow.times)
        rows = s.execute(q.where(LinkArticleRow.article_id.in_(chunk)))
        found.update((a, When.from_json(t)) for a, t in rows)
    w = params.window_days
    return {a: same_days(new.when, when, w) for a, when in found.items() if together(new.when, when, w)}


def _front(
    s: Session,
    sid: str,
    batch: dict[str, NewArticle],
    story_of: dict[str, str],
    span: tuple[str, str] | None,
) -> list[str]:
    """The story as it stands: its FRONT latest articles of the window (copies left out), this
    batch's first."""
    mine = [a for a, st in reversed(story_of.items()) if st == sid and batch[a].duplicate_of is None]
    q = select(LinkArticleRow.article_id).where(
        LinkArticleRow.story_id == sid, LinkArticleRow.duplicate_of.is_(None)
    )
    if span is not None:
        q = q.where(_dated_within(LinkArticleRow.date, span))
    stored = list(s.scalars(q.order_by(LinkArticleRow.seq.desc()).limit(FRONT)))
    return (mine + [a for a in stored if a not in story_of])[:FRONT]


def _across_languages(
    s: Session,
    new: NewArticle,
    batch: dict[str, NewArticle],
    story_of: dict[str, str],
    params: StoryParams,
    embedder: Callable[[str], Embedder],
) -> set[str]:
    """Stories in another language that this article reports too: articles of its days in
    another language naming `cross_entities` of its actors and places, whose lead a
    multilingual sentence encoder finds close (StoryParams.cross_similarity), and that name days of
    the same week (when.same_days)."""
    p, rec = params, new.rec
    actors = _actors(rec)
    if len(actors) < p.cross_entities or (new.when is not None and not new.when.days):
        return set()  # without a day named, no time evidence is precise enough (same_days)
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
        q = q.where(_dated_within(LinkArticleRow.date, span))
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
    vecs = embedder(rec.lang)([_lead(rec.title, rec.text), *(leads[a] for a in ids)])
    close = [
        a for a, sim in zip(ids, (vecs[1:] @ vecs[0]).tolist(), strict=True) if sim >= p.cross_similarity
    ]
    # the encoder reads leads coarsely: across languages only precise time evidence places two
    # articles in one event (a French essay is not a report of an American election day)
    timed = _in_time(s, close, new, batch, p)
    return _stories_of(s, sorted(a for a, strong in timed.items() if strong), story_of)


def _stories_of(s: Session, articles: list[str], story_of: dict[str, str]) -> set[str]:
    """The stories of these articles: this batch's from `story_of`, the stored ones' read."""
    out = {story_of[a] for a in articles if a in story_of}
    for chunk in chunks([a for a in articles if a not in story_of], 500):
        out.update(
            s.scalars(select(LinkArticleRow.story_id).where(LinkArticleRow.article_id.in_(chunk)).distinct())
        )
    return out


def _dated_within(column: Any, span: tuple[str, str]) -> ColumnElement[bool]:
    """A row of the window: dated within it, or undated (an undated article is of every day)."""
    return or_(column.is_(None), column.between(*span))


def stored_story(s: Session, article_id: str) -> str:
    """The story a stored article is in."""
    return str(s.scalar(select(LinkArticleRow.story_id).where(LinkArticleRow.article_id == article_id)))


def new_story(s: Session, article_id: str) -> str:
    """A new, empty story founded by this article (its row is summarised when the story is
    updated); returns its id."""
    sid = story_id_for(article_id)
    salt = 0
    while s.get(StoryRow, sid) is not None or s.get(StoryRedirectRow, sid) is not None:
        salt += 1  # an id once used keeps meaning what it meant
        sid = story_id_for(f"{article_id}#{salt}")
    seq = int(s.scalar(select(func.max(StoryRow.seq))) or 0) + 1
    s.execute(
        insert(StoryRow).values(id=sid, seq=seq, title="", start=None, end=None, articles=0, entities="[]")
    )
    return sid


def merge(s: Session, stories: set[str], compare: dict[str, set[str]]) -> str:
    """Merge stories into the oldest; the others redirect to it. Claims of every part but the
    largest are compared with the rest (pairs inside one part were compared already). Returns
    the survivor, whose claims to compare are now in `compare`."""
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
        s.execute(update(StoryRedirectRow).where(StoryRedirectRow.new_id == other).values(new_id=survivor))
        s.execute(insert(StoryRedirectRow).values(old_id=other, new_id=survivor))
    compare[survivor] = keys
    return survivor


def store_article(
    s: Session,
    new: NewArticle,
    sid: str,
    seq: int,
    bands: list[str],
    vectors: dict[str, NDArray[np.float32]],
    embedder: Callable[[str], Embedder],
) -> None:
    """The article's link rows (its story, MinHash, terms and bands, and its claims with their
    vectors), and its claims added to their sources' records unless it is a copy."""
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
            **({"times": new.when.to_json()} if new.when is not None else {}),
        )
    )
    if new.terms:
        s.execute(
            insert(LinkTermRow),
            [{"term": t[:64], "article_id": rec.id, "date": d, "weight": w} for t, w in new.terms.items()],
        )
    s.execute(insert(LinkBandRow), [{"band": b, "article_id": rec.id} for b in sorted(set(bands))])
    dim = embedder(rec.lang).dim
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
        bump_sources(s, stats, names)


ACTOR_TYPES_ACROSS = ("country:", "person:", "org:")


def _actors(rec: ArticleRecord) -> set[str]:
    """The named actors of an article, as language-independent ids (country:KP, person:…)."""
    return {e for e in rec.entities if e.startswith(ACTOR_TYPES_ACROSS)}


def _lead(title: str | None, text: str, chars: int = 600) -> str:
    """What an article is about, for a sentence encoder: its title and first lines."""
    return f"{title or ''}. {text[:chars]}"
