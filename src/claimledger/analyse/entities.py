"""One entity per real-world thing, from spaCy NER plus the language's gazetteer.

"la Corée du Nord", "nord-coréens" and "Pyongyang" (as an actor) are one country; "Poutine"
is "Vladimir Poutine"; ALL-CAPS subheads are not names. Ids are stable across articles
("country:KP", "person:vladimir-poutine") so the ledger can join on them.

One person, one id: "Donald J. Trump", "Donald Trump's", "Mr. Trump" and "Trump" in one article
are person:donald-trump (initials, titles and possessives are not the name; a surname alone is
the article's person with that surname, the one named most so far when there are several; a first name
alone the one person of the article with that first name), and a surname the NER took for an
organisation ("Trump" as ORG) is that person. Across articles, `person_id_map` gives the
ledger's one id for a surname alone ("person:obama" -> "person:barack-obama" when the ledger
knows one Obama) and for a full name with a middle name. The words (titles, particles,
suffixes, first names) are data: `[identity]` in sources.toml, `[first_names]` in gazetteer.toml.
Nothing here depends on set or hash order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicon import Lexicon, Place, available_languages, fold, load_data
from ..model import Entity, EntityType
from ..model import Span as Mention
from ..slugs import invisible, slug
from .state import DocState, state, text_of

_STRIP_START = {"DET", "ADP", "PUNCT"}
# parts of speech that end a name the NER ran on into a headline ("Obama Says He Will")
_NOT_IN_NAMES = {"VERB", "AUX", "SCONJ", "CCONJ", "PART", "ADP", "DET", "PRON", "ADV", "NUM"}


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and (" " in text or len(letters) > 5)


class EntityLinker:
    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lex = lexicon
        self.words = identity_words(lexicon.lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.places: dict[str, tuple[Place, str]] = {}
        for place in lexicon.places:
            for role, names in (("name", place.names), ("demonym", place.demonyms), ("seat", place.seats)):
                if not names:
                    continue
                key = f"{place.code}|{role}"
                self.places[key] = (place, role)
                self.matcher.add(key, [nlp.make_doc(n) for n in names])

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        entities: dict[str, Entity] = {}
        taken: set[int] = set()

        def add(eid: str, name: str, etype: EntityType, start: int, end: int) -> None:
            if st.inside_skipped(start, end):
                return  # a name in a "read also" link is not this article's
            name = "".join(c for c in name if not invisible(c))  # shown as it reads
            if eid.endswith(":") or not any(c.isalnum() for c in name):
                return  # no letter or digit to name it by (a zero-width space, "·"): no entity
            ent = entities.get(eid)
            if ent is None:
                ent = entities[eid] = Entity(id=eid, name=name, type=etype)
            ent.mentions.append(Mention(text=text_of(doc)[start:end], start=start, end=end))
            taken.update(range(start, end))

        matches = self.matcher(doc, as_spans=True)
        # a name the NER reads as part of a longer organisation ("Aéroports de Paris",
        # "Banque de France") belongs to that organisation, not to the gazetteer's country
        orgs = [e for e in doc.ents if e.label_ == "ORG" and len(e) > 1]
        found = sorted(spacy_filter(matches), key=lambda s: s.start)
        for span in found:
            place, role = self.places[span.label_]
            if _is_shouting(span.text) and len(span.text) > 5:
                continue
            if _in_compound(span, found):
                continue  # "Météo-France", "Agence France-Presse": a name that holds a country's
            if role != "demonym" and any(
                o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in orgs
            ):
                continue
            prefix = "country" if place.type == "country" else "org"
            if role == "seat" and self._used_as_place(doc, span):
                add(f"place:{slug(span.text)}", span.text, "place", span.start_char, span.end_char)
            else:
                add(f"{prefix}:{place.code}", place.name, place.type, span.start_char, span.end_char)  # type: ignore[arg-type]

        # people: NER names cleaned of titles, possessives and headline words; names after a title
        # ("Mr. Obama", "M. Valls") whatever the NER said; then an organisation or place that is
        # the surname of a person of the article ("Trump" read as ORG) is that person
        titled = self._titled(doc)
        people: list[Span] = []
        others: list[tuple[EntityType, Span]] = []
        for ent in doc.ents:
            etype = cast(EntityType | None, self.lex.ner_types.get(ent.label_))
            if etype is None:
                continue
            trimmed = _trim(ent)
            if trimmed is None or _is_shouting(trimmed.text):
                continue
            if any(c in taken for c in range(trimmed.start_char, trimmed.end_char)):
                continue
            if etype == "person":
                cleaned = self._person_span(trimmed)
                if cleaned is not None:
                    people.append(cleaned)
            elif not any(_overlap(trimmed, t) for t in titled):
                others.append((etype, trimmed))
        for span in titled:
            if not any(_overlap(span, p) for p in people) and not any(
                c in taken for c in range(span.start_char, span.end_char)
            ):
                people.append(span)
        full_keys = [k for k in (name_key(p.text, self.words) for p in people) if is_full(k, self.words)]
        surnames = {surname_of(k, self.words) for k in full_keys} | set(full_keys)
        for etype, span in others:
            if etype in ("organization", "place") and name_key(span.text, self.words) in surnames:
                people.append(span)
                continue
            if etype == "place":
                named = self._place_name(span)
                if named is None:
                    continue
                span = named
            name = " ".join(span.text.split())
            prefix = "org" if etype == "organization" else "place"
            add(f"{prefix}:{slug(name)}", name, etype, span.start_char, span.end_char)

        said = [
            Said(
                p.start_char,
                p.end_char,
                " ".join(p.text.split()),
                name_key(p.text, self.words),
                self._title_before(p),
            )
            for p in sorted(people, key=lambda p: p.start_char)
        ]
        for mention, eid, name in person_ids([s for s in said if s.key], self.words):
            add(eid, name, "person", mention.start, mention.end)

        for entity in entities.values():
            entity.mentions.sort(key=lambda m: m.start)
        st.entities = sorted(entities.values(), key=lambda e: e.mentions[0].start)
        _index(st)
        return doc

    def _person_span(self, span: Span) -> Span | None:
        """A person's name without what the NER took along: a title before it ("M. Valls"), a
        possessive after it ("Trump's"), the words of a headline after it ("Obama Says")."""
        doc = span.doc
        start, end = span.start, span.end
        breaks = [t.i for t in span if t.is_space and "\n" in t.text]
        if breaks:
            start = breaks[-1] + 1  # "Titre\n\nJeanne": the name opens the paragraph, not the heading
        while start < end - 1 and self.words.is_title(doc[start].text):
            start += 1
        for j in range(start + 1, end):
            tok = doc[j]
            if tok.pos_ in _NOT_IN_NAMES and plain(tok.text) not in self.words.particles:
                end = j
                break
        while end > start and (doc[end - 1].pos_ == "PUNCT" or plain(doc[end - 1].text) in ("'s", "'")):
            end -= 1
        if start >= end:
            return None
        out = doc[start:end]
        return out if name_key(out.text, self.words) else None

    def _titled(self, doc: Doc) -> list[Span]:
        """Names written after a personal title ("Mr. Obama", "Mme Dati"): people, whatever the
        NER made of them (often an organisation, or nothing)."""
        out: list[Span] = []
        for tok in doc:
            if not (tok.text[:1].isupper() and self.words.is_title(tok.text)):
                continue
            if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].text[:1].isupper():
                continue  # "Joshua M. Zarka": a middle initial, not a title
            j = end = tok.i + 1
            while j < len(doc):
                t = doc[j]
                if (
                    t.text[:1].isupper()
                    and any(c.isalpha() for c in t.text)
                    and not self.words.is_title(t.text)
                ):
                    j += 1
                    end = j
                elif t.text == "-" or (
                    plain(t.text) in self.words.particles
                    and j + 1 < len(doc)
                    and doc[j + 1].text[:1].isupper()
                ):
                    j += 1
                else:
                    break
            if end > tok.i + 1:
                span = self._person_span(doc[tok.i + 1 : end])
                if span is not None:
                    out.append(span)
        return out

    def _title_before(self, span: Span) -> str | None:
        if span.start == 0:
            return None
        return self.words.title_gender(span.doc[span.start - 1].text)

    def _place_name(self, span: Span) -> Span | None:
        """The place a kind of place names: "département du Morbihan" and "région Bretagne" are
        the Morbihan and Bretagne, one id with "le Morbihan" (the kinds are the language's
        `place_heads`). The kind stays when no name follows it ("État islamique"); a kind alone
        ("l'État", "la ville de" cut off from its name) names no place."""
        doc = span.doc
        if all(fold(t.text) in self.lex.place_heads or t.pos_ in _STRIP_START for t in span):
            return None
        start = span.start
        while start < span.end - 1 and fold(doc[start].text) in self.lex.place_heads:
            after = start + 1
            while after < span.end - 1 and doc[after].pos_ in _STRIP_START:
                after += 1
            if after == start + 1 and not doc[after].text[:1].isupper():
                break
            if doc[after].pos_ in _STRIP_START:
                break
            start = after
        return doc[start : span.end]

    def _used_as_place(self, doc: Doc, span: Span) -> bool:
        """'à Moscou' is a place; 'Moscou a démenti', 'les militaires de Pyongyang' are actors
        (the language's `place_prepositions`)."""
        if span.start == 0:
            return False
        prev = doc[span.start - 1]
        return fold(prev.text) in self.lex.place_prepositions


def _in_compound(span: Span, names: list[Span]) -> bool:
    """A name joined by a hyphen to a word that is no name of its own ("Météo-France",
    "France-Presse") is part of a longer name; two names joined ("Russie-Ukraine") are both."""
    doc = span.doc
    left = span.start >= 2 and doc[span.start - 1].text == "-" and not doc[span.start - 2].whitespace_
    left = left and not doc[span.start - 1].whitespace_
    right = span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_
    right = right and not doc[span.end].whitespace_
    if left and not any(n.end == span.start - 1 for n in names):
        return True
    return right and not any(n.start == span.end + 1 for n in names)


def _overlap(a: Span, b: Span) -> bool:
    return a.start_char < b.end_char and b.start_char < a.end_char


def spacy_filter(spans: list[Span]) -> list[Span]:
    return list(filter_spans(spans))


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].pos_ in _STRIP_START or span.doc[start].text in ("l'", "l’", "d'", "d’")
    ):
        start += 1
    while end > start and (span.doc[end - 1].pos_ == "PUNCT" or span.doc[end - 1].is_space):
        end -= 1  # "Rennes\n\n": the line break the recogniser took along is no part of the name
    if start >= end:
        return None
    return span.doc[start:end]


