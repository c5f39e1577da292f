"""p50/p95 latency of the article, story and search endpoints on a ledger of ~100 000 claims,
against a trivial endpoint (/api/health) of the same server in the same run.

    python benchmarks/api_latency.py [--claims 100000] [--requests 200]

The ledger holds real claim texts (the corpus analyses, recombined into generated articles of 20
claims, as in benchmarks/linking.py) stored through the normal ledger code; the server is the real
`claimledger serve` process, queried over HTTP from this process. Stories are linked when the
articles are stored, as `ingest` does (that cost is printed separately): the server only reads.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from claimledger.analyse.article import Analyzer, prepare  # noqa: E402
from claimledger.link.linker import Linker  # noqa: E402
from claimledger.model import Analysis, Article  # noqa: E402
from claimledger.store.ledger import Ledger  # noqa: E402
from webserver import Server  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "franceinfo-2025"


def generated(analyses: list[Analysis], n_articles: int, seed: int = 5) -> list[Analysis]:
    """Articles made of real analysed claims: each keeps one source article's claims (so offsets and
    entities stay consistent) under a new id and date."""
    rng = random.Random(seed)
    out = []
    for i in range(n_articles):
        base = rng.choice(analyses)
        claims = base.claims[:20]
        art = replace(
            base.article,
            id=f"g{i:07d}",
            title=f"{base.article.title or 'Article'} #{i}",
            published=f"2025-05-{1 + i % 28:02d}",
        )
        out.append(
            Analysis(
                article=Article(**art.__dict__),
                claims=claims,
                quantities=base.quantities,
                entities=base.entities,
            )
        )
    return out


def timed(url: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as r:
            r.read()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    base = [
        a for a in Analyzer().analyse([prepare(str(p)) for p in sorted(CORPUS.glob("*.txt"))]) if a.claims
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        ledger = Ledger(db)
        t0 = time.perf_counter()
        articles = generated(base, args.claims // 20)
        for a in articles:
            ledger.add(a, "generated")
        claims = sum(len(a.claims) for a in articles)
        print(
            f"ledger: {len(articles)} articles, {claims} claims, stored in {time.perf_counter() - t0:.0f} s"
        )
        t0 = time.perf_counter()
        Linker(ledger).link_pending()
        print(f"linked at ingest: {time.perf_counter() - t0:.1f} s")
        server = Server(db)
        try:
            stories = json.load(urllib.request.urlopen(server.url + "/api/stories?limit=1000", timeout=60))
            rng = random.Random(1)
            words = ["otages", "Hamas", "soldats", "Nestlé", "élection", "victimes", "gouvernement"]
            targets = {
                "health (reference)": lambda: "/api/health",
                "article": lambda: f"/api/articles/{rng.choice(articles).article.id}",
                "article page": lambda: f"/articles/{rng.choice(articles).article.id}",
                "story": lambda: f"/api/stories/{rng.choice(stories)['id']}",
                "search": lambda: "/api/search?" + urllib.parse.urlencode({"q": rng.choice(words)}),
            }
            for path_of in targets.values():  # warm caches once per kind
                timed(server.url + path_of(), 1)
            ref_p50 = None
            for name, path_of in targets.items():
                lat = [timed(server.url + path_of(), 1)[0] for _ in range(args.requests)]
                p50, p95 = pct(lat, 50), pct(lat, 95)
                ref_p50 = ref_p50 or p50
                print(
                    f"{name:<20} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (p50 x{p50 / ref_p50:.1f} reference)"
                    f"{'' if name.startswith('health') else '  target p95 < 100 ms'}"
                )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
