"""How the cost of linking grows with the number of stored claims (1k, 10k, 100k).

    python benchmarks/linking.py [--sizes 1000 10000 100000]

Claims are real: the texts of the claims claimledger finds in the 30 corpus articles, recombined
into generated articles of 20 claims that belong to generated stories (each story draws its
claims from its own subset, so matches exist; entity frequencies are Zipf-like, with a few
entities in most articles, as in real news). Linking = near-duplicate detection, story grouping,
and claim matching with figure series inside every story (everything `claimledger stories` /
`story` computes), not the NLP analysis. Prints seconds per size, the ratio to the previous
size, and the growth exponent (1 = linear, 2 = quadratic; target: sub-quadratic).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path

from claimledger.analyse.article import Analyzer, prepare
from claimledger.link.embed import Embedder
from claimledger.link.records import ArticleRecord, ClaimRecord, from_analysis
from claimledger.link.service import StoryIndex

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "franceinfo-2025"
CLAIMS_PER_ARTICLE = 20
ARTICLES_PER_STORY = 8


def pool() -> list[ClaimRecord]:
    analyses = Analyzer().analyse([prepare(str(p)) for p in sorted(CORPUS.glob("*.txt"))])
    return [c for a in analyses for c in from_analysis(a).claims if len(c.text) > 30]


def generate(claims: list[ClaimRecord], n_claims: int, seed: int = 3) -> list[ArticleRecord]:
    rng = random.Random(seed)
    n_articles = max(2, n_claims // CLAIMS_PER_ARTICLE)
    n_stories = max(1, n_articles // ARTICLES_PER_STORY)
    common = [f"country:C{i}" for i in range(200)]
    articles = []
    for s in range(n_stories):
        subset = rng.sample(claims, 60)
        own = [f"person:story{s}-{k}" for k in range(3)]
        day = 1 + rng.randrange(28)
        for a in range(ARTICLES_PER_STORY):
            aid = f"{s:06d}{a:02d}"
            chosen = rng.sample(subset, CLAIMS_PER_ARTICLE)
            entities = {e: rng.randint(2, 6) for e in own}
            for e in rng.sample(common, 3):
                entities[e] = entities.get(e, 0) + 1
            entities[common[int(rng.paretovariate(1.2)) % len(common)]] = 3  # Zipf-like heavy hitters
            date = f"2025-05-{min(28, day + rng.randrange(3)):02d}"
            recs = [
                ClaimRecord(
                    aid,
                    f"c{i + 1}",
                    c.text,
                    c.status,
                    c.quote,
                    c.source,
                    c.source_kind,
                    c.source_entity,
                    date,
                    None,
                    c.entities,
                    c.quantities,
                )
                for i, c in enumerate(chosen)
            ]
            text = " ".join(c.text for c in chosen) + f" Dépêche {aid}."
            articles.append(
                ArticleRecord(
                    aid, f"Article {aid}", None, date, text, entities, {e: e for e in entities}, recs
                )
            )
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    claims = pool()
    embedder = Embedder()
    print(f"claim pool: {len(claims)} real claims from the corpus")
    previous: tuple[int, float] | None = None
    for n in args.sizes:
        articles = generate(claims, n)
        total = sum(len(a.claims) for a in articles)
        t0 = time.perf_counter()
        index = StoryIndex(articles, embedder)
        t_index = time.perf_counter() - t0
        matched = 0
        for story in index.stories:
            rep = index.report(story.id)
            matched += len(rep.matches) if rep else 0
        elapsed = time.perf_counter() - t0
        line = (
            f"{total:>7} claims, {len(articles):>5} articles -> {len(index.stories):>5} stories, "
            f"{matched:>7} links: {elapsed:7.2f} s (stories {t_index:.2f} s)"
        )
        if previous:
            ratio = elapsed / previous[1]
            growth = total / previous[0]
            exponent = math.log(ratio) / math.log(growth)
            line += f"  x{ratio:.1f} for x{growth:.0f} claims, exponent {exponent:.2f}"
        print(line)
        previous = (total, elapsed)


if __name__ == "__main__":
    main()
