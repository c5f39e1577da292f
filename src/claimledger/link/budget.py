"""The linker's time budget: how long linking one article may take (CLAIMLEDGER_LINK_BUDGET), the
clock that charges each stretch of linking work to the articles it was for, and OverBudget, which
stops a batch when one article goes past the budget (link/linker.py parks it)."""

from __future__ import annotations

import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from ..errors import InputError
from .records import ClaimRecord


class OverBudget(Exception):
    """An article whose linking took longer than the linker's budget: it is parked (link_parked,
    with the reason) and the articles after it are linked."""

    def __init__(self, article_id: str, seconds: float, budget: float) -> None:
        super().__init__(
            f"linking it took over {budget:g} s (stopped after {seconds:.1f} s): "
            "parked, its claims are stored but not matched with other articles'"
        )
        self.article_id = article_id


class Clock:
    """Linking time per article: each stretch of work is charged to the articles it was for (in
    shares: a story update to its new articles by their claims), and an article past the budget
    stops the batch (OverBudget) so that one input can never hold the write lock, and the queue,
    for longer than the budget."""

    def __init__(self, budget: float | None, batch: Iterable[str] = ()) -> None:
        self.budget = budget
        self.batch = set(batch)  # only these are charged: a stored article is never parked
        self.fallback: Counter[str] = Counter()  # who pays for work no batch article is named in
        self.spent: dict[str, float] = defaultdict(float)
        self.mark = time.perf_counter()

    def restart(self) -> None:
        self.mark = time.perf_counter()

    def charge(self, shares: dict[str, float] | Counter[str]) -> None:
        """The time since the last charge, split by `shares`; past the budget, OverBudget."""
        now = time.perf_counter()
        spent, self.mark = now - self.mark, now
        shares = {a: v for a, v in shares.items() if a in self.batch} or self.fallback
        total = float(sum(shares.values()))
        if total <= 0:
            return
        for aid, share in shares.items():
            self.spent[aid] += spent * share / total
        if self.budget is not None:
            for aid in sorted(shares, key=lambda a: (-self.spent[a], a)):
                if self.spent[aid] > self.budget:
                    raise OverBudget(aid, self.spent[aid], self.budget)
                break

    def rows(self, claims: list[ClaimRecord]) -> Callable[[list[int]], None]:
        """A `tick` for score_pairs: each block of rows charged to the articles of its claims."""
        return lambda part: self.charge(Counter(claims[i].article_id for i in part))


DEFAULT_BUDGET = 300.0  # seconds of linking one article may take (CLAIMLEDGER_LINK_BUDGET)
BUDGET_ENV = "CLAIMLEDGER_LINK_BUDGET"


def default_budget() -> float | None:
    """The budget from CLAIMLEDGER_LINK_BUDGET (seconds; 0 or "none": no budget), else the
    default. A value that is no positive number is refused in one line (InputError)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    if not raw:
        return DEFAULT_BUDGET
    if raw.lower() in ("0", "none", "off"):
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"{BUDGET_ENV}={raw!r} is not a number of seconds (or 'none')")
    return value
