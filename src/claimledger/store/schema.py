"""Ledger tables. The full analysis-v1 JSON is kept per article (nothing is lost); claims, sources,
quantities and entity mentions are also stored as rows so queries do not parse JSON."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # normalised content hash
    url: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text)  # path or URL it was read from
    title: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    published: Mapped[str | None] = mapped_column(String(40))
    analysis: Mapped[str] = mapped_column(Text)  # analysis-v1 JSON
    # the newsroom (store/outlets.py) and how many of its own plain facts upgrade what the same
    # article only credited or hedged (issue 20): what `outlets` counts without reading analyses
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    upgrades: Mapped[int] = mapped_column(Integer, server_default="0")


class ClaimRow(Base):
    """A claim; its id names its span in the article (`c{start}`, analyse/claim_ids.py), so it
    stays the same when the article is analysed again."""

    __tablename__ = "claims"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    quote: Mapped[str] = mapped_column(String(16))
    source_text: Mapped[str | None] = mapped_column(Text)
    source_kind: Mapped[str | None] = mapped_column(String(16))
    source_entity: Mapped[str | None] = mapped_column(String(200), index=True)
    # the canonical id of who says it (model.source_id): what every reader groups and filters on
    source_id: Mapped[str | None] = mapped_column(String(200), index=True)
    cue_lemma: Mapped[str | None] = mapped_column(String(60))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class MentionRow(Base):
    __tablename__ = "entity_mentions"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    mentions: Mapped[int] = mapped_column(Integer)


class LineCountRow(Base):
    """How many stored articles carry a short line: lines many articles share are site chrome."""

    __tablename__ = "line_counts"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)


Index("ix_claims_source_text", ClaimRow.source_text)


# -- links (link/linker.py writes them when articles are ingested; every reader only reads them) --


class LinkQueueRow(Base):
    """Articles stored but not linked yet: written in the article's own transaction, so an article
    a crash left unlinked is linked by the next run instead of being forgotten."""

    __tablename__ = "link_queue"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


class LinkParkedRow(Base):
    """Articles whose linking took longer than the linker's budget (link/linker.py): out of the
    queue, so that one input never holds up the articles after it, with the reason; their claims
    are stored and readable, not matched with other articles'. `relink` tries them again."""

    __tablename__ = "link_parked"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)


class LinkArticleRow(Base):
    """What linking knows of an article: its story, whether it copies another, and the profile it
    was linked with (frozen, so adding articles later never changes an earlier decision)."""

    __tablename__ = "link_articles"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(16), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # linking order
    date: Mapped[str | None] = mapped_column(String(10), index=True)  # publication day
    duplicate_of: Mapped[str | None] = mapped_column(String(32))
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    terms: Mapped[str] = mapped_column(Text)  # JSON {stem: weight}: its strongest terms
    # JSON: the days it names and whether it names weekdays (link/when.py); NULL before 0012
    times: Mapped[str | None] = mapped_column(Text, nullable=True)


class LinkTermRow(Base):
    """Inverted index of the articles' strongest terms, by day: the candidates of a new article
    are the articles of its days that share a term with it, scored by the database."""

    __tablename__ = "link_terms"
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    date: Mapped[str | None] = mapped_column(String(10))
    weight: Mapped[float] = mapped_column(Float)


class LinkBandRow(Base):
    """MinHash LSH bands: articles sharing a band are candidate copies of each other."""

    __tablename__ = "link_bands"
    band: Mapped[str] = mapped_column(String(24), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


class StoryRow(Base):
    __tablename__ = "stories"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)  # creation order: the older id survives a merge
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[str | None] = mapped_column(String(40))
    end: Mapped[str | None] = mapped_column(String(40))
    articles: Mapped[int] = mapped_column(Integer, index=True)
    entities: Mapped[str] = mapped_column(Text)  # JSON [[id, name], ...], most central first


class StoryRedirectRow(Base):
    """A story id that merged into another keeps resolving (saved links, CLI arguments)."""

    __tablename__ = "story_redirects"
    old_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(16), index=True)


class LinkClaimRow(Base):
    """A claim as linking sees it: story, proposition (matched claims), and what pairs found."""

    __tablename__ = "link_claims"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(16), index=True)
    proposition_id: Mapped[str | None] = mapped_column(String(16), index=True)
    copy: Mapped[bool] = mapped_column(Boolean)  # in a near-duplicate article: never a second voice
    # who vouches for it: the party showing the evidence it reports (shown), else its source id
    who: Mapped[str | None] = mapped_column(String(200), index=True)
    shown: Mapped[bool] = mapped_column(Boolean)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float16, unit length
    features: Mapped[str] = mapped_column(Text)  # JSON: link/records.py ClaimRecord.features()
    corroborated: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed_later: Mapped[bool] = mapped_column(Boolean, default=False)
    contradicted: Mapped[bool] = mapped_column(Boolean, default=False)


class PropositionRow(Base):
    __tablename__ = "propositions"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(16), index=True)
    seq: Mapped[int] = mapped_column(Integer)


class PropositionRedirectRow(Base):
    __tablename__ = "proposition_redirects"
    old_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(16), index=True)


