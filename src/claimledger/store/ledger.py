"""The ledger: open (and migrate) a database, add analyses idempotently, query and stream them.

An article's identity is its normalised content hash, so adding the same text twice adds nothing;
each article is written in one transaction, so a crash leaves it either fully stored or absent.
SQLite (WAL) by default; PostgreSQL with a `postgresql+psycopg://` URL.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Engine,
    Select,
    case,
    create_engine,
    delete,
    event,
    false,
    func,
    literal_column,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session

from ..errors import InputError
from ..ingest.boilerplate import short_line_keys
from ..lexicon import entity_ids_for
from ..model import Analysis, analysis_from_dict
from . import identity, urls
from .outlets import outlet_of
from .schema import (
    ArticleRow,
    ClaimEntityRow,
    ClaimRow,
    LineCountRow,
    LinkQueueRow,
    MentionRow,
    SourceStatsRow,
    VerdictRow,
)

DEFAULT_DB = "claimledger.db"


def database_url(db: str) -> str:
    return urls.database_url(db)  # checked, one-line errors that never show the password


@dataclass
class SourceSummary:
    source: str
    kind: str | None
    claims: int
    statuses: dict[str, int]
    id: str = ""  # the canonical source id (model.source_id)


HEAD = "0012"  # the newest migration (store/migrations/versions); a test keeps them in step
OUTLETS_REVISION = "0010"  # articles.outlet and articles.upgrades
TIMES_REVISION = "0012"  # link_articles.times
MIGRATION_LOCK = 7_432_117  # PostgreSQL advisory lock that serialises first opens
BUSY_SECONDS = 30.0  # how long a SQLite writer waits for another one before it gives up
# how long a short write a person waits on (a verdict) waits for another writer (a relink holds
# the lock for minutes): then it fails in one line and the person tries again
QUICK_SECONDS = 5.0
BUSY_MESSAGE = (
    "the ledger is busy: another process is writing to it (an ingest or a relink); nothing was "
    "recorded, try again in a moment"
)


class LedgerBusy(InputError):
    """Another process holds the ledger's write lock longer than a short write waits."""


