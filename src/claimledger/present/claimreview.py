"""schema.org ClaimReview from the desk's verdicts, as fact-check markup consumers require it.

One ClaimReview per verdict: `url` is the published fact-check, `author` the publishing
organisation (desk config), `claimReviewed` the claim as one sentence naming its source (a short
form when over 75 characters, the length consumers show), `reviewRating` on the desk's scale,
`itemReviewed` a Claim whose author is a Person or an Organization (an anonymous or vague source
is named as such, never invented) and whose appearances are the articles' real http(s) URLs.
Verdicts that cannot make a publishable ClaimReview (no fact-check URL, no publisher) are
reported, not emitted. `data/claimreview.schema.json` states these rules; a test checks the
output against it offline."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..desk.config import DeskConfig
from ..desk.verdicts import Verdict
from ..ingest.urlpolicy import safe_link
from ..link.records import ClaimRecord

MAX_REVIEWED = 75
PERSON_KINDS = {"person", "anonymous"}
UNNAMED = {
    "anonymous": "source anonyme",
    "vague": "source non identifiée",
    "document": "document",
}


@dataclass(frozen=True)
class Skipped:
    target: str
    reason: str


def short_form(text: str, limit: int = MAX_REVIEWED) -> str:
    """The claim within `limit` characters, cut at a word, ending with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-—")
    return cut + "…"


def claim_reviewed(c: ClaimRecord, verdict: Verdict | None) -> str:
    full = " ".join((c.phrase or c.text).split()).rstrip(".") + "."
    if len(full) <= MAX_REVIEWED:
        return full
    if verdict and verdict.short:
        return short_form(verdict.short)
    return short_form(full)


def claim_author(c: ClaimRecord) -> dict[str, str]:
    """Who made the claim, as a Person or an Organization; unnamed sources say they are unnamed."""
    kind = c.source_kind
    if c.source is None or kind is None:
        host = urlsplit(safe_link(c.url) or "").hostname
        name = host or (f"« {c.title} »" if c.title else "l'article")
        return {"@type": "Organization", "name": name}
    name = c.source_name or c.source
    if kind in UNNAMED:
        name = f"{name} ({UNNAMED[kind]})"
    if kind == "document" and c.shown_by_name:
        name = f"{c.shown_by_name} ({c.source})"
    return {"@type": "Person" if kind in PERSON_KINDS else "Organization", "name": name}


def _appearances(claims: Iterable[ClaimRecord]) -> list[dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for c in claims:
        link = safe_link(c.url)
        if link and link not in out:
            out[link] = {"@type": "CreativeWork", "url": link}
            if c.date:
                out[link]["datePublished"] = c.date[:10]
    return list(out.values())


def claim_review(
    verdict: Verdict | None, claims: list[ClaimRecord], config: DeskConfig
) -> dict[str, Any] | Skipped:
    """The ClaimReview of a verdict on `claims` (one claim, or a proposition's claims, the first
    being the earliest); without a verdict, a draft for the reviewer (not publishable)."""
    first = claims[0]
    target = verdict.target if verdict else first.key
    item: dict[str, Any] = {"@type": "Claim", "author": claim_author(first)}
    if first.date:
        item["datePublished"] = first.date[:10]
    appearance = _appearances(claims)
    if appearance:
        item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": target,
        "claimReviewed": claim_reviewed(first, verdict),
        "itemReviewed": item,
    }
    if verdict is None:
        return review
    rating = config.scale.find(verdict.rating)
    if rating is None:
        return Skipped(target, f"rating '{verdict.rating}' is not on the configured scale")
    if not safe_link(verdict.url):
        return Skipped(target, "no URL of the published fact-check (review … --url)")
    if not config.publisher:
        return Skipped(target, "no publisher: set [publisher] name in claimledger.toml")
    author: dict[str, str] = {"@type": "Organization", "name": config.publisher}
    if safe_link(config.publisher_url):
        author["url"] = config.publisher_url or ""
    review |= {
        "url": verdict.url,
        "author": author,
        "datePublished": verdict.reviewed,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": config.scale.best,
            "worstRating": config.scale.worst,
            "alternateName": rating.label,
        },
    }
    if verdict.explanation:
        review["reviewBody"] = verdict.explanation
    return review


def dumps(reviews: list[dict[str, Any]]) -> str:
    return json.dumps(reviews, ensure_ascii=False, indent=2, allow_nan=False)