def _index(st: DocState) -> None:
    st.mention_index = {m.start: (e.id, m.end) for e in st.entities for m in e.mentions}


# -- names of people ---------------------------------------------------------------------------

_INITIAL = re.compile(r"^[A-ZÀ-Ý](\.|\.[A-ZÀ-Ý]\.?)?$")
_QUOTES = "\"“”«»‘’'"


def plain(text: str) -> str:
    """Lowercase, without accents and invisible characters (a zero-width joiner, a soft hyphen),
    typographic apostrophes folded: how names are compared."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c) and not invisible(c)).lower()


@dataclass(frozen=True)
class IdentityWords:
    """The language's words about people (`[identity]` in sources.toml, `[first_names]`)."""

    lang: str
    pronoun_gender: dict[str, str]
    first_person: frozenset[str]
    titles: dict[str, str]  # folded title -> gender ("" when it tells none)
    suffixes: frozenset[str]
    particles: frozenset[str]
    gendered_roles: dict[str, str]
    first_names: dict[str, str]  # plain first name -> gender

    def title_gender(self, word: str) -> str | None:
        return self.titles.get(word.lower().replace("’", "'")) or None

    def is_title(self, word: str) -> bool:
        return word.lower().replace("’", "'") in self.titles

    def first_name_gender(self, word: str) -> str | None:
        return self.first_names.get(plain(word))


