"""Read raw bytes from a path, '-' or a URL, refusing what cannot be an article before any NLP.

Every refusal is an InputError with a one-line reason: the CLI prints it and exits 2. Reads are
bounded by the size limit whatever the file system says (a device or a pipe reports size 0), only
regular files are read, and URLs go through the URL policy (ingest/urlpolicy.py).
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .urlpolicy import fetch, safe_link

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a long news article is ~50 KB of HTML text; 5 MB is generous
MAX_MB_CEILING = 200.0  # --max-mb above this is a typo, not a wish

# Characters that change how text looks or reads without being text: bidi embeddings, overrides and
# isolates (which can disguise a name or a URL), zero-width spaces and joiners' look-alikes, the
# BOM inside a text, soft hyphens. They are dropped before anything is hashed, named or shown. The
# zero-width joiner (U+200D) stays: emoji sequences need it.
INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _cp1252_per_byte(err: UnicodeError) -> tuple[str, int]:
    """Decode error handler: only the bytes that are not UTF-8 are read as Windows-1252 (a stray
    'é' in Latin-1 inside a UTF-8 page); the rest of the text keeps its UTF-8 reading."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("claimledger_cp1252", _cp1252_per_byte)


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


def max_bytes_from_mb(max_mb: float) -> int:
    """Validate --max-mb: a positive, finite number of megabytes, not absurdly large."""
    if not isinstance(max_mb, int | float) or math.isnan(max_mb) or max_mb <= 0 or max_mb > MAX_MB_CEILING:
        raise InputError(f"--max-mb must be a number of megabytes above 0 and at most {MAX_MB_CEILING:g}")
    return int(max_mb * 1024 * 1024)


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
        got = fetch(target, max_bytes, deadline=timeout)
        return RawInput(data=got.data, name=target, url=safe_link(got.url))
    return read_file(target, max_bytes)


def read_file(target: str, max_bytes: int) -> RawInput:
    path = Path(target)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{target}: no such file") from None
    except OSError as exc:
        raise InputError(f"{target}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{target}: is a directory, not an article")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{target}: not a regular file (device, pipe or socket)")
    if info.st_size > max_bytes:
        raise _too_big(target, info.st_size, max_bytes)
    try:
        # opened without following a swap to a FIFO made after the check, and read with a bound
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise InputError(f"{target}: cannot read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{target}: not a regular file (device, pipe or socket)")
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{target}: cannot read ({exc.strerror})") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise _too_big(target, len(data), max_bytes)
    return RawInput(data=data, name=target)


def decode_text(raw: RawInput) -> str:
    """Bytes to clean text: a BOM names the encoding (UTF-8, UTF-16, UTF-32); otherwise UTF-8, with
    only the bytes that are not UTF-8 read as Windows-1252. Binary data is refused."""
    data = raw.data
    if not data.strip():
        raise InputError(f"{raw.name}: empty input")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise InputError(f"{raw.name}: not valid {encoding.upper()} text") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{raw.name}: binary data, not text")
        text = data.decode("utf-8", errors="claimledger_cp1252")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(sample) * 0.01:
        raise InputError(f"{raw.name}: binary data, not text")
    return clean_text(text)


def clean_text(text: str) -> str:
    """What every stored text goes through: invisible and bidi characters dropped, control
    characters (NUL included, which PostgreSQL refuses) dropped, Unicode composed (NFC)."""
    text = INVISIBLE.sub("", text)
    text = CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)
