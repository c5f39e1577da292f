"""Disjoint sets over 0..n-1 (union-find with path halving): which items end up in one group
when pairs are joined, the copies of a batch (store/ingest.py) or the figures answering one
question (link/series.py)."""

from __future__ import annotations


class DisjointSets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of i's group."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, keep: int, other: int) -> None:
        """One group of both; `keep`'s representative stays the group's."""
        self.parent[self.find(other)] = self.find(keep)