class Ledger:
    def __init__(self, db: str = DEFAULT_DB, *, revision: str = "head", create: bool = True) -> None:
        """`create=False` for commands that only read: a mistyped path is an error, not a new
        empty ledger that answers "0 claims"."""
        url = database_url(db)
        path = urls.sqlite_file(db)  # every SQLite spelling, not only sqlite:///
        if not create and path is not None and not path.is_file():
            raise InputError(f"no ledger at '{db}' (ingest articles into it first, or check --db)")
        try:
            self.engine: Engine = create_engine(url)
        except (ArgumentError, ImportError) as exc:
            raise InputError(urls.scrub(f"cannot open database '{db}': {exc}", db)) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        # writes take SQLite's write lock when they begin (BEGIN IMMEDIATE), so a writer waits for
        # another instead of failing when it upgrades a read lock
        self.writer: Engine = self.engine.execution_options(cl_write=True)
        self.merged = 0  # ids this object's adds merged into another (store/identity.py)
        # a ledger opened at an older revision (to test a migration) has none of the later columns
        self.counts_outlets = revision == "head" or revision >= OUTLETS_REVISION
        self.places_articles = revision == "head" or revision >= TIMES_REVISION
        try:
            self._migrate(revision)
        except DatabaseError as exc:
            reason = str(exc.orig).strip()
            raise InputError(urls.scrub(f"cannot open database '{db}': {reason}", db)) from None

    def _migrate(self, revision: str) -> None:
        """Bring the schema to `revision` in one transaction that holds the write lock: two first
        opens run one after the other, and a migration killed half-way leaves the database as it
        was (SQLite and PostgreSQL both roll DDL back), so the next open simply runs it again.
        A ledger already at the head is only checked (alembic is not even imported): opening
        it costs milliseconds, which every read command pays."""
        if revision == "head" and self._revision() == HEAD:
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("claimledger.store") / "migrations"))
        with self.writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def _revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DatabaseError:
            return None  # a new database, or one older than migrations

    def has(self, article_id: str) -> bool:
        with Session(self.engine) as s:
            return s.get(ArticleRow, article_id) is not None

    def add(self, analysis: Analysis, origin: str) -> bool:
        """Store one analysis in one transaction; False when that article is already stored.

        Idempotent under concurrent writers: the article row is inserted with ON CONFLICT DO
        NOTHING, so two runs storing the same article store it once and neither fails; a SQLite
        writer waits for another (busy timeout) and retries if the wait ran out."""
        for attempt in range(_RETRIES):
            try:
                return self._add(analysis, origin)
            except OperationalError as exc:
                if "locked" not in str(exc.orig).lower() or attempt == _RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _add(self, analysis: Analysis, origin: str) -> bool:
        art = analysis.article
        insert = _insert_for(self.engine.dialect.name)
        with Session(self.writer) as s, s.begin():
            # one id per person across the ledger (store/identity.py): the article's people and
            # organisations are merged with the ledger's before anything is stored
            data = analysis.to_dict()
            data["statements"] = analysis.statements  # kept with the analysis: relink reads them
            plan = None
            if any(e.id.startswith(identity.MERGED) for e in analysis.entities):
                identity.lock(s)
                plan = identity.plan_article(s, data)
                if plan and identity.rewrite_analysis(data, plan.ids, plan.names):
                    analysis = analysis_from_dict(data)
            row: dict[str, Any] = {
                "id": art.id,
                "url": stored_text(art.url),
                "origin": stored_text(origin) or "",
                "title": stored_text(art.title),
                "lang": art.lang[:8],
                "published": stored_text(art.published, 40),
                # strict JSON (RFC 8259: no NaN or Infinity); a NUL is escaped there, so text keeps it
                "analysis": json.dumps(data, ensure_ascii=False, allow_nan=False),
            }
            if self.counts_outlets:
                row |= {"outlet": outlet_of(art.url), "upgrades": len(analysis.upgrades)}
            stmt = insert(ArticleRow).values(**row).on_conflict_do_nothing(index_elements=["id"])
            created = cast(CursorResult[Any], s.execute(stmt))
            if not created.rowcount:
                return False
            if plan is not None:
                identity.apply(s, plan, {e.id: (e.name, e.type) for e in analysis.entities})
                self.merged += plan.fresh
            for c in analysis.claims:
                source_text, source_kind, source_entity = c.source_fields()
                s.add(
                    ClaimRow(
                        article_id=art.id,
                        claim_id=c.id,
                        text=stored_text(c.full_text()) or "",
                        status=c.status,
                        quote=c.quote,
                        source_text=stored_text(source_text),
                        source_kind=source_kind,
                        source_entity=stored_text(source_entity, 200),
                        source_id=stored_text(c.source_id(art.id), 200),
                        cue_lemma=stored_text(c.cue.lemma, 60) if c.cue else None,
                        start=c.start,
                        end=c.end,
                    )
                )
            s.add_all(
                ClaimEntityRow(article_id=art.id, claim_id=c, entity_id=e)
                for c, e in claim_entities(analysis)
            )
            for e in analysis.entities:
                s.add(
                    MentionRow(
                        article_id=art.id,
                        entity_id=stored_text(e.id, 200) or "",
                        name=stored_text(e.name) or "",
                        type=e.type,
                        mentions=len(e.mentions),
                    )
                )
            self._count_lines(s, short_line_keys(art.text, art.lang))
            s.add(LinkQueueRow(article_id=art.id))  # linked by the next link run (link/linker.py)
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

    def uncount_lines(self, s: Session, article_id: str) -> None:
        """One article fewer carries each of its short lines: called in the transaction that
        deletes it (here and Linker.forget), so that deleting and storing an article again never
        makes its own paragraphs look like chrome shared by several articles."""
        row = s.get(ArticleRow, article_id)
        if row is None:
            return
        keys = sorted(_line_keys(row.analysis))
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            s.execute(
                update(LineCountRow)
                .where(LineCountRow.key.in_(chunk))
                .values(articles=LineCountRow.articles - 1)
            )
            s.execute(delete(LineCountRow).where(LineCountRow.key.in_(chunk), LineCountRow.articles <= 0))

    def line_keys(self, article_ids: Iterable[str]) -> dict[str, set[str]]:
        """The short-line keys each stored article was counted with (its copies' lines are taken
        out of a new article's counts, store/ingest.py)."""
        ids = sorted(set(article_ids))
        out: dict[str, set[str]] = {}
        with Session(self.engine) as s:
            for start in range(0, len(ids), 200):
                chunk = ids[start : start + 200]
                rows = s.execute(select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(chunk)))
                out.update({aid: _line_keys(analysis) for aid, analysis in rows})
        return out

    @contextmanager
    def quick_write(self, seconds: float = QUICK_SECONDS) -> Iterator[Session]:
        """A transaction for a short write a person waits on (a verdict): it waits at most
        `seconds` for another writer, then raises LedgerBusy (one line for the CLI, a 503 for the
        API) and writes nothing. A relink or an ingest holds the write lock for minutes: waiting
        on the usual 30 s, then failing with a driver traceback, lost the reviewer's work."""
        engine = self.writer.execution_options(cl_busy=seconds)
        try:
            with Session(engine) as s, s.begin():
                if s.get_bind().dialect.name == "postgresql":
                    s.execute(text(f"SET LOCAL lock_timeout = {int(seconds * 1000)}"))
                yield s
        except OperationalError as exc:
            if _busy(exc):
                raise LedgerBusy(BUSY_MESSAGE) from None
            raise

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
        offset: int = 0,
        source_id: str | None = None,
        plain: bool = True,
    ) -> list[ClaimRow]:
        """Claims filtered by source (words of the source as written or of the person it was
        resolved to: "Zarka" finds "il" when "il" is Joshua Zarka; or its canonical id), by
        `source_id` exactly, by status, by entity (claims that mention it or whose source it is:
        its id, any name, demonym or seat the gazetteers know in any language, case, accents and
        hyphens aside, "Pyongyang" and "nord-coréens" as "Corée du Nord"; or words of a stored
        entity name, for people), full-text words of the content (accent- and plural-insensitive
        prefixes), and the article's publication date (ISO dates). `plain=False` leaves out the
        articles' own plain sentences (no source, stated): most of a ledger, and not what a
        desk looks for (`count_claims` counts what this lists, without limit)."""
        q = self._claims_query(
            source=source, status=status, entity=entity, words=words, since=since, until=until,
            source_id=source_id, plain=plain,
        )
        order = (ClaimRow.article_id, ClaimRow.start, func.length(ClaimRow.claim_id), ClaimRow.claim_id)
        q = q.order_by(*order).offset(offset).limit(limit)
        with Session(self.engine) as s:
            return list(s.scalars(q))

    def count_claims(
        self,
        *,
        source: str | None = None,
        status: str | None = None,
        entity: str | None = None,
        words: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source_id: str | None = None,
        plain: bool = True,
    ) -> int:
        """How many claims `claims` finds with these filters when given no limit: a listing says
        "20 of 1,027", never cuts silently."""
        q = self._claims_query(
            source=source, status=status, entity=entity, words=words, since=since, until=until,
            source_id=source_id, plain=plain,
        )
        with Session(self.engine) as s:
            return int(s.scalar(select(func.count()).select_from(q.subquery())) or 0)

    def _claims_query(
        self,
        *,
        source: str | None,
        status: str | None,
        entity: str | None,
        words: str | None,
        since: str | None,
        until: str | None,
        source_id: str | None,
        plain: bool,
    ) -> Select[Any]:
        """The filters of `claims` and `count_claims`, in one place so that their numbers agree."""
        source, entity, words = _clean(source), _clean(entity), _clean(words)
        q = select(ClaimRow)
        if not plain:
            q = q.where(ClaimRow.source_id.is_not(None) | (ClaimRow.status != "stated"))
        if source_id:
            q = q.where(ClaimRow.source_id.in_(self.resolve_ids([source_id])))
        if source:
            named = select(MentionRow.entity_id).where(MentionRow.name.icontains(source, autoescape=True))
            q = q.where(
                ClaimRow.source_text.icontains(source, autoescape=True)  # % and _ are letters here
                | ClaimRow.source_id.in_(named)
                | ClaimRow.source_id.in_(self.resolve_ids([source]))
            )
        if status:
            q = q.where(ClaimRow.status == status)
        if entity:
            # the ids the user means: the id itself (or the id it was merged into), the
            # gazetteer's ids for the name, and the entities whose stored name contains it
            # (people: "Zarka" for "Joshua Zarka")
            ids = self.resolve_ids([entity, *entity_ids_for(entity)])
            named = select(MentionRow.entity_id).where(MentionRow.name.icontains(entity, autoescape=True))
            about = select(ClaimEntityRow.article_id, ClaimEntityRow.claim_id).where(
                ClaimEntityRow.entity_id.in_(ids) | ClaimEntityRow.entity_id.in_(named)
            )
            mentions = tuple_(ClaimRow.article_id, ClaimRow.claim_id).in_(about)
            q = q.where(ClaimRow.source_id.in_(ids) | ClaimRow.source_id.in_(named) | mentions)
        if words and words.strip():
            q = q.where(self._full_text(words))
        if since or until:
            dated = select(ArticleRow.id)
            if since:
                dated = dated.where(ArticleRow.published >= since)
            if until:
                dated = dated.where(ArticleRow.published <= until + "\uffff")
            q = q.where(ClaimRow.article_id.in_(dated))
        return q

    def resolve_ids(self, ids: list[str]) -> list[str]:
        """These ids and, for any that was merged into another (two ids of one person), the id the
        ledger stores it under now: `person:obama` finds `person:barack-obama`."""
        with Session(self.engine) as s:
            return sorted(identity.resolve_ids(s, ids))

    def canonical_id(self, eid: str) -> str:
        """The id the ledger stores an entity under (itself unless it was merged into another)."""
        with Session(self.engine) as s:
            return identity.aliases_of(s, [eid]).get(eid, eid)

    def claim(self, article_id: str, claim_id: str) -> ClaimRow | None:
        with Session(self.engine) as s:
            return s.get(ClaimRow, (article_id, claim_id))

    def titles(self, article_ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
        """Title and publication date of each article (what a listing of claims shows)."""
        with Session(self.engine) as s:
            rows = s.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.published).where(
                    ArticleRow.id.in_(sorted(article_ids))
                )
            )
            return {r.id: (r.title, r.published) for r in rows}

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its claims, mentions and links (foreign keys cascade); its
        story is then summarised again by the linker (`Linker.forget`). Verdicts stay."""
        with Session(self.writer) as s, s.begin():
            row = s.get(ArticleRow, article_id)
            if row is None:
                return False
            self.uncount_lines(s, article_id)
            named = identity.named_in(s, article_id)
            s.delete(row)
            s.flush()
            identity.forget_article(s, named)
        return True

    def _full_text(self, words: str) -> ColumnElement[bool]:
        """Every word must occur, whatever its accents, plural or ending: each word is cut to its
        search stem ("otages" -> "otage") and matched as a prefix ("otage" finds "otages")."""
        stems = search_stems(words)
        if not stems:
            return false()  # only punctuation: nothing can match
        if self.engine.dialect.name == "sqlite":
            # quoting keeps user input a literal, never FTS5 syntax; the index ignores accents
            match = " ".join('"' + w + '"*' for w in stems)
            hits = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :m").bindparams(m=match)
            return literal_column("claims.rowid").in_(hits.columns(literal_column("rowid")))
        tokens = re.findall(r"\w+", words)
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

    def sources(self, limit: int = 50, offset: int = 0) -> list[SourceSummary]:
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
        return sorted(out.values(), key=lambda x: (-x.claims, x.source, x.id))[offset : offset + limit]

    def count_sources(self) -> int:
        """How many sources `sources` ranks (its "N of M")."""
        q = select(func.count(func.distinct(ClaimRow.source_id))).where(ClaimRow.source_id.is_not(None))
        with Session(self.engine) as s:
            return int(s.scalar(q) or 0)

    def count_source_records(self) -> int:
        """How many sources `source-record` ranks (those with claims): its "N of M"."""
        q = select(func.count()).select_from(SourceStatsRow).where(SourceStatsRow.claims > 0)
        with Session(self.engine) as s:
            return int(s.scalar(q) or 0)

    def count_verdicts(self, rating: str | None = None) -> int:
        """How many verdicts `reviews` lists (with this rating): its "N of M"."""
        q = select(func.count()).select_from(VerdictRow)
        if rating:
            q = q.where(VerdictRow.rating == rating)
        with Session(self.engine) as s:
            return int(s.scalar(q) or 0)

    def claim_counts(self, article_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """(claims, attributed claims) of each article, for a listing of articles: how much of
        an article is somebody's word rather than its own sentences. Absent: no claims."""
        ids = sorted(set(article_ids))
        attributed = func.sum(case((ClaimRow.source_id.is_not(None), 1), else_=0))
        out: dict[str, tuple[int, int]] = {}
        with Session(self.engine) as s:
            for start in range(0, len(ids), 500):
                rows = s.execute(
                    select(ClaimRow.article_id, func.count(), attributed)
                    .where(ClaimRow.article_id.in_(ids[start : start + 500]))
                    .group_by(ClaimRow.article_id)
                )
                out.update({aid: (int(n), int(a or 0)) for aid, n, a in rows})
        return out

    def find_article(self, ref: str) -> str | None:
        """The id of the article `ref` names: its id, its URL, or its origin as given at ingest
        (a path also as an absolute path, the way a desk types it again later): `delete` takes
        what the user has at hand, not only the hash."""
        from pathlib import Path

        ref = ref.strip()
        if not ref:
            return None
        if self.has(ref):
            return ref
        names = {ref}
        absolute = None
        if "://" not in ref:
            with suppress(OSError, RuntimeError, ValueError):  # not a path this system can resolve
                absolute = Path(ref).expanduser().resolve()
                names.add(str(absolute))
        with Session(self.engine) as s:
            exact = list(
                s.scalars(
                    select(ArticleRow.id)
                    .where(ArticleRow.url.in_(sorted(names)) | ArticleRow.origin.in_(sorted(names)))
                    .order_by(ArticleRow.id)
                    .limit(2)
                )
            )
            if len(exact) > 1:
                # a page fetched twice with other text, or two inputs read from stdin: the
                # address names more than one article, and deleting "the first" could be the wrong one
                raise InputError(f"'{ref}' names more than one article: give its id (claimledger articles)")
            found = exact[0] if exact else None
            if found is not None or absolute is None or not absolute.name:
                return found
            # ingested by a relative path from another directory ("in/a.txt"): the file's
            # absolute path ends with it; more than one such article is no answer
            rows = s.execute(
                select(ArticleRow.id, ArticleRow.origin).where(
                    ArticleRow.origin.endswith(absolute.name, autoescape=True)
                )
            ).all()
        tails = sorted(
            aid
            for aid, origin in rows
            if "://" not in origin
            and not Path(origin).is_absolute()
            and ".." not in Path(origin).parts
            and absolute.as_posix().endswith("/" + Path(origin).as_posix())
        )
        if len(tails) > 1:
            raise InputError(f"'{ref}' may be any of {len(tails)} articles: give its id")
        return tails[0] if tails else None


