"""SSRF: the URL policy refuses every non-public address before a connection is opened, at every
redirect hop, and bounds a fetch in time and bytes. Servers here are real, on loopback, and
trusted by exact host:port only where a test says so."""

from __future__ import annotations

import ipaddress
import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.errors import InputError
from claimledger.ingest.urlpolicy import UrlPolicy, fetch, safe_link
from claimledger.present.web.app import create_app
from hostile import Hostile, drip, endless, page, redirect

SECRET = "<html><body><p>secret-token-4242 from the metadata service</p></body></html>"


@pytest.fixture()
def secret() -> Iterator[Hostile]:
    server = Hostile(page(SECRET))
    yield server
    server.close()


@pytest.mark.parametrize(
    "spelling",
    [
        "http://127.0.0.1:{port}/",
        "http://2130706433:{port}/",  # decimal
        "http://0x7f000001:{port}/",  # hex
        "http://0177.0.0.1:{port}/",  # octal
        "http://127.1:{port}/",
        "http://localhost:{port}/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
    ],
)
def test_loopback_in_any_spelling_is_refused_before_connecting(secret: Hostile, spelling: str) -> None:
    url = spelling.format(port=secret.port)
    with pytest.raises(InputError, match="refused"):
        fetch(url, 1_000_000, policy=UrlPolicy(allowed=[]))
    assert secret.requests == []  # nothing reached the server


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.251",
        "[fd00:ec2::254]",
        "[fe80::1]",
        "[::]",
    ],
)
def test_private_link_local_metadata_and_multicast_are_refused(address: str) -> None:
    with pytest.raises(InputError, match="refused"):
        UrlPolicy(allowed=[]).check(f"http://{address}/latest/meta-data/")


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(secret: Hostile) -> None:
    bouncer = Hostile(redirect(f"http://127.0.0.1:{secret.port}/"))
    try:
        trusted = UrlPolicy(allowed=[("127.0.0.1", bouncer.port)])  # the first hop only
        with pytest.raises(InputError, match="refused"):
            fetch(bouncer.url + "/", 1_000_000, policy=trusted)
        assert bouncer.requests == ["/"] and secret.requests == []
    finally:
        bouncer.close()


def test_a_slow_drip_cannot_hold_a_worker() -> None:
    slow = Hostile(drip(every=0.2, total=10_000))
    try:
        started = time.monotonic()
        with pytest.raises(InputError, match="within 2 s"):
            fetch(
                slow.url + "/", 1_000_000, deadline=2.0, policy=UrlPolicy(allowed=[("127.0.0.1", slow.port)])
            )
        assert time.monotonic() - started < 4.0  # one deadline for the whole fetch, not per read
    finally:
        slow.close()


def test_an_endless_body_is_cut_at_the_byte_cap() -> None:
    flood = Hostile(endless())
    try:
        with pytest.raises(InputError, match="over the 1.0 MB limit"):
            fetch(flood.url + "/", 1_000_000, policy=UrlPolicy(allowed=[("127.0.0.1", flood.port)]))
    finally:
        flood.close()


def test_a_trusted_host_is_fetched(secret: Hostile) -> None:
    got = fetch(secret.url + "/a", 1_000_000, policy=UrlPolicy(allowed=[("127.0.0.1", secret.port)]))
    assert b"secret-token-4242" in got.data and got.url.endswith("/a")


def test_the_api_does_not_fetch_for_an_attacker(secret: Hostile, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(create_app(str(tmp_path / "l.db"), hosts=["testserver"]))
    for url in (
        f"http://127.0.0.1:{secret.port}/",
        f"http://2130706433:{secret.port}/",
        "file:///etc/passwd",
    ):
        resp = client.post("/api/analyze", json={"url": url})
        assert resp.status_code == 400, resp.text
        assert "secret-token" not in resp.text
    assert secret.requests == []


# -- fuzzing: never a traceback, never a connection to a non-public address -----------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_safe_link_accepts_only_http_urls(text: str) -> None:
    link = safe_link(text)
    if link is not None:
        assert link.lower().startswith(("http://", "https://"))
        assert not any(ord(c) < 32 for c in link)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=2**32 - 1).map(lambda n: str(ipaddress.IPv4Address(n))),
        st.integers(min_value=0, max_value=2**128 - 1).map(lambda n: f"[{ipaddress.IPv6Address(n)}]"),
        st.integers(min_value=0, max_value=2**32 - 1).map(str),  # decimal spelling
        st.integers(min_value=0, max_value=2**32 - 1).map(hex),  # hex spelling
    ),
    st.sampled_from(["http", "https"]),
    st.integers(min_value=1, max_value=65535),
)
def test_policy_on_numeric_hosts(host: str, scheme: str, port: int) -> None:
    """Numeric hosts only: resolving them sends nothing to any network."""
    try:
        target = UrlPolicy(allowed=[]).check(f"{scheme}://{host}:{port}/x")
    except InputError:
        return
    assert ipaddress.ip_address(target.address).is_global


def test_fuzz_report_is_json_safe() -> None:
    # the refusal messages are one line and printable, so they can go into a JSON error or a log
    for url in ("http://127.0.0.1:1/\x1b[31m", "http://[::1]/" + "a" * 5000):
        try:
            UrlPolicy(allowed=[]).check(url)
        except InputError as exc:
            message = str(exc)
            assert "\n" not in message and len(message) < 400 and "\x1b" not in message
            json.dumps(message)
