"""What the claimledger components leave on a Doc while it goes through the pipeline.

Components share one `DocState` (typed, in `doc._.cl`); the last component turns it into the
plain JSON-able body of the analysis format (`doc._.cl_body`) and drops the state, so docs can
cross process boundaries with `nlp.pipe(n_process=N)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..model import Claim, Entity, Quantity


@dataclass
class QuoteSpan:
    """A quotation: `start`/`end` cover the marks, `inner_start`/`inner_end` the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int


@dataclass
class DocState:
    text: str = ""  # doc.text rebuilds the string from every token on each access: read it once
    quotes: list[QuoteSpan] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # character offset of a mention's start -> (entity id, mention end)
    mention_index: dict[int, tuple[str, int]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    # text the article carries but does not say (site chrome): (start, end, reason)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    # token index -> probability that it is a reporting cue (analyse/cues), for scored tokens
    cue_scores: dict[int, float] = field(default_factory=dict)
    cue_threshold: float = 1.0  # from which probability a token the lexicon lacks is a cue
    # claim id -> what it says, as certainty upgrades compare it (analyse/upgrades.py)
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)

    def is_skipped(self, start: int, end: int) -> bool:
        """True when most of [start, end) is skipped text."""
        covered = sum(max(0, min(end, b) - max(start, a)) for a, b, _ in self.skipped)
        return covered * 2 > (end - start)

    def inside_skipped(self, start: int, end: int) -> bool:
        """True when [start, end) lies within one skipped span (a figure in "• 2 min")."""
        return any(a <= start and end <= b for a, b, _ in self.skipped)

    def entity_in(self, start: int, end: int, types: tuple[str, ...] = ()) -> str | None:
        """Id of the first entity mentioned inside [start, end), optionally of given types."""
        by_id = {e.id: e for e in self.entities}
        hits = sorted((s, eid) for s, (eid, e) in self.mention_index.items() if s >= start and e <= end)
        for _, eid in hits:
            if not types or by_id[eid].type in types:
                return eid
        return None


def register_extensions() -> None:
    if not Doc.has_extension("cl"):
        Doc.set_extension("cl", default=None)
    if not Doc.has_extension("cl_body"):
        Doc.set_extension("cl_body", default=None)
    if not Doc.has_extension("cl_repeated"):
        # keys of this text's short lines that other articles share (see ingest/boilerplate.py)
        Doc.set_extension("cl_repeated", default=None)


def state(doc: Doc) -> DocState:
    st = doc._.cl
    if st is None:
        st = DocState(text=doc.text)
        doc._.cl = st
    return st  # type: ignore[no-any-return]


def text_of(doc: Doc) -> str:
    """The document's text, built once per document (see DocState.text)."""
    return state(doc).text


def body(doc: Doc) -> dict[str, Any]:
    data = doc._.cl_body
    if data is None:
        raise RuntimeError("claimledger_output did not run on this Doc")
    return data  # type: ignore[no-any-return]
