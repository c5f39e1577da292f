"""Claim ids that name the claim's own span in its article, not its rank among the claims a run kept.

An id was once `c{n}`, the claim's position: re-analysing an article (another chrome decision,
another model) shifted every id after the first claim that came or went, and a verdict given to
`ARTICLE:c12` landed on whatever claim was twelfth now. An id made of where the claim starts in
the article's text (`c1043`) stays the same for an unchanged claim whatever happens around it;
the text never changes under an article id (the id is the text's hash).

Two claims may start at the same character (a claim and the one nested in it): the one ending
first keeps `c{start}`, the others are `c{start}-{end}`, and claims with the very same span (never
seen, but possible) take `-2`, `-3`, … in the order analysis gave them. Ids stay within
[a-z0-9-], so they are safe as HTML ids and URL fragments (`#claim-c1043-1090`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

MAX_ID = 32  # the ledger's claim id columns (store/schema.py)


def span_ids(spans: Sequence[tuple[int, int]]) -> list[str]:
    """The id of each claim from its (start, end) in the article's text, in the order given."""
    by_start: dict[int, list[int]] = defaultdict(list)
    for i, (start, _) in enumerate(spans):
        by_start[start].append(i)
    out = [""] * len(spans)
    taken: set[str] = set()
    for start, members in by_start.items():
        members.sort(key=lambda i: (spans[i][1], i))
        for rank, i in enumerate(members):
            end = spans[i][1]
            cid = f"c{start}" if rank == 0 else f"c{start}-{end}"
            k = 1
            while cid in taken:
                k += 1
                cid = f"c{start}-{end}-{k}"
            taken.add(cid)
            out[i] = cid
    return out


def span_start(claim_id: str) -> int:
    """Where the claim starts, read back from its id (0 for an id of another form): the order of
    claims within an article, without parsing the analysis."""
    head = claim_id[1:].split("-", 1)[0] if claim_id.startswith("c") else ""
    return int(head) if head.isdigit() else 0
