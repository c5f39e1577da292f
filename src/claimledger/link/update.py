"""One story brought up to date: its claims to compare scored against the story's (link/match.py),
what each matching pair means written (corroboration, contradiction, status change, and the
sources' records that follow), each claim placed in a proposition (propositions.py), the figure
series written again and the story's row summarised. `recheck` scores a story's pairs again
when a source's id changed."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from ..store.ledger import stored_text
from ..store.schema import (
    ArticleRow,
    ContradictionRow,
    LinkArticleRow,
    LinkClaimRow,
    MentionRow,
    PropositionRow,
    SeriesRow,
    StatusChangeRow,
    StoryRow,
)
from .apart import apart_pairs
from .budget import Clock
from .embed import stack
from .laundering import pair_upgrade
from .match import THRESHOLD, Bounds, PairScores, score_pairs
from .propositions import Propositions
from .records import ClaimRecord, overlapping
from .report import WEAK
from .rows import claim_record, story_claims_query
from .series import figure_series
from .sql import bump_sources, chunks, insert_ignore
from .stories import day

PAIR_ROWS = 500  # contradiction and status change rows per INSERT


def update_story(
    s: Session, sid: str, compare: set[str], clock: Clock, bounds: Bounds, *, merged: bool
) -> None:
    """The claims to compare placed in the story (`match`); its figure series written again if a
    figure is new or regrouped, or the story `merged` (its series must be rebuilt from both parts'
    figures); its row summarised again."""
    # work for the whole story is charged to the articles whose claims it compares (the ones
    # of this batch: a merge compares stored claims too, and the batch's articles of the story
    # that caused it pay for them: the clock's fallback, which the linker sets)
    shares = Counter(k.split(":", 1)[0] for k in compare)
    story = story_claims(s, sid)
    clock.charge(shares)
    claims = story.claims
    props = match(s, sid, story, compare, bounds, clock)
    figures = [c for c in claims if c.quantities]
    changed = merged or any(c.key in compare or props.get(c.key) != story.props.get(c.key) for c in figures)
    if not changed:
        _summarise(s, sid)  # no new figure, none regrouped: the series stand
        clock.charge(shares)
        return
    _write_series(s, sid, claims, props)
    _summarise(s, sid)
    clock.charge(shares)


def recheck(s: Session, sid: str, keys: set[str], bounds: Bounds) -> None:
    """Score again every pair of the story that has one of these claims (their source's id
    changed), with the ids as they are now: these claims' flags, and the contradictions and
    status changes they are in, are computed again; another claim keeps its flags and gains
    what a pair with them now gives. Propositions stay: who speaks never placed a claim in
    one, but for one voice within one article, which the article's own ids already made one."""
    story = story_claims(s, sid)
    claims = story.claims
    index = {c.key: i for i, c in enumerate(claims)}
    rows = sorted(index[k] for k in keys if k in index)
    if rows:
        mine = set(rows)
        flags: dict[int, set[str]] = defaultdict(set)
        contradictions: list[tuple[ClaimRecord, ClaimRecord]] = []
        changes: list[tuple[ClaimRecord, ClaimRecord]] = []
        scores = score_pairs(claims, story.vecs, rows, bounds)
        scores.keep_apart(story.apart)
        voices = [c.source_key for c in claims]  # a property that slugs: read once
        for i in rows:
            for j, _ in _best(scores, i, bounds.matches, i.__ne__):
                if j in mine and j < i:
                    continue  # each pair once
                a, b = claims[i], claims[j]
                if voices[i] == voices[j]:
                    continue  # one voice
                if a.article_id != b.article_id:
                    flags[i].add("corroborated")
                    flags[j].add("corroborated")
                if _opposed(a, b, voices[i], voices[j]) and _one_proposition(story.props, a, b):
                    contradictions.append((b, a) if a.status == "denied" else (a, b))
                    flags[i].add("contradicted")
                    flags[j].add("contradicted")
                first, second = (a, b) if story.order[a.key] <= story.order[b.key] else (b, a)
                if first.status in WEAK and second.status == "confirmed" and _before(first, second):
                    changes.append((first, second))
                    flags[index[first.key]].add("confirmed_later")
                upgraded = pair_upgrade(a, b)
                if upgraded is not None:
                    changes.append(upgraded)
        _set_flags(s, story, mine, flags)
        mine_keys = [(claims[i].article_id, claims[i].claim_id) for i in sorted(mine)]
        _replace_pairs(s, sid, ContradictionRow, CONTRADICTION, mine_keys, contradictions)
        _replace_pairs(s, sid, StatusChangeRow, STATUS_CHANGE, mine_keys, changes)
    _write_series(s, sid, claims, story.props)
    _summarise(s, sid)


