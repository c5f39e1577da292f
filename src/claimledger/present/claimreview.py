"""schema.org ClaimReview drafts for fact-checkers: one per attributed claim, ready for a rating."""

from __future__ import annotations

from typing import Any

from ..link.report import StoryReport

AUTHOR_TYPE = {
    "person": "Person",
    "organization": "Organization",
    "country": "Organization",
    "group": "Organization",
    "document": "CreativeWork",
    "anonymous": "Person",
    "vague": "Thing",
}


def claim_reviews(rep: StoryReport) -> list[dict[str, Any]]:
    out = []
    for c in rep.claims:
        if c.source is None:
            continue
        appearance: dict[str, Any] = {
            "@type": "CreativeWork",
            "url": c.url or f"urn:claimledger:{c.article_id}",
        }
        if c.date:
            appearance["datePublished"] = c.date
        item: dict[str, Any] = {
            "@type": "Claim",
            "author": {
                "@type": AUTHOR_TYPE.get(c.source_kind or "", "Thing"),
                "name": c.source_name or c.source,
            },
            "appearance": [appearance],
        }
        if c.date:
            item["datePublished"] = c.date
        out.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": c.text,
                "itemReviewed": item,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": None,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": None,
                },
                "author": {"@type": "Organization", "name": None},
                "identifier": c.key,
                "additionalProperty": {
                    "@type": "PropertyValue",
                    "name": "claimledger:status",
                    "value": c.status,
                },
            }
        )
    return out
