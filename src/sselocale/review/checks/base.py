"""What a check is: its record, the decorator that makes one, and what it finds.

Kept apart from the checks themselves so that each family of checks, the
registry and the release gate can all import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any


class Severity(str, Enum):
    """How much a finding matters: errors block a release, warnings are for review."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Check:
    """One check, as :func:`check` makes it and the registry lists it."""

    id: str
    """Also names the PO flag that silences it: ``ignore-<id>``."""
    severity: Severity
    title: str
    run: Callable[..., Any]
    """``run(pair) -> message | None``, or for a catalog check
    ``run(entries, source) -> [(line, message)]`` (``source`` an :class:`ArticleSource` or None)."""
    after: tuple[str, ...] = ()
    """Not run on an entry where one of these checks already failed."""
    silenceable: bool = True
    catalog: bool = False
    """Whether it looks at a whole catalog rather than at one entry's text."""
    structural: bool = False
    """Whether it only compares the tokens :func:`.analysis.signature` collects, so that it
    cannot fail when source and translation have the same signature."""

    @property
    def flag(self) -> str:
        return f"ignore-{self.id}"


def check(
    id: str, severity: Severity, *, after: tuple[str, ...] = (), silenceable: bool = True,
    catalog: bool = False, structural: bool = False,
) -> Callable[[Callable[..., Any]], Check]:
    """Make the decorated function a :class:`Check`; its docstring's first line is its title.

    The check is not registered anywhere: :data:`sselocale.review.checks.CHECKS`
    lists the checks, in the order they run.
    """

    def make(func: Callable[..., Any]) -> Check:
        title = (func.__doc__ or id).strip().splitlines()[0]
        return Check(id, severity, title, func, after, silenceable, catalog, structural)

    return make


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """The article a catalog translates, for the catalog checks that rebuild it."""

    article: Any
    """The :class:`sselocale.source.articles.Article`."""
    units: list[Any]
    """Its :class:`sselocale.source.units.Unit` list, in source order."""
    allowed_hosts: frozenset[str] = frozenset()
    """Hosts any translation may link to (``release.allowed_hosts``)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one catalog entry (or in the catalog as a whole).

    Made by :func:`sselocale.review.checks.check_catalog` (and by the gate for a
    catalog it cannot read); collected in a :class:`sselocale.review.gate.CheckReport`.
    """

    check: str
    severity: Severity
    message: str
    path: Path
    line: int
    """The line of the entry's msgstr, where msgfmt and editors point."""
    lang: str
    slug: str
    msgid: str = ""
    silenced: bool = False

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR and not self.silenced
