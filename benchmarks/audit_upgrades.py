"""Audit of certainty upgrades (issue 20): every upgrade the analyser flags in a set of articles,
with both sentences, to judge by reading.

usage:
  python benchmarks/audit_upgrades.py sample OUT.md DIR [DIR...]
  python benchmarks/audit_upgrades.py score OUT.md

`sample` analyses every .txt/.html file of the directories, and every line of a .jsonl file given
instead of a directory (objects with `title` and `text`, as ../shared/corpora/unlabelled-fr has;
the title becomes the text's first line) (no ledger), and writes one item per
upgrade: the article, the plain claim, the weaker claim with its source and status, and the
confirming claims if any, each followed by `judgement: ?`. A reader replaces `?` by `yes` (the
article does state as fact what the weaker claim only alleged, attributed or denied: one
statement) or `no`. `score` prints how many were judged and the share judged `yes` (precision);
the count of upgrades per directory is printed by `sample`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

from claimledger.analyse.article import Analyzer, Prepared, prepare, prepare_text
from claimledger.model import Claim

BATCH = 16


def _who(c: Claim) -> str:
    return c.source.text if c.source else "(the article itself)"


def _inputs(where: Path) -> list[tuple[str, Callable[[], Prepared]]]:
    """(name, how to prepare it) of each article of a directory or a .jsonl file."""
    if where.suffix == ".jsonl":
        out: list[tuple[str, Callable[[], Prepared]]] = []
        for line in where.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                text = f"{row.get('title') or ''}\n{row['text']}".strip()
                out.append((str(row.get("id", len(out))), partial(prepare_text, text, lang="auto")))
        return out
    files = sorted(p for p in where.iterdir() if p.suffix in (".txt", ".html") and p.is_file())
    return [(p.name, partial(prepare, str(p))) for p in files]


def sample(out: Path, folders: list[Path]) -> None:
    analyzer = Analyzer()
    counts: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    items: list[str] = []
    for folder in folders:
        inputs = _inputs(folder)
        for start in range(0, len(inputs), BATCH):
            prepared = []
            for name, make in inputs[start : start + BATCH]:
                try:
                    prepared.append((name, make()))
                except Exception as exc:  # noqa: BLE001 (an unreadable file is listed, not fatal)
                    print(f"skipped {name}: {exc}", file=sys.stderr)
            for (path, _), a in zip(prepared, analyzer.analyse([x for _, x in prepared]), strict=True):
                articles[folder.name] += 1
                by_id = {c.id: c for c in a.claims}
                for u in a.upgrades:
                    counts[folder.name] += 1
                    strong, weak = by_id[u.claim], by_id[u.weaker]
                    confirmed = "".join(
                        f"\n- confirmed by {_who(by_id[k])}: {by_id[k].text}" for k in u.confirmed_by
                    )
                    items.append(
                        f"{folder.name}/{path}: {u.from_status} -> {u.to_status}\n"
                        f"- stated by the article: {strong.text}\n"
                        f"- {u.from_status} ({_who(weak)}): {weak.text}{confirmed}\n"
                    )
    with out.open("w", encoding="utf-8") as f:
        f.write("# Certainty upgrades audit\n\nReplace each `?` by `yes` or `no`.\n\n")
        for name in articles:
            f.write(f"- {name}: {counts[name]} upgrades in {articles[name]} articles\n")
        f.write(f"\n## upgrades ({len(items)})\n")
        for n, item in enumerate(items, 1):
            f.write(f"\n### upgrade {n}\n{item}judgement: ?\n")
    for name in articles:
        print(f"{name}: {counts[name]} upgrades in {articles[name]} articles")
    print(f"-> {out}")


def score(out: Path) -> None:
    words = re.findall(r"^judgement:\s*(\S+)", out.read_text(encoding="utf-8"), flags=re.M)
    yes = sum(w.lower() == "yes" for w in words)
    no = sum(w.lower() == "no" for w in words)
    share = f"{yes / (yes + no):.0%}" if yes + no else "-"
    print(f"judged {yes + no} of {len(words)}: yes {yes}, no {no}, precision {share}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("sample", "score"))
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", nargs="*", type=Path)
    args = ap.parse_args()
    if args.action == "sample":
        sample(args.out, args.folders)
    else:
        score(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
