"""Labelled tokens for the cue model, read from gold keys (gold-v1, with or without `cue_text`).

A gold claim names its cue two ways: `cue_text`, the words as written (train-fr and the keys in
training/data), or only `cue`, a lemma (the dev keys). The cue's head is the token of that span
whose lemma is the gold lemma's verb ("s'est évertué à dire" -> "dire", "a-t-il ajouté" ->
"ajouté"), else its last verb; for a key with a lemma only, the token with that lemma nearest to
the snippet, in its paragraph. Every other candidate token of the article is a negative: the keys
annotate every report, so a verb no claim names is a verb that reports nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.analyse.article import prepare
from claimledger.analyse.cues.features import TokenFeatures, doc_features, is_candidate
from claimledger.analyse.state import state
from claimledger.lexicon import fold, load_lexicon

NEAR = 600  # characters between a snippet and the cue words that report it


@dataclass
class Article:
    name: str
    outlet: str
    text: str
    gold: dict[str, Any]


@dataclass
class Labelled:
    article: str
    outlet: str
    features: list[TokenFeatures]
    labels: list[int]  # 1 cue head, 0 not, -1 left out (a negated verb: the frame finder's call)


def outlet_family(outlet: str) -> str:
    """'mobile-lemonde.fr', 'bigbrowser-blog-lemonde.fr', 'lemde.fr' are one newsroom: a fold
    must hold out all of its pages."""
    for family in (
        "lemonde",
        "lemde",
        "liberation",
        "nouvelobs",
        "mondediplo",
        "monde-diplomatique",
        "figaro",
    ):
        if family in outlet:
            return {"lemde": "lemonde", "monde-diplomatique": "mondediplo"}.get(family, family)
    return outlet


def read_sets(paths: list[Path], unlabelled: Path | None) -> list[Article]:
    """Articles of gold directories; keys naming an `unlabelled_id` get their text from the
    shared unlabelled corpus (title line, then the text), which is never copied here."""
    corpus: dict[str, dict[str, Any]] = {}
    if unlabelled is not None and unlabelled.exists():
        with unlabelled.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                corpus[row["id"]] = row
    out = []
    for directory in paths:
        for key in sorted(directory.glob("*.json")):
            gold = json.loads(key.read_text(encoding="utf-8"))
            if "claims" not in gold:
                continue
            if "unlabelled_id" in gold:
                row = corpus.get(gold["unlabelled_id"])
                if row is None:
                    raise SystemExit(f"{key}: text {gold['unlabelled_id']} not in {unlabelled}")
                raw = row["title"].strip() + "\n" + row["text"].strip() + "\n"
                tmp = Path("/tmp/claimledger-training") / key.with_suffix(".txt").name
                tmp.parent.mkdir(parents=True, exist_ok=True)
                tmp.write_text(raw, encoding="utf-8")
                path = tmp
            else:
                path = (key.parent / gold["input"]).resolve()
            text = prepare(str(path), lang=gold.get("lang", "fr")).extracted.text
            outlet = gold.get("outlet") or directory.name
            out.append(Article(f"{directory.name}/{key.stem}", outlet_family(outlet), text, gold))
    return out


def _lemma_head(gold_cue: str) -> str:
    words = fold(gold_cue).replace("'", "' ").split()
    if words and words[0] in ("se", "s'"):
        words = words[1:]
    return words[0] if words else ""


def _nearest(text: str, needle: str, at: int) -> int | None:
    best: int | None = None
    for m in re.finditer(re.escape(needle), text):
        if abs(m.start() - at) <= NEAR and (best is None or abs(m.start() - at) < abs(best - at)):
            best = m.start()
    return best


def cue_heads(doc: Doc, text: str, gold: dict[str, Any]) -> tuple[set[int], list[str]]:
    """Token indices of the gold cues' heads, and the claims whose cue could not be placed."""
    heads: set[int] = set()
    unplaced: list[str] = []
    norm = text.replace("’", "'")
    for claim in gold["claims"]:
        if not claim.get("source") or not claim.get("cue"):
            continue
        at = norm.find(claim["sent"].replace("’", "'"))
        if at < 0:
            unplaced.append(claim["sent"])
            continue
        lemma = _lemma_head(claim["cue"])
        tokens = []
        if claim.get("cue_text"):
            start = _nearest(norm, claim["cue_text"].replace("’", "'"), at)
            if start is None:
                unplaced.append(claim["sent"])
                continue
            span = doc.char_span(start, start + len(claim["cue_text"]), alignment_mode="expand")
            tokens = list(span) if span is not None else []
        else:
            para_start = text.rfind("\n", 0, at) + 1
            para_end = text.find("\n", at)
            para = doc.char_span(
                para_start, para_end if para_end >= 0 else len(text), alignment_mode="expand"
            )
            tokens = [t for t in (para or []) if fold(t.lemma_) == lemma or fold(t.text) == lemma]
            tokens.sort(key=lambda t: abs(t.idx - at))
            tokens = tokens[:1]
        if not tokens:
            unplaced.append(claim["sent"])
            continue
        by_lemma = [t for t in tokens if fold(t.lemma_) == lemma or fold(t.text) == lemma]
        verbs = [t for t in tokens if t.pos_ == "VERB"]
        head = (by_lemma or verbs[-1:] or tokens)[0]
        heads.add(head.i)
    return heads, unplaced


def _negated(doc: Doc, i: int) -> bool:
    window = {fold(t.text) for t in doc[max(0, i - 3) : i + 3]}
    return bool(window & {"ne", "n'"}) and bool(window & {"pas", "jamais", "plus", "guère", "nullement"})


def labelled(articles: list[Article], nlp: Language) -> Iterator[Labelled]:
    """Parse each article with the analysis pipeline up to the claims (quotes, entities) and
    label its candidate tokens."""
    lex = load_lexicon("fr")
    off = [n for n in ("claimledger_claims", "claimledger_output") if n in nlp.pipe_names]
    with nlp.select_pipes(disable=off):
        for art in articles:
            doc = nlp(art.text)
            st = state(doc)
            heads, _ = cue_heads(doc, st.text, art.gold)
            feats = doc_features(doc, st, lex)
            labels = []
            for f in feats:
                if f.i in heads:
                    labels.append(1)
                elif _negated(doc, f.i):
                    labels.append(-1)
                else:
                    labels.append(0)
            # a gold head the model would never see (tagged as another part of speech)
            yield Labelled(art.name, art.outlet, feats, labels)
            doc._.cl = None


def unseen_heads(articles: list[Article], nlp: Language) -> dict[str, int]:
    """Gold cue heads that are not candidates, by part of speech (what the model cannot learn)."""
    counts: dict[str, int] = {}
    off = [n for n in ("claimledger_claims", "claimledger_output") if n in nlp.pipe_names]
    with nlp.select_pipes(disable=off):
        for art in articles:
            doc = nlp(art.text)
            heads, _ = cue_heads(doc, state(doc).text, art.gold)
            for i in heads:
                if not is_candidate(doc[i]):
                    counts[doc[i].pos_] = counts.get(doc[i].pos_, 0) + 1
            doc._.cl = None
    return counts
