"""schema.org ClaimReview from the desk's verdicts, as fact-check markup consumers require it.

One ClaimReview per verdict: `url` is the published fact-check, `author` the publishing
organisation (desk config), `claimReviewed` the claim as one sentence naming its source (a short
form when over 75 characters, the length consumers show), `reviewRating` on the desk's scale,
`itemReviewed` a Claim whose author is a Person or an Organization (an anonymous or vague source
is named as such, never invented) and whose appearances are the articles' real http(s) URLs.
Verdicts that cannot make a publishable ClaimReview (no fact-check URL, no publisher) are
reported, not emitted. `data/claimreview.schema.json` states these rules; a test checks the
output against it offline.

Everything in a ClaimReview that comes from outside (article text, names, URLs, dates, the desk's
own notes) is normalised so the markup is valid whatever it says: names and labels are trimmed and
never blank, URLs are http(s) with no whitespace, dates are real ISO days. The JSON is written so
it can be pasted into `<script type="application/ld+json">` as is: `<`, `>` and `&` are escaped
(`\\u003c`, …), so no text can close the script element, and the JSON is the same."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..dates import iso_day
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


# the schema's httpUrl: a scheme in lower case, a host, no whitespace anywhere
_HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


@dataclass(frozen=True)
class Skipped:
    target: str
    reason: str


def http_url(url: str | None) -> str | None:
    """An http(s) URL as the schema takes it (trimmed, scheme in lower case, inner whitespace
    percent-encoded), or None when it is not one."""
    link = safe_link(url)
    if link is None:
        return None
    scheme, rest = link.split(":", 1)
    link = scheme.lower() + ":" + "".join(_percent(ch) if ch.isspace() else ch for ch in rest)
    return link if _HTTP_URL.match(link) else None


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def one_line(value: str | None) -> str | None:
    """A name or label on one line, trimmed; None when nothing is left."""
    return (" ".join(value.split()) or None) if value else None


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
    if verdict and one_line(verdict.short):
        return short_form(verdict.short or "")
    return short_form(full)


def claim_author(c: ClaimRecord) -> dict[str, str]:
    """Who made the claim, as a Person or an Organization; unnamed sources say they are unnamed."""
    kind = c.source_kind
    source = one_line(c.source)
    if source is None or kind is None:
        host = urlsplit(http_url(c.url) or "").hostname
        title = one_line(c.title)
        name = host or (f"« {title} »" if title else "l'article")
        return {"@type": "Organization", "name": name}
    name = one_line(c.source_name) or source
    if kind in UNNAMED:
        name = f"{name} ({UNNAMED[kind]})"
    shown_by = one_line(c.shown_by_name)
    if kind == "document" and shown_by:
        name = f"{shown_by} ({source})"
    return {"@type": "Person" if kind in PERSON_KINDS else "Organization", "name": name}


def _appearances(claims: Iterable[ClaimRecord]) -> list[dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for c in claims:
        link = http_url(c.url)
        if link and link not in out:
            out[link] = {"@type": "CreativeWork", "url": link}
            day = iso_day(c.date)
            if day:
                out[link]["datePublished"] = day
    return list(out.values())


def claim_review(
    verdict: Verdict | None, claims: list[ClaimRecord], config: DeskConfig
) -> dict[str, Any] | Skipped:
    """The ClaimReview of a verdict on `claims` (one claim, or a proposition's claims, the first
    being the earliest); without a verdict, a draft for the reviewer (not publishable). A verdict
    on a claim that now says something else than what it judged is never published on it."""
    first = claims[0]
    target = verdict.target if verdict else first.key
    if verdict is not None and not verdict.on_proposition and not verdict.current:
        judged = short_form(verdict.claim_text)
        return Skipped(target, f'its claim now says something else than what it judged ("{judged}")')
    item: dict[str, Any] = {"@type": "Claim", "author": claim_author(first)}
    day = iso_day(first.date)
    if day:
        item["datePublished"] = day
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
    label = one_line(rating.label)
    if label is None:
        return Skipped(target, f"rating '{rating.id}' has no label: set its label in claimledger.toml")
    url = http_url(verdict.url)
    if url is None:
        return Skipped(target, "no URL of the published fact-check (review … --url)")
    publisher = one_line(config.publisher)
    if publisher is None:
        return Skipped(target, "no publisher: set [publisher] name in claimledger.toml")
    reviewed = iso_day(verdict.reviewed)
    if reviewed is None:
        return Skipped(target, "the review date is not a date (review … --date YYYY-MM-DD)")
    author: dict[str, str] = {"@type": "Organization", "name": publisher}
    publisher_url = http_url(config.publisher_url)
    if publisher_url:
        author["url"] = publisher_url
    review |= {
        "url": url,
        "author": author,
        "datePublished": reviewed,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": config.scale.best,
            "worstRating": config.scale.worst,
            "alternateName": label,
        },
    }
    body = (verdict.explanation or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if body:
        review["reviewBody"] = body
    return review


# characters that could end or open markup where the JSON is pasted (`</script>`, `<!--`, an
# entity); escaped as JSON escapes them, the value is the same
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_safe_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON that is safe inside an HTML `<script>` element (JSON-LD) and parses to `value`: the
    characters that matter to HTML only ever stand in strings, where `\\uXXXX` means the same."""
    raw = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return _UNSAFE.sub(lambda m: _SCRIPT_SAFE[m.group()], raw)


def dumps(reviews: list[dict[str, Any]]) -> str:
    """ClaimReview JSON-LD, ready to paste into `<script type="application/ld+json">`."""
    return script_safe_json(reviews)
