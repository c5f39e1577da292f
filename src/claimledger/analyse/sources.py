"""Who a source phrase names and what kind of source it is.

The kind comes from entities in the phrase (a person's name makes a person) and otherwise from the
head noun's lemma in `sources.toml`, with the determiner telling an unnamed source ("des
responsables", "des rapports") from a definite one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, fold
from ..model import Source, SourceKind
from .cues.features import lemma_vector
from .cues.model import load_cue_model
from .state import DocState, text_of
from .tokens import feats

_EDGE_PUNCT = set(",;:.!?«»“”\"'()-–—")
_TITLE_MARKS = {"»": "«", "”": "“"}  # a quoted title closing a phrase stays in it
PERSON_THRESHOLD = 0.5  # the person model's probability from which a noun names people
THING_THRESHOLD = 0.2  # and below which it surely names a thing ("position" 0.08, "passager" 0.34)
# the document model's probability from which an unlisted noun names a document ("récit" 0.51,
# "audition" 0.52, "témoignage" 0.82; "question" 0.25, "absence" 0.14, "circonstance" 0.04)
DOCUMENT_THRESHOLD = 0.5
PARTITIVES = ("d'", "de", "des")  # the article of a word for people with no noun: "d'autres"
DOCUMENT_SURE = 0.9  # and from which it does so alone ("procès-verbal" 0.96, "compte-rendu" 0.99)


def trim_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range."""
    while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT):
        opening = _TITLE_MARKS.get(doc[end - 1].text)
        if opening is not None and any(t.text == opening for t in doc[start : end - 1]):
            break  # "le président de « Mon village vert »": the title closes inside the phrase
        end -= 1
    return start, end


