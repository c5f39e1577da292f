"""What a batch of linking reads: each article's record, from its stored analysis, and the
vectors of its claims, each language with its own encoder; both charged to the article on the
linker's clock (budget.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..model import analysis_from_dict
from ..store.schema import ArticleRow
from .budget import Clock
from .embed import Embedder
from .records import ArticleRecord, from_analysis

EMBED_SLICE = 256  # claims of one article embedded between two looks at the clock


def load_records(sess: Session, ids: Sequence[str], clock: Clock) -> list[ArticleRecord]:
    """The articles' records, in the order the database returns them (the linker sorts them)."""
    rows = sess.execute(select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(ids)))
    out = []
    clock.restart()
    for aid, a in rows:
        out.append(from_analysis(analysis_from_dict(json.loads(a))))
        clock.charge({aid: 1.0})
    return out


def claim_vectors(
    records: list[ArticleRecord], embedder: Callable[[str], Embedder], warm: set[str], clock: Clock
) -> dict[str, NDArray[np.float32]]:
    """Claim vectors by claim key, each language with its own model; an article's claims a
    slice at a time, each charged to it (embedding is linear, but 20 000 claims take long).
    `warm`: the languages whose encoder has run once (updated)."""
    out: dict[str, NDArray[np.float32]] = {}
    seen: dict[tuple[str, str], NDArray[np.float32]] = {}  # a text repeated is embedded once
    for lang in sorted({r.lang for r in records} - warm):
        embedder(lang)(["."])  # the encoder's weights load once, on no article's time
        warm.add(lang)
    clock.restart()
    for r in records:
        texts = list(dict.fromkeys(c.text for c in r.claims if (r.lang, c.text) not in seen))
        for at in range(0, len(texts), EMBED_SLICE):
            part = texts[at : at + EMBED_SLICE]
            vecs = embedder(r.lang)(part)
            seen.update({(r.lang, t): v for t, v in zip(part, vecs, strict=True)})
            clock.charge({r.id: 1.0})
        out.update({c.key: seen[(r.lang, c.text)] for c in r.claims})
    return out
