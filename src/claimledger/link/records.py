"""Flat, comparable views of stored claims and articles, the input of every linking step."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Analysis, Quantity, Source, plausible_figure, source_id

ACTOR_TYPES = ("country", "person", "organization")


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
    quantities: list[Quantity] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.claim_id}"

    @property
    def source_key(self) -> str:
        """Who says it: the canonical source id the ledger uses (model.source_id), so source
        records count what `claimledger sources` counts; the article itself when nobody is cited."""
        if self.source is None or self.source_kind is None:
            return f"article:{self.article_id}"
        found = Source(text=self.source, start=0, end=0, kind=self.source_kind, entity=self.source_entity)  # type: ignore[arg-type]
        return source_id(found, self.article_id) or f"article:{self.article_id}"


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


def from_analysis(a: Analysis) -> ArticleRecord:
    art = a.article
    # figures an older analyser let through (a 400-digit "number", an Infinity) are not figures
    quantities = {q.id: q for q in a.quantities if plausible_figure(q.value)}
    claims = []
    for c in a.claims:
        inside = frozenset(
            e.id
            for e in a.entities
            if e.type in ACTOR_TYPES and any(c.start <= m.start < c.end for m in e.mentions)
        )
        source_text, source_kind, source_entity = c.source_fields()
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
                quantities=[quantities[q] for q in c.quantities if q in quantities],
            )
        )
    return ArticleRecord(
        id=art.id,
        title=art.title,
        url=art.url,
        date=art.published,
        text=art.text,
        entities={e.id: len(e.mentions) for e in a.entities},
        names={e.id: e.name for e in a.entities},
        claims=claims,
    )
