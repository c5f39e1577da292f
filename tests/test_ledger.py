"""The ledger on real databases (SQLite file, and PostgreSQL when CLAIMLEDGER_TEST_PG is set, as
in CI): ingest from files, feeds and WARC, idempotency, bad inputs, queries, exports."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, text

from builders import page, rss, warc
from claimledger.analyse.article import Analyzer
from claimledger.analyse.engines import LocalEngine
from claimledger.errors import InputError
from claimledger.ingest.collect import collect
from claimledger.present.export import export_csv, export_jsonl, export_parquet
from claimledger.store.ingest import ingest
from claimledger.store.ledger import Ledger
from claimledger.store.schema import ClaimRow
from conftest import CORPUS, EXAMPLE

PICKED = ["002.txt", "001.txt", "012.txt"]
PG = os.environ.get("CLAIMLEDGER_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG:
        pytest.skip("CLAIMLEDGER_TEST_PG not set (.ci/run sets it after starting PostgreSQL)")
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield PG


@pytest.fixture(scope="module")
def engine(analyzer: Analyzer) -> LocalEngine:
    return LocalEngine(analyzer)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in PICKED:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(EXAMPLE, folder / "example.txt")
    (folder / "empty.txt").write_text("")
    (folder / "broken.html").write_text("<html><body><nav>menu</nav></body></html>")
    return folder


def test_ingest_twice_adds_nothing_and_reports_failures(db: str, engine: LocalEngine, folder: Path) -> None:
    first = ingest(Ledger(db), engine, collect([str(folder)]), batch_size=2)
    assert (first.read, first.new, first.duplicate) == (6, 4, 0)
    failed = {Path(origin).name: reason for origin, reason in first.failed}
    assert set(failed) == {"empty.txt", "broken.html"}
    assert "empty" in failed["empty.txt"]
    ledger = Ledger(db)
    second = ingest(ledger, engine, collect([str(folder)]))
    assert (second.new, second.duplicate) == (0, 4)
    assert ledger.count_articles() == 4
    stored = ledger.claims(limit=100_000)
    expected = sum(len(json.loads(a.analysis)["claims"]) for a in ledger.articles())
    assert len(stored) == expected > 50


def test_queries_by_source_status_entity_and_words(db: str, engine: LocalEngine, folder: Path) -> None:
    ledger = Ledger(db)
    ingest(ledger, engine, collect([str(folder)]))
    zarka = ledger.claims(source="Zarka")
    # his own name, or "il" resolved to him (issue 8: one speaker, counted once)
    assert zarka and all(
        "Zarka" in (c.source_text or "") or c.source_id == "person:joshua-zarka" for c in zarka
    )
    assert any(c.source_text == "il" for c in zarka)
    assert any("possibilité" in c.text for c in zarka)
    denied = ledger.claims(status="denied")
    assert any(c.source_entity == "country:KP" for c in denied)
    # an entity finds the claims it makes and the claims that speak of it (issue 11)
    korea = ledger.claims(entity="Corée du Nord")
    assert any(c.source_entity == "country:KP" for c in korea)
    assert any(c.source_entity == "country:US" and "nord-coréenne" in c.text for c in korea)
    said = [f"{c.source_text} {c.text}".lower() for c in korea]
    assert all(any(w in t for w in ("corée", "nord-cor", "pyongyang", "kim")) for t in said)
    # full text: every word must occur, in any order, accents and inflection aside
    hits = ledger.claims(words="tunneliers Ukraine")
    assert hits and all("tunneliers" in c.text and "Ukraine" in c.text for c in hits)
    assert ledger.claims(words='" OR 1=1 --') == []

    def keys(rows: list[ClaimRow]) -> list[tuple[str, str]]:
        return [(r.article_id, r.claim_id) for r in rows]

    # a NUL byte once crashed SQLite FTS (found by schemathesis): control characters are dropped
    assert keys(ledger.claims(words="\x00", source="\x00Zarka")) == keys(ledger.claims(source="Zarka"))
    ranked = ledger.sources()
    assert ranked == sorted(ranked, key=lambda s: (-s.claims, s.source))
    assert sum(s.claims for s in ranked) == sum(1 for c in ledger.claims(limit=100_000) if c.source_text)


def test_feed_items_with_dates_and_a_malformed_feed(db: str, engine: LocalEngine, tmp_path: Path) -> None:
    a = (CORPUS / "002.txt").read_text(encoding="utf-8")
    b = EXAMPLE.read_text(encoding="utf-8")
    feed = tmp_path / "monde.rss"
    feed.write_text(
        rss(
            [
                ("Offensive à Gaza", "https://example.org/gaza", "Mon, 19 May 2025 08:00:00 +0000", a),
                ("Soldats nord-coréens", "https://example.org/coree", "Fri, 01 Nov 2024 10:00:00 +0000", b),
            ]
        )
    )
    bad = tmp_path / "broken.rss"
    bad.write_text("<?xml version='1.0'?><rss><channel><item><title>oops")
    ledger = Ledger(db)
    report = ingest(ledger, engine, collect([str(feed), str(bad)]))
    assert report.new == 2
    assert len(report.failed) == 1 and "feed" in report.failed[0][1]
    by_url = {r.url: r for r in ledger.articles()}
    assert by_url["https://example.org/coree"].published == "2024-11-01"
    assert by_url["https://example.org/gaza"].title == "Offensive à Gaza"
    may = ledger.claims(since="2025-05-01", until="2025-05-31", limit=10_000)
    assert may and {c.article_id for c in may} == {by_url["https://example.org/gaza"].id}
    assert ledger.claims(since="2024-11-01", until="2024-11-01", status="denied")


def test_warc_stream_and_truncated_archive(db: str, engine: LocalEngine, tmp_path: Path) -> None:
    pages = [
        (f"https://example.org/{name}", page((CORPUS / name).read_text(encoding="utf-8"), f"Article {name}"))
        for name in PICKED
    ]
    archive = tmp_path / "crawl.warc.gz"
    warc(archive, pages)
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(archive.read_bytes()[: int(archive.stat().st_size * 0.6)])
    ledger = Ledger(db)
    cut = ingest(ledger, engine, collect([str(truncated)]))
    assert cut.failed and "truncated" in cut.failed[-1][1]
    kept = ledger.count_articles()
    assert kept == cut.new < 3
    full = ingest(ledger, engine, collect([str(archive)]))
    assert (full.new, full.duplicate, full.failed) == (3 - kept, kept, [])
    urls = {r.url for r in ledger.articles()}
    assert urls == {u for u, _ in pages}
    assert all("Accueil" not in json.loads(r.analysis)["article"]["text"] for r in ledger.articles())


def test_exports(db: str, engine: LocalEngine, folder: Path, tmp_path: Path) -> None:
    ledger = Ledger(db)
    ingest(ledger, engine, collect([str(folder)]))
    jsonl = tmp_path / "out.jsonl"
    assert export_jsonl(ledger, str(jsonl)) == 4
    objects = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert all(o["schema"] == "claimledger.analysis/1" for o in objects)
    total = sum(len(o["claims"]) for o in objects)
    csv_path = tmp_path / "out.csv"
    assert export_csv(ledger, str(csv_path)) == total
    with csv_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total
    assert any(r["source"] == "Pyongyang" and r["status"] == "denied" for r in rows)
    parquet = tmp_path / "out.parquet"
    assert export_parquet(ledger, str(parquet), row_group=25) == total
    table = pq.read_table(parquet)
    assert table.num_rows == total and sum(table.column("figures").to_pylist()) > 0
    figures = tmp_path / "figures.parquet"
    export_parquet(ledger, str(figures), table="figures")
    rows = pq.read_table(figures).to_pylist()
    assert any(r["bound"] == "up_to" and r["value"] == 15000 and r["counted"] == "tunnelier" for r in rows)


def test_unusable_database_is_a_clean_error(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="cannot open database"):
        Ledger(str(not_a_db))
    assert not_a_db.read_bytes() == b"this is not a database" * 100
    with pytest.raises(InputError, match="cannot open database"):
        Ledger("postgresql://nobody:wrong@127.0.0.1:9/none")


def test_every_source_counts_the_same_everywhere(db: str, engine: LocalEngine, folder: Path) -> None:
    """`sources`, `claims --entity ID` and `claims --source NAME` agree on every source (issue 8)."""
    ledger = Ledger(db)
    ingest(ledger, engine, collect([str(folder)]))
    summaries = ledger.sources(limit=10_000)
    assert summaries
    total = 0
    for s in summaries:
        assert s.id
        by_id = ledger.claims(source_id=s.id, limit=10_000)
        assert len(by_id) == s.claims, s.id
        assert {r.source_id for r in by_id} == {s.id}
        total += s.claims
    attributed = [r for r in ledger.claims(limit=10_000) if r.source_text is not None]
    assert total == len(attributed)


def test_a_pronoun_speaker_is_counted_as_the_person(db: str, engine: LocalEngine, tmp_path: Path) -> None:
    # written here: the speaker is named once, then only "il" and "le maire"
    (tmp_path / "a.txt").write_text(
        "Le maire de Saint-Aubin, Gérard Lenoir, a annoncé la fermeture de l'école. "
        "« Les effectifs ont trop baissé », a-t-il expliqué. "
        "Le maire a précisé que les élèves iraient à Villeneuve.",
        encoding="utf-8",
    )
    ledger = Ledger(db)
    ingest(ledger, engine, collect([str(tmp_path / "a.txt")]))
    lenoir = next(s for s in ledger.sources() if s.source == "Gérard Lenoir")
    assert lenoir.id == "person:gerard-lenoir" and lenoir.claims == 3
    assert {r.source_text for r in ledger.claims(source="Lenoir")} == {
        "Le maire de Saint-Aubin, Gérard Lenoir",
        "il",
        "Le maire",
    }


def test_exports_carry_the_canonical_source_id(
    db: str, engine: LocalEngine, folder: Path, tmp_path: Path
) -> None:
    ledger = Ledger(db)
    ingest(ledger, engine, collect([str(folder)]))
    out = tmp_path / "claims.csv"
    export_csv(ledger, str(out))
    with out.open(encoding="utf-8") as fh:
        exported = [r for r in csv.DictReader(fh) if r["source_id"]]
    counts: dict[str, int] = {}
    for r in exported:
        counts[r["source_id"]] = counts.get(r["source_id"], 0) + 1
    assert counts == {s.id: s.claims for s in ledger.sources(limit=10_000)}


def test_the_ledgers_head_is_the_newest_migration() -> None:
    """Opening a ledger skips alembic when it is at HEAD: HEAD must be the newest migration."""
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from claimledger.store.ledger import HEAD

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("claimledger.store") / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_a_batch_of_two_languages_keeps_each_article_with_its_origin(
    db: str, engine: LocalEngine, tmp_path: Path
) -> None:
    """Ingest pairs each analysis with its file by position: English files between French ones in
    one batch must not take each other's origin (the analyser parses a language at a time)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    texts = {
        "a-fr.txt": "Crue à Valbrune. Le maire a annoncé mardi que 300 habitants avaient été évacués.",
        "b-en.txt": "Storm hits Dover. The mayor said on Tuesday that 120 homes had been flooded.",
        "c-fr.txt": "Grève à Lunel. Les syndicats ont indiqué que la grève durerait trois jours.",
        "d-en.txt": "Bridge closed in Leeds. Police said the bridge would stay closed until Friday.",
    }
    for name, body in texts.items():
        (folder / name).write_text(body, encoding="utf-8")
    report = ingest(Ledger(db), engine, collect([str(folder)]), batch_size=8)
    assert report.new == 4
    stored = {Path(r.origin or "").name: r for r in Ledger(db).articles()}
    assert set(stored) == set(texts)
    for name, row in stored.items():
        assert json.loads(row.analysis)["article"]["text"].startswith(texts[name].split(".")[0])
        assert row.lang == name[2:4]
