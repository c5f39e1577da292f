"""Score one analysis against its gold key with the rules of `shared/spec/gold-v1.md`.

The rules are the reference scorer's (`shared/tools/score_gold.py`), kept identical on purpose so
figures printed here can be compared with anyone else's: a gold claim is found by the first
predicted claim whose content, source or cue overlaps its snippet and whose source text contains
one of its source strings (short keys as whole words); precision is the share of predicted claims
with a source that found at least one gold claim (one prediction may find several, so precision
never exceeds 1); quantities match one to one on bound and value. What is added is bookkeeping: which
claims were missed, spurious or wrong in status, and the status confusion matrix.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, Claim, Quantity
from .gold import GoldClaim, GoldFile, GoldQuantity

MISSED = "missed"


def norm(text: str | None) -> str:
    """Case, accents, typographic apostrophes and spacing ignored, as the spec says."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").lower().split())


def key_in(key: str, text: str | None) -> bool:
    """A gold source key is inside the predicted source text; keys of three letters or fewer
    ("il", "he") must be whole words there, so that "he" is not found in "the"."""
    k, t = norm(key), norm(text)
    if len(k) > 3:
        return k in t
    return re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", t) is not None


@dataclass
class Counts:
    """Sums that micro-averaging adds up over files."""

    claims: int = 0  # gold claims, attributed or not
    found: int = 0  # attributed gold claims found
    # predicted claims with a source that found at least one gold claim: one prediction may find
    # several (a colon sentence and its quotation block), and counts once for precision
    matched: int = 0
    predicted: int = 0  # predicted claims with a source
    gold: int = 0  # attributed gold claims
    status_ok: int = 0
    status_n: int = 0  # gold claims with a status (attributed or not)
    status_found: int = 0  # of those, found
    qty_found: int = 0
    qty_predicted: int = 0
    qty_gold: int = 0
    # found claims whose predicted source is a pronoun or a bare role ("il", "l'ambassadeur") while
    # the gold names the person: how many were resolved to that person's entity
    identity_n: int = 0
    identity_ok: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        for name in (
            "claims",
            "found",
            "matched",
            "predicted",
            "gold",
            "status_ok",
            "status_n",
            "status_found",
            "qty_found",
            "qty_predicted",
            "qty_gold",
            "identity_n",
            "identity_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.confusion.update(other.confusion)

    def metrics(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        qp = self.qty_found / self.qty_predicted if self.qty_predicted else 1.0
        qr = self.qty_found / self.qty_gold if self.qty_gold else 1.0
        return {
            "attr_p": p,
            "attr_r": r,
            "attr_f1": _f1(p, r),
            # as the reference scorer: a key with claims but no statuses scores 1, an empty key 0
            "status_acc": self.status_ok / self.status_n if self.status_n else float(self.claims > 0),
            "status_acc_found": self.status_ok / self.status_found if self.status_found else 1.0,
            "qty_p": qp,
            "qty_r": qr,
            "qty_f1": _f1(qp, qr),
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ClaimError:
    kind: str  # "missed" | "spurious" | "status"
    snippet: str
    sentence: str
    gold_source: tuple[str, ...] | None = None
    gold_status: tuple[str, ...] | None = None
    predicted_source: str | None = None
    predicted_status: str | None = None
    predicted_cue: str | None = None


@dataclass
class QuantityError:
    kind: str  # "missed" | "spurious"
    text: str
    value: float | None
    bound: str


@dataclass
class FileScore:
    name: str
    counts: Counts
    errors: list[ClaimError]
    quantity_errors: list[QuantityError]
    snippets_not_found: list[str]

    def as_dict(self, with_errors: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, **counts_dict(self.counts)}
        if with_errors:
            out["errors"] = [e.__dict__ for e in self.errors]
            out["quantity_errors"] = [e.__dict__ for e in self.quantity_errors]
            out["snippets_not_found"] = self.snippets_not_found
        return out


def counts_dict(c: Counts) -> dict[str, Any]:
    return {
        "metrics": {k: round(v, 4) for k, v in c.metrics().items()},
        "counts": {
            "attr_found": c.found,
            "attr_matched": c.matched,
            "attr_predicted": c.predicted,
            "attr_gold": c.gold,
            "status_ok": c.status_ok,
            "status_gold": c.status_n,
            "status_found": c.status_found,
            "qty_found": c.qty_found,
            "qty_predicted": c.qty_predicted,
            "qty_gold": c.qty_gold,
            "identity_resolved": c.identity_ok,
            "identity_checked": c.identity_n,
        },
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(c.confusion.items())},
    }


def _ranges(c: Claim) -> list[tuple[int, int]]:
    rs = [(c.start, c.end)]
    if c.source is not None:
        rs.append((c.source.start, c.source.end))
    if c.cue is not None:
        rs.append((c.cue.start, c.cue.end))
    return rs


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentence_at(analysis: Analysis, span: tuple[int, int]) -> str:
    """The sentence around a snippet, as the analysis cut it (the line, if no claim covers it)."""
    for c in analysis.claims:
        if _overlaps((c.sentence.start, c.sentence.end), span):
            return analysis.article.text[c.sentence.start : c.sentence.end]
    text = analysis.article.text
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    return text[start : end if end >= 0 else len(text)].strip()


def _match(g: GoldClaim, claims: list[Claim], span: tuple[int, int]) -> int | None:
    for i, c in enumerate(claims):
        if not any(_overlaps(span, r) for r in _ranges(c)):
            continue
        if g.source:
            if c.source is not None and any(key_in(k, c.source.text) for k in g.source):
                return i
        elif c.source is None:
            return i
    return None


def _nearest(claims: list[Claim], span: tuple[int, int]) -> Claim | None:
    """What was predicted where a gold claim was missed, to show it next to the miss."""
    for c in claims:
        if any(_overlaps(span, r) for r in _ranges(c)):
            return c
    return None


def score(gold: GoldFile, analysis: Analysis) -> FileScore:
    text = analysis.article.text.replace("’", "'")
    claims = analysis.claims
    counts = Counts()
    errors: list[ClaimError] = []
    not_found: list[str] = []
    used: set[int] = set()
    counts.claims = len(gold.claims)
    counts.gold = sum(1 for g in gold.claims if g.source)
    counts.status_n = sum(1 for g in gold.claims if g.status is not None)
    for g in gold.claims:
        at = text.find(g.sent.replace("’", "'"))
        if at < 0:
            not_found.append(g.sent)
            continue
        span = (at, at + len(g.sent))
        best = _match(g, claims, span)
        if best is None:
            near = _nearest(claims, span)
            errors.append(
                ClaimError(
                    kind=MISSED,
                    snippet=g.sent,
                    sentence=_sentence_at(analysis, span),
                    gold_source=g.source,
                    gold_status=g.status,
                    predicted_source=_source_text(near),
                    predicted_status=near.status if near else None,
                    predicted_cue=near.cue.lemma if near and near.cue else None,
                )
            )
            if g.status is not None:
                counts.confusion[(g.status[0], MISSED)] += 1
            continue
        c = claims[best]
        if g.source:
            counts.found += 1
            used.add(best)
            _check_identity(g, c, analysis, counts)
        if g.status is None:
            continue
        counts.status_found += 1
        ok = c.status in g.status
        counts.confusion[(c.status if ok else g.status[0], c.status)] += 1
        if ok:
            counts.status_ok += 1
        else:
            errors.append(
                ClaimError(
                    kind="status",
                    snippet=g.sent,
                    sentence=_sentence_at(analysis, span),
                    gold_source=g.source,
                    gold_status=g.status,
                    predicted_source=_source_text(c),
                    predicted_status=c.status,
                    predicted_cue=c.cue.lemma if c.cue else None,
                )
            )
    counts.predicted = sum(1 for c in claims if c.source is not None)
    counts.matched = len(used)
    for i, c in enumerate(claims):
        if c.source is not None and i not in used:
            errors.append(
                ClaimError(
                    kind="spurious",
                    snippet=c.text,
                    sentence=analysis.article.text[c.sentence.start : c.sentence.end],
                    predicted_source=_source_text(c),
                    predicted_status=c.status,
                    predicted_cue=c.cue.lemma if c.cue else None,
                )
            )
    qty_errors = _score_quantities(gold.quantities, analysis.quantities, counts)
    return FileScore(gold.name, counts, errors, qty_errors, not_found)


def _check_identity(g: GoldClaim, c: Claim, analysis: Analysis, counts: Counts) -> None:
    """A source written as a pronoun or a bare role, where the gold gives the person's name."""
    if c.source is None or any(w[:1].isupper() for w in c.source.text.split()[1:]):
        return
    if (
        c.source.text[:1].isupper()
        and " " not in c.source.text.strip()
        and norm(c.source.text) not in ("il", "elle")
    ):
        return  # a one-word name
    names = [k for k in (g.source or ()) if k[:1].isupper() and len(k) > 3 and not key_in(k, c.source.text)]
    if not names:
        return
    counts.identity_n += 1
    entity_names = {e.id: e.name for e in analysis.entities}
    resolved = entity_names.get(c.source.entity or "", "")
    if any(key_in(k, resolved) for k in names):
        counts.identity_ok += 1


def _source_text(c: Claim | None) -> str | None:
    return c.source.text if c is not None and c.source is not None else None


def _same_figure(q: Quantity, g: GoldQuantity) -> bool:
    if q.bound != g.bound:
        return False
    if g.value is None:  # vague: "des milliers" matches on its words
        return norm(g.text) in norm(q.text)
    if g.bound == "range":
        return (q.low, q.high) == (g.low, g.high)
    return q.value is not None and abs(float(q.value) - g.value) < 1e-6


def _score_quantities(
    gold: list[GoldQuantity] | None, predicted: list[Quantity], counts: Counts
) -> list[QuantityError]:
    if gold is None:  # this key annotates claims only: figures are not scored
        return []
    taken: set[int] = set()
    errors: list[QuantityError] = []
    for g in gold:
        hit = next((i for i, q in enumerate(predicted) if i not in taken and _same_figure(q, g)), None)
        if hit is None:
            errors.append(QuantityError(MISSED, g.text, g.value, g.bound))
        else:
            taken.add(hit)
    for i, q in enumerate(predicted):
        if i not in taken:
            value = None if q.value is None else float(q.value)
            errors.append(QuantityError("spurious", q.text, value, q.bound))
    counts.qty_found += len(taken)
    counts.qty_predicted += len(predicted)
    counts.qty_gold += len(gold)
    return errors


def micro(scores: list[FileScore]) -> Counts:
    total = Counts()
    for s in scores:
        total.add(s.counts)
    return total
