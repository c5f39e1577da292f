"""The analysis format as JSON text (one object per article)."""

from __future__ import annotations

import json

from ..model import Analysis


def to_json(analysis: Analysis, indent: int | None = 2) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent)
