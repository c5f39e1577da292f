"""Issue 9, one test per defect class: bad inputs reported and skipped, bounded reads, safe concurrent
writers, migrations that survive a kill, outputs that never trust article text. Real files, real
processes, real databases (PostgreSQL too when CLAIMLEDGER_TEST_PG is set, as `make test` does)."""

from __future__ import annotations

import codecs
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from builders import rss, warc
from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.errors import InputError
from claimledger.ingest.extract import article_id
from claimledger.ingest.reader import INVISIBLE, RawInput, decode_text, max_bytes_from_mb, read_file
from claimledger.link.series import FigurePoint, Series
from claimledger.model import Analysis
from claimledger.present.brief import md
from claimledger.present.export import spreadsheet_safe
from claimledger.present.json_out import to_json
from claimledger.present.text_out import terminal_safe
from claimledger.present.web.chart import chart
from claimledger.store.ledger import HEAD, Ledger
from conftest import CORPUS
from test_ledger import PG

CLI = [sys.executable, "-m", "claimledger.cli"]


def _story(n: int) -> str:
    # written here: a short local news item, distinct for each n
    return (
        f"Réunion numéro {n} du conseil. Le maire a annoncé que la piscine rouvrirait en mars. "
        f"« Les travaux ont coûté {n + 3} millions d'euros », a précisé l'adjoint aux finances. Selon "
        "l'opposition, le chantier aurait pris un an de retard."
    )


# -- reader ----------------------------------------------------------------------------------------


def test_devices_and_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError, match="not a regular file"):
        read_file(str(fifo), 1000)  # would block forever on a FIFO nobody writes
    with pytest.raises(InputError, match="not a regular file"):
        read_file("/dev/zero", 1000)  # st_size 0, endless
    assert time.monotonic() - started < 5


def test_max_mb_is_validated_with_one_line() -> None:
    for bad in (0, -1, math.nan, math.inf, 1e9):
        with pytest.raises(InputError, match="--max-mb"):
            max_bytes_from_mb(bad)
    proc = subprocess.run(
        [*CLI, "analyze", "-", "--max-mb", "nan"], input=b"x", capture_output=True, timeout=120
    )
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr and proc.stderr.count(b"\n") == 1


def test_utf16_and_utf32_with_bom_are_decoded() -> None:
    text = "Le maire a annoncé que la route serait rouverte."
    for bom, enc in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ):
        assert decode_text(RawInput(bom + text.encode(enc), "t")) == text


def test_a_stray_latin1_byte_does_not_reread_the_whole_text() -> None:
    data = "Le député « Émile Noël » a déclaré".encode() + b" caf\xe9 cr\xe8me."
    assert decode_text(RawInput(data, "t")) == "Le député « Émile Noël » a déclaré café crème."


def test_invisible_and_bidi_characters_are_normalised_before_hashing() -> None:
    plain = "Le ministre Jean Martin a démenti la rumeur."
    disguised = "Le ministre Jean\u200b Mar\u202etin a dé\u00admenti la rumeur.\u2066"
    a = decode_text(RawInput(plain.encode(), "a"))
    b = decode_text(RawInput(disguised.encode(), "b"))
    assert a == b and article_id(a) == article_id(b)
    assert not INVISIBLE.search(b)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_reader_fuzz_never_raises_anything_but_input_error(data: bytes) -> None:
    try:
        text = decode_text(RawInput(data, "fuzz"))
    except InputError:
        return
    assert "\x00" not in text and not INVISIBLE.search(text)
    assert all(ord(c) >= 32 or c in "\n\r\t\f" for c in text)


# -- ingest: every input is its own unit of failure --------------------------------------------------


