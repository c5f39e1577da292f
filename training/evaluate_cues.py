"""End-to-end check of the cue model: attribution on articles whose newsroom it never saw.

    .venv/bin/python training/evaluate_cues.py [--folds 4]

The training articles (dev, train-fr, training/data/fr) are split into folds by newsroom; each
fold is analysed with a model fitted on the others, and scored with the reference scorer's rules.
The same folds are analysed with the lexicon as the only gate (no model): the difference is what
the learned component adds. dev2 is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from cue_data import Article, labelled, read_sets  # noqa: E402
from train_cues import design, fit, fit_sense, sense_examples, to_model  # noqa: E402

from claimledger.analyse.article import Analyzer  # noqa: E402
from claimledger.analyse.frames import verbs as verb_frames  # noqa: E402
from claimledger.analyse.pipeline import build_pipeline  # noqa: E402
from claimledger.evaluation.run import evaluate  # noqa: E402
from claimledger.evaluation.score import Counts  # noqa: E402
from claimledger.lexicon import load_lexicon  # noqa: E402


def folds_by_newsroom(articles: list[Article], k: int) -> list[set[str]]:
    """Newsrooms dealt to k folds, largest first, each to the fold with fewest articles so far."""
    sizes: dict[str, int] = {}
    for a in articles:
        sizes[a.outlet] = sizes.get(a.outlet, 0) + 1
    folds: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for outlet in sorted(sizes, key=lambda o: (-sizes[o], o)):
        j = min(range(k), key=lambda n: (load[n], n))
        folds[j].add(outlet)
        load[j] += sizes[outlet]
    return folds


def gold_copies(articles: list[Article], where: Path) -> list[str]:
    """Gold keys pointing at the texts as read (the analysis reads files)."""
    paths = []
    for a in articles:
        name = a.name.replace("/", "__")
        text = where / f"{name}.txt"
        text.write_text(a.text, encoding="utf-8")
        gold = {**a.gold, "input": str(text)}
        gold.pop("quantities", None)
        key = where / f"{name}.json"
        key.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        paths.append(str(key))
    return paths


def report(label: str, c: Counts) -> None:
    m = c.metrics()
    print(
        f"{label:<34} P {m['attr_p']:.2f} R {m['attr_r']:.2f} F1 {m['attr_f1']:.2f}"
        f"  ({c.found}/{c.matched}/{c.predicted}/{c.gold})  status {m['status_acc']:.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8")
    ap.add_argument(
        "--veto", type=float, default=0.0, help="share of the threshold under which a listed verb is doubted"
    )
    args = ap.parse_args()
    shared = Path(args.shared)
    verb_frames.VETO = args.veto
    sets = [ROOT / "tests/data/gold/dev", shared / "gold/train-fr", ROOT / "training/data/fr"]
    articles = read_sets(sets, shared / "corpora/unlabelled-fr/articles.jsonl")
    nlp = build_pipeline("fr", learned_cues=False)
    rows = {r.article: r for r in labelled(articles, nlp)}
    lex = load_lexicon("fr")
    mined = json.loads((ROOT / "training/data/fr/mined.json").read_text(encoding="utf-8"))
    sense = fit_sense(*sense_examples(lex, mined, set(), nlp.vocab)[1:])
    thresholds = [float(t) for t in args.thresholds.split(",")]
    plain = Analyzer()
    plain._nlp["fr"] = build_pipeline("fr", learned_cues=False)
    learned = Analyzer()
    learned._nlp["fr"] = nlp
    tagger = nlp.get_pipe("claimledger_cues")  # its model is set per fold below
    totals = {"lexicon only": Counts(), **{f"model, threshold {t}": Counts() for t in thresholds}}
    with tempfile.TemporaryDirectory() as tmp:
        for n, held in enumerate(folds_by_newsroom(articles, args.folds)):
            test = [a for a in articles if a.outlet in held]
            train = [rows[a.name] for a in articles if a.outlet not in held]
            where = Path(tmp) / f"fold{n}"
            where.mkdir()
            keys = gold_copies(test, where)
            ev = evaluate(keys, plain, lang="fr")
            totals["lexicon only"].add(ev.total)
            report(f"fold {n} lexicon only", ev.total)
            x, y, vocab = design(train, sense=sense, speaker=True)
            w = fit(x, y)
            for t in thresholds:
                tagger.model = to_model(w, vocab, sense, t)
                ev = evaluate(keys, learned, lang="fr")
                totals[f"model, threshold {t}"].add(ev.total)
                report(f"fold {n} model {t}", ev.total)
            print(f"fold {n}: {len(test)} articles ({', '.join(sorted(held))[:90]})")
    for label, c in totals.items():
        report(label, c)


if __name__ == "__main__":
    main()
