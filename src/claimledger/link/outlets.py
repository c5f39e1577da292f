"""The record of outlets (issue 20): how often a newsroom states as its own plain fact what its
sources, or earlier articles of the story, only credited or hedged. Within-article upgrades are
counted when an article is stored (articles.upgrades); across-story ones are the status changes
linking stored whose later claim is an article's own plain fact, not a source's confirmation."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ..store.ledger import Ledger
from ..store.schema import ArticleRow, ClaimRow, StatusChangeRow
from .report import OutletRecord


def outlet_records(ledger: Ledger, limit: int = 50, offset: int = 0) -> tuple[list[OutletRecord], int]:
    """One page of outlets, most upgrades first (then most articles), and how many there are.
    Articles read from files have no outlet and are not counted."""
    with Session(ledger.engine) as s:
        base = s.execute(
            select(ArticleRow.outlet, func.count(), func.coalesce(func.sum(ArticleRow.upgrades), 0))
            .where(ArticleRow.outlet.is_not(None))
            .group_by(ArticleRow.outlet)
        ).all()
        # one per upgraded plain claim, however many earlier claims it upgrades
        upgraded = (
            select(StatusChangeRow.after_article, StatusChangeRow.after_claim)
            .join(
                ClaimRow,
                and_(
                    ClaimRow.article_id == StatusChangeRow.after_article,
                    ClaimRow.claim_id == StatusChangeRow.after_claim,
                ),
            )
            .where(ClaimRow.status != "confirmed")
            .distinct()
            .subquery()
        )
        across = {
            outlet: int(n)
            for outlet, n in s.execute(
                select(ArticleRow.outlet, func.count())
                .join(upgraded, ArticleRow.id == upgraded.c.after_article)
                .where(ArticleRow.outlet.is_not(None))
                .group_by(ArticleRow.outlet)
            ).all()
        }
    records = [
        OutletRecord(str(outlet), int(n), int(within), int(across.get(outlet, 0)))
        for outlet, n, within in base
    ]
    records.sort(key=lambda r: (-r.upgrades, -r.articles, r.outlet))
    return records[offset : offset + limit], len(records)
