"""Language identification: accuracy on the labelled sets and its cost against the spaCy parse.

    python benchmarks/langid.py [--sample 200] [--repeat 3]

Accuracy: every text of the French and English sets must come out in its language (dev-2024,
France Info, the example, PolNeAR dev; then dev2 and a fixed sample of unlabelled-fr), every test
text in another language must be refused (tests/test_language_id.py). Sets under ../shared are
read when they are there. Cost: CPU time of `require_language` per article against the bare
spaCy parse of the same France Info and PolNeAR texts (`nlp.pipe`, as
benchmarks/analyze_throughput.py times it), measured in this run, so the ratio holds on any
machine; and the identifier's one-off load against the spaCy models'.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from claimledger.analyse.pipeline import MODELS
from claimledger.errors import InputError
from claimledger.ingest.extract import extract
from claimledger.ingest.langid import _identifier, require_language
from claimledger.ingest.reader import decode_text, read_raw

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
TESTS = ROOT / "tests"
SUPPORTED = sorted(MODELS)

sys.path.insert(0, str(TESTS))
from test_language_id import KEPT, OTHER, REFUSED, SHORT_FRENCH, SHORT_REFUSED  # noqa: E402

Item = tuple[str, str, str]  # (expected language or "refused", name, text)


def folder(path: Path, lang: str) -> list[Item]:
    """The text `analyze` would identify: read and extracted as the CLI does."""
    return [
        (lang, p.name, extract(decode_text(read_raw(str(p))), p.name).text)
        for p in sorted(path.glob("*.txt"))
    ]


def first_dir(*paths: Path) -> Path | None:
    return next((p for p in paths if p.is_dir()), None)


def labelled_sets(sample: int) -> dict[str, list[Item]]:
    """The sets by name; a set whose folder is missing is left out (and said so)."""
    sets: dict[str, list[Item]] = {}
    sources = {
        "dev-2024": (first_dir(SHARED / "dev-2024", TESTS / "data" / "corpora" / "dev-2024"), "fr"),
        "franceinfo-2025": (first_dir(SHARED / "franceinfo-2025", TESTS / "data" / "franceinfo-2025"), "fr"),
        "polnear-dev": (first_dir(SHARED / "polnear-dev"), "en"),
        "dev2": (first_dir(SHARED / "dev2"), "fr"),
    }
    for name, (path, lang) in sources.items():
        if path is None:
            print(f"  ({name}: not here, left out)")
            continue
        sets[name] = folder(path, lang)
    example = ROOT / "examples" / "fr-north-korean-troops.txt"
    sets["example"] = [("fr", example.name, example.read_text(encoding="utf-8"))]
    unlabelled = SHARED / "unlabelled-fr" / "articles.jsonl"
    if unlabelled.is_file():
        rows = [
            json.loads(line) for line in unlabelled.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        random.Random(21).shuffle(rows)  # the same sample every run
        sets[f"unlabelled-fr ({sample})"] = [
            ("fr", r["id"], extract(f"{r.get('title') or ''}\n{r['text']}", r["id"]).text)
            for r in rows[:sample]
        ]
    else:
        print("  (unlabelled-fr: not here, left out)")
    written_other = {**REFUSED, **OTHER}
    sets["test texts, refused"] = [
        ("refused", f"{lang}{i}", t) for lang, texts in written_other.items() for i, t in enumerate(texts)
    ]
    sets["test sentences, refused"] = [
        ("refused", f"{lang}{i}", t) for lang, texts in SHORT_REFUSED.items() for i, t in enumerate(texts)
    ]
    sets["test texts, kept"] = [
        (lang, f"{lang}{i}", t) for lang, texts in KEPT.items() for i, t in enumerate(texts)
    ]
    sets["test headlines, kept"] = [("fr", f"fr{i}", t) for i, t in enumerate(SHORT_FRENCH)]
    return sets


def identified(text: str) -> str:
    """What `--lang auto` makes of the text: a language read, or 'refused'."""
    try:
        return require_language(text, "auto", "t", SUPPORTED)
    except InputError:
        return "refused"


def cpu(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="articles of unlabelled-fr")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.process_time()
    _identifier()
    load = time.process_time() - t0
    print("accuracy (--lang auto):")
    sets = labelled_sets(args.sample)
    main_sets = ("dev-2024", "franceinfo-2025", "example", "polnear-dev")
    right_main = total_main = 0
    for name, items in sets.items():
        wrong = [(n, want, got) for want, n, t in items if (got := identified(t)) != want]
        print(f"  {name:26s} {len(items) - len(wrong):4d} / {len(items):<4d}", end="")
        print("  wrong: " + ", ".join(f"{n} ({want} -> {got})" for n, want, got in wrong) if wrong else "")
        if name in main_sets:
            right_main += len(items) - len(wrong)
            total_main += len(items)
    print(f"  {'the issue sets together':26s} {right_main:4d} / {total_main}")

    timed = {
        lang: [t for want, _, t in sets.get(name, []) if want == lang]
        for lang, name in (("fr", "franceinfo-2025"), ("en", "polnear-dev"))
    }
    timed = {lang: texts for lang, texts in timed.items() if texts}
    texts = [t for ts in timed.values() for t in ts]
    ours = cpu(lambda: [identified(t) for t in texts], args.repeat)
    parse = 0.0
    spacy_load = 0.0
    for lang, ts in timed.items():
        t0 = time.process_time()
        nlp = spacy.load(MODELS[lang])
        spacy_load += time.process_time() - t0
        list(nlp.pipe(ts[:2]))  # warm
        t0 = time.process_time()
        list(nlp.pipe(ts, batch_size=8))
        parse += time.process_time() - t0
    n = len(texts)
    chars = sum(len(t) for t in texts)
    print(f"cost ({n} articles, {chars / n:.0f} characters on average; CPU time, same run):")
    print(f"  language identification : {ours / n * 1000:8.2f} ms/article")
    print(f"  bare spaCy parse        : {parse / n * 1000:8.2f} ms/article")
    print(f"  ratio identification / parse : {ours / parse:.4f}")
    print(f"  one-off load: identifier {load:.2f} s, spaCy model(s) {spacy_load:.2f} s")


if __name__ == "__main__":
    main()
