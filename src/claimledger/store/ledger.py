"""The ledger: open (and migrate) a database, add analyses idempotently, query and stream them.

An article's identity is its normalised content hash, so adding the same text twice adds nothing;
each article is written in one transaction, so a crash leaves it either fully stored or absent.
SQLite (WAL) by default; PostgreSQL with a `postgresql+psycopg://` URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import ColumnElement, Engine, create_engine, event, false, func, literal_column, select, text
from sqlalchemy.exc import ArgumentError, DatabaseError
from sqlalchemy.orm import Session

from ..errors import InputError
from ..ingest.boilerplate import short_line_keys
from ..model import Analysis, analysis_from_dict
from .schema import ArticleRow, ClaimRow, LineCountRow, MentionRow

DEFAULT_DB = "claimledger.db"


def database_url(db: str) -> str:
    if db.startswith("postgresql://"):
        return "postgresql+psycopg://" + db[len("postgresql://") :]
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


@dataclass
class SourceSummary:
    source: str
    kind: str | None
    claims: int
    statuses: dict[str, int]
    id: str = ""  # the canonical source id (model.source_id)


class Ledger:
    def __init__(self, db: str = DEFAULT_DB) -> None:
        url = database_url(db)
        try:
            self.engine: Engine = create_engine(url)
        except (ArgumentError, ImportError) as exc:
            raise InputError(f"cannot open database '{db}': {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self._migrate()
        except DatabaseError as exc:
            raise InputError(f"cannot open database '{db}': {str(exc.orig).strip()}") from None

    def _migrate(self) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("claimledger.store") / "migrations"))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def has(self, article_id: str) -> bool:
        with Session(self.engine) as s:
            return s.get(ArticleRow, article_id) is not None

    def add(self, analysis: Analysis, origin: str) -> bool:
        """Store one analysis; False when that article is already in the ledger."""
        art = analysis.article
        with Session(self.engine) as s, s.begin():
            if s.get(ArticleRow, art.id) is not None:
                return False
            s.add(
                ArticleRow(
                    id=art.id,
                    url=art.url,
                    origin=origin,
                    title=art.title,
                    lang=art.lang,
                    published=art.published,
                    analysis=json.dumps(analysis.to_dict(), ensure_ascii=False),
                )
            )
            s.flush()
            for c in analysis.claims:
                source_text, source_kind, source_entity = c.source_fields()
                s.add(
                    ClaimRow(
                        article_id=art.id,
                        claim_id=c.id,
                        text=c.text,
                        status=c.status,
                        quote=c.quote,
                        source_text=source_text,
                        source_kind=source_kind,
                        source_entity=source_entity,
                        source_id=c.source_id(art.id),
                        cue_lemma=c.cue.lemma if c.cue else None,
                        start=c.start,
                        end=c.end,
                    )
                )
            for e in analysis.entities:
                s.add(
                    MentionRow(
                        article_id=art.id, entity_id=e.id, name=e.name, type=e.type, mentions=len(e.mentions)
                    )
                )
            self._count_lines(s, short_line_keys(art.text, art.lang))
        return True

    def _count_lines(self, s: Session, keys: set[str]) -> None:
        """One more article carries each of these lines (same transaction as the article)."""
        if not keys:
            return
        insert = _insert_for(self.engine.dialect.name)
        stmt = insert(LineCountRow).values([{"key": k, "articles": 1} for k in sorted(keys)])
        stmt = stmt.on_conflict_do_update(
            index_elements=[LineCountRow.key], set_={"articles": LineCountRow.articles + 1}
        )
        s.execute(stmt)

    def line_counts(self, keys: set[str]) -> dict[str, int]:
        """How many stored articles carry each of these lines (absent: none)."""
        if not keys:
            return {}
        with Session(self.engine) as s:
            rows = s.execute(
                select(LineCountRow.key, LineCountRow.articles).where(LineCountRow.key.in_(keys))
            )
            return {k: n for k, n in rows}

    def count_articles(self) -> int:
        with Session(self.engine) as s:
            return int(s.scalar(select(func.count()).select_from(ArticleRow)) or 0)

    def claims(
        self,
        *,
        source: str | None = None,
        status: str | None = None,
        entity: str | None = None,
        words: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 200,
    ) -> list[ClaimRow]:
        """Claims filtered by source (words of the source as written or of the person it was
        resolved to: "Zarka" finds "il" when "il" is Joshua Zarka), status, source id or entity
        name, full-text words of the content, and the article's publication date (ISO dates)."""
        source, entity, words = _clean(source), _clean(entity), _clean(words)
        q = select(ClaimRow)
        if source:
            named = select(MentionRow.entity_id).where(MentionRow.name.ilike(f"%{source}%"))
            q = q.where(ClaimRow.source_text.ilike(f"%{source}%") | ClaimRow.source_id.in_(named))
        if status:
            q = q.where(ClaimRow.status == status)
        if entity:
            named = select(MentionRow.entity_id).where(MentionRow.name.ilike(f"%{entity}%"))
            q = q.where((ClaimRow.source_id == entity) | ClaimRow.source_id.in_(named))
        if words and words.strip():
            q = q.where(self._full_text(words))
        if since or until:
            dated = select(ArticleRow.id)
            if since:
                dated = dated.where(ArticleRow.published >= since)
            if until:
                dated = dated.where(ArticleRow.published <= until + "\uffff")
            q = q.where(ClaimRow.article_id.in_(dated))
        q = q.order_by(ClaimRow.article_id, ClaimRow.start).limit(limit)
        with Session(self.engine) as s:
            return list(s.scalars(q))

    def _full_text(self, words: str) -> ColumnElement[bool]:
        tokens = re.findall(r"\w+", words)
        if not tokens:
            return false()  # only punctuation: nothing can match
        if self.engine.dialect.name == "sqlite":
            # every word must occur; quoting keeps user input a literal, never FTS5 syntax
            match = " ".join('"' + w + '"' for w in tokens)
            hits = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :m").bindparams(m=match)
            return literal_column("claims.rowid").in_(hits.columns(literal_column("rowid")))
        return literal_column("claims.tsv").op("@@")(func.plainto_tsquery("french", " ".join(tokens)))

    def articles(self, batch: int = 500) -> Iterator[ArticleRow]:
        """Every stored article, streamed in id order (exports of any size, flat memory)."""
        last = ""
        while True:
            with Session(self.engine) as s:
                q = select(ArticleRow).where(ArticleRow.id > last).order_by(ArticleRow.id).limit(batch)
                rows = list(s.scalars(q))
            if not rows:
                return
            yield from rows
            last = rows[-1].id

    def article(self, article_id: str) -> ArticleRow | None:
        with Session(self.engine) as s:
            return s.get(ArticleRow, article_id)

    def recent(self, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
        """Articles newest first (undated last), for listings."""
        q = (
            select(ArticleRow)
            .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
            .limit(limit)
            .offset(offset)
        )
        with Session(self.engine) as s:
            return list(s.scalars(q))

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, as the format's objects (what linking reads)."""
        for row in self.articles():
            yield analysis_from_dict(json.loads(row.analysis))

    def sources(self, limit: int = 50) -> list[SourceSummary]:
        """Who is cited, how often, with which statuses; most cited first. Grouped by the
        canonical source id, the key `claims(entity=…)` filters on: their counts agree."""
        q = (
            select(
                ClaimRow.source_id,
                ClaimRow.status,
                func.count(),
                func.min(ClaimRow.source_text),
                func.min(ClaimRow.source_kind),
            )
            .where(ClaimRow.source_id.is_not(None))
            .group_by(ClaimRow.source_id, ClaimRow.status)
        )
        out: dict[str, SourceSummary] = {}
        with Session(self.engine) as s:
            rows = list(s.execute(q))
            ids = {r[0] for r in rows}
            names = dict(
                s.execute(
                    select(MentionRow.entity_id, func.min(MentionRow.name))
                    .where(MentionRow.entity_id.in_(ids))
                    .group_by(MentionRow.entity_id)
                ).all()
            )
            for sid, status, n, source_text, kind in rows:
                k = str(sid)
                summary = out.setdefault(k, SourceSummary(names.get(k) or source_text or k, kind, 0, {}, k))
                summary.claims += n
                summary.statuses[status] = summary.statuses.get(status, 0) + n
        return sorted(out.values(), key=lambda x: (-x.claims, x.source))[:limit]


def _insert_for(dialect: str) -> Any:
    """The dialect's INSERT with ON CONFLICT (SQLite and PostgreSQL both have it)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _clean(value: str | None) -> str | None:
    """Query text without control characters: NUL breaks SQLite FTS and PostgreSQL strings."""
    if value is None:
        return None
    return "".join(ch for ch in value if ch.isprintable()) or None


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
