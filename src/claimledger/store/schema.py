"""Ledger tables. The full analysis-v1 JSON is kept per article (nothing is lost); claims, sources,
quantities and entity mentions are also stored as rows so queries do not parse JSON."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
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


class ClaimRow(Base):
    __tablename__ = "claims"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(16), primary_key=True)
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
