"""Who a pronoun or a bare role names: "…, a-t-il ajouté", "she said", "l'ambassadeur a précisé",
resolved to the person the article names, so the ledger counts one speaker once, and never to
someone who cannot be meant.

Rules, not a trained model (coreferee's French model is not on PyPI). A person mention learns the
roles written next to it ("le président turc Recep Tayyip Erdogan", "Karl Haeusgen, le président
de la fédération") and a gender: from a title ("Mme", "Mr."), a gendered role ("spokeswoman",
"l'ambassadrice"), the first name (`[first_names]` in the gazetteer) or the role's own gender.

- A pronoun ("il", "elle", "he", "she": `pronoun_gender` in sources.toml) takes only a person
  whose gender, when known, agrees, and who is not named inside someone's quotation: the speaker
  of the claim before it, unless another person of that gender became a subject since; else the
  person of the nearest sentence that names one, its subject first. A French noun of the same
  gender that is a main clause's subject in between ("L'armée a intensifié…, selon elle") is
  what the pronoun stands for: it stays as written. Nothing compatible: it stays as written (no
  entity), never the last name of the wrong kind.
- "je", "I" are a named person only inside a quotation (the quoted speaker).
- A bare role ("l'ambassadeur", "the mayor") takes the person written with that role, else the
  nearest named speaker before it (within a paragraph's reach) whose gender and known roles fit,
  else the next one (a headline's role named in the text).
- An organisation or country credited through a common noun the lexicon does not know as a
  source ("une campagne militaire puissante contre le Hamas") is not that organisation speaking.

Every choice is made over lists in text order: no result depends on set or hash order.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, fold
from ..model import Claim, Source
from .entities import IdentityWords, identity_words, is_full, name_key, plain
from .state import DocState
from .tokens import feats, is_finite

PRONOUN_WINDOW = 600  # characters back a pronoun may look for its person
ROLE_WINDOW = 1000  # characters a bare role may look for the speaker it names
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")


@dataclass
class PersonMention:
    start: int
    entity: str
    end: int = 0
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    subject: bool = False  # the subject of its clause
    quoted: bool = False  # inside a quotation: someone's words, not the article naming a speaker
    sentence: int = 0


@dataclass
class _Speaker:
    entity: str
    at: int
    said: tuple[int, int] = (0, 0)  # what they said (the claim's text): their words, not the narration


def _role_near(doc: Doc, i: int, step: int, lex: Lexicon, limit: int) -> tuple[str, str | None] | None:
    """A role noun next to a name: before it in the same noun phrase, or in an apposition after
    (", le président de la fédération," — not ", le président sortant avait dit", a new subject)."""
    roles = lex.source_nouns.get("role", [])
    j = i + step
    seen = 0
    commas = 0
    while 0 <= j < len(doc) and seen < limit:
        tok = doc[j]
        # "President Barack Obama": an English title-case role before the name is a proper noun
        role_word = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and step < 0 and tok.text[:1].isupper())
        if role_word and fold(tok.lemma_) in roles:
            if step > 0 and _opens_a_clause(doc, j):
                return None
            gender = next(iter(feats(tok, "Gender")), None)
            return fold(tok.lemma_), gender
        if tok.pos_ in ("VERB", "AUX") or tok.text in (".", ";", ":", "«", "»", '"', "'s", "’s"):
            return None  # "the senator's wife, Heidi": the role is someone else's
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


def _in_quote(st: DocState, start: int, end: int) -> bool:
    return any(q.inner_start <= start and end <= q.inner_end for q in st.quotes)


def _role_gender(found: tuple[str, str | None], words: IdentityWords) -> str | None:
    """A gendered role noun tells the gender ("spokeswoman", "l'ambassadrice"); the parser's
    gender of an epicene one ("le ministre") only when nothing better is known."""
    return words.gendered_roles.get(plain(found[0]))


def person_mentions(doc: Doc, st: DocState, lex: Lexicon) -> list[PersonMention]:
    words = identity_words(lex.lang)
    starts = [s.start_char for s in doc.sents]
    out: list[PersonMention] = []
    told: dict[str, str] = {}  # entity -> gender from a title or a gendered role
    weak: dict[str, str] = {}  # entity -> gender from a role's grammatical gender
    for e in st.entities:
        if e.type != "person":
            continue
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            pm = PersonMention(start=m.start, end=m.end, entity=e.id)
            pm.sentence = bisect_right(starts, m.start)
            pm.quoted = _in_quote(st, m.start, m.end)
            before = doc[span.start - 1] if span.start > 0 else None
            title = words.title_gender(before.text) if before is not None else None
            pm.subject = _is_subject(
                span, before if before is not None and words.is_title(before.text) else None
            )
            if title:
                told.setdefault(e.id, title)
            left = _role_near(doc, span.start, -1, lex, 7)
            right = (
                _role_near(doc, span.end, 1, lex, 3)
                if span.end < len(doc) and doc[span.end].text == ","
                else None
            )
            for found in (left, right):
                if found is not None:
                    if found[0] not in pm.roles:
                        pm.roles.append(found[0])
                    gendered = _role_gender(found, words)
                    if gendered:
                        told.setdefault(e.id, gendered)
                    elif found[1]:
                        weak.setdefault(e.id, found[1])
            out.append(pm)
    out.sort(key=lambda p: (p.start, p.entity))
    # a person's gender holds for all their mentions: a title or gendered role first, then the
    # first name, then a role's grammatical gender
    names = {e.id: e.name for e in st.entities if e.type == "person"}
    for p in out:
        p.gender = (
            told.get(p.entity) or _first_name_gender(names.get(p.entity, ""), words) or weak.get(p.entity)
        )
    return out


def _first_name_gender(name: str, words: IdentityWords) -> str | None:
    key = name_key(name, words)
    if not key or (len(key) > 1 and not is_full(key, words)):
        return None  # a surname alone tells nothing; a first name alone ("Emmanuel") does
    first = key[0]
    return words.first_name_gender(first) or words.first_name_gender(first.split("-")[0])


def _is_subject(span: Span, title: Token | None) -> bool:
    tokens = list(span) + ([title] if title is not None else [])
    return any(t.dep_ in _SUBJECT_DEPS for t in tokens)


def resolve_sources(doc: Doc, st: DocState, lex: Lexicon, claims: list[Claim]) -> None:
    """Set the entity of pronoun and bare-role person sources to the person they refer to, or to
    nothing when no compatible person is named."""
    words = identity_words(lex.lang)
    people = person_mentions(doc, st, lex)
    roles = lex.source_nouns.get("role", [])
    starts = [s.start_char for s in doc.sents]
    blockers = _noun_subjects(doc, st, lex)
    named_speakers = [
        _Speaker(c.source.entity, c.source.start)
        for c in claims
        if c.source is not None
        and c.source.entity
        and c.source.entity.startswith("person:")
        and st.entity_in(c.source.start, c.source.end, ("person",)) is not None
    ]
    genders = {p.entity: p.gender for p in people}
    speaker: _Speaker | None = None  # the person behind the claim before
    for claim in claims:
        src = claim.source
        if src is None:
            continue
        word = fold(src.text)
        named = st.entity_in(src.start, src.end, ("person",)) is not None
        if src.kind == "person" and not named:
            epithet = _epithet_gender(doc, src.start, src.end, lex)
            if word in words.pronoun_gender:
                gender = words.pronoun_gender[word]
                src.entity = _pronoun_antecedent(
                    people, src.start, gender, speaker, genders, blockers, starts
                )
            elif word in words.first_person:
                inside = _in_quote(st, src.start, src.end)
                near = speaker is not None and src.start - speaker.at <= PRONOUN_WINDOW
                src.entity = speaker.entity if inside and near and speaker is not None else None
            elif epithet is not None:
                # "la jeune femme", "le quinquagénaire": a person described, like a pronoun
                src.entity = _pronoun_antecedent(
                    people, src.start, epithet, speaker, genders, blockers, starts
                )
            else:
                role = _bare_role(src.text, roles)
                if role is not None:
                    written = _source_gender(doc, src, words)
                    src.entity = _role_holder(people, role, src.start, src.end, written) or _role_speaker(
                        people, named_speakers, role, written, src.start, genders
                    )
                    if src.entity:  # the speaker holds the role from now on
                        held = PersonMention(src.start, src.entity, src.end, genders.get(src.entity), [role])
                        held.subject, held.sentence = True, bisect_right(starts, src.start)
                        people.append(held)
                        people.sort(key=lambda p: (p.start, p.entity))
        elif src.kind in ("organization", "country") and src.entity and not _names_itself(doc, st, src, lex):
            src.entity = None
        if src.kind == "person" and src.entity and src.entity.startswith("person:"):
            speaker = _Speaker(src.entity, src.start, (claim.start, claim.end))


def _epithet_gender(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    nouns = [t for t in span if t.pos_ == "NOUN"]
    if not nouns or fold(nouns[0].lemma_) not in lex.source_nouns.get("person_epithet", []):
        return None
    return next(iter(feats(nouns[0], "Gender")), None) or "Masc"


def _source_gender(doc: Doc, src: Source, words: IdentityWords) -> str | None:
    """The gender a role source is written in: "l'ambassadrice", "the spokeswoman"."""
    span = doc.char_span(src.start, src.end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.pos_ == "NOUN":
            gendered = words.gendered_roles.get(plain(tok.lemma_)) or words.gendered_roles.get(
                plain(tok.text)
            )
            return gendered or next(iter(feats(tok, "Gender")), None)
    return None


def _inside(p: PersonMention, span: tuple[int, int]) -> bool:
    return span[0] <= p.start and p.end <= span[1]


def _compatible(person_gender: str | None, gender: str | None) -> bool:
    return person_gender is None or gender is None or person_gender == gender


def _noun_subjects(doc: Doc, st: DocState, lex: Lexicon) -> list[tuple[int, str, int]]:
    """Main clauses' subjects that are a singular common noun with a grammatical gender, not a
    person ("L'armée a intensifié…"): (position, gender, sentence). A pronoun of that gender after one
    more likely stands for it. Empty for a language whose nouns carry no gender (English)."""
    people_words = (
        set(lex.source_nouns.get("role", []))
        | set(lex.source_nouns.get("person_epithet", []))
        | set(lex.source_nouns.get("anonymous", []))
    )
    out: list[tuple[int, str, int]] = []
    for n, sent in enumerate(doc.sents, 1):  # numbered as bisect_right over sentence starts
        for tok in sent:
            if tok.dep_ not in _SUBJECT_DEPS or tok.pos_ != "NOUN" or tok.head.i != sent.root.i:
                continue
            gender = next(iter(feats(tok, "Gender")), None)
            if gender is None or "Sing" not in feats(tok, "Number") or fold(tok.lemma_) in people_words:
                continue
            if st.entity_in(tok.idx, tok.idx + len(tok.text), ("person",)) or _in_quote(
                st, tok.idx, tok.idx + len(tok.text)
            ):
                continue
            out.append((tok.idx, gender, n))
    return out


def _pronoun_antecedent(
    people: list[PersonMention],
    at: int,
    gender: str,
    speaker: _Speaker | None,
    genders: dict[str, str | None],
    blockers: list[tuple[int, str, int]],
    starts: list[int],
) -> str | None:
    cands = [
        p
        for p in people
        if p.end <= at and at - p.start <= PRONOUN_WINDOW and not p.quoted and _compatible(p.gender, gender)
    ]
    chosen: tuple[str, int] | None = None
    if (
        speaker is not None
        and speaker.at < at
        and at - speaker.at <= PRONOUN_WINDOW
        and _compatible(genders.get(speaker.entity), gender)
    ):
        # a person who became a subject since takes over, unless they are named in the speaker's
        # own words and the pronoun stands outside them ("…that Trump attacked his wife." "…," he said)
        outside = not (speaker.said[0] <= at < speaker.said[1])
        took_over = any(
            p.subject
            and p.start > speaker.at
            and p.entity != speaker.entity
            and not (outside and _inside(p, speaker.said))
            for p in cands
        )
        if not took_over:
            chosen = (speaker.entity, speaker.at)
    if chosen is None and cands:
        best = max(cands, key=lambda p: (p.sentence, p.gender == gender, p.subject, p.start))
        chosen = (best.entity, best.start)
    if chosen is None:
        return None
    if any(
        chosen[1] < pos < at and g == gender and sent > bisect_right(starts, chosen[1])
        for pos, g, sent in blockers
    ):
        return None  # "…, selon elle": the army, not the woman named before
    return chosen[0]


def _bare_role(text: str, roles: list[str]) -> str | None:
    """'l'ambassadeur', 'le maire de Carcans': a role with no name (its first role noun)."""
    for w in fold(text).replace("'", "' ").split():
        if w.strip(".,") in roles:
            return w.strip(".,")
    return None