def _first_names(lang: str) -> dict[str, str]:
    table = load_data(lang, "gazetteer").get("first_names", {})
    out: dict[str, str] = {}
    for gender, key in (("Masc", "masculine"), ("Fem", "feminine")):
        for name in table.get(key, []):
            out[plain(name)] = gender
    return out


@cache
def identity_words(lang: str) -> IdentityWords:
    data = load_data(lang, "sources").get("identity", {})
    # names cross languages ("Hillary" in a French article): this language's list decides first,
    # then the other languages' lists, a name they disagree on telling nothing
    others: dict[str, str | None] = {}
    for other in available_languages():
        if other != lang:
            for name, gender in _first_names(other).items():
                others[name] = gender if others.get(name, gender) == gender else None
    names = {n: g for n, g in others.items() if g is not None}
    names.update(_first_names(lang))
    return IdentityWords(
        lang=lang,
        pronoun_gender={k.lower(): v for k, v in data.get("pronoun_gender", {}).items()},
        first_person=frozenset(fold(w) for w in data.get("first_person", [])),
        titles={fold(k): v for k, v in data.get("titles", {}).items()},
        suffixes=frozenset(plain(w).rstrip(".") for w in data.get("name_suffixes", [])),
        particles=frozenset(plain(w) for w in data.get("name_particles", [])),
        gendered_roles={plain(k): v for k, v in data.get("gendered_roles", {}).items() if v},
        first_names=names,
    )


