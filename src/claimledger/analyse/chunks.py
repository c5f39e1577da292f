"""Long texts analysed in pieces: cut on paragraph boundaries, analysed one by one, merged back
with every offset shifted into the whole text and every id renumbered.

spaCy refuses texts over its `max_length` (a million characters) and a parse's memory grows with
the length of one Doc; a 5 MB page would need gigabytes. Pieces of at most CHUNK_CHARS keep the
memory of one article bounded whatever its length, and no claim is cut since pieces end between
paragraphs (or, in a text without paragraphs, between sentences).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .claim_ids import span_ids

CHUNK_CHARS = 30_000
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZÀ-Ý«\"“])")


def split(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering the text in order, each piece at most `limit` characters."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            end = _cut(text, start, end)
        out.append((start, text[start:end]))
        start = end
    return out


def _cut(text: str, start: int, end: int) -> int:
    """The best place to end a piece before `end`: a paragraph break, else a sentence end, else
    clause punctuation, else a space; never before half the limit, so pieces stay large."""
    floor = start + (end - start) // 2
    para = text.rfind("\n", floor, end)
    if para > floor:
        return para + 1
    last = None
    for m in _SENTENCE_END.finditer(text, floor, end):
        last = m.end()
    if last is not None:
        return last
    # a text without sentence ends (one 5 MB sentence): after clause punctuation, not mid-clause
    clause = max(text.rfind(mark, floor, end) for mark in ("; ", ": ", ", "))
    if clause > floor:
        return clause + 2
    space = text.rfind(" ", floor, end)
    return space + 1 if space > floor else end


def _shift(obj: Any, offset: int) -> None:
    """Shift every start/end in a claim, figure, entity or skipped span (in place)."""
    if isinstance(obj, dict):
        for key in ("start", "end"):
            if isinstance(obj.get(key), int):
                obj[key] += offset
        for value in obj.values():
            if isinstance(value, dict | list):
                _shift(value, offset)
    elif isinstance(obj, list):
        for item in obj:
            _shift(item, offset)


def merge(parts: Iterator[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    """One analysis body from the bodies of the pieces, in text order."""
    claims: list[dict[str, Any]] = []
    quantities: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    skipped: list[dict[str, Any]] = []
    for offset, body in parts:
        _shift(body, offset)
        renamed = {}
        for q in body["quantities"]:
            renamed[q["id"]] = q["id"] = f"q{len(quantities) + 1}"
            quantities.append(q)
        for c in body["claims"]:
            c["quantities"] = [renamed[q] for q in c["quantities"] if q in renamed]
            claims.append(c)
        for e in body["entities"]:
            kept = entities.setdefault(e["id"], {**e, "mentions": []})
            kept["mentions"].extend(e["mentions"])
        skipped.extend(body.get("skipped", []))
    # ids from the spans in the whole text, as analysing it in one piece would give them
    for c, claim_id in zip(claims, span_ids([(c["start"], c["end"]) for c in claims]), strict=True):
        c["id"] = claim_id
    return {
        "claims": claims,
        "quantities": quantities,
        "entities": list(entities.values()),
        "skipped": skipped,
    }
