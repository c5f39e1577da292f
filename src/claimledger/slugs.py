"""Slugs: the readable part of an entity or source id ("person:vladimir-poutine", "person:путин").

An id is what the ledger joins on, so one name must give one slug however it is written, and two
names must not give one slug only because their script is not Latin:

- Latin letters lose their accents and are lowercased ("Élisabeth Borne" -> "elisabeth-borne"),
  exactly as ids have been made since the first ledger: no stored Latin id changes. A Latin
  letter with no ASCII base ("ß", "ø", "ł") is still a separator, as it always was, for the same
  reason.
- Letters and digits of every other script are kept, casefolded and without combining marks (the
  same "accents aside" every name comparison makes, entities.plain): "Путин", "金正恩" and
  "محمد بن سلمان" are three people, not one "person:".
- Invisible characters (format characters such as the zero-width joiner, soft hyphen, byte order
  mark, bidi marks, and the other default-ignorable code points) are dropped before anything
  else: "Pou\u200dtine" is "Poutine", not a second person.
- An id fits the ledger's id columns (String(200)): a slug longer than `limit` is cut and ends
  with a short hash of the whole, so two long names stay two ids and the cut is stable.
- A text with no letter or digit at all has the empty slug: callers must not make an id of it.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata

MAX_SLUG = 180  # with the longest entity prefix ("country:") within the id columns, String(200)

# Default-ignorable code points that are not format characters (Cf): they render as nothing
IGNORABLE = frozenset(
    {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0}
    | set(range(0x180B, 0x1810))
    | set(range(0xFE00, 0xFE10))
    | set(range(0xE0100, 0xE01F0))
)


def invisible(ch: str) -> bool:
    """A character that shows nothing: a format character or another default-ignorable one."""
    return unicodedata.category(ch) == "Cf" or ord(ch) in IGNORABLE


def visible(text: str) -> str:
    """The text in NFKC without its invisible characters: how a name is read before it is compared."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not invisible(ch))


# Latin letters and the marks, modifiers and letterlike signs written with them (fullwidth ASCII
# too): they keep the historical rule, decided on the character as written ("µ", the micro sign,
# separates as it always did; "Nʼdjamena" with a modifier apostrophe is "n-djamena")
_LATIN_BLOCKS = (
    (0x0000, 0x036F),
    (0x1D00, 0x1DFF),
    (0x1E00, 0x1EFF),
    (0x2070, 0x209F),
    (0x2100, 0x214F),
    (0x2C60, 0x2C7F),
    (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F),
    (0xFB00, 0xFB06),
    (0xFF01, 0xFF5E),
)


def _latin(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _LATIN_BLOCKS) or unicodedata.name(ch, "").startswith("LATIN ")


def _historical(ch: str) -> str:
    """Accents off, lowercase, anything but [a-z0-9] a separator ("-"): the rule of every id so far."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else "-" for c in base)


def _other_script(ch: str, after_letter: bool) -> str:
    """A character of another script, in its compatibility form (half-width katakana, Arabic
    presentation forms): letters and digits without combining marks, casefolded ("ΤΣΙΠΡΑΣ" and
    "Τσίπρας" alike); a spacing mark (a Devanagari vowel sign) belongs to the letter before it, a
    combining one is dropped; anything else separates."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if invisible(c):
            continue
        if c.isalnum():
            base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
            out.append(base.casefold())
        elif unicodedata.category(c).startswith("M"):
            if unicodedata.combining(c) or not after_letter:
                continue  # a combining mark is an accent (a virama too): off, like Latin accents
            out.append(c)
        else:
            out.append("-")
        after_letter = out[-1] != "-"
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def slug(text: str, limit: int | None = MAX_SLUG) -> str:
    """The slug of a name (see the module's docstring); "" when it has no letter or digit. With
    `limit=None` it is not cut (a caller that cuts it its own way). Memoised: an article names the
    same people many times, and the per-character rules are the analyser's cost, not the name's."""
    out: list[str] = []
    for ch in text:
        if invisible(ch):
            continue
        if _latin(ch):
            piece = _historical(ch)
        else:
            piece = _other_script(ch, bool(out) and out[-1][-1:] not in ("", "-"))
        if piece:
            out.append(piece)
    # one separator between words, none at the ends; NFC joins what a decomposed text split
    # (Hangul jamo written one by one are the syllable)
    result = "-".join(w for w in unicodedata.normalize("NFC", "".join(out)).split("-") if w)
    if limit is not None and len(result) > limit:
        digest = hashlib.sha1(result.encode("utf-8")).hexdigest()[:10]
        result = result[: limit - len(digest) - 1].rstrip("-") + "-" + digest
    return result
