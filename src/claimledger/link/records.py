"""Flat, comparable views of claims and articles, the input of every linking step.

A record is made once, when its article is linked, from the analysis (`from_analysis`); what
linking needs later is stored with it (`ClaimRecord.features`) so nothing is parsed again.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from typing import Any

from ..analyse.claim_ids import span_start
from ..lexicon import Lexicon, brief_words, fold, load_lexicon
from ..model import Analysis, Claim, Quantity, Source, plausible_figure, source_id
from .terms import profile

# what a claim names, as proposition matching compares it: who (people, organisations, countries)
# and where (places: "le Finistère", "Saint-Omer"), the arguments of the statement
CLAIM_ENTITY_TYPES = ("country", "person", "organization", "place")


@dataclass
class ClaimRecord:
    article_id: str
    claim_id: str
    text: str
    status: str
    quote: str
    source: str | None
    source_kind: str | None
    source_entity: str | None
    date: str | None
    url: str | None
    entities: frozenset[str] = frozenset()
    # the figures this claim gives: a figure inside a nested claim is the inner source's
    quantities: list[Quantity] = field(default_factory=list)
    source_name: str | None = None  # who says it, as a reader should see it
    shown_by: str | None = None  # the party whose evidence (video, document) this claim reports
    shown_by_name: str | None = None
    phrase: str = ""  # the claim as one sentence that names its source
    lang: str = "fr"
    title: str | None = None  # of its article
    terms: dict[str, float] = field(default_factory=dict)  # lexical profile (link/terms.py)
    # what it says, as statements compare (analyse/upgrades.py); None from an older ledger
    said: dict[str, Any] | None = None
    question: bool = False  # it asks (its sentence ends on "?"): it states nothing to match

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.claim_id}"

    @property
    def order(self) -> int:
        """Its place in its article: where it starts (its id names its span, analyse/claim_ids.py)."""
        return span_start(self.claim_id)

    @property
    def source_key(self) -> str:
        """Who vouches for it: the party showing the evidence, else the canonical source id the
        ledger uses (model.source_id), else the article itself when nobody is cited."""
        if self.shown_by:
            return self.shown_by
        if self.source is None or self.source_kind is None:
            return f"article:{self.article_id}"
        found = Source(text=self.source, start=0, end=0, kind=self.source_kind, entity=self.source_entity)  # type: ignore[arg-type]
        return source_id(found, self.article_id) or f"article:{self.article_id}"

    @property
    def who(self) -> str | None:
        """The name a reader sees for the source (the party for shown evidence)."""
        if self.shown_by:
            return self.shown_by_name or self.shown_by
        return self.source_name or self.source

    def features(self) -> dict[str, Any]:
        """What linking reads back from the ledger instead of re-parsing the analysis."""
        return {
            "entities": sorted(self.entities),
            "quantities": [asdict(q) for q in self.quantities],
            "source_name": self.source_name,
            "shown_by": self.shown_by,
            "shown_by_name": self.shown_by_name,
            "phrase": self.phrase,
            "lang": self.lang,
            "date": self.date,
            "status": self.status,
            "source_key": self.source_key,
            "terms": {k: round(v, 4) for k, v in self.terms.items()},
            "said": self.said,
            "question": self.question,
        }

    def with_features(self, features: dict[str, Any]) -> ClaimRecord:
        self.entities = frozenset(features.get("entities", []))
        self.quantities = [Quantity(**q) for q in features.get("quantities", [])]
        self.source_name = features.get("source_name")
        self.shown_by = features.get("shown_by")
        self.shown_by_name = features.get("shown_by_name")
        self.phrase = features.get("phrase", "")
        self.lang = features.get("lang", "fr")
        self.terms = features.get("terms", {})
        self.said = features.get("said")
        self.question = bool(features.get("question", False))
        return self


def overlapping(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two claims of one article over some of the same words (a quotation and the clause around
    it): one utterance read twice. Their spans come from their ids and texts."""
    if a.article_id != b.article_id:
        return False
    return a.order < b.order + len(b.text) and b.order < a.order + len(a.text)


@dataclass
class ArticleRecord:
    id: str
    title: str | None
    url: str | None
    date: str | None
    text: str
    entities: dict[str, int]  # entity id -> mentions
    names: dict[str, str]  # entity id -> name
    claims: list[ClaimRecord]
    lang: str = "fr"


def _innermost(a: Analysis) -> dict[str, str]:
    """Each figure's claim: the narrowest claim that lists it. "Selon l'AFP, le ministère affirme
    que 30 personnes sont mortes": the toll is the ministry's, not the AFP's."""
    owner: dict[str, Claim] = {}
    for c in a.claims:
        for q in c.quantities:
            if q not in owner or (c.end - c.start) < (owner[q].end - owner[q].start):
                owner[q] = c
    return {q: c.id for q, c in owner.items()}


