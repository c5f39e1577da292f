"""Certainty upgrades within one article: where it states as plain fact what elsewhere in it is
only alleged, speculated, denied, or credited to a source (issue 20).

"Des milliers de soldats ont été déployés en Russie" in the lead, "des milliers de militaires
auraient été déployés en Russie" in the body: the article launders its own conditional into a
fact. Flagging this is an accusation against a newsroom, so the test is strict and structural:
- the strong claim is the article's own (no source), stated, outside quotation marks, not a
  question;
- the two claims state the same thing: the same predicate (the lemma of the clause's head verb,
  never a light verb of the language's list, data/LANG/upgrades.toml), the same polarity, at
  least two shared arguments (noun and name lemmas, entities), and figures that can both hold;
- they are in different paragraphs, and a headline is never flagged against its lead: a reader
  sees the attribution next to the short form.
Whether a source confirms the same statement elsewhere in the article is recorded with it
(`confirmed_by`), never used to hide it: the reader decides what a confirmation is worth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token
from wordfreq import zipf_frequency

from ..lexicon import load_data, load_lexicon
from ..model import Claim, Upgrade
from ..statements import Statement, plain_fact, same_statement, statement_from, weaker
from .state import DocState, state

WEAK = ("alleged", "speculative", "denied")
ARGUMENT_POS = ("NOUN", "PROPN", "NUM")
NEAR = 1  # paragraphs apart within which a reader sees the attribution next to the plain form
RARE = 4.5  # Zipf frequency under which a noun is specific to what a claim says
HEADLINE_CHARS = 200
SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass")
OBJECTS = ("obj", "dobj", "iobj", "obl:arg", "pobj")


@dataclass(frozen=True)
class _Words:
    light: frozenset[str]
    negations: frozenset[str]
    modals: frozenset[str]
    hedges: frozenset[str]


@cache
def _words(lang: str) -> _Words:
    """The language's words for comparing statements: its negations are the status rules' own
    (modality.toml `negation`), with the few more that upgrades.toml adds."""
    data = load_data(lang, "upgrades")
    shared = load_lexicon(lang).modality.get("negation", [])
    return _Words(
        light=frozenset(data.get("light", [])),
        negations=frozenset(shared) | frozenset(data.get("more_negations", [])),
        modals=frozenset(data.get("modals", [])),
        hedges=frozenset(data.get("hedges", [])),
    )


SAID = "_said"  # the key a claim's statement features travel under, from the parse to assembly


def statement_of(doc: Doc, claim: Claim, st: DocState, words: _Words) -> dict[str, Any]:
    """What a claim says, as the comparison reads it:
    - its predicate: the lemma of the clause's root verb, or of the verb it governs ("entend
      privatiser": privatiser); None for a light verb, a root that is no verb (nor a word: "="),
      or no root;
    - the predicate's subject (its lemma; None for a pronoun: "il" says nothing of whom);
    - whether the predicate itself is hedged (conditional mood, a modal or a hedging adverb on
      it: "auraient été déployés", "might close"), negated, and its arguments (noun and name
      lemmas, entity ids, numbers) and which of them are specific (rare words, names, numbers).
    Read from the parse, which only exists in the pipeline: the features travel with the claim to
    assembly, where the whole article's claims (a long one is parsed in pieces) are compared."""
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    root = _root(tokens)
    predicate = subject = None
    objects: list[str] = []
    hedged = False
    # a symbol the tagger read as a verb ("Mélenchon = Le Pen") predicates nothing
    if root is not None and root.pos_ == "VERB" and any(ch.isalpha() for ch in root.text):
        governed = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        verb = governed or root
        lemma = verb.lemma_.lower()
        if lemma not in words.light:
            predicate = lemma
        subj = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        if subj is not None and subj.pos_ in ARGUMENT_POS:
            subject = subj.lemma_.lower()
        # what the predicate acts on: "revient sur l'épisode" and "revient sur la campagne" are
        # two statements about one subject
        objects = sorted({c.lemma_.lower() for c in verb.children if c.dep_ in OBJECTS})
        hedged = any(_hedges(t, words) for v in {root, verb} for t in (v, *v.children))
    negated = any(
        t.lower_ in words.negations or t.lemma_.lower() in words.negations
        for t in tokens
        if t.dep_ in ("advmod", "neg", "det", "cc")
    )
    arguments = {t.lemma_.lower() for t in tokens if t.pos_ in ARGUMENT_POS and not t.is_stop}
    specific = {t.lemma_.lower() for t in tokens if _specific(t, doc.lang_)}
    mentions = st.mention_index.items()
    entities = {eid for at, (eid, end) in mentions if claim.start <= at and end <= claim.end}
    return {
        "predicate": predicate,
        "subject": subject,
        "objects": objects,
        "hedged": hedged,
        "negated": negated,
        "arguments": sorted(arguments | entities),
        "specific": sorted(specific | entities),
    }


