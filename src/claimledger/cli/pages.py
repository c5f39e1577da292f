"""Lists for tools: every list command can print its page as TSV or JSON besides text.

TSV is one header line of stable column names, then one row per item, with tabs and line breaks
inside values turned into spaces (a claim's text may hold both), so `cut`, `sort` and spreadsheets
read it. JSON is one object with the page's `total`, `limit` and `offset` and the items under the
list's name. The "N of M" line of text goes to stderr in both, so stdout stays machine-readable."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from .output import _count


class ListFormat(StrEnum):
    text = "text"
    tsv = "tsv"
    json = "json"


ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="text for people; tsv or json (with the total) for tools")
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return " ".join(str(value).split())  # tabs and line breaks inside a value would break the row


def write_page(
    fmt: ListFormat,
    name: str,
    columns: Sequence[str],
    items: list[dict[str, Any]],
    *,
    total: int,
    limit: int,
    offset: int,
    counted: str,
) -> None:
    """Print a page of `items` (dicts keyed by `columns`) as TSV or JSON, and its "N of M" line
    (`counted`) on stderr."""
    if fmt is ListFormat.json:
        page = {"total": total, "limit": limit, "offset": offset, name: items}
        sys.stdout.write(json.dumps(page, ensure_ascii=False, indent=1) + "\n")
    else:
        lines = ["\t".join(columns)]
        lines += ["\t".join(_cell(item.get(c)) for c in columns) for item in items]
        sys.stdout.write("\n".join(lines) + "\n")
    _count(counted, stderr=True)
