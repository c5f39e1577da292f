"""`analyze` and `eval`: one article analysed, or the extraction measured on annotated ones;
neither touches a ledger."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from ..errors import InputError
from .options import Format
from .output import fail, out_console


def analyze(
    target: Annotated[str, typer.Argument(help="A .txt or .html file, '-' for stdin, or an http(s) URL.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text for people, json for tools")
    ] = Format.text,
    lang: Annotated[str, typer.Option(help="auto (per article), fr or en")] = "auto",
    max_mb: Annotated[float, typer.Option(help="refuse inputs larger than this (MB)")] = 5.0,
) -> None:
    """Analyse one article: claims, sources, status, figures and entities."""
    from ..analyse.article import Analyzer, prepare
    from ..ingest.reader import max_bytes_from_mb
    from ..present.json_out import to_json
    from ..present.text_out import render

    try:
        prepared = prepare(target, lang=lang, max_bytes=max_bytes_from_mb(max_mb))
        analysis = Analyzer().analyse_one(prepared)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(to_json(analysis) + "\n")
    else:
        render(analysis, out_console())


def eval_(
    gold: Annotated[list[str], typer.Argument(help="Gold files (gold-v1 JSON) or directories of them.")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    errors: Annotated[
        bool, typer.Option("--errors", help="list missed, spurious and wrong-status claims")
    ] = False,
    lang: Annotated[str, typer.Option(help="auto (each key's own lang) or a language code")] = "auto",
    lexicon_only: Annotated[
        bool,
        typer.Option(
            "--lexicon-only", help="ablation: cues from the word lists alone, without the cue model"
        ),
    ] = False,
) -> None:
    """Measure extraction on hand-annotated articles: attribution P/R/F1, status, figures."""
    from ..analyse.article import Analyzer
    from ..evaluation.report import as_json, render_text
    from ..evaluation.run import evaluate

    try:
        result = evaluate(gold, Analyzer(learned_cues=not lexicon_only), lang=lang)
    except InputError as exc:
        fail(str(exc))
        return
    if format is Format.json:
        sys.stdout.write(as_json(result, errors=errors) + "\n")
    else:
        render_text(result, Console(soft_wrap=True), errors=errors)
