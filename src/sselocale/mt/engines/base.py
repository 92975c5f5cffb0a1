"""What every machine translation engine offers: one small interface and its data.

An engine is opened for one language pair and translates protected units
(:class:`~sselocale.placeholders.Protected`) in order, lazily, so the caller can
save work and show progress while the engine keeps batching. Tokens in the
input stand for markup; an engine hands them back wherever the translation puts
them, and :func:`~sselocale.placeholders.restore` does the rest.

Before opening anything, each engine module answers :func:`probe`-style
questions cheaply (is the package or mode installed?) with an :class:`Offer`,
which is what ``sselocale models list`` shows and what the fallback order picks from.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..placeholders import Protected

#: Start of every PO comment line an engine writes (see ``catalogs.PROVENANCE_PREFIXES``).
PROVENANCE = "machine translation"


@dataclass(frozen=True, slots=True)
class Hop:
    """One model or mode on the way from the source language to the target."""

    source: str
    target: str
    name: str
    """Package or mode name: ``translate-en_fr``, ``eng-spa``."""
    version: str
    path: Path | None = None
    """Where the package lives, for engines that load files."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which engine, package and version produced a translation."""

    engine: str
    package: str
    version: str
    note: str = ""
    """Anything a reviewer should know, e.g. which Portuguese variant served ``pt``."""

    @classmethod
    def of(cls, engine: str, hops: Sequence[Hop], note: str = "") -> "Provenance":
        """Provenance of a route; a pivot shows as ``a+b`` in name and version."""
        return cls(
            engine=engine,
            package="+".join(h.name for h in hops),
            version="+".join(h.version for h in hops),
            note=note,
        )

    @property
    def label(self) -> str:
        """``argos translate-en_fr 1.9``."""
        return " ".join(part for part in (self.engine, self.package, self.version) if part)

    def comment(self) -> str:
        """The PO comment line: ``machine translation: argos translate-en_fr 1.9``."""
        note = f" ({self.note})" if self.note else ""
        return f"{PROVENANCE}: {self.label}{note}"


@dataclass(frozen=True, slots=True)
class Offer:
    """What one engine can do for one language pair, found without loading anything."""

    engine: str
    source: str
    target: str
    hops: tuple[Hop, ...] = ()
    """The route; empty when the engine cannot serve the pair."""
    reason: str = ""
    """Why the engine cannot serve the pair, or a note on how it does."""
    note: str = ""
    """Goes into the provenance comment (e.g. ``pt served by pb``)."""

    @property
    def available(self) -> bool:
        return bool(self.hops)

    @property
    def provenance(self) -> Provenance:
        return Provenance.of(self.engine, self.hops, self.note)


class Output(str):
    """An engine's translation of one unit, with what the engine itself says of its quality.

    A ``str`` (tokens kept), so that callers that only want the text need nothing
    more; :mod:`sselocale.mt.confidence` reads the rest.
    """

    score: float | None
    """The model's mean probability per output token (0–1), or None for engines without one."""
    unknown: int
    """Words the engine did not know (Apertium's ``*``), or could not generate (``#``, ``@``)."""
    words: int
    """Words in the translation, to weigh ``unknown`` against."""

    def __new__(cls, text: str, *, score: float | None = None, unknown: int = 0, words: int = 0) -> "Output":
        out = super().__new__(cls, text)
        out.score, out.unknown, out.words = score, unknown, words
        return out


class Engine(ABC):
    """An engine opened for one language pair."""

    #: Whether every glossary term, ``check-only`` ones too, is inserted for it:
    #: true for an engine that translates nothing (pseudo-localisation).
    every_term: bool = False

    def __init__(self, offer: Offer) -> None:
        self.offer = offer

    @property
    def provenance(self) -> Provenance:
        return self.offer.provenance

    @abstractmethod
    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        """Translations of ``units``, one per unit, in order, tokens kept.

        A generator: an engine batches as it likes, but yields each unit as soon
        as it has it, so the caller can save and report progress.
        """

    def close(self) -> None:
        """Free the model (the engine is not used again)."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
