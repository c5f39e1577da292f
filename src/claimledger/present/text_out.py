"""A reader's view of one analysis: a line per claim, coloured by status."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape

from ..model import Analysis, Claim, Quantity
from .words import words

# terminal escape sequences (CSI, OSC, ...) and every other control character: article text must
# never drive the terminal (change colours, titles, or hide what is printed)
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str | None, *, newlines: bool = False) -> str:
    """Text fit for a terminal: escape sequences and control characters removed (newlines kept
    only when asked, so a one-line report stays one line)."""
    if not text:
        return ""
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return text if newlines else text.replace("\n", " ").replace("\t", " ")


def safe_line(text: str | None) -> str:
    return terminal_safe(text)


def page_line(shown: int, total: int, noun: str, *, offset: int = 0, before: str = "") -> str:
    """ "20 of 1,027 claims; 1,007 more with --offset 20": a list says what it leaves out and how to
    see it, never cuts silently. The count ends the line's first part ("N of M claims"), which
    scripts read; `before` qualifies what is counted. `noun`: what is counted (claims, articles,
    sources, stories, verdicts), in the command line's language (present/words.py)."""
    w = words()
    parts = [f"{before}{w('page', shown=w.number(shown), total=w.number(total), noun=w.noun[noun])}"]
    if offset and shown:
        parts.append(w("page_from", n=w.number(offset + 1)))
    left = total - offset - shown
    if left > 0:
        parts.append(w("page_more", left=w.number(left), offset=offset + shown))
    elif not shown and offset and total:
        parts.append(w("page_past", offset=offset))
    return w("page_parts").join(parts)


STATUS_STYLE = {
    "stated": "white",
    "confirmed": "green",
    "alleged": "yellow",
    "speculative": "magenta",
    "denied": "red",
}


def describe_quantity(q: Quantity) -> str:
    bound = {
        "exact": "",
        "about": "~",
        "at_least": ">=",
        "more_than": ">",
        "up_to": "<=",
        "less_than": "<",
        "vague": "?",
        "range": "",
    }[q.bound]
    if q.value is None:  # vague: its own words ("des milliers"), never a number
        bound, value = "", q.text
    elif q.bound == "range":
        value = f"{q.low}-{q.high}"
    else:
        value = f"{q.value:,}".replace(",", " ")
    what = " ".join(x for x in (q.unit, q.counted) if x)
    return f"{bound}{value} {what}".strip()


def _source(claim: Claim) -> str:
    w = words()
    if claim.source is None:
        return w("article_short")
    return f"{claim.source.text} [{w.kind[claim.source.kind]}]"


def render(analysis: Analysis, console: Console) -> None:
    """One line per claim: status, source, cue, content, figures; styled by status. The command
    line's own words (status, kind, untitled) are in its language (present/words.py)."""
    w = words()
    art = analysis.article
    title = escape(safe_line(art.title) or w("untitled"))
    console.print(f"[bold]{title}[/bold]  lang={art.lang} id={art.id}", highlight=False)
    quantities = {q.id: q for q in analysis.quantities}
    width = max(len(word) for word in w.status.values()) + 1
    by_id = {c.id: c for c in analysis.claims}
    upgraded = {u.claim: u for u in analysis.upgrades}
    for claim in analysis.claims:
        style = STATUS_STYLE[claim.status]
        figures = "; ".join(describe_quantity(quantities[qid]) for qid in claim.quantities)
        cue = f" {claim.cue.text} " if claim.cue else " "
        status = escape(f"{w.status[claim.status]:<{width}}")
        line = (
            f"[{style}]{status}[/{style}] [bold]{escape(safe_line(_source(claim)))}[/bold]"
            f"[dim]{escape(safe_line(cue))}[/dim]| {escape(safe_line(claim.full_text()))}"
        )
        if figures:
            line += f" [cyan]({escape(safe_line(figures))})[/cyan]"
        console.print(line, highlight=False)
        up = upgraded.get(claim.id)
        if up is not None and up.weaker in by_id:
            weak = by_id[up.weaker]
            before = w.status.get(up.from_status) or w("attributed")
            mark = w("upgraded", status=before, who=_source(weak), text=weak.full_text())
            console.print(f"[bold magenta]{escape(safe_line(mark))}[/bold magenta]", highlight=False)
    counts = {s: sum(1 for c in analysis.claims if c.status == s) for s in STATUS_STYLE}
    summary = ", ".join(
        f"[{STATUS_STYLE[s]}]{n} {escape(w.status[s])}[/{STATUS_STYLE[s]}]" for s, n in counts.items() if n
    )
    console.print(
        w(
            "analysis_summary",
            n=len(analysis.claims),
            statuses=summary,
            figures=len(analysis.quantities),
            entities=len(analysis.entities),
        ),
        highlight=False,
    )