def test_bad_inputs_are_reported_and_good_ones_stored(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    for n in range(3):
        (good / f"{n}.txt").write_text(_story(n), encoding="utf-8")
    # over spaCy's max_length (1,000,000 characters), under the 5 MB cap: analysed in pieces
    (good / "long.txt").write_text("\n".join(_story(n) for n in range(100, 5600)), encoding="utf-8")
    bad = tmp_path / "bad"
    bad.mkdir()
    archive = bad / "crawl.warc.gz"
    warc(archive, [("https://example.org/a", "<html><body><p>" + _story(9) * 3 + "</p></body></html>")])
    raw = archive.read_bytes()
    archive.write_bytes(raw[:40] + b"\x00garbage\xff" * 50 + raw[40:])  # corrupt gzip
    (bad / "links.rss").write_text(
        rss(
            [
                ("x", "http://[::1", "Tue, 02 Jan 2024 10:00:00 GMT", "court"),
                ("y", "javascript:alert(1)", "Tue, 02 Jan 2024 10:00:00 GMT", "court"),
            ]
        ),
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    proc = subprocess.run(
        [*CLI, "ingest", str(good), str(bad), "--db", str(db)], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "new 4" in proc.stdout, proc.stdout
    assert proc.stdout.count("failed:") >= 3, proc.stdout  # the WARC and both feed items
    stored = {a.article.text[:30] for a in Ledger(str(db)).analyses()}
    assert len(stored) == 4
    long_one = next(a for a in Ledger(str(db)).analyses() if len(a.article.text) > 1_000_000)
    assert len(long_one.claims) > 5000 and all(
        long_one.article.text[c.start : c.end] == c.text for c in long_one.claims
    )


def test_nothing_processed_exits_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*CLI, "ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "l.db")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2 and "failed: " in proc.stdout and "Traceback" not in proc.stderr


def test_two_ingests_of_overlapping_articles_race_safely(tmp_path: Path) -> None:
    left, right = tmp_path / "left", tmp_path / "right"
    left.mkdir()
    right.mkdir()
    for n in range(12):
        (left / f"{n}.txt").write_text(_story(n), encoding="utf-8")
        (right / f"{n}.txt").write_text(_story(n), encoding="utf-8")  # the same articles
    for n in range(12, 16):
        (right / f"{n}.txt").write_text(_story(n), encoding="utf-8")
    db = str(tmp_path / "shared.db")
    Ledger(db)  # created once; the race is on the rows
    procs = [
        subprocess.Popen(
            [*CLI, "ingest", str(folder), "--db", db, "--batch-size", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (left, right)
    ]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, out + err
        assert "failed 0" in out and "Traceback" not in err, out + err
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 16
        assert (
            conn.execute("select count(*), count(distinct article_id || claim_id) from claims").fetchone()[0]
            > 0
        )
        dupes = conn.execute(
            "select article_id, claim_id, count(*) from claims group by 1, 2 having count(*) > 1"
        ).fetchall()
        assert dupes == []


# -- schema ---------------------------------------------------------------------------------------------


def _ledger_at_0002(db: str, claims: int) -> None:
    """A ledger as the previous release wrote it, with enough rows that migrating takes a while."""
    Ledger(db, revision="0002")
    with sqlite3.connect(db) as conn:
        for a in range(claims // 50):
            conn.execute(
                "insert into articles(id, url, origin, title, lang, published, analysis) "
                "values (?,?,?,?,?,?,?)",
                (f"a{a:015d}", None, "x", "t", "fr", None, "{}"),
            )
            conn.executemany(
                "insert into claims(article_id, claim_id, text, status, quote, source_text, source_kind, "
                'source_entity, cue_lemma, start, "end") values (?,?,?,?,?,?,?,?,?,?,?)',
                [
                    (
                        f"a{a:015d}",
                        f"c{c}",
                        "texte",
                        "stated",
                        "indirect",
                        "le maire",
                        "person",
                        None,
                        "dire",
                        0,
                        5,
                    )
                    for c in range(50)
                ],
            )


def test_a_migration_killed_half_way_runs_again(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    _ledger_at_0002(db, 200_000)
    killed = 0
    for delay in (0.8, 1.5, 3.0):
        proc = subprocess.Popen(
            [sys.executable, "-c", f"from claimledger.store.ledger import Ledger; Ledger({db!r})"]
        )
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed += 1
            with sqlite3.connect(db) as conn:  # rolled back: still the old revision, nothing half-done
                assert conn.execute("select version_num from alembic_version").fetchone()[0] == "0002"
                assert "line_counts" not in {r[0] for r in conn.execute("select name from sqlite_master")}
    assert killed, "the migration was too fast to kill; raise the row count"
    Ledger(db)  # resumes from the start and completes
    with sqlite3.connect(db) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone()[0] == HEAD
        assert conn.execute("select count(*) from claims where source_id is null").fetchone()[0] == 0
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_concurrent_first_opens_do_not_race(tmp_path: Path) -> None:
    db = str(tmp_path / "fresh.db")
    code = f"from claimledger.store.ledger import Ledger; Ledger({db!r})"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from alembic_version").fetchone()[0] == 1


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_nul_and_long_ids_store_alike_on_both_databases(
    kind: str, tmp_path: Path, analyzer: Analyzer
) -> None:
    if kind == "postgresql":
        if not PG:
            pytest.skip("CLAIMLEDGER_TEST_PG not set (make test sets it)")
        from sqlalchemy import create_engine, text

        engine = create_engine(PG)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        db = PG
    else:
        db = str(tmp_path / "l.db")
    analysis = analyzer.analyse_one(prepare_text(_story(1), lang="fr"))
    analysis.article.title = "titre\x00avec NUL"
    long_id = "person:" + "x" * 400
    analysis.entities[0].id = long_id
    for c in analysis.claims:
        if c.source is not None:
            c.source.entity = long_id
            c.source.kind = "person"
    ledger = Ledger(db)
    assert ledger.add(analysis, "origin\x00") is True
    row = ledger.article(analysis.article.id)
    assert row is not None and row.title == "titreavec NUL"
    assert all(len(s.id) <= 200 for s in ledger.sources())


# -- outputs ------------------------------------------------------------------------------------------


def test_markdown_in_a_claim_stays_text_in_the_brief() -> None:
    hostile = "Il a dit ![pixel](http://evil.example/p.png) et [clic](javascript:alert(1)) <b>gras</b>"
    html = MarkdownIt("commonmark", {"html": False}).render(md(hostile))
    assert "<img" not in html and "<a " not in html and "<b>" not in html
    assert "pixel" in html and "javascript" in html  # shown, not acted on


def test_csv_cells_never_start_a_formula() -> None:
    for cell in ('=HYPERLINK("http://evil","x")', "+33 1 23", "-2+3", "@SUM(A1)", "\tx"):
        assert spreadsheet_safe(cell).startswith("'")
    assert spreadsheet_safe("Le maire") == "Le maire" and spreadsheet_safe(3) == 3


def test_terminal_output_carries_no_escape_sequence(tmp_path: Path) -> None:
    hostile = "la \x1b]0;pwned\x07piscine \x1b[2J\x1b[31mrouge"
    text = " ".join(_story(n) for n in range(8)).replace("la piscine", hostile, 1)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "l.db")
    subprocess.run(
        [*CLI, "ingest", str(tmp_path / "a.txt"), "--db", db], capture_output=True, timeout=300, check=True
    )
    with sqlite3.connect(db) as conn:  # a ledger written before the reader dropped control characters
        conn.execute("update claims set text = text || ?, source_text = source_text || ?", (hostile, hostile))
    for args in (["analyze", str(tmp_path / "a.txt")], ["claims", "--db", db], ["sources", "--db", db]):
        out = subprocess.run(
            [*CLI, *args],
            capture_output=True,
            timeout=300,
            env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
        )
        assert b"\x1b]0;pwned" not in out.stdout and b"\x1b[2J" not in out.stdout, args
    assert terminal_safe("a\x1b[31mb\x1b]0;t\x07c\x07") == "abc"


def test_analysis_json_is_strict_and_refuses_absurd_figures(analyzer: Analyzer) -> None:
    a = analyzer.analyse_one(
        prepare_text(
            "Le stock compte " + "9" * 400 + " pièces, a déclaré le directeur. Il en vend 12 par jour.",
            lang="fr",
        )
    )
    assert [q.value for q in a.quantities] == [12]
    json.loads(to_json(a), parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))


def test_charts_survive_zero_one_point_and_extreme_values() -> None:
    def series(*values: float | int) -> Series:
        points = [
            FigurePoint(
                "soldat", None, v, None, None, "exact", str(v)[:20], None, "x", "x", "stated", "a:c1", None, n
            )
            for n, v in enumerate(values)
        ]
        return Series(key="soldat|", thing="soldat", event=None, points=points, conflicts=[])

    for s in (series(0), series(5), series(0, 0), series(10**400, 3), series(-4, 2), series(1e-300)):
        drawn = chart(s)
        assert all(
            math.isfinite(m.y) and math.isfinite(m.y_low) and math.isfinite(m.y_high) for m in drawn.marks
        )
        assert len(drawn.marks) == len(s.points)


def test_corpus_analyses_dump_as_strict_json(analyzer: Analyzer) -> None:
    for path in sorted(CORPUS.glob("*.txt"))[:5]:
        a: Analysis = analyzer.analyse_one(prepare_text(path.read_text(encoding="utf-8"), lang="fr"))
        json.loads(to_json(a))


def test_an_old_ledgers_absurd_figure_does_not_reach_linking(analyzer: Analyzer) -> None:
    from claimledger.link.records import from_analysis

    a = analyzer.analyse_one(prepare_text(_story(2), lang="fr"))
    assert a.quantities
    a.quantities[0].value = 10**400  # as a ledger written before figures were bounded may hold
    record = from_analysis(a)
    assert all(q.value != 10**400 for c in record.claims for q in c.quantities)


def test_the_article_page_is_cut_in_linear_time() -> None:
    """4,000 claims cost 23 s of CPU per page view when every stretch tested every claim."""
    import time

    from claimledger.model import Article, Claim, SentenceRef, Source
    from claimledger.present.web.highlight import segments

    def article(n: int) -> Analysis:
        sentence = "Selon le ministère, 12 soldats sont arrivés. "
        text = sentence * n
        claims = []
        for i in range(n):
            at = i * len(sentence)
            claims.append(
                Claim(
                    id=f"c{i + 1}",
                    text=sentence[20:-2],
                    start=at + 20,
                    end=at + len(sentence) - 2,
                    sentence=SentenceRef(at, at + len(sentence)),
                    source=Source("le ministère", at + 6, at + 18, "organization"),
                    cue=None,
                    quote="indirect",
                    status="stated",
                )
            )
        return Analysis(Article("x", None, "fr", None, None, text), claims, [], [])

    def cost(n: int) -> float:
        a = article(n)
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            cut = segments(a)
            best = min(best, time.process_time() - t0)
        assert "".join(s.text for s in cut) == a.article.text
        assert sum(1 for s in cut if "claim" in s.classes) == n
        return best

    small = cost(4_000)
    assert small < 2.0  # the quadratic page took 23 s
    assert cost(16_000) < 12 * max(small, 0.005)  # 4x the claims: linear is ~4x, quadratic 16x
