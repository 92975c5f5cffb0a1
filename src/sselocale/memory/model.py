"""What the translation memory holds and what a lookup returns: plain data classes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True, slots=True)
class Pair:
    """One reviewed translation: a source text, its translation, and where it was found."""

    source: str
    target: str
    origin: str
    """Where a reviewer can look it up: ``content/x.md:12`` (the unit in an article),
    ``locales/fr/x.po`` (an obsolete entry), or ``locales/tm/shared.tmx`` (an imported file)."""


class Kind(str, Enum):
    """How a memory match relates to the text looked up."""

    EXACT = "exact"
    """Same source text, character for character."""
    PLACEABLE = "placeable"
    """Same text but for numbers, dates, URLs or code, which were replaced in the translation."""
    FUZZY = "fuzzy"
    """A similar source, at or above the threshold."""


@dataclass(frozen=True, slots=True)
class Match:
    """The best the memory has for one text."""

    pair: Pair
    score: int
    """Similarity of the sources in percent (100 for exact and placeable matches)."""
    kind: Kind
    target: str
    """The translation to offer: the pair's, with placeables replaced for a PLACEABLE match."""
    changes: tuple[tuple[str, str], ...] = ()
    """``(old, new)`` placeables replaced in the translation."""

    @property
    def exact(self) -> bool:
        return self.kind is Kind.EXACT
