"""Read raw bytes from a path, '-' or a URL, refusing what cannot be an article before any NLP.

Every refusal is an InputError with a one-line reason: the CLI prints it and exits 2.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a long news article is ~50 KB of HTML text; 5 MB is generous


@dataclass
class RawInput:
    """Bytes of one article and what its container (feed item, WARC record) said about it."""

    data: bytes
    name: str
    url: str | None = None
    title: str | None = None
    published: str | None = None


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _too_big(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"{name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit for one article"
    )


def read_raw(target: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 20.0) -> RawInput:
    if target == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big("stdin", len(data), max_bytes)
        return RawInput(data=data, name="stdin")
    if is_url(target):
        return _fetch(target, max_bytes, timeout)
    path = Path(target)
    if not path.exists():
        raise InputError(f"{target}: no such file")
    if path.is_dir():
        raise InputError(f"{target}: is a directory, not an article")
    size = path.stat().st_size
    if size > max_bytes:
        raise _too_big(target, size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{target}: cannot read ({exc.strerror})") from None
    return RawInput(data=data, name=target)


def _fetch(url: str, max_bytes: int, timeout: float) -> RawInput:
    request = urllib.request.Request(url, headers={"User-Agent": "claimledger/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 (http/https only)
            data = resp.read(max_bytes + 1)
            final_url = resp.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: unreachable ({reason})") from None
    if len(data) > max_bytes:
        raise _too_big(url, len(data), max_bytes)
    return RawInput(data=data, name=url, url=final_url)


def decode_text(raw: RawInput) -> str:
    """Bytes to text, refusing binary data (NUL bytes, control characters, invalid UTF-8)."""
    data = raw.data
    if not data.strip():
        raise InputError(f"{raw.name}: empty input")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(f"{raw.name}: binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{raw.name}: binary data, not text") from None
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(sample) * 0.01:
        raise InputError(f"{raw.name}: binary data, not text")
    return text