_RETRIES = 6


def _line_keys(analysis_json: str) -> set[str]:
    """The short-line keys of a stored article, as `add` counted them (none for a language this
    install has no rules for: it could not have been counted either)."""
    article = json.loads(analysis_json).get("article", {})
    try:
        return short_line_keys(article.get("text", ""), article.get("lang", "fr"))
    except Exception:  # noqa: BLE001 (no lexicon for that language)
        return set()


def _busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked" (its busy wait ran out) or PostgreSQL's lock timeout."""
    orig = exc.orig
    return "locked" in str(orig).lower() or getattr(orig, "sqlstate", None) == "55P03"


def claim_entities(analysis: Analysis) -> set[tuple[str, str]]:
    """(claim id, entity id) for each entity mentioned inside a claim's content or source."""
    out: set[tuple[str, str]] = set()
    for c in analysis.claims:
        spans = [(c.start, c.end)] + ([(c.source.start, c.source.end)] if c.source else [])
        for e in analysis.entities:
            if any(a <= m.start and m.end <= b for m in e.mentions for a, b in spans):
                out.add((c.id, stored_text(e.id, 200) or ""))
    return out


def search_stems(words: str) -> list[str]:
    """The words of a search as prefixes that ignore accents, case and the plural: the same
    folding the web page uses to highlight what matched (present/web/highlight.py)."""
    return [stem for w in re.findall(r"\w+", words) if (stem := search_stem(w))]


