"""Propositions of one story: its claims clustered, one claim at a time as linking places them,
into groups that state the same thing (a prototype per group, so that groups do not drift), with
the ids new and merged groups get written back."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..store.schema import LinkClaimRow, PropositionRedirectRow, PropositionRow
from .ids import proposition_id_for
from .match import BOUNDS, THRESHOLD, PairScores
from .records import ClaimRecord


class Propositions:
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
        apart: set[tuple[int, int]] | None = None,
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
        self.apart = apart or set()  # pairs a reviewer detached (apart.py): never one proposition

    def score(self, i: int, j: int) -> float:
        if (i, j) in self.apart:
            return 0.0
        if i in self.scores:
            return max(self.scores.get(i, j), 0.0)
        if j in self.scores:
            return max(self.scores.get(j, i), 0.0)
        return max(self.scores.f.one(i, j), 0.0)  # the formula every path computes

    def _kept_apart(self, i: int, group: str) -> bool:
        return bool(self.apart) and any((i, j) in self.apart for j in self.members[group])

    def linkage(self, i: int, group: str) -> float:
        """How well a claim matches a proposition: its mean score with the proposition's two
        oldest claims, the statement that made it a proposition. A fixed prototype does not drift:
        joining on any member (single link) or on the best member of each article would let a
        story's every claim about one actor chain into one "proposition"."""
        if self._kept_apart(i, group):
            return 0.0  # a member a reviewer detached it from: any founder score aside
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
        if any(self._kept_apart(i, h) for i in self.members[g]):
            return 0.0  # two propositions a reviewer's detach keeps apart never merge
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