@cache
def all_identity_words() -> IdentityWords:
    """Every language's words about names at once, for ids that come from several languages."""
    each = [identity_words(lang) for lang in available_languages()]
    return IdentityWords(
        lang="*",
        pronoun_gender={},
        first_person=frozenset(),
        titles={k: "" for w in each for k in w.titles},
        suffixes=frozenset(x for w in each for x in w.suffixes),
        particles=frozenset(x for w in each for x in w.particles),
        gendered_roles={},
        first_names={},
    )


def name_key(text: str, words: IdentityWords) -> tuple[str, ...]:
    """The words that make a person's name, compared without case or accents: titles, initials,
    a nickname in quotation marks and a possessive left out. "Donald J. Trump's" -> (donald,
    trump); 'Robert C. "Bobby" Scott' -> (robert, scott); "M. Valls" -> (valls,)."""
    text = re.sub(r"[\"“«‘][^\"”»’]*[\"”»’]", " ", text.replace("’", "'"))
    text = re.sub(r"[\"“«‘][^\"”»’]*$", " ", text)  # a nickname the NER cut in the middle
    # a word is a name's word only with a letter or digit in it ("·", a zero-width space are not)
    raw = [w for w in text.split() if any(c.isalnum() for c in w)]
    out: list[str] = []
    for n, w in enumerate(raw):
        if not out and n < len(raw) - 1 and words.is_title(w):
            continue
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip(_QUOTES + ",;:()")
        if w and not _INITIAL.match(w):
            out.append(plain(w).rstrip("."))
    return tuple(w for w in out if any(c.isalnum() for c in w))


def split_suffix(key: tuple[str, ...], words: IdentityWords) -> tuple[tuple[str, ...], str | None]:
    """("donald", "trump", "jr") -> (("donald", "trump"), "jr")."""
    if len(key) > 1 and key[-1] in words.suffixes:
        return key[:-1], key[-1]
    return key, None


def is_full(key: tuple[str, ...], words: IdentityWords) -> bool:
    """A first name and a surname ("barack obama"), not a surname alone ("le pen", "obama")."""
    base, _ = split_suffix(key, words)
    return len(base) >= 2 and base[0] not in words.particles


def surname_of(key: tuple[str, ...], words: IdentityWords) -> tuple[str, ...]:
    """The family name: the last word with the particles before it ("le pen", "del toro")."""
    base, _ = split_suffix(key, words)
    start = len(base) - 1
    while start > 1 and base[start - 1] in words.particles:
        start -= 1
    return base[max(start, 0) :]


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def same_full_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: same first and last word, one's words inside the other's
    ("hillary clinton" / "hillary rodham clinton"; "donald trump" is not "donald trump jr")."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    return _subsequence(a, b) or _subsequence(b, a)


@dataclass(frozen=True)
class Said:
    """A person's name as one mention writes it."""

    start: int
    end: int
    written: str
    key: tuple[str, ...]
    title_gender: str | None = None  # "Mrs." before it


def person_ids(said: list[Said], words: IdentityWords) -> list[tuple[Said, str, str]]:
    """Each mention of a person with its id and the person's name, one id per person of the
    article: full names that are one name ("Donald J. Trump", "Donald Trump") share an id made
    from the fullest; a surname alone goes to the full name with that surname (the one named
    most so far if several, a title's gender agreeing), a first name alone to the one full
    name with that first name; anything else keeps its own. Mentions in text order."""
    groups: list[list[Said]] = []
    keys: list[list[tuple[str, ...]]] = []
    fulls = [s for s in said if is_full(s.key, words)]
    order = sorted({s.key for s in fulls}, key=lambda k: (-len(k), min(s.start for s in fulls if s.key == k)))
    group_of: dict[tuple[str, ...], int] = {}
    for key in order:
        hits = [g for g, ks in enumerate(keys) if any(same_full_name(key, k) for k in ks)]
        if len(hits) == 1:
            group_of[key] = hits[0]
            keys[hits[0]].append(key)
        else:
            group_of[key] = len(groups)
            groups.append([])
            keys.append([key])
    for s in fulls:
        groups[group_of[s.key]].append(s)

    def gender(g: int) -> str | None:
        told = [s.title_gender for s in groups[g] if s.title_gender]
        if told:
            return told[0]
        return words.first_name_gender(keys[g][0][0])

    short_groups: dict[tuple[str, ...], int] = {}
    for s in said:
        if is_full(s.key, words):
            continue
        full_keys = [(g, k) for g, ks in enumerate(keys) for k in ks if is_full(k, words)]
        cands = sorted({g for g, k in full_keys if surname_of(k, words) == s.key})
        if not cands and len(s.key) == 1:
            firsts = sorted({g for g, k in full_keys if k[0] == s.key[0]})
            cands = firsts if len(firsts) == 1 else []
        told = s.title_gender
        cands = [g for g in cands if not (told and gender(g) and gender(g) != told)]
        if cands:
            chosen = _nearest(cands, groups, s.start)
        else:
            if s.key not in short_groups:
                short_groups[s.key] = len(groups)
                groups.append([])
                keys.append([s.key])
            chosen = short_groups[s.key]
        groups[chosen].append(s)
    out: list[tuple[Said, str, str]] = []
    for g, members in enumerate(groups):
        first_seen = {m: n for n, m in enumerate(members)}
        fullest = max(keys[g], key=len)
        written = max(members, key=lambda m: (len(m.written.split()), -first_seen[m])).written
        name = slug(" ".join(fullest))
        if not name:
            continue  # letters with no slug ("ß" alone): no id to give, so no person
        out.extend((m, f"person:{name}", written) for m in members)
    return sorted(out, key=lambda item: (item[0].start, item[0].end))


