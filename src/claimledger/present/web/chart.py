"""Figures over time as inline SVG, drawn on the server: no script, no CDN, works offline.

Each point is a figure; its bound is drawn as a range: a dot for an exact figure, a bar of ±20%
for "environ", a bar to the top edge for "au moins"/"plus de", from the bottom for "jusqu'à"/
"moins de", low to high for "entre". Hovering a point shows source, date and status (SVG title,
written by the template in the page's language). A vague figure ("des milliers") has no value: it
is not drawn (the table under the chart lists it in its words). The scale's numbers are written
as the page's language writes them (10 000 in French, 10,000 in English).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from babel.numbers import format_decimal

from ...link.series import Series
from ...model import MAX_FIGURE

W, H, PAD = 640, 220, 48


@dataclass
class Mark:
    x: float
    y: float
    y_low: float
    y_high: float
    kind: str
    label: str
    source: str
    date: str | None
    status: str
    label_y: float


@dataclass
class Chart:
    thing: str
    width: int
    height: int
    marks: list[Mark]
    ticks: list[tuple[float, str]]
    conflicts: int


LIMIT = MAX_FIGURE  # figures beyond are drawn at the edge, never computed with


def _finite(value: float | int | None) -> float | None:
    """A value the scale can place: a float within the chart's range (a 400-digit integer from an
    old ledger would overflow), None for nothing to draw."""
    if value is None:
        return None
    try:
        v = float(value)
    except (OverflowError, ValueError, TypeError):
        return LIMIT
    if math.isnan(v):
        return None
    return max(min(v, LIMIT), -LIMIT)


def chart(series: Series, lang: str = "fr") -> Chart:
    """Works for any series: zero and negative figures sit on the bottom edge of the log scale,
    one point or all-equal points get a scale around them, huge figures are capped. `lang`: the
    page's language, for the scale's numbers."""
    points = series.measured  # never a vague figure: it has no value to place
    raw = [p.value for p in points] + [v for p in points for v in (p.low, p.high) if v]
    values = [v for v in (_finite(x) for x in raw) if v is not None and v > 0]
    top = max(values) * 1.3 if values else 1.0
    bottom = max(min(values) / 1.5, 0.5) if values else 0.5
    if top <= bottom:
        top = bottom * 10
    log_span = math.log10(top) - math.log10(bottom) or 1.0

    def y(value: float | int | None) -> float:
        v = _finite(value)
        v = min(max(v if v is not None else bottom, bottom), top)
        return H - PAD + (PAD * 2 - H) * (math.log10(v) - math.log10(bottom)) / log_span

    n = len(points)
    marks = []
    for i, p in enumerate(points):
        x = PAD + (W - 2 * PAD) * (i + 0.5) / max(n, 1)
        v = _finite(p.value) or bottom
        lo, hi = {
            "about": (v * 0.8, v * 1.2),
            "at_least": (v, top),
            "more_than": (v, top),
            "up_to": (bottom, v),
            "less_than": (bottom, v),
            "range": (_finite(p.low) or v, _finite(p.high) or v),
        }.get(p.bound, (v, v))
        label_y = H - 8 - 12 * (i % 2)
        marks.append(Mark(x, y(v), y(lo), y(hi), p.bound, p.text, p.source, p.date, p.status, label_y))
    ticks = []
    for k in range(int(math.floor(math.log10(bottom))), int(math.ceil(math.log10(top))) + 1):
        v = 10.0**k
        if bottom <= v <= top:
            ticks.append((y(v), format_decimal(v, format="#,##0", locale=lang)))
    return Chart(series.label, W, H, marks, ticks, len(series.conflicts))
