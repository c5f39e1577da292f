"""One entity per real-world thing, from spaCy NER plus the language's gazetteer.

"la Corée du Nord", "nord-coréens" and "Pyongyang" (as an actor) are one country; "Poutine"
is "Vladimir Poutine"; ALL-CAPS subheads are not names. Ids are stable across articles
("country:KP", "person:vladimir-poutine") so the ledger can join on them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicon import Lexicon, Place, fold
from ..model import Entity, EntityType
from ..model import Span as Mention
from .state import DocState, state, text_of

_STRIP_START = {"DET", "ADP", "PUNCT"}


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and (" " in text or len(letters) > 5)


class EntityLinker:
    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lex = lexicon
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
            ent = entities.get(eid)
            if ent is None:
                ent = entities[eid] = Entity(id=eid, name=name, type=etype)
            ent.mentions.append(Mention(text=text_of(doc)[start:end], start=start, end=end))
            taken.update(range(start, end))

        matches = self.matcher(doc, as_spans=True)
        # a name the NER reads as part of a longer organisation ("Aéroports de Paris",
        # "Banque de France") belongs to that organisation, not to the gazetteer's country
        orgs = [e for e in doc.ents if e.label_ == "ORG" and len(e) > 1]
        for span in sorted(spacy_filter(matches), key=lambda s: s.start):
            place, role = self.places[span.label_]
            if _is_shouting(span.text) and len(span.text) > 5:
                continue
            if role != "demonym" and any(
                o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in orgs
            ):
                continue
            prefix = "country" if place.type == "country" else "org"
            if role == "seat" and self._used_as_place(doc, span):
                add(f"place:{slug(span.text)}", span.text, "place", span.start_char, span.end_char)
            else:
                add(f"{prefix}:{place.code}", place.name, place.type, span.start_char, span.end_char)  # type: ignore[arg-type]

        people: list[tuple[str, Span]] = []
        for ent in doc.ents:
            etype = cast(EntityType | None, self.lex.ner_types.get(ent.label_))
            if etype is None:
                continue
            trimmed = _trim(ent)
            if trimmed is None or _is_shouting(trimmed.text):
                continue
            span = trimmed
            if any(c in taken for c in range(span.start_char, span.end_char)):
                continue
            name = " ".join(span.text.split())
            if etype == "person":
                people.append((name, span))
            else:
                prefix = "org" if etype == "organization" else "place"
                add(f"{prefix}:{slug(name)}", name, etype, span.start_char, span.end_char)

        # short names: "Poutine" is the "Vladimir Poutine" of the same article
        full_names = sorted({n for n, _ in people}, key=lambda n: -len(n.split()))
        for name, span in people:
            canonical = name
            for full in full_names:
                if (
                    full != name
                    and full.split()[-1].lower() == name.split()[-1].lower()
                    and len(full.split()) > len(name.split())
                ):
                    canonical = full
                    break
            add(f"person:{slug(canonical)}", canonical, "person", span.start_char, span.end_char)

        for entity in entities.values():
            entity.mentions.sort(key=lambda m: m.start)
        st.entities = sorted(entities.values(), key=lambda e: e.mentions[0].start)
        _index(st)
        return doc

    def _used_as_place(self, doc: Doc, span: Span) -> bool:
        """'à Moscou' is a place; 'Moscou a démenti', 'les militaires de Pyongyang' are actors
        (the language's `place_prepositions`)."""
        if span.start == 0:
            return False
        prev = doc[span.start - 1]
        return fold(prev.text) in self.lex.place_prepositions


def spacy_filter(spans: list[Span]) -> list[Span]:
    return list(filter_spans(spans))


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].pos_ in _STRIP_START or span.doc[start].text in ("l'", "l’", "d'", "d’")
    ):
        start += 1
    while end > start and span.doc[end - 1].pos_ == "PUNCT":
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


def _index(st: DocState) -> None:
    st.mention_index = {m.start: (e.id, m.end) for e in st.entities for m in e.mentions}
