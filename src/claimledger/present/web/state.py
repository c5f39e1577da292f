"""What the routes of one app share: the ledger and its readers (`State`), the pages' templates and
the analysis queue (`Site`), both built once by `create_app` and reached from a request.

Routes take the ledger as a dependency (`StateDep`, `QueueDep`); page helpers that only have the
request reach the rest through `site(request)`."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from markdown_it import MarkdownIt

from ...desk.config import DeskConfig, load_config
from ...desk.verdicts import Verdicts
from ...link.read import LinkReader
from ...link.report import StoryReport
from ...model import Analysis, analysis_from_dict
from ...store.ledger import Ledger
from .i18n import N_
from .problem import Problem
from .security import AnalysisQueue

if TYPE_CHECKING:  # the NLP pipeline is loaded only when a text is analysed
    from ...analyse.article import Analyzer
    from ...link.linker import Linker


class State:
    """The ledger, and what is slow to build (the analysis pipeline), built once, on the first
    analysis: every page but analysis reads the ledger only."""

    def __init__(self, db: str, config: DeskConfig | None = None) -> None:
        self.ledger = Ledger(db)
        self.reader = LinkReader(self.ledger)
        self.verdicts = Verdicts(self.ledger)
        self.desk = config or load_config()
        self.lock = threading.Lock()
        self._analyzer: Analyzer | None = None
        self._linker: Linker | None = None

    def analyzer(self) -> Analyzer:
        from ...analyse.article import Analyzer

        with self.lock:
            if self._analyzer is None:
                self._analyzer = Analyzer()
            return self._analyzer

    def linker(self) -> Linker:
        from ...link.embed import Embedder
        from ...link.linker import Linker

        analyzer = self.analyzer()
        with self.lock:
            if self._linker is None:
                self._linker = Linker(self.ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))
            return self._linker

    def link(self) -> None:
        """Link what was just stored (and anything a crash left queued)."""
        self.linker().link_pending()

    def analysis(self, article_id: str) -> Analysis:
        row = self.ledger.article(article_id)
        if row is None:
            raise Problem(404, N_("no article with this id"))
        return analysis_from_dict(json.loads(row.analysis))

    def story_id(self, story_id: str) -> str:
        """The live id (a merged story's id resolves to the story it merged into)."""
        live = self.reader.resolve_story(story_id)
        if live is None:
            raise Problem(404, N_("no story with this id"))
        return live

    def report(self, story_id: str) -> StoryReport:
        rep = self.reader.report(story_id)
        if rep is None:
            raise Problem(404, N_("no story with this id"))
        return rep


@dataclass(frozen=True)
class Site:
    """One app's shared parts, kept in `app.state.web`: the ledger, the pages of each language,
    the Markdown renderer of briefs, the analysis queue, and the pages' language when a visitor
    chose none (None: the browser's, else French)."""

    state: State
    templates: dict[str, Jinja2Templates]
    markdown: MarkdownIt
    queue: AnalysisQueue
    lang: str | None


def site(request: Request) -> Site:
    """The shared parts of the app that answers `request`."""
    shared: Site = request.app.state.web
    return shared


async def ledger_state(request: Request) -> State:
    """Dependency: the app's ledger and readers."""
    return site(request).state


async def analysis_queue(request: Request) -> AnalysisQueue:
    """Dependency: the app's analysis queue (one analysis at a time, off the event loop)."""
    return site(request).queue


StateDep = Annotated[State, Depends(ledger_state)]
QueueDep = Annotated[AnalysisQueue, Depends(analysis_queue)]
