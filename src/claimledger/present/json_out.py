"""The analysis format as JSON text (one object per article)."""

from __future__ import annotations

import json

from ..model import Analysis


def to_json(analysis: Analysis, indent: int | None = 2) -> str:
    # strict JSON (RFC 8259): a NaN or an Infinity is an error, never written
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)
