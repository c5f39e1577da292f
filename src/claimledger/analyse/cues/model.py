"""The cue model: a logistic regression over a token's features, its weights shipped in the package.

Small on purpose (a few hundred weights, and 300 for each meaning vector), deterministic (no
sampling at analysis time, weights fitted by L-BFGS on a fixed order of examples) and fast (a dot
product per verb). `training/train_cues.py` fits it from the gold keys and writes
`data/<lang>/cues.npz`; a language without that file keeps its lexicon as the only gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import IO

import numpy as np

from .features import TokenFeatures

MODEL_FILE = "cues.npz"


@dataclass(frozen=True)
class CueModel:
    """Two stages. The sense model says how much a verb's meaning is one of saying or thinking,
    from its lemma vector alone (fitted on lemma types: the lexicon's verbs and the verbs mined in
    incise position against frequent verbs never seen reporting). The token model weighs that
    sense with where and how the token stands (sparse features) and who its subject is."""

    vocab: dict[str, int]  # sparse feature name -> column
    sparse: np.ndarray  # weight per sparse feature
    sense: np.ndarray  # sense model: weight per dimension of the verb's lemma vector, then bias
    sense_weight: float  # weight of the sense logit in the token model
    dense: np.ndarray  # weight per dimension of the speaker's vector (empty: not used)
    threshold: float  # probability from which a token is a cue
    # whether a common noun names people ("le pêcheur", "les riverains") rather than a thing ("la
    # réunion", "une hypothèse"): weights on the noun's lemma vector, then bias (empty: unknown)
    person: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # whether a common noun names a document that can say or show ("le récit", "le procès-verbal",
    # "la capture d'écran") rather than anything else: the same form, fitted on the lexicon's
    # documents against frequent other nouns (empty: unknown)
    document: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def person_probability(self, noun: np.ndarray) -> float | None:
        return _noun_probability(self.person, noun)

    def document_probability(self, noun: np.ndarray) -> float | None:
        return _noun_probability(self.document, noun)

    def sense_logit(self, verb: np.ndarray) -> float:
        if verb.shape[0] + 1 != self.sense.shape[0] or not verb.any():
            return 0.0
        return float(verb @ self.sense[:-1] + self.sense[-1])

    def logit(self, f: TokenFeatures) -> float:
        dims = self.sense.shape[0] - 1
        z = float(sum(self.sparse[self.vocab[n]] for n in f.names if n in self.vocab))
        z += self.sense_weight * self.sense_logit(f.vector[:dims])
        if self.dense.shape[0] and f.vector.shape[0] == dims + self.dense.shape[0]:
            z += float(f.vector[dims:] @ self.dense)
        return z

    def probability(self, f: TokenFeatures) -> float:
        return float(1.0 / (1.0 + np.exp(-self.logit(f))))

    def save(self, path: str) -> None:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            path,
            names=np.array(names),
            sparse=self.sparse.astype(np.float32),
            sense=self.sense.astype(np.float32),
            sense_weight=np.array([self.sense_weight], dtype=np.float32),
            dense=self.dense.astype(np.float32),
            threshold=np.array([self.threshold], dtype=np.float32),
            person=self.person.astype(np.float32),
            document=self.document.astype(np.float32),
        )


def _noun_probability(weights: np.ndarray, noun: np.ndarray) -> float | None:
    """A noun model's probability on a lemma vector (weights, then bias), None without one."""
    if noun.shape[0] + 1 != weights.shape[0] or not noun.any():
        return None
    return float(1.0 / (1.0 + np.exp(-(noun @ weights[:-1] + weights[-1]))))


def read_model(path: str | IO[bytes]) -> CueModel:
    with np.load(path, allow_pickle=False) as data:
        names = [str(n) for n in data["names"]]
        return CueModel(
            vocab={n: k for k, n in enumerate(names)},
            sparse=np.asarray(data["sparse"], dtype=np.float64),
            sense=np.asarray(data["sense"], dtype=np.float64),
            sense_weight=float(data["sense_weight"][0]),
            dense=np.asarray(data["dense"], dtype=np.float64),
            threshold=float(data["threshold"][0]),
            person=np.asarray(data["person"], dtype=np.float64) if "person" in data else np.zeros(0),
            document=np.asarray(data["document"], dtype=np.float64) if "document" in data else np.zeros(0),
        )


@cache
def load_cue_model(lang: str) -> CueModel | None:
    path = resources.files("claimledger") / "data" / lang / MODEL_FILE
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return read_model(fh)
