"""Turn command-line targets into a stream of articles: files, directories, RSS/Atom feeds, WARC
archives and URLs.

Everything is a generator, so a crawl of millions of records is read one record at a time. A
target that cannot be read becomes a `Failed` item with its reason; the stream goes on.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.utils import BUFF_SIZE

from ..dates import iso_day
from ..errors import InputError
from .reader import DEFAULT_MAX_BYTES, RawInput, is_url, read_raw
from .urlpolicy import safe_link

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# a feed item carrying at least this much text is an article; a shorter one is a teaser and the
# linked page is fetched instead
MIN_ITEM_CHARS = 400
# WARC and HTTP header lines are short (a long URL is a few kB); warcio reads a line until its
# break, however far: a gzip member whose "header line" inflates to 1.5 GB without one took 3.35 GB
MAX_WARC_LINE = 1 << 20
# a crawl's gzip inflates 5-10 times; past this ratio (and this many bytes) it is a bomb, not a crawl
MAX_INFLATION = 200
INFLATION_FLOOR = 256 << 20


@dataclass
class Failed:
    origin: str
    reason: str


Item = RawInput | Failed


def collect(
    targets: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, *, default_date: str | None = None
) -> Iterator[Item]:
    """`default_date`: the publication date of articles that say none (nor does a sidecar)."""
    for item in _collect(targets, max_bytes):
        if isinstance(item, RawInput) and default_date and not item.published:
            item.published = default_date
        yield item


def _collect(targets: Iterable[str], max_bytes: int) -> Iterator[Item]:
    for target in targets:
        path = Path(target)
        if not is_url(target) and path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and _kind(p.name) is not None:
                    yield from _guarded(str(p), max_bytes)
        else:
            yield from _guarded(target, max_bytes)


SIDECAR_FIELDS = {"title": "title", "published": "published", "date": "published", "url": "url"}


def with_sidecar(raw: RawInput, path: Path) -> RawInput:
    """A plain-text article's metadata from `NAME.json` next to `NAME.txt`: {"title": …,
    "published" (or "date"): "YYYY-MM-DD", "url": …}; without a sidecar date, a day the file's
    name gives (archives name files so: "nyt_2016-09-16_tax-plan.txt"). The file's path is kept
    as its origin."""
    sidecar = path.with_suffix(".json")
    if sidecar.is_file():
        _read_sidecar(raw, sidecar)
    if not raw.published:
        raw.published = named_day(path.name)
    return raw


_NAMED_DAY = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def named_day(name: str) -> str | None:
    """The first real calendar day written YYYY-MM-DD in a file name, standing alone (not part of
    a longer run of digits); None when there is none ("2016-02-30" is none)."""
    for found in _NAMED_DAY.finditer(name):
        if (d := iso_day(found.group())) is not None:
            return d
    return None


def _read_sidecar(raw: RawInput, sidecar: Path) -> None:
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8")[:100_000])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{_shown(str(sidecar))}: not a JSON sidecar ({_shown(str(exc))})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{_shown(str(sidecar))}: a sidecar is a JSON object")
    for key, attr in SIDECAR_FIELDS.items():
        value = meta.get(key)
        if isinstance(value, str) and value.strip() and not getattr(raw, attr):
            if attr == "published" and iso_day(value) is None:
                raise InputError(f"{_shown(str(sidecar))}: '{key}' is not a date (YYYY-MM-DD)")
            setattr(raw, attr, safe_link(value) if attr == "url" else value.strip())


def _guarded(target: str, max_bytes: int) -> Iterator[Item]:
    """Each input is its own unit of failure: whatever breaks while reading it (a corrupt archive,
    a feed the parser chokes on) becomes a Failed item, and the stream goes on to the next."""
    try:
        yield from _one(target, max_bytes)
    except InputError as exc:
        yield Failed(target, str(exc))
    except Exception as exc:  # noqa: BLE001 (reported with its reason, never lost)
        yield Failed(target, f"{_shown(target)}: cannot read ({type(exc).__name__}: {_shown(str(exc))})")


def _shown(text: str) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean if len(clean) <= 200 else clean[:197] + "..."


def _kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    suffix = Path(low).suffix
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    return None


def _one(target: str, max_bytes: int) -> Iterator[Item]:
    if not is_url(target) and _kind(target) == "warc":
        yield from read_warc(target, max_bytes)
        return
    try:
        raw = read_raw(target, max_bytes=max_bytes)
    except InputError as exc:
        yield Failed(target, str(exc))
        return
    if _kind(target) == "feed" or _looks_like_feed(raw.data):
        yield from read_feed(raw, max_bytes)
    elif not is_url(target) and Path(target).suffix.lower() == ".txt":
        yield with_sidecar(raw, Path(target))
    else:
        yield raw


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def read_feed(raw: RawInput, max_bytes: int) -> Iterator[Item]:
    feed = feedparser.parse(raw.data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "no items"
        yield Failed(raw.name, f"{raw.name}: malformed or empty feed ({reason})")
        return
    for n, entry in enumerate(feed.entries, 1):
        link = safe_link(entry.get("link"))  # a javascript: or malformed link is neither stored nor fetched
        title = entry.get("title")
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        name = f"{raw.name}#{link or n}"
        if len(body) >= MIN_ITEM_CHARS or not link:
            if not body.strip():
                yield Failed(name, f"{name}: feed item with no text and no link")
                continue
            html = f"<html><body><article>{body}</article></body></html>"
            yield RawInput(html.encode("utf-8"), name, link, title, published)
            continue
        try:
            page = read_raw(link, max_bytes=max_bytes)
        except InputError as exc:
            yield Failed(name, str(exc))
            continue
        yield RawInput(page.data, link, page.url or link, title, published)


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
    """warcio's reader of an archive, with bounded lines and a bounded inflation: a line longer
    than MAX_WARC_LINE, or a gzip inflating more than MAX_INFLATION times, stops the archive with
    a ValueError (reported as that file's failure) instead of filling memory."""

    def __init__(self, stream: Any, block_size: int) -> None:
        super().__init__(stream, block_size=block_size)
        self.packed = 0  # bytes read from the file

    def readline(self, length: int | None = None) -> bytes:
        cap = MAX_WARC_LINE if length is None else min(length, MAX_WARC_LINE)
        line: bytes = super().readline(cap)
        if len(line) >= MAX_WARC_LINE and not line.endswith(b"\n"):
            raise ValueError(
                f"a header line of over {MAX_WARC_LINE >> 20} MB without a line break "
                "(not a WARC, or a decompression bomb)"
            )
        return line

    def _process_read(self, data: bytes) -> None:
        self.packed += len(data or b"")
        super()._process_read(data)
        if self.num_read > max(INFLATION_FLOOR, MAX_INFLATION * self.packed):
            raise ValueError(
                f"inflates over {MAX_INFLATION} times its size ({self.packed} bytes read gave "
                f"{self.num_read}): a decompression bomb"
            )


class _BoundedArchive(ArchiveIterator):  # type: ignore[misc]
    """warcio's ArchiveIterator reading through _BoundedReader."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.reader = _BoundedReader(self.fh, block_size=BUFF_SIZE)


def _cut_short(record: Any) -> tuple[int, int] | None:
    """(bytes present, bytes declared) of a record whose block ends before its Content-Length
    (the last record of a cut .warc), read to its end; None for a whole record."""
    raw = record.raw_stream
    declared = getattr(raw, "_orig_limit", None)
    if not isinstance(declared, int):
        return None  # no Content-Length to hold it to
    while raw.read(1 << 16):
        pass
    if raw.limit > 0:
        return declared - raw.limit, declared
    return None


def read_warc(path: str, max_bytes: int) -> Iterator[Item]:
    """HTML responses of a WARC file, streamed. A record is handed on only once the archive has
    been read past it, so the record a truncation cuts is never stored half-written; a truncated
    archive ends with a Failed item, and a record shorter than its Content-Length is one. Header
    lines and inflation are bounded (_BoundedReader): a bomb fails in one line."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed in finally; records are yielded lazily)
    except OSError as exc:
        yield Failed(path, f"{path}: cannot read ({exc.strerror})")
        return
    count = 0
    held: Item | None = None
    try:
        for record in _BoundedArchive(stream):
            if not record.rec_type or record.rec_headers.get_header("WARC-Type") is None:
                raise ValueError("record without a header")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype and "text/plain" not in ctype:
                continue
            uri = safe_link(record.rec_headers.get_header("WARC-Target-URI"))
            data = record.content_stream().read(max_bytes + 1)
            count += 1
            name = f"{path}#{uri or count}"
            if held is not None:
                yield held
            if len(data) > max_bytes:
                held = Failed(name, f"{name}: record over {max_bytes / 1e6:.1f} MB")
            elif (cut := _cut_short(record)) is not None:
                held = Failed(name, f"{name}: record cut short ({cut[0]} of {cut[1]} bytes), not stored")
            else:
                held = RawInput(data, name, uri)  # WARC-Date is the crawl time, not publication
        if path.lower().endswith(".gz"):
            _check_gzip_ends(path)
        if held is not None:
            yield held
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as exc:
        kept = count - 1 if held is not None else count
        yield Failed(path, f"{path}: truncated or corrupt WARC after {kept} complete records ({exc})")
    finally:
        stream.close()


def _check_gzip_ends(path: str) -> None:
    """warcio stops quietly at a cut gzip member, dropping the last record: read the archive once
    more, streamed, so a truncated crawl is reported instead of looking complete."""
    with gzip.open(path, "rb") as fh:
        while fh.read(1 << 20):
            pass


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
