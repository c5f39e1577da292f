"""Fit the French cue model from gold keys and write it into the package.

    .venv/bin/python training/train_cues.py                 # fit, cross-validate, write the model
    .venv/bin/python training/train_cues.py --cv-only       # the cross-validation table only

Training data: the dev keys (tests/data/gold/dev), the training keys of ../shared/gold/train-fr and
the keys annotated for this project (training/data/fr, texts from ../shared/corpora/unlabelled-fr,
never copied into the repository). ../shared/gold/dev2 is never read here: it is the set the
design is checked on.

The fit is deterministic: examples in a fixed order, L-BFGS from zeros, no sampling. Cross-
validation holds out one newsroom at a time (all of Le Monde's pages together) and reports cue
precision, recall and F1 at the chosen threshold, micro-averaged over the held-out tokens.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from spacy.vocab import Vocab

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from cue_data import Labelled, labelled, read_sets, unseen_heads  # noqa: E402

from claimledger.analyse.cues.model import MODEL_FILE, CueModel  # noqa: E402
from claimledger.analyse.pipeline import build_pipeline  # noqa: E402
from claimledger.lexicon import Lexicon, load_lexicon  # noqa: E402

L2 = 1.0  # on the sum of log-losses; the meaning vector and the sparse weights alike
SENSE_L2 = 1.0
MIN_COUNT = 2  # a sparse feature seen fewer times is dropped (it could only memorise)
MIN_INCISE = 2  # a verb mined in incise position this often, and in
MIN_INCISE_SHARE = 0.01  # at least this share of its uses, is a verb of saying for the sense model
MIN_NEGATIVE = 20  # a verb this frequent never seen in incise position is a negative
DIMS = 300


def sense_examples(lex: Lexicon, mined: dict[str, Any], gold_lemmas: set[str], vocab: Vocab):  # type: ignore[no-untyped-def]
    """Lemma types with their vectors: positives are the lexicon's verbs, the verbs mined in
    incise position and the training keys' verb cues; negatives, frequent verbs never seen in
    incise position nor as a cue."""
    single = [
        k for k in (*lex.verb_class, *lex.incise_class) if " " not in k and not k.startswith(("se ", "s'"))
    ]
    incises, counts = mined["incise_verbs"], mined["verb_counts"]
    mined_pos = {
        v for v, n in incises.items() if n >= MIN_INCISE and n / max(counts.get(v, n), 1) >= MIN_INCISE_SHARE
    }
    pos = set(single) | set(lex.reflexive) | mined_pos | gold_lemmas
    neg = {v for v, n in counts.items() if n >= MIN_NEGATIVE and v not in pos and not incises.get(v)}
    words, xs, ys = [], [], []
    for label, group in ((1.0, pos), (0.0, neg)):
        for w in sorted(group):
            if vocab.has_vector(w):
                v = np.asarray(vocab.get_vector(w), dtype=np.float64)
                words.append(w)
                xs.append(v / np.linalg.norm(v))
                ys.append(label)
    return words, np.array(xs), np.array(ys)


PERSON_NEGATIVES = 1500  # the most frequent nouns of the corpus, less the lexicon's sources


def person_examples(lex: Lexicon, mined: dict[str, Any], vocab: Vocab):  # type: ignore[no-untyped-def]
    """Noun lemmas with their vectors: positives are the nouns the lexicon knows as people
    (roles, unnamed sources, groups, epithets); negatives the corpus's most frequent other nouns,
    which are mostly things (a few people among them only make the model cautious)."""
    people = {
        w for k in ("role", "anonymous", "group", "person_epithet") for w in lex.source_nouns.get(k, [])
    }
    known = people | set(lex.source_nouns.get("organization", [])) | set(lex.source_nouns.get("vague", []))
    return _noun_examples(people, known, mined, vocab, PERSON_NEGATIVES)


DOCUMENT_NEGATIVES = 1500  # the most frequent nouns of the corpus, less documents and sayings


def document_examples(lex: Lexicon, mined: dict[str, Any], vocab: Vocab):  # type: ignore[no-untyped-def]
    """Noun lemmas with their vectors: positives are the nouns the lexicon knows as documents
    (a text, a record, an image or a count that can say or show: "le rapport", "la vidéo", "le
    sondage"); negatives the corpus's most frequent other nouns, less the nouns of saying, which
    are neither ("la déclaration" is what is said, not what says it)."""
    documents = set(lex.source_nouns.get("document", []))
    borderline = documents | set(lex.noun_class) | set(lex.channel_nouns)
    return _noun_examples(documents, borderline, mined, vocab, DOCUMENT_NEGATIVES)


def _noun_examples(  # type: ignore[no-untyped-def]
    positives: set[str], excluded: set[str], mined: dict[str, Any], vocab: Vocab, negatives: int
):
    """Unit lemma vectors of the positives, then of the corpus's most frequent nouns outside
    `excluded` (ties by spelling, so the same on every run); one-word lemmas with a vector."""
    counts = mined["noun_counts"]
    frequent = sorted(counts, key=lambda n: (-counts[n], n))
    neg = [n for n in frequent if n not in excluded][:negatives]
    xs, ys = [], []
    for label, group in ((1.0, sorted(positives)), (0.0, neg)):
        for w in group:
            if " " not in w and vocab.has_vector(w):
                v = np.asarray(vocab.get_vector(w), dtype=np.float64)
                xs.append(v / np.linalg.norm(v))
                ys.append(label)
    return np.array(xs), np.array(ys)


def noun_cross_validation(x: np.ndarray, y: np.ndarray, folds: int = 5) -> tuple[float, float, float]:
    """P/R/F1 of a noun model at 0.5 on held-out lemma types (fold k: every k-th word of the
    alphabetical lists): how far the meaning carries beyond the listed words."""
    tp = fp = fn = 0
    index = np.arange(len(y))
    for k in range(folds):
        test = index % folds == k
        w = fit_sense(x[~test], y[~test])
        pred = (x[test] @ w[:-1] + w[-1]) >= 0.0
        truth = y[test] > 0
        tp += int((pred & truth).sum())
        fp += int((pred & ~truth).sum())
        fn += int((~pred & truth).sum())
    return prf(tp, fp, fn)


def fit_sense(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The sense model: logistic regression on lemma vectors (weights, then bias)."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    return fit(x1, y, SENSE_L2, free_last=True)


def design(
    rows: list[Labelled],
    vocab: dict[str, int] | None = None,
    sense: np.ndarray | None = None,
    speaker: bool = True,
):  # type: ignore[no-untyped-def]
    """Columns: sparse features, the sense logit, the speaker's vector (optional)."""
    feats = [f for r in rows for f, y in zip(r.features, r.labels, strict=True) if y >= 0]
    ys = np.array([y for r in rows for y in r.labels if y >= 0], dtype=np.float64)
    if vocab is None:
        counts: dict[str, int] = defaultdict(int)
        for f in feats:
            for n in set(f.names):
                counts[n] += 1
        vocab = {n: k for k, n in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}
    xs = np.zeros((len(feats), len(vocab)), dtype=np.float64)
    xv = np.zeros((len(feats), 1), dtype=np.float64)
    xd = np.zeros((len(feats), DIMS if speaker else 0), dtype=np.float64)
    for r, f in enumerate(feats):
        for n in f.names:
            k = vocab.get(n)
            if k is not None:
                xs[r, k] = 1.0
        verb = f.vector[:DIMS]
        if sense is not None and verb.any():
            xv[r, 0] = float(verb @ sense[:-1] + sense[-1])
        if speaker:
            xd[r] = f.vector[DIMS:]
    return np.hstack([xs, xv, xd]), ys, vocab


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, free_last: bool = False) -> np.ndarray:
    """Logistic regression, L2-penalised (but a bias in the last column when free_last),
    positives weighted to balance the classes."""
    pos = max(1.0, float(y.sum()))
    weight = np.where(y > 0, (len(y) - pos) / pos, 1.0)
    weight = weight / weight.mean()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -(weight * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum()
        grad = x.T @ (weight * (p - y))
        r = w.copy()
        if free_last:
            r[-1] = 0.0
        return ll + 0.5 * l2 * float(r @ r), grad + l2 * r

    res = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return np.asarray(res.x)


def to_model(
    w: np.ndarray,
    vocab: dict[str, int],
    sense: np.ndarray,
    threshold: float,
    person: np.ndarray | None = None,
    document: np.ndarray | None = None,
) -> CueModel:
    n = len(vocab)
    return CueModel(
        vocab=vocab,
        sparse=w[:n],
        sense=sense,
        sense_weight=float(w[n]),
        dense=w[n + 1 :],
        threshold=threshold,
        person=person if person is not None else np.zeros(0),
        document=document if document is not None else np.zeros(0),
    )


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(
    rows: list[Labelled], thresholds: list[float], sense: np.ndarray, speaker: bool, verbose: bool = True
) -> dict[float, tuple[int, int, int]]:
    """Leave one newsroom out; counts per threshold, and per outlet at 0.5 printed as we go. The
    sense model is fitted on lemma types, apart from the tokens (see sense_examples)."""
    totals = {t: [0, 0, 0] for t in thresholds}
    outlets = sorted({r.outlet for r in rows})
    if verbose:
        print(f"{'held-out newsroom':<28} {'cues':>5} {'P':>5} {'R':>5} {'F1':>5}   (threshold 0.5)")
    for held in outlets:
        train = [r for r in rows if r.outlet != held]
        test = [r for r in rows if r.outlet == held]
        x, y, vocab = design(train, sense=sense, speaker=speaker)
        w = fit(x, y)
        xt, yt, _ = design(test, vocab, sense=sense, speaker=speaker)
        if not len(yt):
            continue
        p = 1.0 / (1.0 + np.exp(-(xt @ w)))
        for t in thresholds:
            pred = p >= t
            totals[t][0] += int((pred & (yt > 0)).sum())
            totals[t][1] += int((pred & (yt == 0)).sum())
            totals[t][2] += int((~pred & (yt > 0)).sum())
        pred = p >= 0.5
        tp, fp, fn = (
            int((pred & (yt > 0)).sum()),
            int((pred & (yt == 0)).sum()),
            int((~pred & (yt > 0)).sum()),
        )
        pp, rr, ff = prf(tp, fp, fn)
        if verbose:
            print(f"{held[:28]:<28} {int(yt.sum()):>5} {pp:>5.2f} {rr:>5.2f} {ff:>5.2f}")
    return {t: (a, b, c) for t, (a, b, c) in totals.items()}


def lexicon_baseline(rows: list[Labelled]) -> tuple[float, float, float]:
    """The old gate: a verb is a cue when the lexicon lists it."""
    tp = fp = fn = 0
    for r in rows:
        for f, y in zip(r.features, r.labels, strict=True):
            if y < 0:
                continue
            known = not any(n == "lex=none" for n in f.names)
            tp += int(known and y == 1)
            fp += int(known and y == 0)
            fn += int(not known and y == 1)
    return prf(tp, fp, fn)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--threshold", type=float, default=None, help="fix the threshold instead of choosing it")
    args = ap.parse_args()
    shared = Path(args.shared)
    sets = [ROOT / "tests/data/gold/dev", shared / "gold/train-fr", ROOT / "training/data/fr"]
    for s in sets:
        if not s.exists():
            raise SystemExit(f"missing training set: {s}")
    articles = read_sets(sets, shared / "corpora/unlabelled-fr/articles.jsonl")
    nlp = build_pipeline("fr", learned_cues=False)  # the features do not depend on a model
    rows = list(labelled(articles, nlp))
    n_pos = sum(y == 1 for r in rows for y in r.labels)
    n_neg = sum(y == 0 for r in rows for y in r.labels)
    print(
        f"{len(rows)} articles, {len({r.outlet for r in rows})} newsrooms: "
        f"{n_pos} cue verbs, {n_neg} other verbs"
    )
    print("gold cue heads the model does not score (by part of speech):", unseen_heads(articles, nlp))
    lp, lr, lf = lexicon_baseline(rows)
    print(f"lexicon as the gate: P {lp:.2f} R {lr:.2f} F1 {lf:.2f}")
    lex = load_lexicon("fr")
    mined = json.loads((ROOT / "training/data/fr/mined.json").read_text(encoding="utf-8"))
    words, sx, sy = sense_examples(lex, mined, set(), nlp.vocab)
    sense = fit_sense(sx, sy)
    print(f"sense model: {int(sy.sum())} verbs of saying or thinking, {int(len(sy) - sy.sum())} others")
    thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    best = (-1.0, 0.5, True)
    for speaker in (False, True):
        totals = cross_validate(rows, thresholds, sense, speaker, verbose=False)
        print(
            f"token model {'with' if speaker else 'without'} the speaker's vector "
            "(leave one newsroom out, micro)"
        )
        print(f"{'threshold':>9} {'P':>5} {'R':>5} {'F1':>5}")
        for t in thresholds:
            p, r, f = prf(*totals[t])
            print(f"{t:>9.2f} {p:>5.2f} {r:>5.2f} {f:>5.2f}")
            if f > best[0]:
                best = (f, t, speaker)
    _, threshold, speaker = best
    threshold = args.threshold if args.threshold is not None else threshold
    if args.cv_only:
        return
    x, y, vocab = design(rows, sense=sense, speaker=speaker)
    w = fit(x, y)
    person = fit_sense(*person_examples(lex, mined, nlp.vocab))
    dx, dy = document_examples(lex, mined, nlp.vocab)
    document = fit_sense(dx, dy)
    dp, dr, df = noun_cross_validation(dx, dy)
    print(
        f"document model: {int(dy.sum())} documents, {int(len(dy) - dy.sum())} other nouns; "
        f"5-fold on held-out words: P {dp:.2f} R {dr:.2f} F1 {df:.2f}"
    )
    model = to_model(w, vocab, sense, threshold, person, document)
    out = ROOT / "src/claimledger/data/fr" / MODEL_FILE
    model.save(str(out))
    print(
        f"wrote {out.relative_to(ROOT)}: {len(vocab)} sparse features, sense model, "
        f"{'speaker vector, ' if speaker else ''}threshold {threshold}"
    )


if __name__ == "__main__":
    main()