def _nearest(cands: list[int], groups: list[list[Said]], at: int) -> int:
    """Of several people with one surname, the one the article has named most so far (its
    protagonist: "Ted Cruz… his wife, Heidi Cruz… Cruz said"), then the one named last; when none
    is named yet, the one named first after."""
    before = [
        (sum(m.start < at for m in groups[g]), max(m.start for m in groups[g] if m.start < at), g)
        for g in cands
        if min_start(groups[g]) < at
    ]
    if before:
        return max(before)[2]
    return min((min_start(groups[g]), g) for g in cands)[1]


def min_start(members: list[Said]) -> int:
    return min(m.start for m in members)


def person_id_map(people: Iterable[tuple[str, str]], orgs: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Ledger-wide merge of ids: (id, name) pairs of the `person:` entities (and optionally the
    `org:` entities) of many articles -> the id each should be stored under (only ids that change
    are listed):

    - a full name with a middle name joins the same first and last name ("Hillary Rodham
      Clinton" -> person:hillary-clinton) when exactly one such shorter name is known;
    - a surname alone ("person:obama", from an article that never gives the first name) joins the
      one full-named person of the ledger with that surname, when there is exactly one;
    - a first name alone joins nobody across articles (too common);
    - an organisation named like a person is that person: a full name ("org:bernie-sanders"), or
      a person's surname ("org:trump": the one person with it, else person:trump).

    The result depends on the set of pairs, not on their order; names are read with every
    language's titles, particles and suffixes (a ledger mixes languages)."""
    words = all_identity_words()
    keys: dict[str, tuple[str, ...]] = {}
    for eid, name in sorted(set(people)):
        key = name_key(name, words)
        if eid.startswith("person:") and key and (eid not in keys or len(key) > len(keys[eid])):
            keys[eid] = key
    full = {eid: k for eid, k in keys.items() if is_full(k, words)}
    out: dict[str, str] = {}
    for eid, key in sorted(full.items()):
        shorter = sorted(
            (len(k), other) for other, k in full.items() if len(k) < len(key) and same_full_name(k, key)
        )
        if len(shorter) == 1 or (len(shorter) > 1 and shorter[0][0] < shorter[1][0]):
            out[eid] = shorter[0][1]
    by_surname: dict[tuple[str, ...], list[str]] = {}
    by_name: dict[tuple[str, ...], str] = {}
    for eid in sorted({out.get(e, e) for e in full}):
        by_surname.setdefault(surname_of(full[eid], words), []).append(eid)
        by_name.setdefault(full[eid], eid)
    for eid, key in sorted(keys.items()):
        owners = by_surname.get(key, [])
        if eid not in full and len(owners) == 1:
            out[eid] = owners[0]
    for eid, name in sorted(set(orgs)):
        key = name_key(name, words)
        if not eid.startswith("org:") or not key:
            continue
        if key in by_name:
            out[eid] = out.get(by_name[key], by_name[key])
        elif key in by_surname:
            owners = by_surname[key]
            if len(owners) == 1:
                out[eid] = owners[0]
            elif named := slug(" ".join(key)):
                out[eid] = f"person:{named}"
    return out
