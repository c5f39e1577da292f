"""Where a sentence holds two statements: coordinated clauses, each with its own finite verb and
its own subject ("… ont été déployés en Russie, mais certains auraient déjà fui").

A claim is the grain at which a status holds. "Des milliers de soldats ont été déployés, mais
certains auraient fui" asserts the deployment and only reports the flight: one status for the
sentence would either launder the rumour into a fact or hedge the fact (issue 20). The test is
structural (the dependency parse, any language): a `conj` verb that is finite (itself, or its
auxiliary) and has a subject of its own starts a new clause; its coordinating conjunction and
the punctuation before it belong to neither clause.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj")


def _finite(verb: Token) -> bool:
    if "Fin" in verb.morph.get("VerbForm", []):
        return True
    return any(c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm", []) for c in verb.children)


def _opens_clause(t: Token, sent: Span) -> bool:
    return (
        t.dep_ == "conj"
        and t.pos_ in ("VERB", "AUX")
        and t.head.pos_ in ("VERB", "AUX")
        and sent.start <= t.head.i < sent.end
        and _finite(t)
        and any(c.dep_ in SUBJECTS for c in t.children)
    )


def clause_spans(sent: Span, start: int, end: int) -> list[tuple[int, int]]:
    """The character spans of the sentence's coordinated clauses within [start, end), in order;
    one span (start, end) when it holds one clause."""
    cuts: list[tuple[int, int]] = []  # (end of the clause before, start of the next)
    for t in sent:
        if not _opens_clause(t, sent):
            continue
        first = t.left_edge.i
        lead = first
        while lead < t.i and (sent.doc[lead].dep_ == "cc" or sent.doc[lead].is_punct):
            lead += 1  # "mais", "and": the link between the clauses, not part of either
        before = first
        while before > sent.start and sent.doc[before - 1].is_punct:
            before -= 1  # the comma that ends the first clause
        if before <= sent.start:
            continue
        left, right = sent.doc[before - 1].idx + len(sent.doc[before - 1].text), sent.doc[lead].idx
        if start < left and right < end:
            cuts.append((left, right))
    spans, at = [], start
    for left, right in sorted(cuts):
        if left > at:
            spans.append((at, left))
            at = right
    spans.append((at, end))
    return [s for s in spans if s[1] > s[0]]
