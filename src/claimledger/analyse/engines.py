"""Where analysis runs. `local` uses spaCy's own multiprocessing (`nlp.pipe(n_process=N)`);
`dask` sends batches to a Dask distributed cluster, where each worker process loads the pipeline
once and keeps it, and results come back to be written by the caller in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Analysis
from .article import Analyzer, Prepared

_WORKER_ANALYZER: Analyzer | None = None


class LocalEngine:
    def __init__(self, analyzer: Analyzer, workers: int = 1) -> None:
        self.analyzer = analyzer
        self.workers = workers

    def analyse(self, items: list[Prepared]) -> Iterator[Analysis]:
        return self.analyzer.analyse(items, workers=self.workers)


def analyse_on_worker(items: list[Prepared]) -> list[Analysis]:
    """Runs inside a Dask worker: the pipeline is loaded on first use and kept for the process."""
    global _WORKER_ANALYZER
    if _WORKER_ANALYZER is None:
        _WORKER_ANALYZER = Analyzer()
    return list(_WORKER_ANALYZER.analyse(items))


class DaskEngine:
    """Each batch is split into one task per worker; order is kept for the caller."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        from distributed import Client, LocalCluster

        self.cluster: Any = None
        if scheduler:
            self.client: Any = Client(scheduler)  # type: ignore[no-untyped-call]
        else:
            self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)  # type: ignore[no-untyped-call]

    def analyse(self, items: list[Prepared]) -> Iterator[Analysis]:
        n = max(1, len(self.client.scheduler_info().get("workers", {})))
        size = max(1, -(-len(items) // n))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        futures = self.client.map(analyse_on_worker, chunks, pure=False)
        for future in futures:  # in submission order
            yield from future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
