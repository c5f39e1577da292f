"""What a claim states, as certainty upgrades compare it: within one article (analyse/upgrades.py)
and across the articles of a story (link/laundering.py). No parse here: the features were read
from the parse when the claim was analysed (analyse/upgrades.py, `statement_of`), so readers of the
ledger compare statements without loading a language model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

QUOTATION_MARKS = '«»“”"„'
MIN_SHARED = 2  # arguments two claims of one statement share, at least
OVERLAP = 0.5  # ...and this share of the smaller claim's arguments


@dataclass(frozen=True)
class Statement:
    predicate: str | None
    subject: str | None
    objects: frozenset[str]
    hedged: bool
    negated: bool
    arguments: frozenset[str]
    specific: frozenset[str]
    paragraph: int
    figures: tuple[dict[str, Any], ...]


def _figures_can_both_hold(a: tuple[dict[str, Any], ...], b: tuple[dict[str, Any], ...]) -> bool:
    """False when the two claims count the same thing with numbers that cannot both be right."""
    for qa in a:
        for qb in b:
            if (qa.get("unit") or qa.get("counted")) != (qb.get("unit") or qb.get("counted")):
                continue
            if qa.get("value") is None or qb.get("value") is None:
                continue
            low, high = sorted((float(qa["value"]), float(qb["value"])))
            if low <= 0 or high / low > 1.5:
                return False
    return True


def same_statement(a: Statement, b: Statement) -> bool:
    """One statement: the same predicate of the same subject acting on the same object (when both
    name one), with the same polarity; besides the
    subject, a specific argument in common (a name, a number, a rare word: "soldats" and
    "Russie", not "compte" or "fois") and most of the smaller claim's arguments shared; figures
    that can both hold."""
    if a.predicate is None or a.predicate != b.predicate or a.subject is None or a.subject != b.subject:
        return False
    shared = a.arguments & b.arguments
    smaller = min(len(a.arguments), len(b.arguments))
    return (
        a.negated == b.negated
        and bool((a.specific & b.specific) - {a.subject})
        and not (a.objects and b.objects and not a.objects & b.objects)
        and len(shared) >= MIN_SHARED
        and len(shared) >= OVERLAP * smaller
        and _figures_can_both_hold(a.figures, b.figures)
    )


def plain_fact(status: str, source: object, quote: str, text: str) -> bool:
    """The article's own plain statement: no source, stated, no quotation in it (a pull quote, a
    "> " block), not a question."""
    return (
        source is None
        and status == "stated"
        and quote == "none"
        and not any(q in text for q in QUOTATION_MARKS)
        and not text.lstrip().startswith(">")
        and not text.rstrip().endswith("?")
    )


def weaker(c: dict[str, Any], w: Statement) -> str | None:
    """The status a weaker claim gives its statement: its own if a source denies it, or if it is
    hedged on this very predicate ("auraient été déployés"; a hedge elsewhere in the sentence does
    not weaken this statement); "attributed" for a source's plain statement; None otherwise."""
    if c["status"] == "denied" and c.get("source") is not None:
        return "denied"
    if c["status"] in ("alleged", "speculative") and (w.hedged or c.get("source") is not None):
        return str(c["status"])
    if c.get("source") is not None and c["status"] == "stated":
        return "attributed"
    return None


def statement_from(
    features: dict[str, Any], figures: tuple[dict[str, Any], ...], paragraph: int = 0
) -> Statement:
    """A claim's statement from its stored features (what `statement_of` read from the parse)."""
    return Statement(
        predicate=features.get("predicate"),
        subject=features.get("subject"),
        objects=frozenset(features.get("objects", [])),
        hedged=bool(features.get("hedged")),
        negated=bool(features.get("negated")),
        arguments=frozenset(features.get("arguments", [])),
        specific=frozenset(features.get("specific", [])),
        paragraph=paragraph,
        figures=figures,
    )