def match(
    s: Session, sid: str, story: StoryClaims, compare: set[str], bounds: Bounds, clock: Clock
) -> dict[str, str | None]:
    """Score the claims to compare against the story's claims, record what each matching pair
    means (corroboration, contradiction, status change), and place each claim in a
    proposition (propositions.py)."""
    claims, vecs, props, order = story.claims, story.vecs, story.props, story.order
    index = {c.key: i for i, c in enumerate(claims)}
    todo = sorted((index[k] for k in compare if k in index), key=lambda i: (order[claims[i].key], i))
    if not todo:
        return props
    done: set[int] = set(range(len(claims))) - set(todo)
    seqs: dict[str, int] = {}
    for chunk in chunks(sorted({p for p in props.values() if p}), 500):
        query = select(PropositionRow.id, PropositionRow.seq).where(PropositionRow.id.in_(chunk))
        seqs.update(s.execute(query).all())
    tick = clock.rows(claims)
    scores = score_pairs(claims, vecs, todo, bounds, tick=tick)
    scores.keep_apart(story.apart)
    groups = Propositions(claims, vecs, props, seqs, scores, bounds.group_sample, story.apart)
    flags: dict[str, set[str]] = defaultdict(set)
    contradictions, changes = [], []
    voices = [c.source_key for c in claims]  # a property that slugs: read once
    for row, i in enumerate(todo):
        matches: list[tuple[int, float]] = []
        # a pair of two new claims is scored when the second one comes
        for j, value in _best(scores, i, bounds.matches, done.__contains__):
            a, b = claims[i], claims[j]
            matches.append((j, value))
            if voices[i] == voices[j]:
                continue
            if a.article_id != b.article_id:
                flags["corroborated"].update((a.key, b.key))
            if _opposed(a, b, voices[i], voices[j]):
                denied, affirmed = (a, b) if a.status == "denied" else (b, a)
                contradictions.append((affirmed, denied))  # kept if one proposition (below)
            first, second = (a, b) if order[a.key] <= order[b.key] else (b, a)
            if first.status in WEAK and second.status == "confirmed" and _before(first, second):
                changes.append((first, second))
                flags["confirmed_later"].add(first.key)
            upgraded = pair_upgrade(a, b)  # stored with the status changes: weaker -> plain
            if upgraded is not None:
                changes.append(upgraded)
        groups.place(i, matches)
        done.add(i)
        if row % 256 == 255:
            tick(todo[row - 255 : row + 1])
    placed = groups.write(s, sid, order)
    # a denial contradicts an affirmation of the same statement only: a pair that matched but
    # ended in two propositions (or in none) says two things, whoever denies one of them
    contradictions = [(x, y) for x, y in contradictions if _one_proposition(placed, x, y)]
    for x, y in contradictions:
        flags["contradicted"].update((x.key, y.key))
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    position = {"corroborated": 1, "contradicted": 2, "confirmed_later": 3}
    for name, keys in flags.items():  # one bulk UPDATE by primary key per flag
        fresh = sorted(k for k in keys if not story.flags[k][position[name]])
        if not fresh:
            continue
        s.execute(
            update(LinkClaimRow),
            [{"article_id": k.split(":", 1)[0], "claim_id": k.split(":", 1)[1], name: True} for k in fresh],
        )
        for k in fresh:  # a source's record changes with the flags of its claims
            who = story.flags[k][0]
            if who:
                if name == "corroborated":
                    stats[who]["uncorroborated"] -= 1
                else:
                    stats[who][name] += 1
    bump_sources(s, stats)
    for table, columns, pairs in (
        (
            ContradictionRow,
            ("affirmed_article", "affirmed_claim", "denied_article", "denied_claim"),
            contradictions,
        ),
        (StatusChangeRow, ("before_article", "before_claim", "after_article", "after_claim"), changes),
    ):
        _insert_pairs(s, sid, table, columns, pairs)
    return placed


