"""Writing helpers the linking modules share: the dialect's INSERT … ON CONFLICT, ids in chunks
within every database's bound-parameter limit, and the upsert that adds changes to the sources'
records (source_stats)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ..store.schema import SourceStatsRow

STAT_COLUMNS = ("claims", "confirmed_later", "contradicted", "uncorroborated", "shown")


def bump_sources(s: Session, stats: dict[str, Counter[str]], names: dict[str, str] | None = None) -> None:
    """Add these changes to the sources' records (one upsert per source)."""
    insert_or = insert_ignore(s)
    for who, delta in sorted(stats.items()):
        values = {k: delta.get(k, 0) for k in STAT_COLUMNS}
        stmt = insert_or(SourceStatsRow).values(who=who[:200], name=(names or {}).get(who, who), **values)
        changes = {k: getattr(SourceStatsRow, k) + values[k] for k in STAT_COLUMNS if values[k]}
        s.execute(
            stmt.on_conflict_do_update(
                index_elements=[SourceStatsRow.who], set_=changes or {"claims": SourceStatsRow.claims}
            )
        )


def chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def insert_ignore(s: Session) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
