"""The `claimledger` command. Every user error ends as one line on stderr and exit code 2.

The commands live in modules by job; they are registered here, in the order `claimledger --help`
lists them."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from ..present.words import words
from .analysis import analyze, eval_
from .desk import claimreview, detach, review, reviews
from .exports import export
from .ingestion import _countable, ingest
from .lists import articles, claims, outlets, source_record, sources, stories
from .output import fail
from .upkeep import delete, relink
from .views import brief, claim, story
from .web import serve

__all__ = ["_countable", "app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Who claims what in the news, how sure, with which figures, and when.",
)


@app.callback()
def _root(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="language of the command's own words, fr or en (default: the environment's, "
            "LC_ALL, LC_MESSAGES or LANG: fr_* is French, anything else English); claims, names "
            "and titles are never translated. (A command's own --lang, as in `analyze --lang`, "
            "is the articles' language.)",
        ),
    ] = None,
) -> None:
    """Keep subcommands explicit (`claimledger analyze ...`) as more commands arrive."""
    from ..present.words import LANGUAGES, use

    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang}: the command line speaks {' or '.join(LANGUAGES)}")
    use(lang)


# the commands, in the order `claimledger --help` lists them
app.command()(analyze)
app.command("eval")(eval_)
app.command()(ingest)
app.command()(claims)
app.command()(claim)
app.command()(export)
app.command()(sources)
app.command()(stories)
app.command()(story)
app.command()(brief)
app.command()(claimreview)
app.command()(review)
app.command()(reviews)
app.command()(detach)
app.command()(delete)
app.command()(articles)
app.command("source-record")(source_record)
app.command()(outlets)
app.command()(relink)
app.command()(serve)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print(words()("interrupted"), markup=False)
        sys.exit(130)
