"""Opening what a command works on: the ledger, its linker and reader, a story's report, the
desk settings; every refusal is one line and exit 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError
from ..present.words import words
from .output import _note, fail

if TYPE_CHECKING:
    from ..analyse.article import Analyzer
    from ..desk.config import DeskConfig
    from ..link.linker import Linker
    from ..link.read import LinkReader
    from ..link.report import StoryReport
    from ..store.ledger import Ledger


def _linker(ledger: Ledger, analyzer: Analyzer | None = None) -> Linker:
    """A linker that embeds with the analysis pipeline's own vectors when one is loaded here."""
    from ..link.embed import Embedder
    from ..link.linker import Linker

    try:
        if analyzer is not None:
            return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))
        return Linker(ledger)
    except InputError as exc:  # CLAIMLEDGER_LINK_BUDGET that is no number of seconds
        fail(str(exc))
        raise  # unreachable: fail() exits


def _ledger(db: str, *, create: bool = False) -> Ledger:
    """The ledger at `db`; a read command refuses a file that does not exist (a mistyped --db
    must not create an empty ledger and answer "0 claims")."""
    from ..store.ledger import Ledger

    try:
        return Ledger(db, create=create)
    except InputError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def _reader(db: str) -> LinkReader:
    from ..link.read import LinkReader

    reader = LinkReader(_ledger(db))
    waiting = reader.pending()
    if waiting:
        _note(words()("not_linked", n=waiting))
    merged = reader.rechecks()
    if merged:
        _note(words()("not_rechecked", n=merged))
    return reader


def _report(db: str, story_id: str, *, all_claims: bool = True) -> StoryReport:
    reader = _reader(db)
    live = reader.resolve_story(story_id)
    rep = reader.report(live, all_claims=all_claims) if live else None
    if rep is None:
        fail(f"no story '{story_id}' (see 'claimledger stories')")
        raise AssertionError  # unreachable
    if live != story_id:
        _note(words()("merged_story", old=story_id, new=live))
    return rep


def _config(path: str | None) -> DeskConfig:
    from ..desk.config import load_config

    try:
        return load_config(path)
    except InputError as exc:
        fail(str(exc))
        raise  # unreachable
