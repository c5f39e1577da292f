"""The command line's own words, in French or in English (issue 19).

What `claimledger` prints around the ledger's content (status words, kinds of source, markers,
bounds of figures, headings, the "N of M" of a list) comes from `data/<lang>/cli.toml`; the
status words of a language that gives none there are its briefs' (`data/<lang>/brief.toml`), so
a status reads the same in a brief and in a terminal. The claims, names, titles and cues are the
articles' own words: they are never translated.

The language is `claimledger --lang fr|en`, else the environment's, read as gettext reads it for
messages: the first of LC_ALL, LC_MESSAGES and LANG that is set; `fr…` is French and anything
else (C, POSIX, en_GB, de_DE) English. The error messages stay in English, as the web pages show
them ("the tool's own words, in English"): they are what a bug report or a search quotes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import brief_words, load_data

if TYPE_CHECKING:
    from ..desk.config import Rating

LANGUAGES: tuple[str, ...] = ("fr", "en")
ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")  # the order gettext reads them in for messages


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """fr when the locale the environment sets for messages is French (fr, fr_FR.UTF-8, fr_CA),
    en otherwise (C.UTF-8, POSIX, en_US, de_DE, nothing set)."""
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = env.get(name, "").strip()
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


class Words(dict[str, str]):
    """A machine value's word; a value this version has no word for (a ledger written by another
    version) is printed as it is rather than failing the command."""

    def __missing__(self, key: str) -> str:
        return key


@dataclass(frozen=True)
class CliWords:
    lang: str
    status: Words
    kind: Words
    quote: Words
    marker: Words
    bound: Words
    noun: Words
    ratings: Words  # the default scale's labels, by rating id
    phrases: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        """The phrase `key` with its blanks filled in ({n}, {who}…)."""
        return self.phrases[key].format(**values)

    def number(self, n: int) -> str:
        """A count as the language writes it: 1,027 in English, 1 027 in French (a narrow
        no-break space, as French typography and the web pages write it)."""
        text = f"{n:,}"
        return text.replace(",", "\u202f") if self.lang == "fr" else text

    def rating(self, rating: Rating | None, stored: str = "") -> str:
        """A verdict's rating in words: the default scale's in this language; a desk's own label
        (claimledger.toml) as the desk wrote it; a rating no longer on the scale by its id."""
        if rating is None:
            return stored
        if _default_labels().get(rating.id) == rating.label:
            return self.ratings[rating.id]
        return rating.label

    def statuses(self) -> dict[str, str]:
        """Any language's status word, as the CLI or a brief writes it, or a machine value -> the
        machine value: `claims --status` takes "démenti", "non confirmé" or "unconfirmed" as well
        as "denied" or "alleged"."""
        out = {}
        for lang in LANGUAGES:
            brief = brief_words(lang)
            for table in (brief.labels, brief.status_words, cli_words(lang).status):
                out.update({word.casefold(): value for value, word in table.items()})
        out.update({value: value for value in self.status})
        return out


@cache
def _default_labels() -> dict[str, str]:
    from ..desk.config import default_scale  # read when a rating is printed, not at every start

    return {r.id: r.label for r in default_scale().ratings}


@cache
def cli_words(lang: str) -> CliWords:
    """The words of one of LANGUAGES (read once per language)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no command-line words in {lang!r} (one of {', '.join(LANGUAGES)})")
    data = load_data(lang, "cli")
    return CliWords(
        lang=lang,
        status=Words(data.get("status") or brief_words(lang).status_words),
        kind=Words(data["kind"]),
        quote=Words(data["quote"]),
        marker=Words(data["marker"]),
        bound=Words(data["bound"]),
        noun=Words(data["noun"]),
        ratings=Words(data["rating"]),
        phrases=dict(data["phrases"]),
    )


_chosen: list[str] = []  # the language `claimledger --lang` chose for this run, when it chose one


def use(lang: str | None) -> CliWords:
    """Speak `lang` from now on (None: the environment's language)."""
    _chosen[:] = [lang or from_environment()]
    return cli_words(_chosen[0])


def words() -> CliWords:
    """The words of this run: the chosen language, else the environment's."""
    return cli_words(_chosen[0] if _chosen else from_environment())