def from_analysis(a: Analysis) -> ArticleRecord:
    art = a.article
    lex = _lexicon(art.lang)
    # figures an older analyser let through (a 400-digit "number", an Infinity) are not figures;
    # a vague one ("des milliers") has no value and stays, as words
    quantities = {q.id: q for q in a.quantities if q.value is None or plausible_figure(q.value)}
    owner = _innermost(a)
    names = {e.id: e.name for e in a.entities}
    # named mentions by start: each claim reads the ones inside it (every claim scanning every
    # mention was quadratic in an article of 20 000 claims, issue 17)
    actors = sorted((m.start, e.id) for e in a.entities if e.type in CLAIM_ENTITY_TYPES for m in e.mentions)
    starts = [at for at, _ in actors]
    claims = []
    for c in a.claims:
        first, last = bisect_left(starts, c.start), bisect_left(starts, c.end)
        inside = frozenset(eid for _, eid in actors[first:last])
        source_text, source_kind, source_entity = c.source_fields()
        name = source_name(c.source, names, lex)
        claims.append(
            ClaimRecord(
                article_id=art.id,
                claim_id=c.id,
                text=c.text,
                status=c.status,
                quote=c.quote,
                source=source_text,
                source_kind=source_kind,
                source_entity=source_entity,
                date=art.published,
                url=art.url,
                entities=inside,
                quantities=[quantities[q] for q in c.quantities if q in quantities and owner.get(q) == c.id],
                source_name=name,
                shown_by=c.shown_by,
                shown_by_name=names.get(c.shown_by) if c.shown_by else None,
                phrase=phrase(art.text, c, name, lex),
                lang=art.lang,
                title=art.title,
                said=a.statements.get(c.id),
                terms=profile(c.text, art.lang, top=None),
                question=asks(art.text, c.end),
            )
        )
    return ArticleRecord(
        id=art.id,
        title=art.title,
        url=art.url,
        date=art.published,
        text=said_text(a),
        entities={e.id: len(e.mentions) for e in a.entities},
        names=names,
        claims=claims,
        lang=art.lang,
    )


CLOSERS = " \t\u00a0\u202f»”\"')]"  # what may stand between a content's end and its sentence's mark


def asks(text: str, end: int) -> bool:
    """Whether the content ending at `end` is a question: the sentence's mark after it, past
    closing quotation marks and spaces, is "?" ("Sont-ils des terroristes ?", "« Faut-il … ? »,
    demande X"). A question states nothing another claim could state too."""
    at = end
    while at < len(text) and at - end < 4 and text[at] in CLOSERS:
        at += 1
    return (at < len(text) and text[at] == "?") or text[max(end - 1, 0) : end] == "?"


def said_text(a: Analysis) -> str:
    """What the article says: its text without the site chrome the analysis skipped (share bars,
    newsletter prompts, link lists), which every page of a site repeats and no story shares."""
    text = a.article.text
    if not a.skipped:
        return text
    out, last = [], 0
    for sk in sorted(a.skipped, key=lambda k: k.start):
        if sk.start >= last:
            out.append(text[last : sk.start])
            last = sk.end
    out.append(text[last:])
    return " ".join(out)


def _lexicon(lang: str) -> Lexicon | None:
    try:
        return load_lexicon(lang)
    except Exception:  # noqa: BLE001 (a ledger may hold a language this install has no data for)
        return None


def source_name(source: Source | None, names: dict[str, str], lex: Lexicon | None) -> str | None:
    """The source as a reader should see it: a pronoun becomes the person it was resolved to ("il"
    -> "Joshua Zarka"); a role gets its name ("le ministre, Gérald Darmanin"); a name stays."""
    if source is None:
        return None
    text = " ".join(source.text.split())
    if source.entity is None or source_id(source, "") != source.entity:
        return text  # "des médias ukrainiens" mention Ukraine, they are not Ukraine
    name = names.get(source.entity)
    if not name or fold(name) in fold(text):
        return text
    if lex is not None and fold(text) in lex.pronoun_kinds:
        return name
    words = text.split()
    role = _opens_with_determiner(text, lex)
    if role and not any(w[:1].isupper() for w in words[1:]):
        return f"{text}, {name},"  # "le ministre" -> "le ministre, Gérald Darmanin,"
    return text


def _opens_with_determiner(text: str, lex: Lexicon | None) -> bool:
    """ "le ministre", "l'ambassadeur", "des experts": a common noun phrase, not a name."""
    first = fold(text.split(" ", 1)[0])
    if len(first) > 1 and first[1] == "'":
        return True  # elided article: l', d'
    return lex is not None and first in lex.function_words


def _lower_first(text: str, lex: Lexicon | None) -> str:
    """ "Des experts" opened a sentence; inside one it is "des experts"."""
    return text[:1].lower() + text[1:] if _opens_with_determiner(text, lex) else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


MAX_BRIDGE = 80  # characters between a source and its claim that a sentence may keep verbatim


def phrase(text: str, c: Claim, name: str | None, lex: Lexicon | None) -> str:
    """The claim as one grammatical sentence that names its source, for briefs: the article's own
    words when the source comes first ("Pyongyang a démenti avoir envoyé des troupes"), "Selon X,"
    before a clause reported after its source ("…, a affirmé X"), "X : « … »" for a quotation."""
    body = " ".join(c.text.split()).rstrip(" .;:,")
    if c.source is None:
        return _upper_first(body) + "."
    full = name or " ".join(c.source.text.split())
    who = full.rstrip(",")
    cue = c.cue
    forward = (
        cue is not None
        and c.source.end <= cue.start
        and cue.end <= c.start
        and c.start - c.source.end <= MAX_BRIDGE
    )
    if forward and c.quote != "direct":
        bridge = " ".join(text[c.source.end : c.start].split())
        if bridge.startswith(","):
            bridge = bridge[1:].lstrip()
        glue = "" if bridge.endswith(("'", "’")) else " "
        return f"{_upper_first(full)} {bridge}{glue}{body}."
    say = brief_words(lex.lang if lex is not None else "fr").phrases
    if c.quote == "direct":
        return say["quote"].format(who=_upper_first(who), body=body)
    return say["according"].format(who=_lower_first(who, lex), body=body)
