"""Dates as outputs may show them: a real calendar day written YYYY-MM-DD, or nothing.

A publication date comes from a page, a feed or a sidecar file, so it is untrusted text: whatever
is not a real ISO date ("2025-02-30", "hier", "![](//evil.example)") is never written out, in a
brief, a ClaimReview or a page."""

from __future__ import annotations

import re
from datetime import date, datetime

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: str | None) -> str | None:
    """The day of an ISO 8601 date or date-time ("2025-01-27", "2025-01-27T10:00:00+01:00"), as
    YYYY-MM-DD; None for anything else."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if not _DAY.match(value):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None
