"""The token alphabet and the data that crosses the package's border.

Kept apart from the scanner and from protect/restore so that engines, which
only read :class:`Protected` units, import no parsing code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

#: First code point of the tokens (Unicode Private Use Area).
TOKEN_BASE = 0xE000
TOKEN_LIMIT = 0xF8FF
#: Any token character (and any private-use character in a source text).
TOKEN_PATTERN = re.compile("[\ue000-\uf8ff]")


class Kind(str, Enum):
    """What a placeholder stands for; decides how it is restored and reported."""

    OPEN = "open"
    """Opening half of paired markup: ``**``, ``[``, ``![``."""
    CLOSE = "close"
    """Closing half: ``**``, ``](url)``."""
    ATOM = "atom"
    """Markup that is kept whole: code span, URL, e-mail, HTML tag, escape."""
    NUMBER = "number"
    BREAK = "break"
    """A hard line break (two spaces or a backslash before the newline)."""
    TERM = "term"
    """A :class:`FixedSpan`: source words replaced by a given target form."""
    DATE = "date"
    """A date (a :class:`FixedSpan` too), replaced by its form in the target language."""
    NAME = "name"
    """A personal or organisation name (a :class:`FixedSpan`), kept as written."""


@dataclass(frozen=True, slots=True)
class FixedSpan:
    """A span of the source text to hide from the engine and replace at restore.

    ``text[start:end]`` is not translated; ``replacement`` (the glossary's
    target-language term) is inserted in its place. ``label`` names it in reports.
    """

    start: int
    end: int
    replacement: str
    label: str
    kind: "Kind" = Kind.TERM
    """:attr:`Kind.TERM` (glossary), :attr:`Kind.DATE` or :attr:`Kind.NAME`."""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One hidden piece of the source text."""

    token: str
    """The character that stands for it in the text sent to an engine."""
    kind: Kind
    source: str
    """The hidden source text."""
    replacement: str
    """What :func:`restore` inserts: the source itself, or a glossary term's target form."""
    label: str
    """How reports name it: ``link https://…``, ``number 2013``, ``travail décent``."""
    partner: int | None = None
    """Index of the other half of a pair (:attr:`Kind.OPEN` / :attr:`Kind.CLOSE`)."""


@dataclass(frozen=True, slots=True)
class Protected:
    """A unit ready for an engine: prose with tokens, and what the tokens stand for."""

    source: str
    text: str
    placeholders: tuple[Placeholder, ...]

    def placeholder(self, token: str) -> Placeholder | None:
        index = ord(token) - TOKEN_BASE
        return self.placeholders[index] if 0 <= index < len(self.placeholders) else None

    @property
    def prose(self) -> str:
        """The text with every token removed, for engines that check there is something to translate."""
        return TOKEN_PATTERN.sub("", self.text)


@dataclass(frozen=True, slots=True)
class Restored:
    """An engine's output with the markup put back."""

    text: str
    lost: tuple[Placeholder, ...] = ()
    """Placeholders the engine dropped (a pair is lost whole when either half is)."""
    inserted: tuple[Placeholder, ...] = ()
    """:attr:`Kind.TERM` placeholders whose replacement went in."""
    stray: int = 0
    """Tokens in the output that stand for nothing (removed)."""
    confidence: float | None = None
    """The suggestion's estimated quality, 0–1 (:mod:`sselocale.mt.confidence`), once assessed."""
    doubts: tuple[str, ...] = ()
    """What lowered ``confidence``: ``3 unknown words``, ``markup lost``."""


def token(index: int) -> str:
    if TOKEN_BASE + index > TOKEN_LIMIT:
        raise ValueError("too many placeholders in one unit")
    return chr(TOKEN_BASE + index)
