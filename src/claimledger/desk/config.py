"""The desk's settings: who publishes the fact-checks and the rating scale they use.

Read from `--config FILE`, else `$CLAIMLEDGER_CONFIG`, else `./claimledger.toml` when present;
the scale defaults to data/ratings.toml. A desk's file looks like:

    [publisher]
    name = "Les Vérificateurs"
    url = "https://verif.example.org"

    [[ratings]]          # optional: replaces the whole default scale
    id = "faux"
    label = "Faux"
    value = 1
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest.urlpolicy import safe_link

CONFIG_FILE = "claimledger.toml"


@dataclass(frozen=True)
class Rating:
    id: str
    label: str
    value: int


@dataclass(frozen=True)
class Scale:
    ratings: tuple[Rating, ...]

    @property
    def best(self) -> int:
        return max(r.value for r in self.ratings)

    @property
    def worst(self) -> int:
        return min(r.value for r in self.ratings)

    def get(self, rating_id: str) -> Rating:
        for r in self.ratings:
            if r.id == rating_id:
                return r
        raise InputError(f"unknown rating '{rating_id}' (one of {', '.join(r.id for r in self.ratings)})")

    def find(self, rating_id: str) -> Rating | None:
        return next((r for r in self.ratings if r.id == rating_id), None)


@dataclass(frozen=True)
class DeskConfig:
    scale: Scale
    publisher: str | None = None
    publisher_url: str | None = None


# What a config may hold. A file is read by people and written by hand: anything else (a key
# misspelt, a table where a value goes, a structure nested a thousand deep) is refused in one line
# that names it, rather than ignored or left to crash deeper in
TOP_KEYS = ("publisher", "ratings")
PUBLISHER_KEYS = ("name", "url")
RATING_KEYS = ("id", "label", "value")
MAX_CONFIG_BYTES = 1_000_000
MAX_RATINGS = 100
RATING_ID = 40  # verdicts.rating is String(40) (store/schema.py): a longer id fails on PostgreSQL
MAX_LABEL = 200
MAX_PUBLISHER = 500
MAX_URL = 2000


def _unexpected(table: dict[str, Any], allowed: tuple[str, ...], where: str, origin: str) -> None:
    for key in table:
        if key not in allowed:
            shown = repr(key) if len(key) <= 40 else repr(key[:40]) + "…"
            raise InputError(f"{origin}: unexpected key {where}{shown} (allowed: {', '.join(allowed)})")


def _text(value: Any, key: str, origin: str, limit: int) -> str:
    """A setting that is text: a TOML string of printable characters, at most `limit` long."""
    if not isinstance(value, str):
        raise InputError(f"{origin}: {key} must be a string")
    if len(value) > limit:
        raise InputError(f"{origin}: {key} is longer than {limit} characters")
    if any(not ch.isprintable() and ch not in " \t" for ch in value):
        raise InputError(f"{origin}: {key} contains a control character")
    return value


def _integer(value: Any, key: str, origin: str) -> int:
    """A whole number: a TOML integer, or a float with no fraction; never a boolean, inf or nan."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{origin}: {key} must be an integer")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise InputError(f"{origin}: {key} must be a finite integer, not {value}")
        return int(value)
    return value


def _scale(entries: Any, origin: str) -> Scale:
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{origin}: [[ratings]] must list at least one rating")
    if len(entries) > MAX_RATINGS:
        raise InputError(f"{origin}: [[ratings]] lists more than {MAX_RATINGS} ratings")
    out = []
    for n, e in enumerate(entries):
        where = f"ratings[{n}]"
        if not isinstance(e, dict) or any(k not in e for k in RATING_KEYS):
            raise InputError(f"{origin}: each rating needs id, label and an integer value ({where})")
        _unexpected(e, RATING_KEYS, f"{where}.", origin)
        rating = Rating(
            id=_text(e["id"], f"{where}.id", origin, RATING_ID).strip(),
            label=" ".join(_text(e["label"], f"{where}.label", origin, MAX_LABEL).split()),
            value=_integer(e["value"], f"{where}.value", origin),
        )
        if not rating.id or not rating.label:
            raise InputError(f"{origin}: a rating's id and label must not be blank ({where})")
        out.append(rating)
    if len({r.id for r in out}) != len(out):
        raise InputError(f"{origin}: two ratings share an id")
    return Scale(tuple(out))


def default_scale() -> Scale:
    with (resources.files("claimledger") / "data" / "ratings.toml").open("rb") as fh:
        return _scale(tomllib.load(fh)["ratings"], "ratings.toml")


def load_config(path: str | None = None) -> DeskConfig:
    """The desk's settings; a file named explicitly must exist and parse (one-line errors)."""
    chosen = path or os.environ.get("CLAIMLEDGER_CONFIG")
    file = Path(chosen) if chosen else Path(CONFIG_FILE)
    if not file.is_file():
        if chosen:
            raise InputError(f"no config file '{chosen}'")
        return DeskConfig(scale=default_scale())
    try:
        if file.stat().st_size > MAX_CONFIG_BYTES:
            raise InputError(f"{file}: a config is at most {MAX_CONFIG_BYTES // 1000} kB")
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{file}: cannot read the config ({exc})") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: thousands deep exhaust
        # the stack; no setting is nested at all
        raise InputError(f"{file}: cannot read the config (nested too deep)") from None
    _unexpected(data, TOP_KEYS, "", str(file))
    publisher = data.get("publisher", {})
    if not isinstance(publisher, dict):
        raise InputError(f"{file}: [publisher] must be a table")
    _unexpected(publisher, PUBLISHER_KEYS, "publisher.", str(file))
    scale = _scale(data["ratings"], str(file)) if "ratings" in data else default_scale()
    return DeskConfig(scale=scale, publisher=_name(publisher, file), publisher_url=_url(publisher, file))


def _name(publisher: dict[str, Any], file: Path) -> str | None:
    """The publisher's name on one line; a name given blank is an error, not an anonymous desk."""
    if "name" not in publisher:
        return None
    name = " ".join(_text(publisher["name"], "publisher.name", str(file), MAX_PUBLISHER).split())
    if not name:
        raise InputError(f"{file}: [publisher] name is blank")
    return name


def _url(publisher: dict[str, Any], file: Path) -> str | None:
    if "url" not in publisher:
        return None
    given = _text(publisher["url"], "publisher.url", str(file), MAX_URL)
    if not given.strip():
        return None
    url = safe_link(given)
    if url is None:
        raise InputError(f"{file}: [publisher] url must be an http(s) URL")
    return url
