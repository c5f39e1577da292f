"""Build real container files (HTML pages, RSS feeds, WARC archives) from corpus articles."""

from __future__ import annotations

import html
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(text: str, title: str, published: str | None = None) -> str:
    """An HTML page with site chrome around the article's paragraphs."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    meta = (
        f"<meta property='article:published_time' content='{published}T08:00:00+00:00'>" if published else ""
    )
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>{meta}</head><body>"
        "<nav><a href='/'>Accueil</a> | <a href='/monde'>Monde</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{paras}</article>"
        "<footer>Recevez l'essentiel de l'actualité avec nos newsletters</footer></body></html>"
    )


def rss(items: list[tuple[str, str, str, str]]) -> str:
    """RSS 2.0 with full content: items are (title, link, RFC-822 date, text)."""
    body = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><pubDate>{date}</pubDate>"
        f"<content:encoded><![CDATA[{_paragraphs(text)}]]></content:encoded></item>"
        for t, link, date, text in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test</title>'
        f"<link>https://example.org/</link><description>d</description>{body}</channel></rss>"
    )


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())


def warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A gzipped WARC with one HTTP response record per (url, html) and a non-HTML record."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, doc in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(doc.encode()), http_headers=headers
                )
            )
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img
            )
        )
