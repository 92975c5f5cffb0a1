"""Progress on the terminal for long runs: a bar per language, and ``kill`` handled like Ctrl-C."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager


class RichProgress:
    """A progress bar per language on stderr: units done, rate and time left."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None
        self.started = 0.0

    def start(self, lang: str, engine: str, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("units {task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.bar.start()
        self.task = self.bar.add_task(f"{lang} ({engine})", total=total, rate="")
        self.started = time.perf_counter()

    def advance(self, entries: int) -> None:
        self.bar.advance(self.task, entries)
        elapsed = time.perf_counter() - self.started
        done = self.bar.tasks[0].completed
        if elapsed > 0:
            self.bar.update(self.task, rate=f"{done / elapsed:.1f}/s")

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


@contextmanager
def progress_bar(quiet: bool) -> Iterator[RichProgress | None]:
    progress = None if quiet else RichProgress()
    try:
        yield progress
    finally:
        if progress is not None:
            progress.finish()


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """``kill`` stops a run like Ctrl-C does, so finished work is saved first."""

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
