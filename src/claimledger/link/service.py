"""Stories of a set of analyses: load, embed, deduplicate, group, report (used by CLI and API)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..model import Analysis
from .dedupe import near_duplicates
from .embed import Embedder
from .records import ArticleRecord, from_analysis
from .report import StoryReport, build_report
from .stories import Story, group_stories


class StoryIndex:
    def __init__(self, articles: list[ArticleRecord], embedder: Embedder | None = None) -> None:
        self.embed = embedder or Embedder()
        self.articles = articles
        self.duplicates = near_duplicates(self.articles)
        vectors = np.zeros((len(self.articles), self.embed.dim), dtype=np.float32)
        for i, art in enumerate(self.articles):
            if art.claims:
                v = self.embed([c.text for c in art.claims]).mean(axis=0)
                n = float(np.linalg.norm(v))
                vectors[i] = v / n if n else v
        self.stories: list[Story] = group_stories(self.articles, vectors)
        self._reports: dict[str, StoryReport] = {}

    @classmethod
    def from_analyses(cls, analyses: Iterable[Analysis], embedder: Embedder | None = None) -> StoryIndex:
        return cls([from_analysis(a) for a in analyses], embedder)

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def report(self, story_id: str) -> StoryReport | None:
        story = self.story(story_id)
        if story is None:
            return None
        if story_id not in self._reports:
            self._reports[story_id] = build_report(story, self.embed, self.duplicates)
        return self._reports[story_id]
