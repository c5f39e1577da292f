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

from babel.numbers import format_compact_decimal, format_decimal

from ...link.series import Series
from ...model import MAX_FIGURE

W, H, PAD = 640, 220, 48
LEFT = 72  # the value axis: room for its labels ("250 000", "1,2 M")
MAX_TICKS = 6


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
    left: int = LEFT  # x of the value axis
    top: float = PAD  # y of the top of the plot
    bottom: float = H - PAD  # y of its bottom


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
        x = LEFT + (W - LEFT - PAD) * (i + 0.5) / max(n, 1)
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
    ticks = [(y(v), label(v, lang)) for v in tick_values(bottom, top)]
    return Chart(series.label, W, H, marks, ticks, len(series.conflicts))


def tick_values(bottom: float, top: float) -> list[float]:
    """A few round values between `bottom` and `top` (3 to MAX_TICKS when the range allows) for
    the log-scale value axis, spread evenly on it: over less than a decade 2 000, 3 000, 5 000,
    10 000 (not 2 000, 4 000 … 12 000, which a log scale crowds at the top); over a few decades
    1, 2 and 5 of each; over many, powers of ten, every other one or fewer so that labels never
    crowd. A range too narrow for any of these gets evenly spaced round values."""
    if not (math.isfinite(bottom) and math.isfinite(top)) or top <= bottom or bottom <= 0:
        return []
    low, high = math.floor(math.log10(bottom)), math.ceil(math.log10(top))
    values: list[float] = []
    for mults in ((1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 5), (1, 2, 5), (1, 3), (1,)):
        values = [m * 10.0**k for k in range(low, high + 1) for m in mults]
        values = [v for v in values if bottom <= v <= top]
        if len(values) < 3 and mults[-1] == 9:  # narrower than 1 to 3: even steps
            step = _round_step((top - bottom) / 4)
            return [k * step for k in range(math.ceil(bottom / step), math.floor(top / step) + 1)]
        if len(values) <= MAX_TICKS:
            return values
    return values[:: math.ceil(len(values) / MAX_TICKS)]


def _round_step(raw: float) -> float:
    """The round step (1, 2 or 5 times a power of ten) at or above `raw`."""
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def label(value: float, lang: str) -> str:
    """A tick's value as the page's language writes it: 10 000 / 10,000; from a million on, in
    the short form (1,2 M / 1.2M) that fits beside the axis."""
    if value >= 1_000_000:
        return str(format_compact_decimal(value, locale=lang, fraction_digits=1))
    return str(format_decimal(value, format="#,##0.##", locale=lang))