def _role_holder(
    people: list[PersonMention], role: str, at: int, end: int, gender: str | None = None
) -> str | None:
    """The person written with the role (of the gender the role is written in): the name in
    apposition right after the role ("a lawyer for the outlets, David Schulz"), else the last one
    before, else the first one soon after."""
    holders = [p for p in people if role in p.roles and _compatible(p.gender, gender)]
    adjacent = [p for p in holders if 0 <= p.start - end <= 3]
    if adjacent:
        return adjacent[0].entity
    before = [p for p in holders if p.start < at]
    if before:
        return before[-1].entity
    after = [p for p in holders if p.start - at <= ROLE_WINDOW]
    return after[0].entity if after else None


def _role_speaker(
    people: list[PersonMention],
    speakers: list[_Speaker],
    role: str,
    gender: str | None,
    at: int,
    genders: dict[str, str | None],
) -> str | None:
    """A role no one is written with: the nearest named speaker that can hold it (gender agrees,
    no other role known for them, no other such person named in between), before it, else after
    it (a headline's "l'ambassadeur" whom the text then names)."""
    known: dict[str, list[str]] = {}
    for p in people:
        known.setdefault(p.entity, []).extend(r for r in p.roles if r not in known.get(p.entity, []))

    def fits(s: _Speaker) -> bool:
        if not _compatible(genders.get(s.entity), gender) or any(r != role for r in known.get(s.entity, [])):
            return False
        low, high = min(s.at, at), max(s.at, at)
        return not any(
            low < p.start < high and p.entity != s.entity and not p.quoted and _compatible(p.gender, gender)
            for p in people
        )

    before = [s for s in speakers if s.at < at and at - s.at <= ROLE_WINDOW]
    after = [s for s in speakers if s.at > at and s.at - at <= ROLE_WINDOW]
    return next((s.entity for s in [*reversed(before), *after] if fits(s)), None)


def _names_itself(doc: Doc, st: DocState, src: Source, lex: Lexicon) -> bool:
    """Whether an organisation or country source is that entity speaking: its head is the name
    ("le Hamas"), a noun the lexicon knows as a source ("les autorités de Pyongyang"), or a
    noun of agent. "une campagne militaire puissante contre le Hamas" is not the Hamas."""
    span = doc.char_span(src.start, src.end, alignment_mode="expand")
    if span is None:
        return True
    head = span.root
    if head.pos_ != "NOUN":
        return True
    if any(m.start <= head.idx < m.end for e in st.entities if e.id == src.entity for m in e.mentions):
        return True
    lemma, word = fold(head.lemma_), fold(head.text)
    if lex.source_kind_of_noun(lemma) is not None or lex.source_kind_of_noun(word) is not None:
        return True
    return lemma.endswith(lex.agent_suffixes) or lemma in lex.channel_nouns
