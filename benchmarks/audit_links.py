"""Audit of linking on a real news flow (issue 18): what a reader judges, sampled from a ledger.

usage:
  python benchmarks/audit_links.py --db LEDGER sample OUT.md [--seed 18]
  python benchmarks/audit_links.py --db LEDGER score OUT.md

`sample` writes a Markdown file to judge by reading, deterministically sampled (a fixed seed, ids
sorted first): for each of the largest 20 stories, up to 10 pairs of its articles (title, date and
lead of each); 50 propositions of two claims or more (each claim with its source, status and
article); every contradiction (both claims). Each item ends with a line `judgement: ?`; a reader
replaces `?` by `yes` (same event / one statement / a real contradiction) or `no`.
`score` reads the judged file back and prints, per part, how many items were judged and the
share judged `yes`: the precision of story grouping, of propositions and of contradictions.

Linking is judged on what it stored: ingest the flow first, e.g.
  claimledger ingest ../shared/corpora/unlabelled-fr ../shared/corpora/franceinfo-2025 \
      ../shared/corpora/polnear-dev --db audit.db
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from claimledger.link.read import LinkReader
from claimledger.link.records import ClaimRecord
from claimledger.store.ledger import Ledger
from claimledger.store.schema import ArticleRow

STORIES, PAIRS, PROPOSITIONS = 20, 10, 50
LEAD = 400  # characters of an article shown to judge its event
PARTS = ("story pairs", "propositions", "contradictions")


def _lead(s: Session, article_id: str) -> str:
    row = s.get(ArticleRow, article_id)
    if row is None:
        return ""
    text = " ".join(json.loads(row.analysis)["article"]["text"].split())
    return text[:LEAD] + ("…" if len(text) > LEAD else "")


def _claim(c: ClaimRecord) -> str:
    who = c.source_name or c.source or "(the article itself)"
    return f"[{c.status}] {who}: {' '.join(c.text.split())}  (article {c.article_id}, {c.date or 'no date'})"


def _items(ledger: Ledger, seed: int) -> Iterator[tuple[str, str]]:
    """(part, Markdown block) of every item to judge, in a fixed order."""
    rng = random.Random(seed)
    reader = LinkReader(ledger)
    reports = []
    for story in reader.stories(limit=reader.count_stories()):
        rep = reader.report(story.id)
        if rep is not None:
            reports.append(rep)
    with Session(ledger.engine) as s:
        for rep in [r for r in reports if r.story.size >= 2][:STORIES]:
            arts = sorted(rep.story.articles, key=lambda a: a.id)
            pairs = list(itertools.combinations(arts, 2))
            for a, b in rng.sample(pairs, min(PAIRS, len(pairs))):
                yield PARTS[0], (
                    f"story {rep.story.id} ({rep.story.size} articles): same event?\n"
                    f"- {a.date or 'no date'} {a.title}\n  {_lead(s, a.id)}\n"
                    f"- {b.date or 'no date'} {b.title}\n  {_lead(s, b.id)}\n"
                )
    groups = sorted(
        (sorted(g, key=lambda c: c.key) for r in reports for g in r.propositions if len(g) >= 2),
        key=lambda g: g[0].key,
    )
    for g in rng.sample(groups, min(PROPOSITIONS, len(groups))):
        lines = "\n".join(f"- {_claim(c)}" for c in g[:8])
        more = f"\n- … and {len(g) - 8} more" if len(g) > 8 else ""
        yield PARTS[1], f"proposition of {len(g)} claims: one statement?\n{lines}{more}\n"
    for r in reports:
        for k in r.contradictions:
            yield PARTS[2], (
                f"contradiction in story {r.story.id}: real?\n"
                f"- affirmed {_claim(k.affirmed)}\n- denied {_claim(k.denied)}\n"
            )
        for series in r.series:
            for p, q in series.conflicts:
                yield PARTS[2], (
                    f"figure conflict in story {r.story.id} ({series.label}): real?\n"
                    f"- {p.source}: {p.text} ({p.date or 'no date'})\n"
                    f"- {q.source}: {q.text} ({q.date or 'no date'})\n"
                )


def sample(ledger: Ledger, out: Path, seed: int) -> None:
    blocks: dict[str, list[str]] = {p: [] for p in PARTS}
    for part, block in _items(ledger, seed):
        blocks[part].append(block)
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# Linking audit (seed {seed})\n\nReplace each `?` by `yes` or `no`.\n")
        for part in PARTS:
            f.write(f"\n## {part} ({len(blocks[part])})\n")
            for n, block in enumerate(blocks[part], 1):
                f.write(f"\n### {part} {n}\n{block}judgement: ?\n")
    print(" ".join(f"{p}: {len(b)}" for p, b in blocks.items()), f"-> {out}")


def score(out: Path) -> None:
    part = None
    counts: dict[str, list[int]] = {p: [0, 0, 0] for p in PARTS}  # yes, no, unjudged
    for line in out.read_text(encoding="utf-8").splitlines():
        head = re.match(r"## (.+) \(\d+\)$", line)
        if head and head.group(1) in counts:
            part = head.group(1)
        verdict = re.match(r"judgement:\s*(\S+)", line)
        if verdict and part:
            word = verdict.group(1).lower()
            counts[part][0 if word == "yes" else 1 if word == "no" else 2] += 1
    for p, (yes, no, todo) in counts.items():
        share = f"{yes / (yes + no):.0%}" if yes + no else "-"
        print(f"{p:15} judged {yes + no:4}  yes {yes:4}  no {no:4}  unjudged {todo:4}  precision {share}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("action", choices=("sample", "score"))
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    if args.action == "sample":
        sample(Ledger(args.db, create=False), args.out, args.seed)
    else:
        score(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
