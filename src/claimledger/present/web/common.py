"""Limits and small checks every part of the web app shares: sizes, page lengths, dates, and how
a piece of the request may be repeated in an error."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Status = Literal["stated", "confirmed", "alleged", "speculative", "denied"]
Lang = Literal["auto", "fr", "en"]
DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_UPLOAD = 2 * 1024 * 1024
PAGE = 100  # stories, sources, articles per page
RESULTS = 50  # search results (and a source's claims) per page
HOME = 40  # latest articles on the home page (and half as many stories)


QUOTED = 40  # longest piece of a request an error message repeats


def quoted(value: object) -> str:
    """A piece of the request as an error message may repeat it: printable characters only, at
    most QUOTED of them, between guillemets, so it reads as a quotation and never as the app's
    own words."""
    shown = "".join(ch for ch in str(value) if ch.isprintable()).strip()
    return f"«{shown[:QUOTED]}{'…' if len(shown) > QUOTED else ''}»"


def real_date(value: str) -> bool:
    """YYYY-MM-DD and a day of the calendar (2025-02-30 is not)."""
    if not re.fullmatch(DATE, value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def lines(value: str) -> str:
    """Text from a form or a client with its line breaks as the ledger keeps them: a browser sends
    a textarea's lines as CRLF, the CLI as LF; one text, one way."""
    return value.replace("\r\n", "\n").replace("\r", "\n")
