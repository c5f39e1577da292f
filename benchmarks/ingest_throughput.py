"""Cost of the ledger: ingest into SQLite vs analysis alone on the same texts (same run), and
peak RSS while ingesting a generated WARC, read at each quarter of the run.

    python benchmarks/ingest_throughput.py [--warc-articles 20000] [--skip-warc]

Targets (issue 3): storage overhead under 10%; peak RSS under 1.5 GB and flat in the number of
articles. The WARC is built from corpus paragraphs recombined (every article distinct), so its
texts are real French news prose of corpus-like length.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.analyse.article import Analyzer, prepare
from claimledger.analyse.engines import LocalEngine
from claimledger.ingest.collect import collect
from claimledger.ingest.extract import article_id
from claimledger.store.ingest import ingest
from claimledger.store.ledger import Ledger

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "franceinfo-2025"


def storage_overhead(repeat: int) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    # the reference analyses what ingest analyses: each distinct text once (the corpus has 2 repeats)
    unique = {article_id(p.extracted.text): p for p in (prepare(str(f)) for f in files)}
    prepared = list(unique.values())
    analyzer = Analyzer()
    list(analyzer.analyse(prepared[:3]))  # warm up
    alone, stored = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        list(analyzer.analyse(prepared))
        alone.append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as tmp:
            ledger = Ledger(str(Path(tmp) / "bench.db"))
            t0 = time.perf_counter()
            report = ingest(ledger, LocalEngine(analyzer), collect([str(CORPUS)]))
            stored.append(time.perf_counter() - t0)
    a, s = statistics.median(alone), statistics.median(stored)
    n = len(prepared)
    print(f"corpus: {len(files)} files, {n} distinct articles, {report.new} stored; median of {repeat}")
    print(f"analysis alone : {a:7.2f} s  {n / a:6.2f} articles/s  (texts already read)")
    print(f"ingest (SQLite): {s:7.2f} s  {n / s:6.2f} articles/s  (read, extract, dedupe, analyse, store)")
    print(f"ratio ingest/analysis: {s / a:.3f}  (target < 1.10)")


def make_warc(path: Path, n: int, seed: int = 7) -> None:
    paragraphs = [
        p
        for f in sorted(CORPUS.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n")
        if len(p) > 120
    ]
    rng = random.Random(seed)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            body = "".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, 6))
            doc = (
                f"<!doctype html><html><head><title>Article {i}</title></head><body><nav>Accueil</nav>"
                f"<article><h1>Article {i}</h1><p>Dépêche numéro {i}.</p>{body}</article></body></html>"
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.org/a/{i}",
                    "response",
                    payload=io.BytesIO(doc.encode()),
                    http_headers=headers,
                )
            )


def warc_memory(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "crawl.warc.gz"
        t0 = time.perf_counter()
        make_warc(archive, n)
        print(
            f"\nWARC: {n} articles, {archive.stat().st_size / 1e6:.1f} MB gzipped, built in "
            f"{time.perf_counter() - t0:.0f} s"
        )
        db = Path(tmp) / "warc.db"
        cmd = [
            sys.executable,
            "-m",
            "claimledger.cli",
            "ingest",
            str(archive),
            "--db",
            str(db),
            "--batch-size",
            "32",
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        ps = psutil.Process(proc.pid)
        samples: list[tuple[int, float]] = []  # (articles stored, rss MB)
        stop = threading.Event()

        def watch() -> None:
            import sqlite3

            while not stop.is_set():
                try:
                    rss = ps.memory_info().rss / 1e6
                    with sqlite3.connect(db) as conn:
                        stored = conn.execute("select count(*) from articles").fetchone()[0]
                except Exception:
                    rss, stored = 0.0, 0
                if rss:
                    samples.append((stored, rss))
                stop.wait(1.0)

        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
        t0 = time.perf_counter()
        out, _ = proc.communicate()
        elapsed = time.perf_counter() - t0
        stop.set()
        thread.join()
        print(out.strip().splitlines()[0] if out.strip() else "(no summary)")
        print(f"ingest: {elapsed:.0f} s, {n / elapsed:.1f} articles/s")
        for q in (0.25, 0.5, 0.75, 1.0):
            upto = [rss for stored, rss in samples if stored <= n * q]
            if upto:
                print(f"  peak RSS up to {int(q * 100):3d}% of articles: {max(upto):7.0f} MB")
        peak = max(rss for _, rss in samples)
        print(f"peak RSS {peak:.0f} MB (target < 1500 MB, flat across quarters)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warc-articles", type=int, default=2000)
    parser.add_argument("--skip-warc", action="store_true")
    args = parser.parse_args()
    storage_overhead(args.repeat)
    if not args.skip_warc:
        warc_memory(args.warc_articles)


if __name__ == "__main__":
    main()
