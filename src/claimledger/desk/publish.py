"""ClaimReview for the desk's verdicts (or drafts for a story's unreviewed claims): find the
claims each verdict is about, as the linker's claim records (their one-sentence form, source
name, article URL and date), then let present/claimreview.py write the markup."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..link.records import ClaimRecord, from_analysis
from ..link.report import StoryReport
from ..model import analysis_from_dict
from ..present.claimreview import Skipped, claim_review
from ..store.ledger import Ledger
from ..store.schema import LinkClaimRow
from .config import DeskConfig
from .verdicts import Verdict, Verdicts


class _Claims:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

        @lru_cache(maxsize=256)
        def article(article_id: str) -> dict[str, ClaimRecord]:
            row = ledger.article(article_id)
            if row is None:
                return {}
            record = from_analysis(analysis_from_dict(json.loads(row.analysis)))
            return {c.claim_id: c for c in record.claims}

        self.article = article

    def of(self, verdict: Verdict) -> list[ClaimRecord]:
        if verdict.claim_id is not None:
            found = self.article(verdict.article_id or "").get(verdict.claim_id)
            return [found] if found else []
        with Session(self.ledger.engine) as s:
            keys = s.execute(
                select(LinkClaimRow.article_id, LinkClaimRow.claim_id).where(
                    LinkClaimRow.proposition_id == verdict.proposition_id
                )
            ).all()
        claims = [c for a, cid in keys if (c := self.article(a).get(cid))]
        return sorted(claims, key=lambda c: (c.date or "9999", c.key))


def claim_reviews(
    ledger: Ledger,
    config: DeskConfig,
    report: StoryReport | None = None,
    *,
    drafts: bool = False,
) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """ClaimReviews of the verdicts (of one story's claims when `report` is given); with
    `drafts`, also a draft per attributed claim of the story that has no verdict yet."""
    verdicts = Verdicts(ledger)
    claims = _Claims(ledger)
    chosen = verdicts.all(limit=1_000_000)
    if report is not None:
        keys = {c.key for c in report.claims}
        props = set(report.proposition_of.values())
        chosen = [
            v
            for v in chosen
            if (v.claim_id and v.target in keys) or (v.proposition_id and v.proposition_id in props)
        ]
    out: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    for v in sorted(chosen, key=lambda v: v.target):
        found = claims.of(v)
        if not found:
            skipped.append(Skipped(v.target, "its claim is no longer in the ledger"))
            continue
        made = claim_review(v, found, config)
        (skipped.append(made) if isinstance(made, Skipped) else out.append(made))
    if drafts and report is not None:
        reviewed = verdicts.for_claims((c.article_id, c.claim_id) for c in report.claims)
        for c in report.claims:
            if c.source is not None and (c.article_id, c.claim_id) not in reviewed:
                draft = claim_review(None, [c], config)
                assert not isinstance(draft, Skipped)
                out.append(draft)
    return out, skipped
