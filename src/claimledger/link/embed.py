"""Claim vectors from the static word vectors shipped in the spaCy model (no download, no GPU).

A claim's vector is the mean of its content words' vectors, unit length; the tokenizer alone
runs, so embedding costs ~0.1 ms per claim. Only linking embeds, when articles are ingested or
relinked: spaCy is imported here, lazily, and never by a command that only reads the ledger.
Vectors are stored as float16 (half the bytes; cosines move by less than 1e-3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from spacy.language import Language

EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]


class Embedder:
    def __init__(self, lang: str = "fr", nlp: Language | None = None) -> None:
        """`nlp`: a pipeline already loaded for analysis, whose vectors and tokenizer are reused."""
        if nlp is None:
            import spacy

            from ..analyse.pipeline import MODELS

            nlp = spacy.load(MODELS[lang], exclude=EXCLUDE)
        self.nlp = nlp
        self.dim = int(nlp.vocab.vectors.shape[1])
        self._rows: dict[str, int] = {}

    def __call__(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        table = np.asarray(self.nlp.vocab.vectors.data)
        tokenizer: Any = self.nlp.tokenizer
        for i, doc in enumerate(tokenizer.pipe(texts, batch_size=256)):
            rows = [r for t in doc if t.is_alpha and not t.is_stop and (r := self._row(t.lower_)) >= 0]
            if rows:
                v = table[rows].mean(axis=0)
                norm = float(np.linalg.norm(v))
                if norm:
                    out[i] = v / norm
        return out

    def _row(self, word: str) -> int:
        """The word's row in the vector table (-1: none), looked up once per distinct word."""
        row = self._rows.get(word)
        if row is None:
            vectors = self.nlp.vocab.vectors
            row = int(vectors.find(key=self.nlp.vocab.strings.add(word)))
            self._rows[word] = row
        return row


def to_bytes(vector: NDArray[np.float32]) -> bytes:
    return vector.astype(np.float16).tobytes()


def from_bytes(data: bytes) -> NDArray[np.float32]:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


def stack(blobs: Sequence[bytes], dim: int) -> NDArray[np.float32]:
    """Stored vectors as one matrix (rows of another width, from another model, are zeros)."""
    out = np.zeros((len(blobs), dim), dtype=np.float32)
    for i, b in enumerate(blobs):
        v = from_bytes(b)
        if v.shape[0] == dim:
            out[i] = v
    return out
