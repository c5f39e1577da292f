"""Hand-made answer keys (gold-v1, `shared/spec/gold-v1.md`): one JSON file per article.

A gold file names its article relative to itself, so a user's own annotated set works wherever it
lives; loading checks the shape once, so scoring never meets a half-read key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import STATUSES


@dataclass(frozen=True)
class GoldClaim:
    sent: str
    source: tuple[str, ...] | None  # None: the article itself says it
    cue: str | None
    status: tuple[str, ...] | None  # the defensible readings; None: not annotated


@dataclass(frozen=True)
class GoldQuantity:
    text: str
    value: float | None  # None: a vague figure, matched on its words
    bound: str
    low: float | None = None
    high: float | None = None


@dataclass
class GoldFile:
    path: Path
    name: str
    article: Path
    lang: str | None
    claims: list[GoldClaim]
    quantities: list[GoldQuantity] | None  # None: this key does not annotate figures
    extra: dict[str, Any] = field(default_factory=dict)


def _strings(value: Any, what: str, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(s, str) and s.strip() for s in items):
        raise InputError(f"{where}: '{what}' must be a string or a list of strings")
    return tuple(items)


def load_gold(path: Path) -> GoldFile:
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("input"), str):
        raise InputError(f"{where}: not a gold file (no 'input' naming the article)")
    if not isinstance(data.get("claims"), list):
        raise InputError(f"{where}: not a gold file (no 'claims' list)")
    claims = []
    for n, raw in enumerate(data["claims"], 1):
        at = f"{where}: claim {n}"
        if not isinstance(raw, dict) or not isinstance(raw.get("sent"), str) or not raw["sent"].strip():
            raise InputError(f"{at}: needs a 'sent' snippet")
        status = _strings(raw.get("status"), "status", at)
        for s in status or ():
            if s not in STATUSES:
                raise InputError(f"{at}: unknown status '{s}' (one of {', '.join(STATUSES)})")
        cue = raw.get("cue")
        claims.append(
            GoldClaim(
                sent=raw["sent"],
                source=_strings(raw.get("source"), "source", at),
                cue=cue if isinstance(cue, str) else None,
                status=status,
            )
        )
    quantities: list[GoldQuantity] | None = None
    if "quantities" in data:
        quantities = []
        for n, raw in enumerate(data["quantities"] or [], 1):
            at = f"{where}: quantity {n}"
            if not isinstance(raw, dict) or not isinstance(raw.get("bound"), str):
                raise InputError(f"{at}: needs a 'bound'")
            value = raw.get("value")
            if value is not None and not isinstance(value, int | float):
                raise InputError(f"{at}: 'value' must be a number or null")
            quantities.append(
                GoldQuantity(
                    text=str(raw.get("text") or ""),
                    value=value,
                    bound=raw["bound"],
                    low=raw.get("low"),
                    high=raw.get("high"),
                )
            )
    known = {"input", "claims", "quantities", "lang"}
    return GoldFile(
        path=path,
        name=path.stem,
        article=(path.parent / data["input"]).resolve(),
        lang=data.get("lang") if isinstance(data.get("lang"), str) else None,
        claims=claims,
        quantities=quantities,
        extra={k: v for k, v in data.items() if k not in known},
    )


def gold_paths(targets: list[str]) -> list[Path]:
    """Gold files named directly, or every *.json in a named directory (sorted, so runs compare)."""
    paths: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                raise InputError(f"{target}: no gold files (*.json) in this directory")
            paths.extend(found)
        elif path.is_file():
            paths.append(path)
        else:
            raise InputError(f"{target}: no such file or directory")
    return paths