class SeriesRow(Base):
    """Figures answering one question in a story (same counted thing, same predicate)."""

    __tablename__ = "series"
    story_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    thing: Mapped[str] = mapped_column(String(120))
    event: Mapped[str | None] = mapped_column(String(120))
    charted: Mapped[bool] = mapped_column(Boolean)  # two values or two sources at least
    rank: Mapped[int] = mapped_column(Integer)  # display order in the story
    points: Mapped[str] = mapped_column(Text)  # JSON list of points (link/series.py Point)
    conflicts: Mapped[str] = mapped_column(Text)  # JSON [[point index, point index], ...]


class ContradictionRow(Base):
    """A denial and a claim of the same proposition by another source."""

    __tablename__ = "contradictions"
    affirmed_article: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    affirmed_claim: Mapped[str] = mapped_column(String(32), primary_key=True)
    denied_article: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    denied_claim: Mapped[str] = mapped_column(String(32), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(16), index=True)


class ApartRow(Base):
    """Two claims a reviewer said are not one statement (`detach`): never in one proposition and
    never a matching pair, whatever their score, through every later link and `relink` (which
    does not clear this table)."""

    __tablename__ = "proposition_apart"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    other_article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    other_claim_id: Mapped[str] = mapped_column(String(32), primary_key=True)


class StatusChangeRow(Base):
    """A statement alleged or speculated by one source, confirmed later by another; or, when the
    later claim is an article's own plain fact, certainty upgraded without a source (issue 20,
    link/laundering.py)."""

    __tablename__ = "status_changes"
    before_article: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    before_claim: Mapped[str] = mapped_column(String(32), primary_key=True)
    after_article: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    after_claim: Mapped[str] = mapped_column(String(32), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(16), index=True)


class SourceStatsRow(Base):
    """Each source's record, kept up to date as claims are linked (summing 20 million claim rows
    on every `source-record` would not be): claims, later confirmed by another source,
    contradicted by one, never corroborated by one, and reporting evidence the source shows."""

    __tablename__ = "source_stats"
    who: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # as first written, when no entity names it
    claims: Mapped[int] = mapped_column(Integer, index=True)
    confirmed_later: Mapped[int] = mapped_column(Integer)
    contradicted: Mapped[int] = mapped_column(Integer)
    uncorroborated: Mapped[int] = mapped_column(Integer)
    shown: Mapped[int] = mapped_column(Integer)


class ClaimEntityRow(Base):
    """The entities a claim mentions (its source or its content): `claims --entity` finds every
    claim about an entity, not only those it makes."""

    __tablename__ = "claim_entities"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class VerdictRow(Base):
    """A reviewer's verdict on a claim (`ARTICLE:cSTART`) or a proposition (`p-…`). Not tied to
    the article row: re-analysis, relinking and even deleting the article never lose a desk's
    work. The claim's text is kept with the verdict: a verdict is shown on a claim only while the
    claim still says what was judged (desk/verdicts.py)."""

    __tablename__ = "verdicts"
    target: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str | None] = mapped_column(String(32), index=True)
    claim_id: Mapped[str | None] = mapped_column(String(32))
    proposition_id: Mapped[str | None] = mapped_column(String(16), index=True)
    claim_text: Mapped[str] = mapped_column(Text)
    rating: Mapped[str] = mapped_column(String(40), index=True)
    explanation: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    reviewed: Mapped[str] = mapped_column(String(10))  # ISO date of the review
    short: Mapped[str | None] = mapped_column(Text)  # the claim as the reviewer sums it up
    updated: Mapped[str] = mapped_column(String(32))  # ISO timestamp of the last change


class VerdictHistoryRow(Base):
    """Every change to a verdict: who, when, and each field's value before and after."""

    __tablename__ = "verdict_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target: Mapped[str] = mapped_column(String(64), index=True)
    changed: Mapped[str] = mapped_column(String(32))
    reviewer: Mapped[str] = mapped_column(String(200))
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [before, after]}


# -- one id per person across the ledger (store/identity.py) ----------------------------------


class EntityAliasRow(Base):
    """An entity id merged into another (two ids of one person, as "person:obama" and
    "person:barack-obama"): stored rows carry only the new id, and the old one keeps resolving for
    readers and for later articles. Not tied to an article: deleting one never breaks an alias,
    and a merge is never undone."""

    __tablename__ = "entity_aliases"
    old_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(200), index=True)


class EntityNameRow(Base):
    """Each person and organisation id the ledger's articles name, with its fullest name, found by
    surname: what a new article's people and organisations are merged against, at a cost that
    does not grow with the ledger."""

    __tablename__ = "entity_names"
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    surname: Mapped[str | None] = mapped_column(String(120), index=True)


class LinkRecheckRow(Base):
    """A source whose id changed (a merge) after some of its claims were linked: the linker scores
    those claims' pairs again (one voice is no corroboration of itself) and rebuilds their
    stories' series and summaries. Written with the merge, so a crash never loses it."""

    __tablename__ = "link_recheck"
    who: Mapped[str] = mapped_column(String(200), primary_key=True)


Index("ix_link_terms_term_date", LinkTermRow.term, LinkTermRow.date)
Index("ix_link_bands_article", LinkBandRow.article_id)
Index("ix_entity_mentions_entity", MentionRow.entity_id)
