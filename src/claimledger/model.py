"""The analysis format, version 1 (`shared/spec/analysis-v1.md`), as plain dataclasses.

Other tools read this format, so the field names here are the spec's; `to_dict` gives the JSON
object and `analysis_from_dict` reads it back (the ledger stores and reloads it).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .slugs import slug

SCHEMA = "claimledger.analysis/1"

SourceKind = Literal["person", "organization", "country", "group", "document", "anonymous", "vague"]
QuoteKind = Literal["direct", "indirect", "mixed", "none"]
Status = Literal["stated", "confirmed", "alleged", "speculative", "denied"]
MarkerKind = Literal["conditional", "modal", "hedge", "negation", "denial", "confirmation", "attribution"]
Bound = Literal["exact", "about", "at_least", "more_than", "up_to", "less_than", "range", "vague"]
EntityType = Literal["person", "organization", "country", "place", "other"]

STATUSES: tuple[Status, ...] = ("stated", "confirmed", "alleged", "speculative", "denied")

MAX_FIGURE = 1e15  # a million billion: beyond, a "figure" is a serial number or a typo


def plausible_figure(value: float | int) -> bool:
    """A figure the format can carry (strict JSON has no Infinity) and a reader can mean. Also
    guards readers of ledgers an older analyser wrote (a 400-digit integer does not fit a float)."""
    try:
        v = float(value)
    except (OverflowError, TypeError, ValueError):
        return False
    return math.isfinite(v) and abs(v) <= MAX_FIGURE


@dataclass
class Article:
    id: str
    title: str | None
    lang: str
    published: str | None
    url: str | None
    text: str


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Source:
    text: str
    start: int
    end: int
    kind: SourceKind
    entity: str | None = None


# An entity id names the source itself when its type is the source's kind ("person:lloyd-austin"
# for a person); "les autorités israéliennes" (an organisation) only mention Israel.
_ENTITY_PREFIX_OF_KIND = {"person": "person:", "country": "country:", "organization": "org:"}


def _slug(text: str) -> str:
    """An unnamed source's words as an id part (slugs.slug: every script, invisibles dropped), cut
    at 120 characters as it always was."""
    return slug(text, limit=None)[:120] or "x"


def source_id(source: Source | None, article_id: str) -> str | None:
    """The one canonical id of who says a claim, used by every reader of the ledger (claims,
    sources, source records, web pages, exports), so their counts agree. A named source is its
    entity across the whole ledger ("person:lloyd-austin"); an unnamed one ("l'ambassadeur", "des
    experts", an unresolved "il") is only known within its article, so its id says so
    ("unnamed:anonymous:des-responsables-americains@<article>"): two articles' "des experts" are
    not one source."""
    if source is None:
        return None
    prefix = _ENTITY_PREFIX_OF_KIND.get(source.kind)
    if source.entity and prefix and source.entity.startswith(prefix):
        return source.entity
    return f"unnamed:{source.kind}:{_slug(source.text)}@{article_id}"


@dataclass
class Cue:
    text: str
    lemma: str
    start: int
    end: int


@dataclass
class Marker:
    text: str
    start: int
    end: int
    kind: MarkerKind


@dataclass
class SentenceRef:
    start: int
    end: int


@dataclass
class Claim:
    id: str
    text: str
    start: int
    end: int
    sentence: SentenceRef
    source: Source | None
    cue: Cue | None
    quote: QuoteKind
    status: Status
    markers: list[Marker] = field(default_factory=list)
    quantities: list[str] = field(default_factory=list)
    # extra field: evidence a party shows ("une vidéo des forces ukrainiennes montre…") is that
    # party's, not an independent confirmation: the entity that shows it
    shown_by: str | None = None
    # extra field: the further pieces of the same quotation, after an incise or over the next
    # sentences and paragraphs ('"A," she said. "B."'): one utterance is one claim (gold-v1)
    continued: list[Span] = field(default_factory=list)

    def full_text(self) -> str:
        """The content with its continued pieces, for search and lists."""
        return " … ".join([self.text, *(s.text for s in self.continued)])

    def source_fields(self) -> tuple[str | None, str | None, str | None]:
        """(text, kind, entity) of the source; all None when the article itself speaks."""
        if self.source is None:
            return None, None, None
        return self.source.text, self.source.kind, self.source.entity

    def source_id(self, article_id: str) -> str | None:
        return source_id(self.source, article_id)


FigureKind = Literal["count", "money", "percent", "measure", "duration", "age", "determiner"]
SERIES_KINDS: tuple[FigureKind, ...] = ("count", "money", "percent", "measure")


@dataclass
class Quantity:
    id: str
    text: str
    start: int
    end: int
    # the best single value; None for a vague amount ("des milliers", "hundreds of"): its words
    # say how many, no number does (gold-v1: "value": null, "bound": "vague")
    value: float | int | None
    low: float | int | None
    high: float | int | None
    bound: Bound
    unit: str | None
    counted: str | None
    # extra fields of the format (allowed by the spec): what kind of figure it is (ages, durations
    # and "les deux X" are figures of a sort, but never a series over time), and the predicate it
    # is the figure of ("3 000 soldats déployés" / "18 soldats arrêtés": one question each)
    kind: FigureKind = "count"
    event: str | None = None

    def __post_init__(self) -> None:
        # a vague figure carries no number, also when read from a ledger an older analyser wrote
        # ("des milliers" was stored as 2000): no reader can chart or compare an invented value
        if self.bound == "vague":
            self.value = self.low = self.high = None


def without_vague_values(quantity: dict[str, Any]) -> dict[str, Any]:
    """A stored figure as JSON, its invented number dropped when it is vague (`Quantity` does the
    same for typed readers): for readers of the stored JSON itself (exports)."""
    if quantity.get("bound") == "vague":
        quantity.update(value=None, low=None, high=None)
    return quantity


@dataclass
class Entity:
    id: str
    name: str
    type: EntityType
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Skipped:
    """Text the page carries but the article does not say (site chrome): no claims come from it.
    An extra field of the format ("skipped"), allowed by the spec."""

    text: str
    start: int
    end: int
    reason: str  # "pattern" (the language's chrome patterns) | "repeated" (shared by many articles)


@dataclass
class Upgrade:
    """The article states as plain fact (`claim`: stated, nobody credited) what elsewhere in it is
    only alleged, speculated, denied or credited to a source (`weaker`, whose status is
    `from_status`: a status, or "attributed" for a source's plain statement). `confirmed_by`: the
    claims of the same statement that a source confirms, if any. An extra field of the format
    ("upgrades", issue 20); in JSON `from_status` is "from" and `to_status` "to"."""

    claim: str
    weaker: str
    from_status: str
    to_status: str = "stated"
    confirmed_by: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "weaker": self.weaker,
            "from": self.from_status,
            "to": self.to_status,
            "confirmed_by": list(self.confirmed_by),
        }


def upgrade_from_dict(data: dict[str, Any]) -> Upgrade:
    return Upgrade(
        claim=data["claim"],
        weaker=data["weaker"],
        from_status=data["from"],
        to_status=data.get("to", "stated"),
        confirmed_by=list(data.get("confirmed_by", [])),
    )


@dataclass
class Analysis:
    article: Article
    claims: list[Claim]
    quantities: list[Quantity]
    entities: list[Entity]
    schema: str = SCHEMA
    skipped: list[Skipped] = field(default_factory=list)
    upgrades: list[Upgrade] = field(default_factory=list)
    # claim id -> what the claim says, as statements compare (analyse/upgrades.py): kept by the
    # ledger with the stored analysis so that a story can compare claims of different articles,
    # never part of the spec's output
    # (not compared: two analyses are equal when their spec output is)
    statements: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON object, `schema` first as in the spec."""
        upgrades = [u.to_dict() for u in self.upgrades]
        body = asdict(self)
        body["upgrades"] = upgrades
        body.pop("statements")
        return {"schema": body.pop("schema"), **body}


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """Rebuild an Analysis from its JSON object (what `to_dict` or another tool wrote)."""
    claims = []
    for c in data["claims"]:
        src = c.get("source")
        cue = c.get("cue")
        claims.append(
            Claim(
                id=c["id"],
                text=c["text"],
                start=c["start"],
                end=c["end"],
                sentence=SentenceRef(**c["sentence"]),
                source=Source(**src) if src else None,
                cue=Cue(**cue) if cue else None,
                quote=c["quote"],
                status=c["status"],
                markers=[Marker(**m) for m in c.get("markers", [])],
                quantities=list(c.get("quantities", [])),
                shown_by=c.get("shown_by"),
                continued=[Span(**s) for s in c.get("continued", [])],
            )
        )
    return Analysis(
        article=Article(**data["article"]),
        claims=claims,
        quantities=[Quantity(**q) for q in data["quantities"]],
        entities=[
            Entity(id=e["id"], name=e["name"], type=e["type"], mentions=[Span(**m) for m in e["mentions"]])
            for e in data["entities"]
        ],
        schema=data.get("schema", SCHEMA),
        skipped=[Skipped(**s) for s in data.get("skipped", [])],
        upgrades=[upgrade_from_dict(u) for u in data.get("upgrades", [])],
        statements=dict(data.get("statements") or {}),
    )
