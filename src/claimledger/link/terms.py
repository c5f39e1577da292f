"""What a text is about, as weighted word stems: the lexical profile linking compares.

A word weighs by how rare it is in the language at large (wordfreq's background frequencies,
shipped in its PyPI package), times how often the text uses it: "crue", "Pas-de-Calais",
"Nasdaq" identify an event, "gouvernement" barely, "dire" not at all. Stems (Snowball) make
"inondations" and "inondé" one term. Profiles are unit vectors, so their dot product is a
cosine; an article keeps its TOP strongest terms (the rest changes no decision and costs rows).
Background frequencies are fixed, so a profile never changes as the ledger grows, and a small
ledger links as well as a large one (corpus IDF needs thousands of articles to settle).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import cache

from .lexicon import link_lexicon

TOP = 60
MAX_ZIPF_UNKNOWN = 7.5  # weight of a word = MAX_ZIPF_UNKNOWN - its Zipf frequency
_WORD = re.compile(r"\w+(?:-\w+)*")

Profile = dict[str, float]


@cache
def _stem(lang: str) -> Callable[[str], str]:
    name = link_lexicon(lang).stemmer
    if not name:
        return lambda w: w
    import snowballstemmer

    stemmer = snowballstemmer.stemmer(name)
    stem: Callable[[str], str] = cache(stemmer.stemWord)
    return stem


@cache
def _zipf(lang: str) -> Callable[[str], float]:
    code = link_lexicon(lang).frequencies
    if not code:
        return lambda _w: 0.0
    from wordfreq import zipf_frequency

    return cache(lambda w: float(zipf_frequency(w, code)))


@cache
def _weigher(lang: str) -> Callable[[str], tuple[str, float] | None]:
    """word -> (stem, weight), or None for a word too common to weigh: one cached lookup per
    distinct word, since a ledger repeats its vocabulary endlessly."""
    lex = link_lexicon(lang)
    stem, zipf = _stem(lang), _zipf(lang)

    @cache
    def weigh(word: str) -> tuple[str, float] | None:
        if len(word) < 2 or word.isdigit():
            return None
        z = zipf(word)
        if z >= lex.max_zipf:
            return None
        return stem(word), MAX_ZIPF_UNKNOWN - min(z, 7.0)

    return weigh


def profile(text: str, lang: str, top: int | None = TOP) -> Profile:
    """The text's weighted stems, unit length; `top`: keep only the strongest."""
    weigh = _weigher(lang)
    weights: dict[str, float] = {}
    for word in _WORD.findall(text.lower()):
        found = weigh(word)
        if found is not None:
            key, w = found
            weights[key] = weights.get(key, 0.0) + w
    if top is not None and len(weights) > top:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {k: v / norm for k, v in weights.items()}


def cosine(a: Profile, b: Profile) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


@cache
def _concepts(lang: str) -> dict[str, str]:
    """stem -> its class in the language's linking lexicon ("troup", "militair" -> soldier), for
    the single words of its classes. Classes that share a stem are one: "mort" is both a victim
    (a thing) and a death (an event), so "tué", "décédés" and "la mort de" fold together.
    (Stems of unrelated words may meet: "père" and "périr" both stem to "per".)"""
    lex, stem = link_lexicon(lang), _stem(lang)
    stems: dict[str, set[str]] = {}
    for kind, table in (("thing", lex.things), ("event", lex.events)):
        for word, name in table.items():
            if " " not in word:
                stems.setdefault(f"{kind}:{name}", set()).add(stem(word))
    parent = {c: c for c in stems}

    def root(c: str) -> str:
        while parent[c] != c:
            c = parent[c]
        return c

    owner: dict[str, str] = {}
    for c in sorted(stems):
        for st in sorted(stems[c]):
            if st in owner:
                a, b = sorted((root(owner[st]), root(c)))
                parent[b] = a
            else:
                owner[st] = c
    return {st: "=" + root(c).split(":", 1)[1] for st, c in owner.items()}


def concepts(terms: Iterable[str], lang: str) -> frozenset[str]:
    """A claim's terms with the words of one class folded into it: what two wordings of one
    statement share ("présence militaire" / "envoi de troupes", "a été tué" / "la mort de")."""
    classes = _concepts(lang)
    return frozenset(classes.get(t, t) for t in terms)


def stem_of(word: str, lang: str) -> str | None:
    """The term a word counts as in a profile; None for a word too common to weigh."""
    found = _weigher(lang)(word.lower())
    return found[0] if found else None
