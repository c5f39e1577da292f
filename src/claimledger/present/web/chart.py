"""Figures over time as inline SVG, drawn on the server: no script, no CDN, works offline.

Each point is a figure; its bound is drawn as a range: a dot for an exact figure, a bar of ±20%
for "environ", a bar to the top edge for "au moins"/"plus de", from the bottom for "jusqu'à"/
"moins de", low to high for "entre". Hovering a point shows source, date and status (SVG title).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...link.report import Series

W, H, PAD = 640, 220, 48


@dataclass
class Mark:
    x: float
    y: float
    y_low: float
    y_high: float
    kind: str
    label: str
    tooltip: str
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


def chart(series: Series) -> Chart:
    values = [p.value for p in series.points] + [v for p in series.points for v in (p.low, p.high) if v]
    top = max(values) * 1.3 if values else 1.0
    bottom = max(min(v for v in values if v > 0) / 1.5, 0.5) if values else 0.5
    log_span = math.log10(top) - math.log10(bottom) or 1.0

    def y(v: float) -> float:
        v = min(max(v, bottom), top)
        return H - PAD + (PAD * 2 - H) * (math.log10(v) - math.log10(bottom)) / log_span

    n = len(series.points)
    marks = []
    for i, p in enumerate(series.points):
        x = PAD + (W - 2 * PAD) * (i + 0.5) / max(n, 1)
        lo, hi = {
            "about": (p.value * 0.8, p.value * 1.2),
            "at_least": (p.value, top),
            "more_than": (p.value, top),
            "vague": (p.value, top),
            "up_to": (bottom, p.value),
            "less_than": (bottom, p.value),
            "range": (p.low or p.value, p.high or p.value),
        }.get(p.bound, (p.value, p.value))
        tooltip = f"{p.text} — {p.source} — {p.date or 'date inconnue'} — {p.status}"
        marks.append(
            Mark(x, y(p.value), y(lo), y(hi), p.bound, p.text, tooltip, p.status, H - 8 - 12 * (i % 2))
        )
    ticks = []
    for k in range(int(math.floor(math.log10(bottom))), int(math.ceil(math.log10(top))) + 1):
        v = 10.0**k
        if bottom <= v <= top:
            ticks.append((y(v), f"{v:,.0f}".replace(",", " ")))
    return Chart(series.thing, W, H, marks, ticks, len(series.conflicts))
