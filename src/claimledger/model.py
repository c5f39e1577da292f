"""The analysis format, version 1 (`shared/spec/analysis-v1.md`), as plain dataclasses.

Other tools read this format, so the field names here are the spec's; `to_dict` gives the JSON
object and `analysis_from_dict` reads it back (the ledger stores and reloads it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "claimledger.analysis/1"

SourceKind = Literal["person", "organization", "country", "group", "document", "anonymous", "vague"]
QuoteKind = Literal["direct", "indirect", "mixed", "none"]
Status = Literal["stated", "confirmed", "alleged", "speculative", "denied"]
MarkerKind = Literal["conditional", "modal", "hedge", "negation", "denial", "confirmation", "attribution"]
Bound = Literal["exact", "about", "at_least", "more_than", "up_to", "less_than", "range", "vague"]
EntityType = Literal["person", "organization", "country", "place", "other"]

STATUSES: tuple[Status, ...] = ("stated", "confirmed", "alleged", "speculative", "denied")


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

    def source_fields(self) -> tuple[str | None, str | None, str | None]:
        """(text, kind, entity) of the source; all None when the article itself speaks."""
        if self.source is None:
            return None, None, None
        return self.source.text, self.source.kind, self.source.entity


@dataclass
class Quantity:
    id: str
    text: str
    start: int
    end: int
    value: float | int
    low: float | int | None
    high: float | int | None
    bound: Bound
    unit: str | None
    counted: str | None


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
class Analysis:
    article: Article
    claims: list[Claim]
    quantities: list[Quantity]
    entities: list[Entity]
    schema: str = SCHEMA
    skipped: list[Skipped] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON object, `schema` first as in the spec."""
        body = asdict(self)
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
    )