def _specific(t: Token, lang: str) -> bool:
    """A name, a number or a rare noun: what tells one statement from another on one subject."""
    if t.is_stop:
        return False
    return t.pos_ in ("PROPN", "NUM") or (t.pos_ == "NOUN" and zipf_frequency(t.lemma_.lower(), lang) < RARE)


def _hedges(t: Token, words: _Words) -> bool:
    """A token that hedges the predicate it belongs to: a conditional verb or auxiliary, a modal
    auxiliary, a hedging adverb (the language's lists)."""
    own = t.dep_ in ("ROOT", "xcomp") or t.dep_.startswith("aux")  # the verb or its auxiliary
    if own and "Cnd" in t.morph.get("Mood", []):
        return True
    lemma = t.lemma_.lower()
    if t.dep_.startswith("aux") and lemma in words.modals:
        return True
    return t.dep_ == "advmod" and (lemma in words.hedges or t.lower_ in words.hedges)


def _root(tokens: list[Token]) -> Token | None:
    """The clause's root: the first verb among the words of the span whose head lies outside it
    (or is itself), else the first of them; punctuation closing a quotation hangs on the reporting
    verb outside and is no root."""
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    return next((t for t in tops if t.pos_ == "VERB"), tops[0] if tops else None)


def _own_fact(c: dict[str, Any], text: str) -> bool:
    """The article's own plain statement: no source, stated, no quotation in it or around it (a
    pull quote set as a "> " block repeats a speaker), no question."""
    line = text.rfind("\n", 0, c["start"]) + 1
    return plain_fact(c["status"], c.get("source"), c["quote"], c["text"]) and not text[
        line : c["start"]
    ].lstrip().startswith(">")


def _title_end(text: str, title: str | None) -> int:
    """Where the article's title ends in its text (0 when the text does not open with it): the
    title as extracted, else a first line short and without a sentence end (a plain-text title)."""
    if title and text.startswith(title.strip()):
        return len(title.strip())
    first = text.split("\n", 1)[0].rstrip()
    if 0 < len(first) <= HEADLINE_CHARS and not any(p in first[:-1] for p in ".!?"):
        return len(first)
    return 0


def find_upgrades(
    text: str, claims: list[dict[str, Any]], quantities: list[dict[str, Any]], title: str | None = None
) -> list[Upgrade]:
    """The upgrades among an article's claims (dicts carrying their SAID features). Paragraphs are
    the text's lines. Never flagged:
    - against a claim in the same or the next paragraph (a standfirst that repeats the lead, a
      lead the next paragraph attributes: the reader sees the attribution next to the plain form);
    - a title against a source's plain statement: a headline's brevity drops attributions (it is
      still flagged when it drops a conditional, a hedge or a denial);
    - against a source's own words in quotation marks: the same words set as the article's own
      are a pull quote, not an assertion."""
    by_id = {q["id"]: q for q in quantities}
    said: dict[str, Statement] = {}
    for c in claims:
        f = c.get(SAID)
        if f is None:
            continue
        figures = tuple(by_id[q] for q in c.get("quantities", []) if q in by_id)
        said[c["id"]] = statement_from(f, figures, text.count("\n", 0, c["start"]))
    title_end = _title_end(text, title)
    confirmed = [c["id"] for c in claims if c["status"] == "confirmed" and c["id"] in said]
    out: list[Upgrade] = []
    for strong in claims:
        s = said.get(strong["id"])
        if s is None or s.predicate is None or not _own_fact(strong, text):
            continue
        in_title = strong["end"] <= title_end
        for weak in claims:
            w = said.get(weak["id"])
            if w is None or weak is strong or abs(w.paragraph - s.paragraph) <= NEAR:
                continue
            before = weaker(weak, w)
            quoted = weak["quote"] in ("direct", "mixed")
            if before is None or quoted or (in_title and before == "attributed"):
                continue
            if same_statement(s, w):
                out.append(
                    Upgrade(
                        claim=strong["id"],
                        weaker=weak["id"],
                        from_status=before,
                        confirmed_by=[k for k in confirmed if same_statement(s, said[k])],
                    )
                )
    return out


class StatementReader:
    """Pipeline component (after claims): each claim's statement features, for `find_upgrades`
    at assembly."""

    def __init__(self, lang: str) -> None:
        self.words = _words(lang)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        st.statements = {c.id: statement_of(doc, c, st, self.words) for c in st.claims}
        return doc
