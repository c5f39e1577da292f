"""Reading a story's claims back from the ledger, as linking and readers both need them (kept
apart from the linker so that reading never imports what linking computes with)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select, tuple_

from ..store.schema import ArticleRow, ClaimRow, LinkArticleRow, LinkClaimRow
from .records import ClaimRecord


def story_claims_query(story_id: str, keys: list[tuple[str, str]] | None = None) -> Any:
    """The claims of a story (near-duplicate copies left out), in linking order; `keys`: only
    these (article, claim) pairs."""
    q = (
        select(
            LinkClaimRow.article_id,
            LinkClaimRow.claim_id,
            LinkClaimRow.proposition_id,
            LinkClaimRow.vector,
            LinkClaimRow.features,
            LinkClaimRow.who,
            LinkClaimRow.corroborated,
            LinkClaimRow.contradicted,
            LinkClaimRow.confirmed_later,
            ClaimRow.text,
            ClaimRow.status,
            ClaimRow.quote,
            ClaimRow.source_text,
            ClaimRow.source_kind,
            ClaimRow.source_entity,
            ArticleRow.published,
            ArticleRow.url,
            ArticleRow.title,
            LinkArticleRow.seq,
        )
        .join(
            ClaimRow,
            (ClaimRow.article_id == LinkClaimRow.article_id) & (ClaimRow.claim_id == LinkClaimRow.claim_id),
        )
        .join(ArticleRow, ArticleRow.id == LinkClaimRow.article_id)
        .join(LinkArticleRow, LinkArticleRow.article_id == LinkClaimRow.article_id)
        .where(LinkClaimRow.story_id == story_id, LinkClaimRow.copy.is_(False))
        # claims of one article starting together (a claim and the one nested in it) in the
        # article's order: without it PostgreSQL may return them either way, and the founder of a
        # proposition (its id) would change from run to run
        .order_by(LinkArticleRow.seq, ClaimRow.start, func.length(ClaimRow.claim_id), ClaimRow.claim_id)
    )
    if keys is not None:
        q = q.where(tuple_(LinkClaimRow.article_id, LinkClaimRow.claim_id).in_(keys))
    return q


def claim_record(row: Any) -> ClaimRecord:
    return ClaimRecord(
        article_id=row.article_id,
        claim_id=row.claim_id,
        text=row.text,
        status=row.status,
        quote=row.quote,
        source=row.source_text,
        source_kind=row.source_kind,
        source_entity=row.source_entity,
        date=row.published,
        url=row.url,
        title=row.title,
    ).with_features(json.loads(row.features))
