"""Incremental linking: what adding articles to a large ledger costs, and what reading costs.

    python benchmarks/linking.py [--base 20000] [--new 1000] [--extend 200] [--db-dir DIR]

Articles are generated from real claims: the claims claimledger finds in the 30 corpus articles
(their texts, sources, statuses, figures and entities), 20 per article, 8 articles per story; each
story draws its claims from its own subset and has its own place and people (made-up names), and
stories are spread over a year; each story renames the capitalised words of its claims (made-up
names of the same length), so stories tell similar things about different people and places.
The base ledger is stored and linked once (setup, timed), then `--new` articles of new stories
(8 per story, generated as the base) are stored and linked:

  incremental   linking the new articles into the base ledger
  alone         linking the same articles into an empty ledger (target: incremental <= 2 x alone)
  relink        rebuilding every link of the grown ledger (target: incremental <= 0.1 x relink)

and then `--extend` articles that each join a stored story (their cost per article is printed
next to the new stories': matching a story's claims is the cost of the candidates they touch),
then, each from a cold process: `story`, `brief`, `source-record` (target: < 1 s wall each), and
the first page of a freshly started `claimledger serve` (target: < 500 ms). All figures come from
this run on this machine; nothing is compared with numbers measured elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from claimledger.analyse.article import Analyzer, prepare
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.model import Analysis, Article, Claim, Entity, Quantity, SentenceRef, Source, Span
from claimledger.store.ledger import Ledger

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "franceinfo-2025"
CLI = [sys.executable, "-m", "claimledger.cli"]
CLAIMS_PER_ARTICLE = 20
ARTICLES_PER_STORY = 8
SYLLABLES = ["ka", "ro", "vel", "mi", "dra", "su", "nor", "pla", "ti", "gue", "zan", "bo"]


@dataclass
class Fragment:
    """A real claim, cut out of its article with what it carries."""

    text: str
    status: str
    quote: str
    source: Source | None
    quantities: list[Quantity]  # offsets relative to the claim


def pool() -> list[Fragment]:
    out = []
    for a in Analyzer().analyse([prepare(str(p)) for p in sorted(CORPUS.glob("*.txt"))]):
        quantities = {q.id: q for q in a.quantities}
        for c in a.claims:
            if len(c.text) < 30:
                continue
            qs = [
                replace(quantities[q], start=quantities[q].start - c.start, end=quantities[q].end - c.start)
                for q in c.quantities
                if q in quantities and c.start <= quantities[q].start < c.end
            ]
            source = replace(c.source, start=0, end=0) if c.source else None
            out.append(Fragment(c.text, c.status, c.quote, source, qs))
    return out


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


@dataclass
class StorySpec:
    n: int
    day: int  # day of the year
    subset: list[Fragment]
    place: str
    person: str
    names: dict[str, str] = field(default_factory=dict)

    def rename(self, text: str) -> str:
        """The story's own names in a borrowed claim: every capitalised word inside it becomes a
        made-up word of the same length (offsets hold), the same one throughout the story, so two
        stories tell similar things about different people and places, as the news does."""

        def swap(m: re.Match[str]) -> str:
            w = m.group(0)
            if w not in self.names:
                r = random.Random(f"{self.n}:{w}")
                self.names[w] = "".join(
                    r.choice("bcdfgklmnprstvz" if k % 2 else "aeiou") for k in range(len(w))
                )
                self.names[w] = self.names[w].capitalize()
            return self.names[w]

        return CAPITALISED.sub(swap, text)


CAPITALISED = re.compile(r"(?:(?<=[\w,;:] )|(?<=['’]))[A-ZÀ-Ý]\w+")


def story_spec(n: int, claims: list[Fragment], rng: random.Random) -> StorySpec:
    return StorySpec(n, rng.randrange(365), rng.sample(claims, 60), word(rng) + "ville", word(rng))


def article(spec: StorySpec, k: int, rng: random.Random) -> Analysis:
    """One generated article of a story: its own lead sentence, then 20 of the story's claims."""
    day = (date(2025, 1, 1) + timedelta(days=spec.day + rng.randrange(3))).isoformat()
    lead = f"Reportage à {spec.place} auprès de {spec.person}, dépêche {spec.n}-{k}."
    pieces = [lead]
    claims, quantities, entities = [], [], {}
    place = Entity(f"place:{spec.place.lower()}", spec.place, "place", [])
    person = Entity(f"person:{spec.person.lower()}", spec.person, "person", [])
    for e in (place, person):
        at = lead.index(e.name)
        e.mentions.append(Span(e.name, at, at + len(e.name)))
        entities[e.id] = e
    offset = len(lead) + 1
    for i, f in enumerate(rng.sample(spec.subset, CLAIMS_PER_ARTICLE), 1):
        start, end = offset, offset + len(f.text)
        ids = []
        for q in f.quantities:
            qid = f"q{len(quantities) + 1}"
            quantities.append(replace(q, id=qid, start=q.start + start, end=q.end + start))
            ids.append(qid)
        text = spec.rename(f.text)
        claims.append(
            Claim(
                id=f"c{i}",
                text=text,
                start=start,
                end=end,
                sentence=SentenceRef(start, end),
                source=f.source,
                cue=None,
                quote=f.quote,  # type: ignore[arg-type]
                status=f.status,  # type: ignore[arg-type]
                quantities=ids,
            )
        )
        pieces.append(text + ".")
        offset = end + 2
    text = " ".join(pieces)
    aid = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Analysis(
        Article(aid, f"{spec.place} : dépêche {spec.n}-{k}", "fr", day, None, text),
        claims,
        quantities,
        list(entities.values()),
    )


