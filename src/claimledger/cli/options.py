"""Options and arguments several commands share, and the checks of what a user typed that come
before any ledger is opened."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..outside import MAX_FILTER, MAX_ID, refusal
from .output import fail


class Format(StrEnum):
    text = "text"
    json = "json"


def _outside(param: typer.CallbackParam, value: str | None) -> str | None:
    """Every id and filter a command takes from its user goes through here (claimledger.outside),
    before the ledger is opened: a control character or an over-long value is one line naming the
    argument and exit 2 on both databases (PostgreSQL would refuse a NUL with a traceback)."""
    if value is None:
        return None
    limit = MAX_FILTER if param.name == "text" else MAX_ID
    reason = refusal(value, limit)
    if reason is not None:
        opts = [o for o in param.opts if o.startswith("-")]
        fail(f"{opts[0] if opts else (param.name or 'argument').upper()} {reason}")
    return value


DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL (postgresql://…)")]
OffsetOption = Annotated[int, typer.Option("--offset", help="skip this many first (to see the rest)")]
LimitOption = Annotated[int, typer.Option(help="list at most this many")]
StoryArgument = Annotated[str, typer.Argument(callback=_outside)]
ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="desk settings (default: $CLAIMLEDGER_CONFIG or ./claimledger.toml)"),
]


MAX_PAGE = 10**9  # more rows than any ledger lists; SQLite's integers end at 2**63


def _paging(limit: int, offset: int) -> None:
    """A negative --limit or --offset is a user error in one line, not SQL's own reading of it."""
    if limit < 0 or offset < 0:
        fail("--limit and --offset must be 0 or more")
    if limit > MAX_PAGE or offset > MAX_PAGE:
        fail(f"--limit and --offset must be at most {MAX_PAGE:,}")  # past any database's integers


def _is_iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
