"""The ledger on a real SQLite file: ingest, idempotency, bad inputs, queries."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer
from claimledger.store.ingest import discover, ingest
from claimledger.store.ledger import Ledger
from conftest import CORPUS, EXAMPLE

PICKED = ["002.txt", "001.txt", "010.txt"]


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in PICKED:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(EXAMPLE, folder / "example.txt")
    (folder / "empty.txt").write_text("")
    (folder / "broken.html").write_text("<html><body><nav>menu</nav></body></html>")
    return folder


def test_ingest_twice_adds_nothing_and_reports_failures(
    analyzer: Analyzer, articles: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "ledger.db")
    ledger = Ledger(db)
    files = list(discover([str(articles)]))
    first = ingest(ledger, analyzer, files)
    assert (first.read, first.new, first.duplicate) == (6, 4, 0)
    failed = {Path(origin).name: reason for origin, reason in first.failed}
    assert set(failed) == {"empty.txt", "broken.html"}
    assert "empty" in failed["empty.txt"]
    second = ingest(Ledger(db), analyzer, files)
    assert (second.new, second.duplicate) == (0, 4)
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (4,)
        assert conn.execute("pragma journal_mode").fetchone() == ("wal",)
        stored = conn.execute("select count(*) from claims").fetchone()[0]
    assert stored > 50


def test_queries_by_source_status_entity(analyzer: Analyzer, articles: Path, tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "ledger.db"))
    ingest(ledger, analyzer, list(discover([str(articles)])))
    zarka = ledger.claims(source="Zarka")
    assert zarka and all("Zarka" in (c.source_text or "") for c in zarka)
    assert any("possibilité" in c.text for c in zarka)
    denied = ledger.claims(status="denied")
    assert any(c.source_entity == "country:KP" for c in denied)
    korea = ledger.claims(entity="Corée du Nord")
    assert korea and all(c.source_entity == "country:KP" for c in korea)
    ranked = ledger.sources()
    assert ranked == sorted(ranked, key=lambda s: (-s.claims, s.source))
    assert sum(s.claims for s in ranked) == sum(1 for c in ledger.claims(limit=10_000) if c.source_text)


def test_unusable_database_is_a_clean_error(tmp_path: Path) -> None:
    from claimledger.errors import InputError

    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="cannot open database"):
        Ledger(str(not_a_db))
    assert not_a_db.read_bytes() == b"this is not a database" * 100
