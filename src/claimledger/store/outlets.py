"""The outlet an article comes from: the host of its address, without "www." ("www.lemonde.fr"
and "lemonde.fr" are one newsroom). A file read from disk has no outlet: a certainty upgrade in
it is counted for nobody rather than for a path."""

from __future__ import annotations

from urllib.parse import urlsplit


def outlet_of(url: str | None) -> str | None:
    """'https://www.lemonde.fr/politique/x.html' -> 'lemonde.fr'; None without a web address."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return (host[4:] if host.startswith("www.") else host)[:200] or None
