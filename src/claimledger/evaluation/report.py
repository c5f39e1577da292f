"""The evaluation for people (a table per file, micro-averages, confusion, errors) and for tools."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape

from ..model import STATUSES
from .run import Evaluation
from .score import MISSED, Counts, FileScore, counts_dict

_HEADER = (
    f"{'file':<16} {'P':>5} {'R':>5} {'F1':>5} {'found/matched/pred/gold':>23}  {'st.all':>6} {'st.found':>8}"
    f"  {'qty P':>5} {'qty R':>5} {'qty F1':>6}"
)


def _row(name: str, c: Counts) -> str:
    m = c.metrics()
    hits = f"{c.found}/{c.matched}/{c.predicted}/{c.gold}"
    return (
        f"{name[:16]:<16} {m['attr_p']:>5.2f} {m['attr_r']:>5.2f} {m['attr_f1']:>5.2f} {hits:>23}"
        f"  {m['status_acc']:>6.2f} {m['status_acc_found']:>8.2f}"
        f"  {m['qty_p']:>5.2f} {m['qty_r']:>5.2f} {m['qty_f1']:>6.2f}"
    )


def render_text(ev: Evaluation, console: Console, *, errors: bool) -> None:
    """Plain fixed-width lines: they read the same in a terminal, a CI log and a closing note."""
    out = functools.partial(console.print, markup=False, highlight=False)
    out("attribution P/R/F1 (gold claims found / predictions that found one / predictions with a")
    out("source / gold claims with a source), status accuracy (over all gold claims; over found")
    out("ones), figures P/R/F1; micro = sums over all files")
    out(_HEADER)
    for f in ev.files:
        out(_row(f.name, f.counts))
    out("-" * len(_HEADER))
    out(_row("micro", ev.total))
    t = ev.total
    resolved = f"{t.identity_ok}/{t.identity_n}"
    out(f"sources written as a pronoun or a role, resolved to the person named: {resolved}")
    out("")
    _confusion(ev.total, out)
    if errors:
        for f in ev.files:
            _errors(f, console)


def _confusion(c: Counts, out: Callable[[str], None]) -> None:
    cols = [*STATUSES, MISSED]
    out("status confusion: gold (rows) x predicted (columns)")
    out(f"{'':<12}" + "".join(f"{s:>12}" for s in cols))
    for g in STATUSES:
        cells = [c.confusion.get((g, p), 0) for p in cols]
        if any(cells):
            out(f"{g:<12}" + "".join(f"{n or '':>12}" for n in cells))


def _errors(f: FileScore, console: Console) -> None:
    out = console.print
    out(f"\n[bold]== {escape(f.name)}[/bold]")
    for s in f.snippets_not_found:
        out(f"  [red]gold snippet not in text[/red]: {escape(s)}")
    for e in f.errors:
        if e.kind == MISSED:
            got = (
                f"got {e.predicted_source or '(article)'} [{e.predicted_status}]"
                if e.predicted_status
                else "nothing predicted here"
            )
            out(
                f"  [red]MISSED[/red] {escape(e.snippet)} | source {escape(str(list(e.gold_source or [])))}"
                f" | {escape(got)}"
            )
        elif e.kind == "status":
            out(
                f"  [yellow]STATUS[/yellow] {escape(e.snippet)} | gold {'/'.join(e.gold_status or ())}"
                f" got {e.predicted_status} ({escape(e.predicted_source or '(article)')})"
            )
        else:
            out(
                f"  [magenta]SPURIOUS[/magenta] {escape(e.predicted_source or '')} "
                f"[{e.predicted_cue}] | {escape(e.snippet[:120])}"
            )
        out(f"      [dim]{escape(e.sentence[:300])}[/dim]")
    for q in f.quantity_errors:
        out(f"  [cyan]QTY {q.kind.upper()}[/cyan] {escape(q.text)} = {q.value} ({q.bound})")


def as_json(ev: Evaluation, *, errors: bool) -> str:
    body: dict[str, Any] = {
        "files": [f.as_dict(errors) for f in ev.files],
        "micro": counts_dict(ev.total),
    }
    return json.dumps(body, ensure_ascii=False, indent=2)
