"""An article's text cut into spans that carry the claim, status, source, cue and figure marks
of each stretch. Only offsets are computed here; the template escapes every piece of text."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Analysis, Claim


@dataclass
class Segment:
    text: str
    classes: str
    claim: str | None
    title: str | None


BOUND_SIGNS = {
    "exact": "=",
    "about": "≈",
    "at_least": "≥",
    "more_than": ">",
    "up_to": "≤",
    "less_than": "<",
    "range": "↔",
    "vague": "~",
}


def segments(analysis: Analysis) -> list[Segment]:
    text = analysis.article.text
    cuts = {0, len(text)}
    for c in analysis.claims:
        cuts.update((c.start, c.end))
        if c.source:
            cuts.update((c.source.start, c.source.end))
        if c.cue:
            cuts.update((c.cue.start, c.cue.end))
    for q in analysis.quantities:
        cuts.update((q.start, q.end))
    points = sorted(x for x in cuts if 0 <= x <= len(text))
    out: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        covering = [c for c in analysis.claims if c.start <= a and b <= c.end]
        inner: Claim | None = min(covering, key=lambda c: c.end - c.start) if covering else None
        framing = [
            c
            for c in analysis.claims
            if (c.source and c.source.start <= a and b <= c.source.end)
            or (c.cue and c.cue.start <= a and b <= c.cue.end)
        ]
        classes = []
        claim_id = inner.id if inner else None
        if inner:
            classes += ["claim", f"st-{inner.status}"]
        if any(c.source and c.source.start <= a and b <= c.source.end for c in framing):
            classes.append("src")
        if any(c.cue and c.cue.start <= a and b <= c.cue.end for c in framing):
            classes.append("cue")
        if claim_id is None and framing:
            claim_id = framing[0].id
        title = None
        for q in analysis.quantities:
            if q.start <= a and b <= q.end:
                classes += ["qty", f"qb-{q.bound}"]
                title = f"{BOUND_SIGNS[q.bound]} {q.value}" + (
                    f" {q.unit or q.counted}" if q.unit or q.counted else ""
                )
        out.append(Segment(text[a:b], " ".join(classes), claim_id, title))
    return out
