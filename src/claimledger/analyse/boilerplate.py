"""The boilerplate component: marks site chrome as skipped before sentences are cut, so that chrome
never glues onto a real sentence and never yields a claim, a figure or an entity."""

from __future__ import annotations

from spacy.tokens import Doc

from ..ingest.boilerplate import find_skipped
from .state import state, text_of


class BoilerplateMarker:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        repeated = frozenset(doc._.cl_repeated or ())
        st = state(doc)
        st.skipped = [(s.start, s.end, s.reason) for s in find_skipped(text_of(doc), self.lang, repeated)]
        return doc
