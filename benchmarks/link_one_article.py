"""Linking one article of many claims: the cost must grow with its claims, not with their square.

    python benchmarks/link_one_article.py [--sizes 1000,5000,20000] [--dense-up-to 5000]

The article is the issue 17 attack: paragraphs of "Selon X, selon Y, <fact>." (written here),
where every claim repeats a handful of facts in the voice of a handful of sources, so that each
claim matches thousands of others. One block of such paragraphs is analysed once with the real
pipeline; the article of N claims is that analysis repeated (offsets shifted, ids renumbered, as
analysis/chunks.py merges the pieces of a long text), stored in a fresh SQLite ledger and linked
with the real encoder. Printed per size: linking seconds (vectors included, and apart), the ratio
to the smallest size against the ratio of claims (linear) and of its square (quadratic), and the
peak RSS of the process so far.

Reference, same run: `--dense-up-to` links the sizes up to it again with the pair caps lifted
(every claim scored against every other, as before issue 17): the ratio bounded / dense. All
figures come from this run on this machine; nothing is compared with numbers measured elsewhere.
"""

from __future__ import annotations

import argparse
import copy
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from claimledger.analyse.article import Analyzer
from claimledger.analyse.chunks import merge
from claimledger.analyse.pipeline import run
from claimledger.ingest.extract import article_id
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.match import BOUNDS, Bounds
from claimledger.model import Analysis, analysis_from_dict
from claimledger.store.ledger import Ledger

SOURCES = [
    "Paul Martin",
    "Marie Dubois",
    "l'AFP",
    "Reuters",
    "le ministre de l'Intérieur",
    "Jeanne Leroy",
    "la préfecture du Nord",
    "Hugo Bernard",
    "le maire de Lille",
    "Claire Petit",
]
FACTS = [
    "le pont de la Deûle a été fermé dans la nuit",
    "au moins 3 000 soldats ont été déployés près de la frontière",
    "la réunion des ministres est reportée à mardi",
    "le maire de Roubaix a démissionné",
    "les prix de l'énergie ont augmenté de 4 % en un an",
    "aucune victime n'a été signalée après l'incendie",
    "plus de 800 habitants ont été évacués dimanche",
]
LIMITLESS = Bounds(dense_cells=1 << 62, matches=1 << 30, group_sample=1 << 30)


def block(paragraphs: int) -> str:
    """Paragraphs of nested attributions: two claims each (the inner source's and the outer's)."""
    out = []
    for i in range(paragraphs):
        a, b = SOURCES[i % len(SOURCES)], SOURCES[(i * 3 + 1) % len(SOURCES)]
        out.append(f"Selon {a}, selon {b}, {FACTS[i % len(FACTS)]}.")
    return "\n\n".join(out)


def article(body: dict[str, Any], text: str, claims: int, tag: str) -> Analysis:
    """The analysed block repeated until the article has `claims` claims."""
    per = len(body["claims"])
    reps = -(-claims // per)
    step = len(text) + 2
    full = "\n\n".join([text] * reps)
    merged = merge(iter([(k * step, copy.deepcopy(body)) for k in range(reps)]))
    merged["claims"] = merged["claims"][:claims]
    head = {"title": f"Une journée agitée ({tag})", "lang": "fr", "published": "2025-03-01", "url": None}
    return analysis_from_dict({"article": {"id": article_id(full), "text": full, **head}, **merged})


def link(
    folder: Path, analysis: Analysis, embedder: Embedder, bounds: Bounds | None, name: str
) -> tuple[float, float]:
    """Seconds to link the article into an empty ledger, and the seconds of its vectors alone."""
    ledger = Ledger(str(folder / f"{name}.db"))
    ledger.add(analysis, analysis.article.id)
    linker = Linker(ledger, embedder, budget=None, bounds=bounds or BOUNDS)
    t0 = time.perf_counter()
    linker._vectors(linker._records([analysis.article.id]))
    vectors = time.perf_counter() - t0
    t0 = time.perf_counter()
    stats = linker.link_pending()
    assert stats.articles == 1 and not stats.parked
    return time.perf_counter() - t0, vectors


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="claims per article")
    parser.add_argument("--dense-up-to", type=int, default=5000, help="reference run without the caps")
    parser.add_argument("--paragraphs", type=int, default=250, help="paragraphs of the analysed block")
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    text = block(args.paragraphs)
    body = next(run(Analyzer().nlp("fr"), [text]))
    print(f"block: {args.paragraphs} paragraphs, {len(text)} characters, {len(body['claims'])} claims")
    embedder = Embedder()
    embedder(["Selon l'AFP, le pont a été fermé."])  # the encoder's weights are read once
    folder = Path(tempfile.mkdtemp(prefix="cl-link-one-"))
    first: float | None = None
    columns = ("claims", 7), ("link s", 8), ("vectors s", 9), ("ratio", 6), ("linear", 6), ("square", 7)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'RSS MB':>7}")
    for n in sizes:
        seconds, vectors = link(folder, article(body, text, n, f"{n}"), embedder, None, f"{n}")
        first = first or seconds
        k = n / sizes[0]
        print(
            f"{n:>7} {seconds:>8.1f} {vectors:>9.1f} {seconds / first:>6.1f} {k:>6.1f} {k * k:>7.0f} "
            f"{rss_mb():>7.0f}"
        )
    for n in [x for x in sizes if x <= args.dense_up_to]:
        bounded, _ = link(folder, article(body, text, n, f"{n}"), embedder, None, f"{n}-b")
        dense, _ = link(folder, article(body, text, n, f"{n}"), embedder, LIMITLESS, f"{n}-d")
        print(
            f"reference, {n} claims: every pair scored {dense:.1f} s, bounded {bounded:.1f} s "
            f"(bounded / every pair: {bounded / dense:.2f}); RSS {rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
