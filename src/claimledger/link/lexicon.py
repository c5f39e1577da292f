"""What linking knows of a language (`data/<lang>/linking.toml`): classes of words that name one
thing or one event, so "3 000 militaires déployés" and "10 000 soldats envoyés" are one question."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..lexicon import fold


@dataclass(frozen=True)
class LinkLexicon:
    things: dict[str, str] = field(default_factory=dict)  # word -> class name
    events: dict[str, str] = field(default_factory=dict)
    stemmer: str | None = None  # Snowball algorithm name
    frequencies: str | None = None  # wordfreq language code
    max_zipf: float = 5.5
    months: tuple[str, ...] = ()  # in calendar order, lowercase
    weekdays: frozenset[str] = frozenset()  # and the words for a recent day ("hier")
    ordinals: tuple[str, ...] = ()  # a day's suffixes ("1er", "4th")
    capitalised: bool = False  # month names are written capitalised ("May", not "may")

    def thing(self, word: str | None) -> str | None:
        if not word:
            return None
        w = fold(word)
        return self.things.get(w, w)

    def event(self, word: str | None) -> str | None:
        if not word:
            return None
        w = fold(word)
        return self.events.get(w, w)


def _classes(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, words in table.items():
        for w in [name, *words]:
            out.setdefault(fold(w), fold(name))
    return out


@cache
def link_lexicon(lang: str) -> LinkLexicon:
    """The language's classes; a language without the file links on exact words only."""
    path = resources.files("claimledger") / "data" / lang / "linking.toml"
    if not path.is_file():
        return LinkLexicon()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = data.get("terms", {})
    time = data.get("time", {})
    return LinkLexicon(
        things=_classes(data.get("things", {})),
        events=_classes(data.get("events", {})),
        stemmer=terms.get("stemmer"),
        frequencies=terms.get("frequencies"),
        max_zipf=float(terms.get("max_zipf", 5.5)),
        months=tuple(m.lower() for m in time.get("months", [])),
        weekdays=frozenset(w.lower() for w in time.get("weekdays", [])),
        ordinals=tuple(time.get("ordinals", [])),
        capitalised=bool(time.get("capitalised", False)),
    )