def _opposed(a: ClaimRecord, b: ClaimRecord, voice_a: str, voice_b: str) -> bool:
    """A denial against an affirmation by another voice, in another utterance. Within one
    article:
    - two claims over the same words (overlapping spans, or one passage the page repeats) are one
      utterance read twice (a quotation and the clause around it), not two voices;
    - the article's own narration is not another voice against a denial it reports: "X a
      licencié 40 salariés", then "X a démenti" is the article presenting a dispute (its
      affirmation is usually the accusation the denial answers).
    Across articles it is: one newsroom states what a source denies elsewhere. `voice_a`,
    `voice_b`: the claims' source_key, which the callers read once per claim."""
    if (a.status == "denied") == (b.status == "denied"):
        return False
    if a.article_id != b.article_id:
        return True
    if voice_a.startswith("article:") or voice_b.startswith("article:"):
        return False
    return not overlapping(a, b) and " ".join(a.text.lower().split()) != " ".join(b.text.lower().split())


def _one_proposition(props: Mapping[str, str | None], a: ClaimRecord, b: ClaimRecord) -> bool:
    found = props.get(a.key)
    return found is not None and found == props.get(b.key)


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


@dataclass
class StoryClaims:
    claims: list[ClaimRecord]
    vecs: NDArray[np.float32]
    props: dict[str, str | None]  # claim key -> proposition
    order: dict[str, tuple[str, int]]  # claim key -> (day, linking order of its article)
    flags: dict[str, tuple[str | None, bool, bool, bool]]  # who, corroborated, contradicted, confirmed later
    apart: set[tuple[int, int]]  # pairs a reviewer detached (apart.py): never matched


def story_claims(s: Session, sid: str) -> StoryClaims:
    rows = list(s.execute(story_claims_query(sid)))
    claims = [claim_record(r) for r in rows]
    dim = max((len(r.vector) // 2 for r in rows), default=1)
    pairs = list(zip(claims, rows, strict=True))
    return StoryClaims(
        claims=claims,
        vecs=stack([r.vector for r in rows], dim),
        props={c.key: r.proposition_id for c, r in pairs},
        order={c.key: (day(c.date) or "", r.seq) for c, r in pairs},
        flags={c.key: (r.who, r.corroborated, r.contradicted, r.confirmed_later) for c, r in pairs},
        apart=apart_pairs(s, claims),
    )


FLAGS = ("corroborated", "contradicted", "confirmed_later")  # in StoryClaims.flags order, after who
CONTRADICTION = ("affirmed_article", "affirmed_claim", "denied_article", "denied_claim")
STATUS_CHANGE = ("before_article", "before_claim", "after_article", "after_claim")


def _set_flags(s: Session, story: StoryClaims, mine: set[int], flags: dict[int, set[str]]) -> None:
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
    bump_sources(s, deltas)


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
    insert_or = insert_ignore(s)
    for at in range(0, len(rows), PAIR_ROWS):
        s.execute(insert_or(table).values(rows[at : at + PAIR_ROWS]).on_conflict_do_nothing())


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
