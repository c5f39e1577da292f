"""Verdicts: a reviewer's rating of a claim or of a proposition (the same claim across articles),
with an explanation, the published fact-check's URL, who and when; every change is kept.

A target is a global claim id, `ARTICLE:cN`, or a proposition id, `p-…` (a merged proposition's
old id resolves to the live one). A claim without a verdict of its own shows its proposition's.
Verdicts are not tied to the rows that analysis and linking rewrite, so re-analysis and
`relink` never lose them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..ingest.urlpolicy import safe_link
from ..link.read import LinkReader
from ..store.ledger import Ledger, stored_text
from ..store.schema import LinkClaimRow, VerdictHistoryRow, VerdictRow
from .config import Scale

EDITABLE = ("rating", "explanation", "url", "reviewer", "reviewed", "short")
MAX_EXPLANATION = 5000


@dataclass(frozen=True)
class Verdict:
    target: str
    article_id: str | None
    claim_id: str | None
    proposition_id: str | None
    claim_text: str
    rating: str
    explanation: str
    url: str | None
    reviewer: str
    reviewed: str
    short: str | None
    updated: str

    @property
    def on_proposition(self) -> bool:
        return self.claim_id is None


@dataclass(frozen=True)
class Change:
    changed: str
    reviewer: str
    changes: dict[str, list[str | None]]


def split_claim_id(global_id: str) -> tuple[str, str] | None:
    """`ARTICLE:cN` -> (article id, claim id); None when it is not of that form."""
    article, sep, claim = global_id.rpartition(":")
    return (article, claim) if sep and article and claim else None


def _verdict(row: VerdictRow) -> Verdict:
    return Verdict(**{k: getattr(row, k) for k in Verdict.__dataclass_fields__})


class Verdicts:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.reader = LinkReader(ledger)

    def resolve(self, target: str) -> tuple[str, str | None, str | None, str | None, str]:
        """(target, article id, claim id, proposition id, claim text) of a claim or proposition
        that exists; a one-line error otherwise."""
        target = target.strip()
        if target.startswith("p-"):
            live = self.reader.resolve_proposition(target)
            if live is None:
                raise InputError(f"no proposition '{target}'")
            with Session(self.ledger.engine) as s:
                first = s.execute(
                    select(LinkClaimRow.article_id, LinkClaimRow.claim_id)
                    .where(LinkClaimRow.proposition_id == live)
                    .order_by(LinkClaimRow.article_id, LinkClaimRow.claim_id)
                    .limit(1)
                ).first()
            row = self.ledger.claim(first.article_id, first.claim_id) if first else None
            return live, None, None, live, row.text if row else ""
        parts = split_claim_id(target)
        row = self.ledger.claim(*parts) if parts else None
        if row is None:
            raise InputError(f"no claim '{target}' (a claim id is ARTICLE:cN, as `claims` prints it)")
        return target, row.article_id, row.claim_id, None, row.text

    def record(
        self,
        target: str,
        *,
        scale: Scale,
        reviewer: str,
        rating: str | None = None,
        explanation: str | None = None,
        url: str | None = None,
        reviewed: str | None = None,
        short: str | None = None,
    ) -> Verdict:
        """Create or edit the verdict on `target`: fields not given keep their value; the change
        is written to the history with each field's value before and after."""
        reviewer = (stored_text(reviewer, 200) or "").strip()
        if not reviewer:
            raise InputError("a verdict needs a reviewer (--reviewer NAME)")
        if rating is not None:
            scale.get(rating)
        if url is not None and url and not safe_link(url):
            raise InputError(f"'{url}' is not an http(s) URL")
        if reviewed is not None:
            try:
                reviewed = date.fromisoformat(reviewed).isoformat()
            except ValueError:
                raise InputError(f"'{reviewed}' is not a date (YYYY-MM-DD)") from None
        if explanation is not None:
            explanation = explanation.replace("\r\n", "\n").replace("\r", "\n")
        if explanation is not None and len(explanation) > MAX_EXPLANATION:
            raise InputError(f"the explanation is over {MAX_EXPLANATION} characters")
        key, article_id, claim_id, proposition_id, claim_text = self.resolve(target)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        updates: dict[str, str | None] = {"reviewer": reviewer}  # only the fields given
        for k, v in (
            ("rating", rating),
            ("explanation", explanation),
            ("reviewed", reviewed),
            ("short", short),
        ):
            if v is not None:
                updates[k] = stored_text(v)
        if url is not None:
            updates["url"] = (safe_link(url) or url.strip()) if url.strip() else None  # "" clears it
        with Session(self.ledger.writer) as s, s.begin():
            row = s.get(VerdictRow, key)
            if row is None:
                if rating is None:
                    raise InputError(f"'{key}' has no verdict yet: give --rating")
                row = VerdictRow(
                    target=key,
                    article_id=article_id,
                    claim_id=claim_id,
                    proposition_id=proposition_id,
                    claim_text=stored_text(claim_text) or "",
                    rating=rating,
                    explanation="",
                    url=None,
                    reviewer=reviewer,
                    reviewed=reviewed or date.today().isoformat(),
                    short=None,
                    updated=now,
                )
                before: dict[str, str | None] = dict.fromkeys(EDITABLE)
                s.add(row)
            else:
                before = {k: getattr(row, k) for k in EDITABLE}
            for k, v in updates.items():
                setattr(row, k, "" if v is None and k == "explanation" else v)
            after = {k: getattr(row, k) for k in EDITABLE}
            changes = {k: [before[k], after[k]] for k in EDITABLE if before[k] != after[k]}
            if changes:
                row.updated = now
                s.add(
                    VerdictHistoryRow(
                        target=key,
                        changed=now,
                        reviewer=reviewer,
                        changes=json.dumps(changes, ensure_ascii=False),
                    )
                )
            s.flush()
            return _verdict(row)

    def get(self, target: str) -> Verdict | None:
        with Session(self.ledger.engine) as s:
            row = s.get(VerdictRow, target)
            return _verdict(row) if row else None

    def all(self, *, rating: str | None = None, limit: int = 200) -> list[Verdict]:
        q = select(VerdictRow).order_by(VerdictRow.updated.desc(), VerdictRow.target).limit(limit)
        if rating:
            q = q.where(VerdictRow.rating == rating)
        with Session(self.ledger.engine) as s:
            return [_verdict(r) for r in s.scalars(q)]

    def history(self, target: str) -> list[Change]:
        with Session(self.ledger.engine) as s:
            rows = s.scalars(
                select(VerdictHistoryRow)
                .where(VerdictHistoryRow.target == target)
                .order_by(VerdictHistoryRow.id)
            )
            return [Change(r.changed, r.reviewer, json.loads(r.changes)) for r in rows]

    def for_claims(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Verdict]:
        """Each claim's verdict: its own, else its proposition's."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        articles = sorted({a for a, _ in wanted})
        out: dict[tuple[str, str], Verdict] = {}
        with Session(self.ledger.engine) as s:
            own = s.scalars(select(VerdictRow).where(VerdictRow.article_id.in_(articles)))
            for r in own:
                if r.claim_id is not None:
                    out[(r.article_id or "", r.claim_id)] = _verdict(r)
            links = s.execute(
                select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.proposition_id).where(
                    LinkClaimRow.article_id.in_(articles), LinkClaimRow.proposition_id.is_not(None)
                )
            ).all()
            props = {r.proposition_id for r in links}
            by_prop = {
                r.proposition_id: _verdict(r)
                for r in s.scalars(select(VerdictRow).where(VerdictRow.proposition_id.in_(sorted(props))))
            }
        for a, c, p in links:
            if (a, c) not in out and p in by_prop:
                out[(a, c)] = by_prop[p]
        return {k: v for k, v in out.items() if k in set(wanted)}


def verdict_dict(v: Verdict, scale: Scale) -> dict[str, object]:
    rating = scale.find(v.rating)
    return asdict(v) | {"rating_label": rating.label if rating else v.rating}
