"""Crash safety with a real SIGKILL, the CLI's ingest summary, and analysis on a Dask LocalCluster."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from claimledger.analyse.engines import DaskEngine
from claimledger.ingest.collect import collect
from claimledger.store.ingest import ingest
from claimledger.store.ledger import Ledger
from conftest import CORPUS, EXAMPLE

# distinct articles (010/030 and 019/028 are the same text in the corpus)
NAMES = ["001.txt", "002.txt", "003.txt", "004.txt", "005.txt", "006.txt", "007.txt", "008.txt"]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimledger.cli", *args]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_then_resume_stores_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / name, folder / name)
    db = tmp_path / "ledger.db"
    proc = subprocess.Popen(
        _cli("ingest", str(folder), "--db", str(db), "--batch-size", "1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 240
    while _stored(db) < 2 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = _stored(db)
    assert 2 <= killed_at < len(NAMES)

    done = subprocess.run(
        _cli("ingest", str(folder), "--db", str(db)), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert f"new {len(NAMES) - killed_at}, duplicate {killed_at}, failed 0" in done.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        rows = conn.execute("select id, analysis from articles").fetchall()
        assert len(rows) == len(NAMES)
        for article_id, analysis in rows:
            claims = json.loads(analysis)["claims"]
            (n,) = conn.execute("select count(*) from claims where article_id = ?", (article_id,)).fetchone()
            assert n == len(claims), "an article's claims were half-written"


def test_dask_local_cluster_gives_the_same_ledger(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES[:3]:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(EXAMPLE, folder / "example.txt")
    engine = DaskEngine(workers=1)
    try:
        ledger = Ledger(str(tmp_path / "dask.db"))
        report = ingest(ledger, engine, collect([str(folder)]), batch_size=2)
    finally:
        engine.close()
    assert (report.new, report.failed) == (4, [])
    denied = ledger.claims(status="denied")
    assert any(c.source_entity == "country:KP" for c in denied)
    local = subprocess.run(
        _cli("ingest", str(folder), "--db", str(tmp_path / "local.db")),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert local.returncode == 0, local.stderr
    dask_claims = {(c.article_id, c.claim_id, c.status, c.text) for c in ledger.claims(limit=100_000)}
    local_claims = {
        (c.article_id, c.claim_id, c.status, c.text)
        for c in Ledger(str(tmp_path / "local.db")).claims(limit=100_000)
    }
    assert dask_claims == local_claims


def test_cli_claims_sources_and_bad_options(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    shutil.copy(CORPUS / "002.txt", tmp_path / "a.txt")
    first = subprocess.run(
        _cli(
            "ingest",
            str(tmp_path / "a.txt"),
            str(tmp_path / "missing.txt"),
            "http://127.0.0.1:9/a.html",
            "--db",
            str(db),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0
    assert "read 3, new 1, duplicate 0, failed 2" in first.stdout
    assert "no such file" in first.stdout and "refused (loopback" in first.stdout
    out = subprocess.run(
        _cli("claims", "--db", str(db), "--source", "Zarka"),
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
    )
    assert "Joshua L. Zarka" in out.stdout
    ranked = subprocess.run(_cli("sources", "--db", str(db)), capture_output=True, text=True)
    assert "Joshua L. Zarka" in ranked.stdout
    for bad in (["claims", "--status", "rumoured"], ["claims", "--since", "yesterday"]):
        proc = subprocess.run(_cli(*bad, "--db", str(db)), capture_output=True, text=True)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
