"""Ids a reader may have saved: how a new story or proposition is named (a hash of the article or
claim that founded it), and how `relink` keeps every old id resolving (the oldest story or
proposition id of a group survives, every other old id redirects to where its members went)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..store.schema import (
    ContradictionRow,
    LinkArticleRow,
    LinkClaimRow,
    PropositionRedirectRow,
    PropositionRow,
    SeriesRow,
    StatusChangeRow,
    StoryRedirectRow,
    StoryRow,
)


def story_id_for(article_id: str) -> str:
    return "s-" + hashlib.sha256(article_id.encode()).hexdigest()[:10]


def proposition_id_for(claim_key: str) -> str:
    return "p-" + hashlib.sha256(claim_key.encode()).hexdigest()[:10]


# -- relink: ids that survive ------------------------------------------------------------------


@dataclass
class Before:
    """The links as they were before a rebuild: which story and proposition each article and
    claim was in, their ages, and the redirects already handed out."""

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


def snapshot(s: Session) -> Before:
    return Before(
        story_of=dict(s.execute(select(LinkArticleRow.article_id, LinkArticleRow.story_id)).all()),
        story_seq=dict(s.execute(select(StoryRow.id, StoryRow.seq)).all()),
        story_redirects=dict(s.execute(select(StoryRedirectRow.old_id, StoryRedirectRow.new_id)).all()),
        prop_of=_claim_propositions(s),
        prop_seq=dict(s.execute(select(PropositionRow.id, PropositionRow.seq)).all()),
        prop_redirects=dict(
            s.execute(select(PropositionRedirectRow.old_id, PropositionRedirectRow.new_id)).all()
        ),
    )


def preserve_ids(s: Session, before: Before) -> None:
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
