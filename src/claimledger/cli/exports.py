"""`export`: the ledger as analysis-v1 objects or typed tables (jsonl, csv, parquet)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from ..errors import InputError
from ..present.words import words
from .ledger_access import _ledger
from .options import DbOption
from .output import fail


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Table(StrEnum):
    articles = "articles"
    claims = "claims"
    figures = "figures"


def export(
    db: DbOption = "claimledger.db",
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    table: Annotated[
        Table | None,
        typer.Option(
            help="articles (analysis-v1, jsonl only), claims or figures; default articles for jsonl"
        ),
    ] = None,
    out: Annotated[
        str, typer.Option("--out", "-o", help="output file ('-' = stdout, not for parquet)")
    ] = "-",
) -> None:
    """Export the ledger: analysis-v1 objects (jsonl), or the typed claims / figures tables (csv,
    parquet, or flat jsonl rows) with global claim ids, dates as dates, figures as numbers."""
    from ..present.export import export_csv, export_jsonl, export_parquet, export_rows_jsonl

    chosen = table or (Table.articles if format is ExportFormat.jsonl else Table.claims)
    if format is ExportFormat.parquet and out == "-":
        fail("parquet needs --out FILE")
    if chosen is Table.articles and format is not ExportFormat.jsonl:
        fail("the articles table is analysis-v1 JSON: use --format jsonl, or --table claims|figures")
    try:
        ledger = _ledger(db)
        if chosen is Table.articles:
            count = export_jsonl(ledger, out)
        elif format is ExportFormat.jsonl:
            count = export_rows_jsonl(ledger, out, chosen.value)
        elif format is ExportFormat.csv:
            count = export_csv(ledger, out, chosen.value)
        else:
            count = export_parquet(ledger, out, table=chosen.value)
    except InputError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror})")
        return
    w = words()
    Console(stderr=True).print(
        w("exported", n=count, table=w.noun[chosen.value]), highlight=False, markup=False
    )