def generate(
    claims: list[Fragment], base: int, new: int, extend: int, seed: int = 3
) -> tuple[list[Analysis], list[Analysis], list[Analysis]]:
    """The base ledger; `new` articles of new stories (8 per story, as the base); `extend`
    articles that each join a story of the base."""
    rng = random.Random(seed)
    specs = [story_spec(n, claims, rng) for n in range(max(1, base // ARTICLES_PER_STORY))]
    base_articles = [article(s, k, rng) for s in specs for k in range(ARTICLES_PER_STORY)][:base]
    fresh = [story_spec(len(specs) + n, claims, rng) for n in range(max(1, new // ARTICLES_PER_STORY))]
    new_articles = [article(s, k, rng) for s in fresh for k in range(ARTICLES_PER_STORY)][:new]
    later = [article(rng.choice(specs), ARTICLES_PER_STORY + i, rng) for i in range(extend)]
    return base_articles, new_articles, later


def store(ledger: Ledger, analyses: list[Analysis]) -> float:
    t0 = time.perf_counter()
    for a in analyses:
        ledger.add(a, a.article.id)
    return time.perf_counter() - t0


def cold(args: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([*CLI, *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def first_page(db: str) -> float:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*CLI, "serve", "--db", db, "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url + "/api/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        t0 = time.perf_counter()
        urllib.request.urlopen(url + "/stories", timeout=30).read()
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--extend", type=int, default=200, help="articles joining stored stories")
    parser.add_argument("--db-dir", default=None, help="where the ledgers go (default: a temporary dir)")
    args = parser.parse_args()
    folder = Path(args.db_dir or tempfile.mkdtemp(prefix="cl-linking-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db*"):
        old.unlink()
    claims = pool()
    base, new, later = generate(claims, args.base, args.new, args.extend)
    print(f"claim pool: {len(claims)} real claims; {len(base)} base articles, {len(new)} new ones")
    embedder = Embedder()
    texts = [c.text for c in claims]
    embedder(texts[:50])  # the encoder's weights are read once
    t0 = time.perf_counter()
    embedder(texts)
    per_claim = (time.perf_counter() - t0) / max(len(texts), 1)
    print(
        f"claim vectors (multilingual encoder, one space for French and English): "
        f"{per_claim * 1000:.2f} ms per claim"
    )

    big = Ledger(str(folder / "big.db"))
    t_store = store(big, base)
    t0 = time.perf_counter()
    Linker(big, embedder).link_pending()
    t_base = time.perf_counter() - t0
    print(f"setup: stored {len(base)} in {t_store:.1f} s, linked them in {t_base:.1f} s")

    def warm(ledger: Ledger, analyses: list[Analysis]) -> None:
        """Word caches (stems, frequencies, vector rows, the tokenizer's) warmed on these texts
        once, so that no timed run pays for meeting their words first."""
        w = Linker(ledger, embedder)
        w._vectors(w._records([a.article.id for a in analyses]))

    store(big, new)
    warm(big, new)
    t0 = time.perf_counter()
    stats = Linker(big, embedder).link_pending()
    t_incr = time.perf_counter() - t0

    alone = Ledger(str(folder / "alone.db"))
    store(alone, new)
    t0 = time.perf_counter()
    Linker(alone, embedder).link_pending()
    t_alone = time.perf_counter() - t0

    t0 = time.perf_counter()
    Linker(big, embedder).relink()
    t_full = time.perf_counter() - t0

    store(big, later)
    warm(big, later)
    t0 = time.perf_counter()
    grown = Linker(big, embedder).link_pending()
    t_later = time.perf_counter() - t0

    reader = LinkReader(big)
    stories = reader.count_stories()
    n_all = len(base) + len(new) + len(later)
    print(
        f"ledger: {n_all} articles in {stories} stories ({stats.merges + grown.merges} merges while adding)"
    )
    print(f"incremental: {t_incr:.2f} s for {len(new)} articles of new stories into {len(base)}")
    print(f"  vs linking them alone ({t_alone:.2f} s): ratio {t_incr / t_alone:.2f} (target <= 2)")
    print(
        f"  vs a full relink of {len(base) + len(new)} ({t_full:.2f} s): "
        f"ratio {t_incr / t_full:.3f} (target <= 0.1)"
    )
    print(
        f"articles joining stored stories: {1000 * t_later / max(len(later), 1):.1f} ms each "
        f"(vs {1000 * t_incr / max(len(new), 1):.1f} ms for new stories): a story's claims are matched again"
    )
    sid = reader.stories(1)[0].id
    db = str(folder / "big.db")
    for name, cmd in (
        ("story", ["story", sid, "--db", db]),
        ("brief", ["brief", sid, "--db", db]),
        ("source-record", ["source-record", "--db", db]),
        ("stories", ["stories", "--db", db]),
    ):
        print(f"cold `{name}`: {cold(cmd):.2f} s wall (target < 1 s)")
    print(f"first web page after serve: {first_page(db) * 1000:.0f} ms (target < 500 ms)")


if __name__ == "__main__":
    main()