def search_stem(word: str) -> str:
    import unicodedata

    folded = "".join(
        ch for ch in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(ch)
    )
    if len(folded) > 3 and folded[-1] in "sx":
        folded = folded[:-1]  # a French or English plural: the prefix finds both forms
    return folded


def stored_text(value: str | None, limit: int | None = None) -> str | None:
    """Text as both databases accept it: no NUL (PostgreSQL refuses it), and within the column's
    length where it has one (PostgreSQL enforces it, SQLite does not: the same data must fit both)."""
    if value is None:
        return None
    value = value.replace("\x00", "")
    return value[:limit] if limit is not None else value


def _insert_for(dialect: str) -> Any:
    """The dialect's INSERT with ON CONFLICT (SQLite and PostgreSQL both have it)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _clean(value: str | None) -> str | None:
    """Query text without control characters: NUL breaks SQLite FTS and PostgreSQL strings."""
    if value is None:
        return None
    return "".join(ch for ch in value if ch.isprintable()) or None


def _sqlite_connect(dbapi_conn: Any, _record: object) -> None:
    """The driver must not open and commit transactions behind SQLAlchemy's back: left to itself,
    Python's sqlite3 commits before every DDL statement, so a migration could not be rolled back.
    Transactions are begun explicitly instead (_sqlite_begin)."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    # a ledger of millions of rows is read in index ranges: keep its hot pages in memory (the
    # default page cache is 2 MB) and let reads map the file instead of copying it
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA mmap_size=268435456")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    options = conn.get_execution_options()
    if options.get("cl_write"):
        # each write says how long it waits for another writer (quick_write waits less)
        busy = float(options.get("cl_busy", BUSY_SECONDS))
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(busy * 1000)}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")
