"""What the commands print: a line of article data, a count, a note, and the one-line error
that ends every user error with exit code 2."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..present.text_out import safe_line

EXIT_INPUT = 2
WIDE = 1_000_000  # columns of a console that is not a terminal: a line is never cut nor wrapped


def out_console(*, stderr: bool = False) -> Console:
    """Rich's console for a terminal; for a pipe or a file, one that never wraps (Rich would cut
    every line and table row at 80 columns): what a script or `grep` reads is a row per line."""
    found = Console(stderr=stderr, highlight=False)
    if found.is_terminal:
        return found
    return Console(stderr=stderr, highlight=False, width=WIDE, soft_wrap=True)


def say(console: Console, line: str) -> None:
    """Print a line that carries article data: no markup read from it, no control characters."""
    console.print(safe_line(line), markup=False, highlight=False)


def plain(line: str) -> None:
    """A line of article data on stdout, as `say` but without Rich's layout (thousands of lines
    of a large story print in milliseconds)."""
    sys.stdout.write(safe_line(line) + "\n")


def fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(
        f"claimledger: error: {safe_line(message)}", markup=False, soft_wrap=True
    )
    raise typer.Exit(EXIT_INPUT)


def _count(line: str, *, stderr: bool = False) -> None:
    """The "N of M" line of a list: on stdout after text, on stderr after JSON whose shape (a bare
    list) its readers rely on."""
    if stderr:
        Console(stderr=True, highlight=False, soft_wrap=True).print(safe_line(line), markup=False)
    else:
        plain(line)


def _note(line: str) -> None:
    """A line on stderr that is no error: what the user may want to do next."""
    out_console(stderr=True).print(safe_line(line), markup=False)