def _head(span: Span) -> int:
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            if tok.pos_ in ("PRON", "NUM", "DET", "ADV"):
                # "30 des 47 fédérations", "la plupart des experts", "l'un des instituts"
                part = [c for c in tok.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")]
                if part and span.start <= part[0].i < span.end:
                    return part[0].i
            if tok.pos_ in ("NOUN", "PROPN", "PRON"):
                return tok.i
    for pos in (("NOUN", "PROPN"), ("PRON",)):  # "many of his supporters": supporters, not his
        for tok in span:
            if tok.pos_ in pos:
                return tok.i
    # no noun nor pronoun ("d'autres", the tagger reading "autres" as an adjective): the word the
    # phrase hangs from
    roots = [t.i for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    return roots[0] if roots else span.start


def make_source(doc: Doc, start: int, end: int, lex: Lexicon, st: DocState) -> Source | None:
    start, end = trim_tokens(doc, start, end)
    if start >= end:
        return None
    span = doc[start:end]
    if _junk(span, lex.pronoun_kinds) or fold(span[0].text) in lex.interrogatives:
        return None  # a fragment, or a question ("Quelle rédaction avait-elle à…")
    if fold(span[0].text) in lex.demonstratives and not any(fold(t.text) in lex.relative_words for t in span):
        return None  # "Celui-ci", "ceux visant à…" stand for a thing as often as for someone
    text_start, text_end = span.start_char, span.end_char
    # "-t-il", "-elle": the pronoun without its hyphen
    if len(span) == 1 and span[0].text.startswith("-"):
        raw = span[0].text
        pronoun = raw.split("-")[-1]
        text_start = text_end - len(pronoun)
    text = text_of(doc)[text_start:text_end]
    kind, entity = classify(doc, span, fold(text), lex, st)
    if kind is None:
        return None
    return Source(text=text, start=text_start, end=text_end, kind=kind, entity=entity)


def _junk(span: Span, pronouns: dict[str, str]) -> bool:
    """Fragments the parse can hand over that name nobody: "mais aussi de protéger le
    gouvernement" (a conjunction, a preposition or a verb first), a phrase without a noun."""
    first = span[0]
    partitive = fold(first.text) in ("de", "d'", "des", "du")  # "d'éminents experts", "des organismes"
    # "Both Mr. King and Mr. Schultz": a determiner or pre-conjunction opens a noun phrase
    modifier = first.dep_ in ("amod", "compound", "det", "preconj") and span.start <= first.head.i < span.end
    if (first.pos_ in ("CCONJ", "SCONJ", "VERB", "AUX") and not modifier) or (
        first.pos_ == "ADP" and len(span) > 1 and not partitive
    ):
        return True
    # "d'autres", "certains", "plusieurs" stand for people without a noun
    return not any(t.pos_ in ("NOUN", "PROPN", "PRON", "X", "NUM") or fold(t.text) in pronouns for t in span)


def classify(
    doc: Doc, span: Span, folded: str, lex: Lexicon, st: DocState
) -> tuple[SourceKind | None, str | None]:
    if len(span) == 1 and folded in lex.pronoun_kinds:
        kind = lex.pronoun_kinds[folded]
        entity = _antecedent(st, span.start_char) if kind == "person" else None
        return kind, entity  # type: ignore[return-value]
    word = fold(span[-1].text)
    if word in lex.pronoun_kinds and all(fold(t.text) in PARTITIVES for t in span[:-1]):
        return lex.pronoun_kinds[word], None  # type: ignore[return-value]  # "d'autres"
    person = st.entity_in(span.start_char, span.end_char, ("person",))
    org = st.entity_in(span.start_char, span.end_char, ("organization",))
    country = st.entity_in(span.start_char, span.end_char, ("country",))
    head = doc[_head(span)]
    noun_kind = lex.source_kind_of_noun(fold(head.lemma_)) if head.pos_ == "NOUN" else None
    if noun_kind is None and head.pos_ == "NOUN":
        noun_kind = lex.source_kind_of_noun(fold(head.text))
    if person:
        # "Lloyd Austin", "le secrétaire…, Lloyd Austin" are the person; "les services de Joe
        # Biden" are an institution that names one: the head noun decides
        if noun_kind in (None, "role") or _inside_mention(st, person, head.idx):
            return "person", person
        return noun_kind, person  # type: ignore[return-value]
    indefinite = fold(span[0].text) in lex.indefinite_determiners
    if noun_kind == "vague" and not indefinite and "Sing" in feats(head, "Number"):
        # "le média américain", "l'analyste" is one identifiable source, not a rumour
        noun_kind = _definite_kind(fold(head.lemma_), lex) or noun_kind
    if noun_kind in ("anonymous", "vague"):
        if noun_kind == "vague" and (org or (not indefinite and head.i + 1 < span.end)):
            if fold(head.lemma_) in lex.source_nouns.get("document", ()):
                return "document", org or country
        return noun_kind, org or country  # type: ignore[return-value]
    if noun_kind == "role":  # "l'ambassadeur" is one person, "les dirigeants" a group
        return ("group" if "Plur" in feats(head, "Number") else "person"), org or country
    if noun_kind is not None:
        return noun_kind, org or country  # type: ignore[return-value]
    if head.pos_ == "PROPN" or head.pos_ == "NOUN":
        if org and (head.pos_ == "PROPN" or _inside_mention(st, org, head.idx)):
            return "organization", org
        if country and (head.pos_ == "PROPN" or _inside_mention(st, country, head.idx)):
            return "country", country  # "Israël", "les États-Unis"
        if head.pos_ == "PROPN":
            return "organization", None
        # a common noun the lexicon does not know: "le réalisateur américain" is a person from
        # the United States, not the country; "les spectateurs" a group; "le récit du témoin" a
        # document, by its meaning (the cue model's document part)
        if head.pos_ == "NOUN" and names_document(head, lex) and not names_people(head, lex):
            return "document", org or country
        if "Plur" in feats(head, "Number"):
            return "group", org or country
        if fold(head.lemma_).endswith(lex.agent_suffixes):
            return "person", org or country
        return "organization", org or country
    if head.pos_ == "X" and head.text[:1].isupper():
        # a foreign name the tagger could not read ("The New York Times"): the recogniser's type
        return ("person" if head.ent_type_ in ("PER", "PERSON") else "organization"), None
    if head.pos_ in ("PRON", "ADJ", "DET") and fold(head.text) in lex.pronoun_kinds:
        # "those close to him", "some in the party": the pronoun's kind, with what locates it
        return lex.pronoun_kinds[fold(head.text)], org or country  # type: ignore[return-value]
    return None, None


def speaker_like(doc: Doc, start: int, end: int, lex: Lexicon, st: DocState) -> bool:
    """Whether a phrase names someone who can speak, on stricter evidence than `classify` (which
    makes an unknown common noun an organisation, so that a listed cue keeps its speaker): a name
    (a person, organisation or country the entities know, or a proper noun), a pronoun for people,
    a noun the lexicon knows as a source, or a noun of agent ("le manifestant", "les chercheurs").
    Wherever the cue itself is uncertain (learned, a colon, an infinitive's governor), "la réunion",
    "une autre hypothèse" or "le carnet de commandes" must not become speakers."""
    start, end = trim_tokens(doc, start, end)
    if start >= end:
        return False
    span = doc[start:end]
    if st.entity_in(span.start_char, span.end_char, ("person", "organization", "country")):
        return True
    head = doc[_head(span)]
    word = fold(head.text).split("-")[-1] if head.text.startswith("-") else fold(head.text)  # "-t-il"
    # "d'autres", "certains" stand for people with no noun; the tagger may read them as adjectives
    standalone = head.pos_ in ("ADJ", "DET") and not any(t.pos_ in ("NOUN", "PROPN") for t in span)
    if head.pos_ == "PRON" or standalone:
        return word in lex.pronoun_kinds and word not in lex.thing_pronouns
    if head.pos_ == "PROPN" or (head.pos_ == "X" and head.text[:1].isupper()):
        return True
    if head.pos_ != "NOUN":
        return False
    lemma = fold(head.lemma_)
    if lex.source_kind_of_noun(lemma) is not None or lex.source_kind_of_noun(word) is not None:
        return True
    return names_people(head, lex)


def names_people(noun: Token, lex: Lexicon) -> bool:
    """Whether a common noun the lexicon does not list names people: by its meaning (the cue
    model's person part, on the lemma vector: "le pêcheur", "les retraités", not "la durée", "le
    montant"), else by a suffix that only makes nouns of people ("-iste", "-euse", "-trice")."""
    p = _person_probability(noun, lex)
    if p is not None:
        return p >= PERSON_THRESHOLD
    return len(noun.lemma_) > 5 and fold(noun.lemma_).endswith(lex.person_suffixes)


def names_document(noun: Token, lex: Lexicon) -> bool:
    """Whether a common noun the lexicon does not list names a document that can say or show
    ("le récit du secouriste révèle", "l'audition d'un pompier montre", "le procès-verbal
    indique"), by its meaning: the cue model's document part on the lemma vector. The list in
    sources.toml is what it learned from; the class is open."""
    model = load_cue_model(lex.lang)
    if model is None:
        return False
    p = model.document_probability(lemma_vector(noun, int(noun.doc.vocab.vectors.shape[1])))
    if p is None or p < DOCUMENT_THRESHOLD:
        return False
    # the model reads many abstract nouns as documents ("hypothèse" 0.81, "résultat" 0.70): below
    # the sure threshold a noun is a document only as someone's ("le récit du secouriste",
    # "l'audition d'un pompier"), which "cette hypothèse" or "le résultat" are not
    return p >= DOCUMENT_SURE or _someones(noun, lex)


def _someones(noun: Token, lex: Lexicon) -> bool:
    """Whether a noun has a "de" complement naming people ("du secouriste", "d'un pompier", "de
    Paul Durand"): by the person model, a suffix that only makes nouns of people, or a name."""
    for c in noun.children:
        if c.dep_ != "nmod" or not any(
            k.dep_ == "case" and fold(k.text) in ("de", "d'", "du", "des") for k in c.children
        ):
            continue
        if c.pos_ == "PROPN" or (
            c.pos_ == "NOUN" and (names_people(c, lex) or fold(c.lemma_).endswith(lex.person_suffixes))
        ):
            return True
    return False


def _person_probability(noun: Token, lex: Lexicon) -> float | None:
    """The cue model's person part on the noun's lemma vector (None without a model)."""
    model = load_cue_model(lex.lang)
    if model is None:
        return None
    return model.person_probability(lemma_vector(noun, int(noun.doc.vocab.vectors.shape[1])))


def surely_thing(doc: Doc, start: int, end: int, lex: Lexicon, st: DocState) -> bool:
    """Whether a phrase surely names a thing, not someone: no name, no pronoun, no listed source
    noun, and a head noun the person model puts far below its threshold ("la position du pays",
    not "un passager", which the model doubts). Stricter than `not speaker_like`, for places
    where a listed cue should keep a speaker the model merely doubts."""
    if speaker_like(doc, start, end, lex, st):
        return False
    start, end = trim_tokens(doc, start, end)
    if start >= end:
        return False
    head = doc[_head(doc[start:end])]
    if head.pos_ != "NOUN":
        return False
    p = _person_probability(head, lex)
    return p is not None and p < THING_THRESHOLD


def _definite_kind(lemma: str, lex: Lexicon) -> str | None:
    for kind in ("document", "role", "organization"):
        if lemma in lex.source_nouns.get(kind, ()):
            return kind
    return None


def _inside_mention(st: DocState, entity: str, char: int) -> bool:
    return any(m.start <= char < m.end for e in st.entities if e.id == entity for m in e.mentions)


def _antecedent(st: DocState, before: int) -> str | None:
    """The person most recently named before a pronoun source ("…, a-t-il ajouté")."""
    best: tuple[int, str] | None = None
    for ent in st.entities:
        if ent.type != "person":
            continue
        for m in ent.mentions:
            if m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, ent.id)
    return best[1] if best else None
