"""From decoded input to the article's text, title and date.

HTML goes through trafilatura (main text only, boilerplate out). Plain text is kept as is, since
`article.text` must be the exact text analysed and offsets point into it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import trafilatura

from ..dates import iso_day
from ..errors import InputError
from .reader import clean_text
from .urlpolicy import safe_link

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_TAGS = re.compile(r"<(p|div|body|article|head|span|a|br)\b", re.IGNORECASE)


@dataclass
class ExtractedText:
    text: str
    title: str | None
    published: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAGS.findall(head)) >= 3


def extract(
    text: str, name: str, url: str | None = None, title: str | None = None, published: str | None = None
) -> ExtractedText:
    """Main text and metadata; what the page says wins over what its container said."""
    if looks_like_html(text):
        found = _from_html(text, name, url)
    else:
        body = text.replace("\r\n", "\n").replace("\r", "\n")
        if not body.strip():
            raise InputError(f"{name}: no text")
        found = ExtractedText(text=body, title=_plain_title(body), published=None, url=url)
        # no headline set off by a blank line and none from a container (sidecar, feed): the
        # first line is the headline in every corpus here, else the file's name; never nothing,
        # which listings, stories and briefs showed as the article's hash
        title = title if title and title.strip() else _first_line(body) or _file_name(name)
    found.title = clean_text(found.title or title or "").strip()[:1000] or None
    # a date the page or the caller gives is kept only if it is a real day: it reaches briefs
    # and ClaimReview, and untrusted text is no date ("hier", "![](//evil.example)")
    found.published = iso_day(clean_text(found.published or published or "").strip()[:40])
    found.url = safe_link(found.url)  # only http(s) is ever stored or linked
    return found


def _from_html(html: str, name: str, url: str | None) -> ExtractedText:
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    doc: dict[str, Any] = (
        found.as_dict() if found is not None and not isinstance(found, dict) else found or {}
    )
    text = str(doc.get("text") or "")
    if not text.strip():
        raise InputError(f"{name}: HTML page with no article text")
    return ExtractedText(
        text=text,
        title=doc.get("title") or None,
        published=doc.get("date") or None,
        url=url or doc.get("url") or None,
    )


def _plain_title(text: str) -> str | None:
    """A first line followed by a blank line, and short, is the headline of a plain-text article."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    if sep and rest.startswith("\n") and 0 < len(first.strip()) <= 300:
        return first.strip()
    return None


FIRST_LINE_MAX = 200  # a first line longer than this is a paragraph: its words up to here


def _first_line(text: str) -> str | None:
    """The first line with a letter or digit in it, cut at a word before FIRST_LINE_MAX."""
    line = next((ln.strip() for ln in text.split("\n") if any(ch.isalnum() for ch in ln)), None)
    if line is None or len(line) <= FIRST_LINE_MAX:
        return line
    cut = line[:FIRST_LINE_MAX].rsplit(" ", 1)[0].rstrip(" ,;:")
    return (cut or line[:FIRST_LINE_MAX]) + "…"


def _file_name(name: str) -> str | None:
    """The last part of a path or URL an article was read from ("stdin" and "text" are no names)."""
    if name in ("stdin", "text", "-"):
        return None
    last = name.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]
    return last or None


def normalise_for_identity(text: str) -> str:
    """What two copies of one article share: NFC, folded case, collapsed whitespace and quotes."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return " ".join(text.split())


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()[:16]
