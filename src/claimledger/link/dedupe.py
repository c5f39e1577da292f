"""Near-duplicate articles (syndicated wire copy, re-published pages) by MinHash LSH on word
5-shingles: a wire story carried by ten sites counts once when corroboration is counted."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

from .records import ArticleRecord

_WORD = re.compile(r"\w+", re.UNICODE)


def _minhash(text: str, num_perm: int) -> MinHash:
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=num_perm)
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def near_duplicates(
    articles: list[ArticleRecord], threshold: float = 0.8, num_perm: int = 64
) -> dict[str, str]:
    """Map each near-duplicate article id to the id of the first copy seen (by date, then id)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    canonical: dict[str, str] = {}
    for art in sorted(articles, key=lambda a: (a.date or "", a.id)):
        if art.id in canonical or art.id in lsh:
            continue  # the same text twice is one article already
        m = _minhash(art.text, num_perm)
        hits = lsh.query(m)
        if hits:
            canonical[art.id] = canonical.get(hits[0], hits[0])
        else:
            lsh.insert(art.id, m)
    return canonical
