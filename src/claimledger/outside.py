"""Ids and filters from outside (a web address, a query string, a command's argument), checked
once before any of them reaches the database.

No id the ledger makes has a control character, and none is longer than its column (String(200)
at most: store/schema.py). A NUL in a value is worse than a miss: PostgreSQL refuses the whole
statement (a DataError, so a 500 or a traceback), where SQLite quietly finds nothing. So a value
with a control character (C0, DEL, C1, NUL included) or a lone surrogate, or longer than the
limit, is refused here in one line: the web app answers 404 (a page) or 400 (the API), the CLI
exits 2. Both databases then answer alike, and no caller has to remember to check.
"""

from __future__ import annotations

import unicodedata

from .errors import InputError

MAX_ID = 200  # the longest id column (entity and source ids)
MAX_FILTER = 500  # the longest filter text (full-text words)


def refusal(value: str, limit: int = MAX_ID) -> str | None:
    """Why `value` cannot be an id or a filter (a short reason that does not repeat it), or None."""
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        return "contains a control character"
    if len(value) > limit:
        return f"is longer than {limit} characters"
    return None


def checked(value: str, what: str, limit: int = MAX_ID) -> str:
    """`value` when it can be an id or a filter; else an InputError naming `what` (not the value)."""
    reason = refusal(value, limit)
    if reason is not None:
        raise InputError(f"{what} {reason}")
    return value
