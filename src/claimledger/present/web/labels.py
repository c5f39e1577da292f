"""The words a page shows for the machine values of the ledger, in the page's language.

The ledger and the JSON API say "alleged", "person", "mixed", "at_least": values for programs. A
page says what they mean to a reader, in the reader's language. The status words are the briefs'
own (data/<lang>/brief.toml, the words the CLI's briefs use too), so a status reads the same on a
page and in a brief; every other word is a catalog entry (marked N_ here, translated per page).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import get_args

from ...desk.config import Rating, default_scale
from ...lexicon import brief_words
from ...model import Status
from .i18n import N_, translations

STATUSES: tuple[str, ...] = get_args(Status)  # in the order a legend lists them
STATUS_SYMBOLS = {"stated": "●", "confirmed": "✓", "alleged": "?", "speculative": "~", "denied": "✗"}

STATUS_MEANINGS = {
    "stated": N_("presented as a fact, by the article or by the source it quotes"),
    "confirmed": N_("explicitly confirmed, or backed by evidence, by the source it quotes"),
    "alleged": N_("reported without the author vouching for it (conditional, “alleged”, rumour)"),
    "speculative": N_("possible, planned or hypothetical (“could”, “may”)"),
    "denied": N_("rejected or refuted by the source it quotes"),
}

# model.SourceKind: who a claim's source is
SOURCE_KINDS = {
    "person": N_("person"),
    "organization": N_("organisation"),
    "country": N_("country"),
    "group": N_("group"),
    "document": N_("document"),
    "anonymous": N_("anonymous source"),
    "vague": N_("unnamed source"),
}

# model.QuoteKind: how the claim gives the source's words
QUOTES = {
    "direct": N_("direct quote"),
    "indirect": N_("reported speech"),
    "mixed": N_("partly quoted"),
    "none": N_("not quoted"),
}

# model.MarkerKind: the words that set a claim's status
MARKERS = {
    "conditional": N_("conditional"),
    "modal": N_("modal"),
    "hedge": N_("hedge"),
    "negation": N_("negation"),
    "denial": N_("denial"),
    "confirmation": N_("confirmation"),
    "attribution": N_("attribution"),
}

# model.Bound: how sure a figure is
BOUNDS = {
    "exact": N_("exactly"),
    "about": N_("about"),
    "at_least": N_("at least"),
    "more_than": N_("more than"),
    "up_to": N_("up to"),
    "less_than": N_("less than"),
    "range": N_("between"),
    "vague": N_("no number"),
}

# the default rating scale (data/ratings.toml); a desk's own scale keeps its own words
RATINGS = {
    "true": N_("True"),
    "mostly-true": N_("Mostly true"),
    "half-true": N_("Half true"),
    "mostly-false": N_("Mostly false"),
    "false": N_("False"),
    "misleading": N_("Misleading"),
    "unverifiable": N_("Unverifiable"),
}


class Words(dict[str, str]):
    """A value's word; a value this version has no word for (a ledger written by another version)
    is shown as it is rather than failing the page."""

    def __missing__(self, key: str) -> str:
        return key


@dataclass(frozen=True)
class Labels:
    lang: str
    status: Words
    meaning: Words
    kind: Words
    quote: Words
    marker: Words
    bound: Words
    ratings: Words  # the page's word for each rating of the default scale, by id

    def rating(self, rating: Rating | None, stored: str = "") -> str:
        """A verdict's rating in words: the default scale's in the page's language; a desk's own
        label (claimledger.toml) as the desk wrote it; a rating no longer on the scale by its id."""
        if rating is None:
            return stored
        if _DEFAULT_LABELS.get(rating.id) == rating.label:
            return self.ratings[rating.id]
        return rating.label


_DEFAULT_LABELS = {r.id: r.label for r in default_scale().ratings}


@cache
def labels(lang: str) -> Labels:
    """The words of one of i18n.LANGUAGES (built once per language)."""
    say = translations(lang).gettext

    def words(table: dict[str, str]) -> Words:
        return Words({value: say(message) for value, message in table.items()})

    return Labels(
        lang=lang,
        status=Words(brief_words(lang).status_words),
        meaning=words(STATUS_MEANINGS),
        kind=words(SOURCE_KINDS),
        quote=words(QUOTES),
        marker=words(MARKERS),
        bound=words(BOUNDS),
        ratings=words({k: v for k, v in RATINGS.items() if k in _DEFAULT_LABELS}),
    )
