"""Claims a reviewer says are not one statement (issue 18): `detach` takes a claim out of its
proposition and records it apart from each claim it was grouped with (store: proposition_apart);
linking (update.py) reads those pairs for every story it updates and never matches them again,
through `relink` too, which keeps the table. A proposition verdict then no longer covers the
claim."""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from sqlalchemy import inspect, or_, select, tuple_, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..errors import InputError
from ..store.ledger import Ledger
from ..store.schema import ApartRow, LinkClaimRow
from .records import ClaimRecord
from .sql import insert_ignore


@dataclass
class Detached:
    claim: str  # ARTICLE:cN
    proposition: str  # the proposition it left
    apart_from: list[str]  # the claims it is now kept apart from
    dissolved: bool  # the proposition kept a single claim, which is no proposition any more


def detach(ledger: Ledger, article_id: str, claim_id: str) -> Detached:
    """Take a claim out of its proposition for good. InputError when the claim is not linked or
    belongs to no proposition (nothing to detach)."""
    key = f"{article_id}:{claim_id}"
    with Session(ledger.writer) as s, s.begin():
        row = s.get(LinkClaimRow, (article_id, claim_id))
        if row is None:
            raise InputError(f"claim {key} is not linked (ingest its article, or check the id)")
        prop = row.proposition_id
        if prop is None:
            raise InputError(f"claim {key} belongs to no proposition: nothing to detach")
        linked = select(LinkClaimRow.article_id, LinkClaimRow.claim_id).where(
            LinkClaimRow.proposition_id == prop
        )
        members = [(a, c) for a, c in s.execute(linked) if (a, c) != (article_id, claim_id)]
        rows = [
            {"article_id": article_id, "claim_id": claim_id, "other_article_id": a, "other_claim_id": c}
            for a, c in members
        ]
        if rows:
            s.execute(insert_ignore(s)(ApartRow).values(rows).on_conflict_do_nothing())
        row.proposition_id = None
        dissolved = len(members) == 1
        if dissolved:  # a proposition of one claim is no proposition (propositions.py)
            s.execute(
                update(LinkClaimRow)
                .where(LinkClaimRow.article_id == members[0][0], LinkClaimRow.claim_id == members[0][1])
                .values(proposition_id=None)
            )
    return Detached(key, prop, [f"{a}:{c}" for a, c in members], dissolved)


# whether each open database has the table: a ledger opened at an older revision (to test a
# migration) is linked before it is upgraded, and has none of the pairs
_HAS_TABLE: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


def _has_table(s: Session) -> bool:
    bind = s.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    found = _HAS_TABLE.get(engine)
    if found is None:
        # on the session's own connection: another would wait for the write lock it holds
        found = _HAS_TABLE[engine] = inspect(s.connection()).has_table(ApartRow.__tablename__)
    return found


def apart_pairs(s: Session, claims: list[ClaimRecord]) -> set[tuple[int, int]]:
    """The pairs of these claims (indices, both orders) that a reviewer detached."""
    if not _has_table(s):
        return set()
    index = {(c.article_id, c.claim_id): i for i, c in enumerate(claims)}
    keys = list(index)
    out: set[tuple[int, int]] = set()
    for start in range(0, len(keys), 400):
        part = keys[start : start + 400]
        query = select(ApartRow).where(
            or_(
                tuple_(ApartRow.article_id, ApartRow.claim_id).in_(part),
                tuple_(ApartRow.other_article_id, ApartRow.other_claim_id).in_(part),
            )
        )
        for r in s.scalars(query):
            i, j = index.get((r.article_id, r.claim_id)), index.get((r.other_article_id, r.other_claim_id))
            if i is not None and j is not None:
                out |= {(i, j), (j, i)}
    return out
