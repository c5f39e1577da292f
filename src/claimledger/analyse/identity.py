"""Who a pronoun or a bare role names: "…, a-t-il ajouté", "l'ambassadeur a précisé", resolved to
the person the article names, so the ledger counts one speaker once.

Rules, not a trained model (coreferee's French model is not on PyPI): a person mention learns the
roles written next to it ("le président turc Recep Tayyip Erdogan", "Karl Haeusgen, le président
de la fédération") and a gender from them or from a title ("Mme", "M."). A pronoun takes the
speaker of the claim before it, else the last person named before it, if the gender agrees; a bare
role takes the last person named with that role (or, failing that, the next one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..lexicon import Lexicon, fold
from ..model import Claim
from .state import DocState
from .tokens import feats, is_finite

_TITLES = {"mme": "Fem", "madame": "Fem", "mlle": "Fem", "m.": "Masc", "monsieur": "Masc"}
_PRONOUN_GENDER = {"il": "Masc", "lui": "Masc", "elle": "Fem"}
PRONOUN_WINDOW = 600  # characters back a pronoun may look for its person


@dataclass
class PersonMention:
    start: int
    entity: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)


def _role_near(doc: Doc, i: int, step: int, lex: Lexicon, limit: int) -> tuple[str, str | None] | None:
    """A role noun next to a name: before it in the same noun phrase, or in an apposition after
    (", le président de la fédération," — not ", le président sortant avait dit", a new subject)."""
    roles = lex.source_nouns.get("role", [])
    j = i + step
    seen = 0
    commas = 0
    while 0 <= j < len(doc) and seen < limit:
        tok = doc[j]
        if tok.pos_ == "NOUN" and fold(tok.lemma_) in roles:
            if step > 0 and _opens_a_clause(doc, j):
                return None
            gender = next(iter(feats(tok, "Gender")), None)
            return fold(tok.lemma_), gender
        if tok.pos_ in ("VERB", "AUX") or tok.text in (".", ";", ":", "«", "»", '"'):
            return None
        if step < 0 and tok.text == ",":
            # "Le maire de Saint-Aubin, Gérard Lenoir": one apposition comma may stand between
            commas += 1
            if commas > 1 or seen > 0:
                return None
        j += step
        seen += 1
    return None


def _opens_a_clause(doc: Doc, j: int) -> bool:
    """After a name and a comma, a role noun phrase followed by a finite verb is a new subject."""
    for tok in doc[j + 1 : min(len(doc), j + 12)]:
        if tok.text in (",", ".", ";", ":"):
            return False
        if is_finite(tok):
            return True
    return False


def person_mentions(doc: Doc, st: DocState, lex: Lexicon) -> list[PersonMention]:
    people = [e for e in st.entities if e.type == "person"]
    out: list[PersonMention] = []
    for e in people:
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            pm = PersonMention(start=m.start, entity=e.id)
            before = doc[span.start - 1] if span.start > 0 else None
            if before is not None and fold(before.text) in _TITLES:
                pm.gender = _TITLES[fold(before.text)]
            left = _role_near(doc, span.start, -1, lex, 7)
            right = (
                _role_near(doc, span.end, 1, lex, 3)
                if span.end < len(doc) and doc[span.end].text == ","
                else None
            )
            for found in (left, right):
                if found is not None:
                    pm.roles.add(found[0])
                    pm.gender = pm.gender or found[1]
            out.append(pm)
    out.sort(key=lambda p: p.start)
    # a person's gender, once known, holds for all their mentions
    genders = {p.entity: p.gender for p in out if p.gender}
    for p in out:
        p.gender = p.gender or genders.get(p.entity)
    return out


def resolve_sources(doc: Doc, st: DocState, lex: Lexicon, claims: list[Claim]) -> None:
    """Set the entity of pronoun and bare-role person sources to the person they refer to."""
    people = person_mentions(doc, st, lex)
    if not people:
        return
    roles = lex.source_nouns.get("role", [])
    previous_person: tuple[str, int] | None = None  # entity, position of the last person speaker
    for claim in claims:
        src = claim.source
        if src is None:
            continue
        word = fold(src.text)
        named = st.entity_in(src.start, src.end, ("person",)) is not None
        epithet = (
            _epithet_gender(doc, src.start, src.end, lex) if not named and src.kind == "person" else None
        )
        if word in _PRONOUN_GENDER and src.kind == "person":
            gender = _PRONOUN_GENDER[word]
            src.entity = _pronoun_antecedent(people, src.start, gender, previous_person)
        elif epithet is not None:
            # "la jeune femme", "le quinquagénaire": a person described, like a pronoun
            src.entity = _pronoun_antecedent(people, src.start, epithet, previous_person)
        elif src.kind == "person" and not named:
            role = _bare_role(src.text, roles)
            if role is not None:
                src.entity = _role_holder(people, role, src.start) or src.entity
        if src.entity and src.entity.startswith("person:"):
            previous_person = (src.entity, src.start)


def _epithet_gender(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    nouns = [t for t in span if t.pos_ == "NOUN"]
    if not nouns or fold(nouns[0].lemma_) not in lex.source_nouns.get("person_epithet", []):
        return None
    return next(iter(feats(nouns[0], "Gender")), None) or "Masc"


def _compatible(p: PersonMention, gender: str) -> bool:
    return p.gender is None or p.gender == gender


def _pronoun_antecedent(
    people: list[PersonMention], at: int, gender: str, previous: tuple[str, int] | None
) -> str | None:
    if previous is not None and at - previous[1] <= PRONOUN_WINDOW:
        holder = [p for p in people if p.entity == previous[0]]
        if holder and _compatible(holder[0], gender):
            return previous[0]
    for p in reversed(people):
        if p.start < at and at - p.start <= PRONOUN_WINDOW and _compatible(p, gender):
            return p.entity
    return None


def _bare_role(text: str, roles: list[str]) -> str | None:
    """'l'ambassadeur', 'le maire de Carcans': a role with no name (its first role noun)."""
    for w in fold(text).replace("'", "' ").split():
        if w.strip(".,") in roles:
            return w.strip(".,")
    return None


def _role_holder(people: list[PersonMention], role: str, at: int) -> str | None:
    before = [p for p in people if role in p.roles and p.start < at]
    if before:
        return before[-1].entity
    after = [p for p in people if role in p.roles]
    return after[0].entity if after else None
