"""The `claimledger` command. Every user error ends as one line on stderr and exit code 2."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from .errors import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Who claims what in the news, how sure, with which figures, and when.",
)
EXIT_INPUT = 2


@app.callback()
def _root() -> None:
    """Keep subcommands explicit (`claimledger analyze ...`) as more commands arrive."""


class Format(StrEnum):
    text = "text"
    json = "json"


def fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(
        f"claimledger: error: {message}", markup=False, soft_wrap=True
    )
    raise typer.Exit(EXIT_INPUT)


@app.command()
def analyze(
    target: Annotated[str, typer.Argument(help="A .txt or .html file, '-' for stdin, or an http(s) URL.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text for people, json for tools")
    ] = Format.text,
    lang: Annotated[str, typer.Option(help="auto or a language code (fr)")] = "auto",
    max_mb: Annotated[float, typer.Option(help="refuse inputs larger than this (MB)")] = 5.0,
) -> None:
    """Analyse one article: claims, sources, status, figures and entities."""
    from .analyse.article import Analyzer, prepare
    from .present.json_out import to_json
    from .present.text_out import render

    try:
        prepared = prepare(target, lang=lang, max_bytes=int(max_mb * 1024 * 1024))
        analysis = Analyzer().analyse_one(prepared)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(to_json(analysis) + "\n")
    else:
        render(analysis, Console())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print("claimledger: interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
