"""Near-duplicate articles (syndicated wire copy, re-published pages) by MinHash on word
5-shingles, indexed by LSH bands stored in the ledger: a wire story carried by ten sites counts
once when corroboration is counted, and finding the copies of a new article reads only the rows
that share one of its bands.

What a site adds to a wire story is its credit line ("(AFP)", "Cet article est une dépêche de
l'AFP reprise par la rédaction…"), its byline, a dateline. Measured by Jaccard similarity alone,
such a line weighs against the copy, the more the shorter the story: the third site to carry a
short wire story with a long credit line was no copy. So a signature also counts its shingles,
and two texts are as similar as the share of the smaller one that the larger contains, when the
larger adds no more than a credit's worth of its own (CREDIT_SHINGLES, or CREDIT_SHARE of the
smaller); else as their Jaccard similarity. A copy is then a copy whatever credit line it
carries, and a long piece that quotes a short wire story whole is still no copy of it."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NUM_PERM = 64
BANDS, ROWS = 16, 4  # candidate pairs: ~100% at Jaccard 0.8, ~12% at 0.3; all are verified
THRESHOLD = 0.8
CREDIT_SHINGLES = 60  # what a credit line may add (a 60-word sentence)...
CREDIT_SHARE = 0.2  # ...or a fifth of the text, for a long one

_WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> np.ndarray:
    """NUM_PERM min-hashes of the text's word 5-shingles, then how many shingles it has."""
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=NUM_PERM)
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return np.append(np.asarray(m.hashvalues, dtype=np.uint64), np.uint64(len(shingles)))


def bands(sig: np.ndarray) -> list[str]:
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append(f"{b}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """How much the two articles' shingle sets are one: the share of the smaller one inside the
    larger when the larger adds at most a credit line's worth, else their Jaccard similarity
    (both estimated from the min-hashes; a signature stored without its size, by an older
    version, is compared by Jaccard only)."""
    if len(a) < NUM_PERM or len(b) < NUM_PERM:
        return 0.0
    jaccard = float(np.mean(a[:NUM_PERM] == b[:NUM_PERM]))
    if len(a) <= NUM_PERM or len(b) <= NUM_PERM:
        return jaccard
    small, large = sorted((int(a[NUM_PERM]), int(b[NUM_PERM])))
    if small == 0:
        return jaccard
    common = jaccard / (1 + jaccard) * (small + large)  # |A ∩ B| from J and the two sizes
    if large - common > max(CREDIT_SHINGLES, CREDIT_SHARE * small):
        return jaccard
    return max(jaccard, min(1.0, common / small))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.uint64)


# -- when an original goes ------------------------------------------------------------------------


@dataclass
class Promoted:
    """The copy that became the original when its original was deleted."""

    article_id: str
    story_id: str
    keys: set[str]  # its claims (ARTICLE:ID), to be matched in its story as an original's are
    stats: dict[str, Counter[str]]  # what its claims add to their sources' records
    names: dict[str, str]


def promote_copy(s: Session, article_id: str) -> Promoted | None:
    """Before the original `article_id` is deleted: its first copy becomes the original (its
    claims count again: they are the story's only voice of that text now) and the other copies
    point to it. Without it, `source-record` lost the claims of a story that `sources` still
    counted, and the copies stayed "copy of" an article that was gone. First as `relink` orders
    articles (publication date, then id), so a relink afterwards keeps the same original."""
    from sqlalchemy import func, select, update

    from ..store.schema import ArticleRow, LinkArticleRow, LinkClaimRow

    copies = list(
        s.execute(
            select(LinkArticleRow.article_id, LinkArticleRow.story_id)
            .join(ArticleRow, ArticleRow.id == LinkArticleRow.article_id)
            .where(LinkArticleRow.duplicate_of == article_id)
            .order_by(func.coalesce(ArticleRow.published, ""), ArticleRow.id)
        )
    )
    if not copies:
        return None
    first, story = copies[0]
    s.execute(
        update(LinkArticleRow)
        .where(LinkArticleRow.duplicate_of == article_id)
        .values(duplicate_of=first)
        .execution_options(synchronize_session=False)
    )
    s.execute(
        update(LinkArticleRow)
        .where(LinkArticleRow.article_id == first)
        .values(duplicate_of=None)
        .execution_options(synchronize_session=False)
    )
    s.execute(
        update(LinkClaimRow)
        .where(LinkClaimRow.article_id == first)
        .values(copy=False)
        .execution_options(synchronize_session=False)
    )
    promoted = Promoted(first, story, set(), defaultdict(Counter), {})
    rows = s.execute(
        select(LinkClaimRow.claim_id, LinkClaimRow.who, LinkClaimRow.shown, LinkClaimRow.features).where(
            LinkClaimRow.article_id == first
        )
    )
    for claim_id, who, shown, features in rows:
        promoted.keys.add(f"{first}:{claim_id}")
        if who:
            promoted.stats[who].update(claims=1, uncorroborated=1, shown=int(bool(shown)))
            f = json.loads(features)
            promoted.names.setdefault(who, f.get("shown_by_name") or f.get("source_name") or who)
    return promoted
