"""Which language a page speaks, and the catalog of its words.

The pages are in French or in English, one language per screen: a fact-checker reading an English
page must not meet a French word of the interface (nor the reverse), while the articles and claims
stay in their own language, never translated. The language of a request is, in this order:

1. an explicit switch, `?lang=fr` or `?lang=en` (the header's FR | EN links), which the answer
   remembers in the `lang` cookie, so that the next page keeps it;
2. that cookie;
3. the server's default (`claimledger serve --lang en`), for a desk that works in one language
   whatever the browsers say;
4. the browser's Accept-Language, by its q-values;
5. French, the project's first language.

The catalogs are the gettext .po files shipped in the package (locales/<lang>/LC_MESSAGES/), read
once and compiled in memory: there is no compiled .mo file in the repository to forget to rebuild,
so what the pages say is always what the .po files say.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES: tuple[str, ...] = ("fr", "en")
FALLBACK = "fr"
COOKIE = "lang"  # the cookie that keeps a switch, named like the query parameter that sets it
PARAM = "lang"
DOMAIN = "messages"
COOKIE_AGE = 365 * 24 * 3600  # a desk's choice holds for a year
MAX_RANGES = 32  # an Accept-Language header is read up to this many ranges: bounded work


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined (a table of machine values, an error
    raised deep in a route); it is translated where it is shown, in the page's language."""
    return message


def catalog_path(lang: str) -> str:
    """Where a language's .po file sits in the package (`pybabel update -d` writes it there)."""
    return f"locales/{lang}/LC_MESSAGES/{DOMAIN}.po"


@cache
def translations(lang: str) -> Translations:
    """The catalog of one of LANGUAGES, from its .po file: fuzzy entries are left out (they are a
    translator's guess, not a translation), as msgfmt leaves them out."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalog for {lang!r} (one of {', '.join(LANGUAGES)})")
    source = resources.files("claimledger.present.web").joinpath(catalog_path(lang))
    with source.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _ranges(header: str) -> list[tuple[float, int, str]]:
    """(q, -position, range) of each language range of an Accept-Language value (RFC 9110
    12.5.4); a range with an unreadable q is dropped, as a browser never sends one."""
    out = []
    for position, item in enumerate(header.split(",")[:MAX_RANGES]):
        tag, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if tag and math.isfinite(q) and 0.0 <= q <= 1.0:
            out.append((q, -position, tag.lower()))
    return out


def from_header(header: str | None) -> str | None:
    """The language of LANGUAGES a browser prefers: 'en-US,en;q=0.9,fr;q=0.8' is en, 'fr-CA' is
    fr, and 'de,en;q=0.5' is en (German is not offered: the next one is). A language with q=0 is
    one the browser refuses; '*' accepts any language not refused. None: no preference we can
    meet."""
    if not header:
        return None
    ranges = _ranges(header)
    refused = {tag.split("-")[0] for q, _, tag in ranges if q == 0.0}
    for q, _, tag in sorted(ranges, reverse=True):
        if q == 0.0:
            break
        if tag == "*":
            return next((lang for lang in (FALLBACK, *LANGUAGES) if lang not in refused), None)
        primary = tag.split("-")[0]
        if primary in LANGUAGES and primary not in refused:
            return primary
    return None


@dataclass(frozen=True)
class Choice:
    lang: str
    remember: bool  # chosen by the switch: the answer sets the cookie


def choose(switch: str | None, cookie: str | None, default: str | None, accept: str | None) -> Choice:
    """The language of one request, from the first of: the switch, the cookie, the server's
    default, the browser's preference, French. A value that is not one of LANGUAGES (a stale or
    forged cookie, `?lang=de`) is passed over, never an error: the page is still shown."""
    if switch in LANGUAGES:
        return Choice(str(switch), True)
    for given in (cookie, default):
        if given in LANGUAGES:
            return Choice(str(given), False)
    return Choice(from_header(accept) or FALLBACK, False)
