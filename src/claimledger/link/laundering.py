"""Certainty upgraded without a source, across a story (issue 20): an article states as its own
plain fact what earlier articles of the story only alleged, speculated, attributed to a source or
reported as denied, with no source confirming it in between.

An upgrade is an accusation against a newsroom, so only the strictest match counts: the two claims
must make one statement by the comparison the analyser uses within an article (same predicate of
the same subject and object, same polarity, a specific argument and most arguments shared,
figures that can both hold: analyse/upgrades.py), both articles must be dated and the weaker one
earlier, and a confirmation of that statement by a source on or before the plain one's day makes
it a confirmation, not an upgrade. Claims of an older ledger carry no statement features and are
never compared."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from ..statements import Statement, plain_fact, same_statement, statement_from, weaker
from .records import ClaimRecord


@dataclass
class StoryUpgrade:
    claim: ClaimRecord  # the article's own plain statement
    weaker: list[ClaimRecord]  # the earlier claims of other articles that only hedged or credited it
    from_status: str  # the weakest status they gave it: alleged, speculative, attributed or denied
    sources: list[str] = field(default_factory=list)  # who the earlier claims credited


def _own_fact(c: ClaimRecord) -> bool:
    return plain_fact(c.status, c.source, c.quote, c.text)


def _weaker(c: ClaimRecord, statement: Statement) -> str | None:
    return weaker({"status": c.status, "source": c.source}, statement)


def record_statement(c: ClaimRecord) -> Statement | None:
    """What a linked claim says, from its stored features; None when it was not read (an older
    ledger) or has no predicate or subject to compare."""
    if not c.said or not c.said.get("predicate") or not c.said.get("subject"):
        return None
    return statement_from(c.said, tuple(asdict(q) for q in c.quantities))


def pair_upgrade(a: ClaimRecord, b: ClaimRecord) -> tuple[ClaimRecord, ClaimRecord] | None:
    """(weaker, plain) when one of two matched claims of different articles states as the
    article's own fact, on a later day, the statement the other only hedged, credited or reported
    as denied; None otherwise. Linking calls it on the pairs it scores and stores what it finds
    with the status changes (weaker -> plain), where story merges, deletions and relinks keep it."""
    if a.article_id == b.article_id or not a.date or not b.date:
        return None
    days = {a.key: a.date[:10], b.key: b.date[:10]}
    for plain, weak in ((a, b), (b, a)):
        if not _own_fact(plain) or weak.quote in ("direct", "mixed") or days[weak.key] >= days[plain.key]:
            continue
        s, w = record_statement(plain), record_statement(weak)
        if s is None or w is None or _weaker(weak, w) is None:
            continue
        if same_statement(s, w):
            return weak, plain
    return None


def confirmed_first(plain: ClaimRecord, confirmations: list[ClaimRecord]) -> bool:
    """Whether a source confirmed the plain claim's statement on or before its day."""
    s = record_statement(plain)
    if s is None or not plain.date:
        return False
    for c in confirmations:
        w = record_statement(c)
        if w is not None and c.date and c.date[:10] <= plain.date[:10] and same_statement(s, w):
            return True
    return False


def grouped(
    pairs: list[tuple[ClaimRecord, ClaimRecord]], confirmations: list[ClaimRecord]
) -> list[StoryUpgrade]:
    """The stored (weaker, plain) pairs as one upgrade per plain claim, confirmations left out."""
    order = {"denied": 0, "alleged": 1, "speculative": 2, "attributed": 3}
    by_plain: dict[str, list[ClaimRecord]] = defaultdict(list)
    plains: dict[str, ClaimRecord] = {}
    for weak, plain in pairs:
        by_plain[plain.key].append(weak)
        plains[plain.key] = plain
    out = []
    for key, earlier in by_plain.items():
        plain = plains[key]
        if confirmed_first(plain, confirmations):
            continue
        statements = [(w, record_statement(w)) for w in earlier]
        statuses = [(_weaker(w, st) if st is not None else None) or "attributed" for w, st in statements]
        out.append(
            StoryUpgrade(
                claim=plain,
                weaker=sorted(earlier, key=lambda c: (c.date or "", c.key)),
                from_status=min(statuses, key=lambda x: order.get(x, 9)),
                sources=sorted({w.source_name or w.source or "" for w in earlier} - {""}),
            )
        )
    return sorted(out, key=lambda u: (u.claim.date or "", u.claim.key))
