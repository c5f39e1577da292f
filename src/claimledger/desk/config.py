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


def _scale(entries: Any, origin: str) -> Scale:
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{origin}: [[ratings]] must list at least one rating")
    out = []
    for e in entries:
        try:
            rating = Rating(
                id=str(e["id"]).strip(), label=" ".join(str(e["label"]).split()), value=int(e["value"])
            )
        except (KeyError, TypeError, ValueError):
            raise InputError(f"{origin}: each rating needs id, label and an integer value") from None
        if not rating.id or not rating.label:
            raise InputError(f"{origin}: a rating's id and label must not be blank")
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
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{file}: cannot read the config ({exc})") from None
    publisher = data.get("publisher", {})
    if not isinstance(publisher, dict):
        raise InputError(f"{file}: [publisher] must be a table")
    scale = _scale(data["ratings"], str(file)) if "ratings" in data else default_scale()
    return DeskConfig(scale=scale, publisher=_name(publisher, file), publisher_url=_url(publisher, file))


def _name(publisher: dict[str, Any], file: Path) -> str | None:
    """The publisher's name on one line; a name given blank is an error, not an anonymous desk."""
    if "name" not in publisher:
        return None
    name = " ".join(str(publisher["name"]).split())
    if not name:
        raise InputError(f"{file}: [publisher] name is blank")
    return name


def _url(publisher: dict[str, Any], file: Path) -> str | None:
    if "url" not in publisher or not str(publisher["url"]).strip():
        return None
    url = safe_link(str(publisher["url"]))
    if url is None:
        raise InputError(f"{file}: [publisher] url must be an http(s) URL")
    return url
