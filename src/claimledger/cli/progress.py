"""How far a long run (`ingest`, `relink`) is, on stderr."""

from __future__ import annotations

from rich.console import Console

from ..present.text_out import safe_line
from ..present.words import words


class Progress:
    """How far a long run is, on stderr: in a terminal, Rich's bar with "N/M" and the time left
    (when the total is known; "N/?" otherwise); in a log file or a pipe, where a bar draws
    nothing until it ends, a line every LOG_EVERY seconds and one at the end. Until the first
    step the bar says it is starting (models load, a relink clears the old links first)."""

    LOG_EVERY = 10.0

    def __init__(self, label: str, total: int | None) -> None:
        import time

        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.words = words()
        self.label = label
        self.total = total
        self.done = 0
        self.printed: int | None = None  # the count the last line said (not in a terminal)
        self.clock = time.monotonic
        self.started = self.last = self.clock()
        err = Console(stderr=True)
        self.bar: Bar | None = None
        if err.is_terminal:
            columns = [
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.words("articles_unit")),
                TimeElapsedColumn(),
            ]
            if total is not None:
                columns.append(TimeRemainingColumn())
            self.bar = Bar(*columns, console=err)
            self.task = self.bar.add_task(f"{label} ({self.words('preparing')})", total=total)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        elif self.printed != self.done:
            self._line()  # where it ended, unless the last line said it

    def advance(self, n: int) -> None:
        self.done += n
        if self.total is not None and self.done > self.total:
            self.total = None  # more than counted (a file that was a feed): say "?" rather than lie
            for task in self.bar.tasks if self.bar is not None else []:
                task.total = None  # Rich's update() cannot unset a total
        if self.bar is not None:
            self.bar.update(self.task, advance=n, description=self.label)
        elif self.clock() - self.last >= self.LOG_EVERY:
            self._line()

    def _line(self) -> None:
        import datetime

        self.last = now = self.clock()
        self.printed = self.done
        elapsed = now - self.started
        left = ""
        if self.total and self.done:
            rest = elapsed * (self.total - self.done) / self.done
            left = self.words("time_left", left=datetime.timedelta(seconds=round(rest)))
        line = self.words(
            "progress_line",
            what=self.label,
            done=self.words.number(self.done),
            total="?" if self.total is None else self.words.number(self.total),
            elapsed=datetime.timedelta(seconds=round(elapsed)),
            left=left if self.done < (self.total or 0) else "",
        )
        Console(stderr=True, highlight=False, soft_wrap=True).print(safe_line(line), markup=False)
