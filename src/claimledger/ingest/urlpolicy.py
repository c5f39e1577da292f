"""Which URLs claimledger stores, links and fetches: one policy for every path that meets a URL.

Stored or linked (an article's URL from a feed, a page's metadata or the paste form): only
http(s) URLs with a host; anything else (`javascript:`, `data:`, a bare path) is dropped, so no
page can ever render it as a link. Fetched: the host is resolved once, every address it resolves
to must be public (no loopback, private, link-local and cloud-metadata, multicast, reserved or
unspecified addresses, whatever their spelling: "2130706433", "0x7f.1", "::ffff:127.0.0.1"), and
the connection goes to the address that was checked, so a second DNS answer cannot swap it. Each
redirect is checked the same way before it is followed. The whole fetch has one deadline and one
byte cap, counted while the body streams in, so a slow or endless server cannot hold a worker.

Tests and intranet deployments name the exact hosts they trust in CLAIMLEDGER_ALLOW_HOSTS
("127.0.0.1:8765,intranet.example:443"); nothing else private is ever reached.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import InputError

SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
ALLOW_ENV = "CLAIMLEDGER_ALLOW_HOSTS"
USER_AGENT = "claimledger/0.1 (+https://github.com/claimledger)"


def safe_link(url: str | None) -> str | None:
    """The URL if it may be stored and shown as a link (http or https, with a host), else None."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if len(url) > 2000 or any(ord(c) < 32 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in SCHEMES
        or not parts.hostname
        or (port is not None and not 0 < port < 65536)
    ):
        return None
    return url


@dataclass(frozen=True)
class Target:
    url: str
    scheme: str
    host: str
    port: int
    address: str  # the checked address the connection goes to
    path: str  # path and query, as sent in the request line


def _allowed_from_env() -> frozenset[tuple[str, int]]:
    out = set()
    for item in os.environ.get(ALLOW_ENV, "").split(","):
        host, _, port = item.strip().rpartition(":")
        if host and port.isdigit():
            out.add((host.strip("[]").lower(), int(port)))
    return frozenset(out)


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(ip, "ipv4_mapped", None) or getattr(ip, "sixtofour", None)
    if mapped is not None and not _public(mapped):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


class UrlPolicy:
    """Checks URLs before any connection is opened."""

    def __init__(self, allowed: Iterable[tuple[str, int]] | None = None) -> None:
        self.allowed = (
            frozenset((h.lower(), p) for h, p in allowed) if allowed is not None else _allowed_from_env()
        )

    def check(self, url: str) -> Target:
        """Parse and vet a URL for fetching; raises InputError with one line on refusal."""
        link = safe_link(url)
        if link is None:
            raise InputError(f"{_show(url)}: not an http(s) URL")
        parts = urlsplit(link)
        host = (parts.hostname or "").lower()
        scheme = parts.scheme.lower()
        port = parts.port or (443 if scheme == "https" else 80)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise InputError(f"{_show(url)}: unreachable (cannot resolve {host}: {exc})") from None
        addresses = []
        for info in infos:
            address = str(info[4][0]).split("%")[0]
            try:
                addresses.append(ipaddress.ip_address(address))
            except ValueError:
                raise InputError(f"{_show(url)}: refused (unparsable address {address})") from None
        if not addresses:
            raise InputError(f"{_show(url)}: unreachable (no address for {host})")
        trusted = (host, port) in self.allowed
        if not trusted:
            for ip in addresses:
                if not _public(ip):
                    raise InputError(f"{_show(url)}: refused ({_why(ip)} address {ip})")
        return Target(link, scheme, host, port, str(addresses[0]), path)


def _why(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    for attr, word in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_unspecified", "unspecified"),
        ("is_reserved", "reserved"),
    ):
        if getattr(ip, attr, False):
            return word
    return "non-public"


def _show(url: str) -> str:
    """A URL as it may appear in a one-line message: no control characters, bounded."""
    clean = "".join(c if c.isprintable() else "?" for c in str(url))
    return clean if len(clean) <= 200 else clean[:197] + "..."


@dataclass
class Fetched:
    data: bytes
    url: str  # the final URL, after redirects
    content_type: str


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self._address = target.address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(url: str, max_bytes: int, deadline: float = 20.0, policy: UrlPolicy | None = None) -> Fetched:
    """GET a URL under the policy: every hop checked, one deadline, a byte cap while streaming."""
    policy = policy or UrlPolicy()
    ends = time.monotonic() + deadline
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        target = policy.check(current)
        left = ends - time.monotonic()
        if left <= 0:
            raise InputError(f"{_show(url)}: unreachable (no answer within {deadline:.0f} s)")
        conn_type = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
        conn = conn_type(target, timeout=min(left, deadline))
        try:
            conn.request("GET", target.path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.getheader("Location")
                if not location:
                    raise InputError(f"{_show(url)}: redirect without a location")
                current = urljoin(target.url, location)
                continue
            if resp.status >= 400:
                raise InputError(f"{_show(url)}: HTTP {resp.status} {resp.reason}")
            data = _read_capped(resp, conn, max_bytes, ends, url, deadline)
            return Fetched(data, target.url, resp.getheader("Content-Type") or "")
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= ends:
                raise InputError(f"{_show(url)}: unreachable (no answer within {deadline:.0f} s)") from None
            raise InputError(f"{_show(url)}: unreachable ({type(exc).__name__}: {exc})") from None
        finally:
            conn.close()
    raise InputError(f"{_show(url)}: refused (more than {MAX_REDIRECTS} redirects)")


def _read_capped(
    resp: http.client.HTTPResponse,
    conn: http.client.HTTPConnection,
    max_bytes: int,
    ends: float,
    url: str,
    deadline: float,
) -> bytes:
    length = resp.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise InputError(
            f"{_show(url)}: {int(length) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit"
        )
    chunks: list[bytes] = []
    total = 0
    while True:
        left = ends - time.monotonic()
        if left <= 0:
            raise InputError(f"{_show(url)}: unreachable (no complete answer within {deadline:.0f} s)")
        if conn.sock is not None:
            conn.sock.settimeout(left)
        chunk = resp.read1(64 * 1024) if hasattr(resp, "read1") else resp.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{_show(url)}: over the {max_bytes / 1e6:.1f} MB limit")
        chunks.append(chunk)
