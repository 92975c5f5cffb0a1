"""Work shared among processes: a list cut into chunks, each done in a forked worker.

The steps over a project (``extract``, ``update``, ``build``; ``check`` has
its own pool) hand each worker a share of the articles. Workers are forked, so
they inherit what the parent has loaded (the project, the glossary) without
pickling it; what each returns comes back in order, so the result is the same
as one process's, whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this per worker and starting processes costs more than it saves.
MIN_PER_JOB = 8

_shared: tuple[Callable[..., Any], tuple] | None = None


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(items: Sequence[T], jobs: int) -> list[list[T]]:
    """``items`` cut into at most ``jobs`` runs of neighbours, in order, none empty."""
    jobs = max(1, min(jobs, len(items)))
    size = -(-len(items) // jobs) if items else 1
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def map_shared(func: Callable[..., R], items: Sequence[T], *args: Any, jobs: int = 1) -> list[R]:
    """``[func(chunk, *args) for chunk in chunks(items)]``, the chunks done by ``jobs`` forked workers.

    With one job, few items, or no ``fork`` on this platform, everything runs here.
    ``args`` reach the workers by inheritance, not by pickling.
    """
    global _shared
    jobs = max(1, min(jobs, len(items) // MIN_PER_JOB))
    if jobs == 1 or not _can_fork():
        return [func(list(items), *args)]
    import multiprocessing

    _shared = (func, args)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_run, chunks(items, jobs))
    finally:
        _shared = None


def _run(chunk: list) -> Any:
    assert _shared is not None
    func, args = _shared
    return func(chunk, *args)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def shard(names: Sequence[str], index: int, count: int) -> list[str]:
    """The ``names`` that shard ``index`` of ``count`` (1-based) takes, in their order.

    A name's shard depends on the name alone (a hash of it), so N runners that
    each take their shard cover every name exactly once, whatever the others
    do, and an article keeps its shard when articles are added or removed.

    >>> names = [f"article-{i}" for i in range(100)]
    >>> parts = [shard(names, k, 3) for k in (1, 2, 3)]
    >>> sorted(sum(parts, [])) == sorted(names)
    True
    """
    if not 1 <= index <= count:
        raise ValueError(f"shard {index}/{count}: the shard must be between 1 and {count}")
    return [name for name in names if _shard_of(name, count) == index - 1]


def _shard_of(name: str, count: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") % count
