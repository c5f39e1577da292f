"""The cue component: scores every candidate token of a document with the cue model.

It runs after the parse, the entities and the quotations and before the claims, and leaves a
probability per candidate token on the document's state (`DocState.cue_scores`); the frame
finders then ask it whether a verb reports (frames/verbs.py, `read_cue`). Without a model file for
the language it leaves nothing, and the lexicon alone decides, as before the model existed.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...lexicon import Lexicon
from ..state import state
from .features import doc_features
from .model import CueModel


class CueTagger:
    def __init__(self, lexicon: Lexicon, model: CueModel | None) -> None:
        self.lex = lexicon
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        if self.model is None:
            return doc
        st.cue_threshold = self.model.threshold
        st.cue_scores = {f.i: self.model.probability(f) for f in doc_features(doc, st, self.lex)}
        return doc
