"""What a unit is: its kind, its text, and where it sits in the source (a :data:`Location`).

Kept apart from the segmentation (:mod:`.units`, :mod:`.sidetexts`) so that
every stage can name units without importing the parser's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Union


class UnitKind(str, Enum):
    """What a unit is in its article; shown to translators as a ``#.`` comment."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    BLOCKQUOTE = "block quote"
    TABLE_CELL = "table cell"
    IMAGE_ALT = "image alt text"
    TITLE = "title"
    """The title of a standalone image or of a link reference definition (``"…"`` after the URL)."""
    HTML = "html"
    """Text in a raw HTML block: an element's content, or an ``alt`` or ``title`` attribute."""
    BLOCK_TITLE = "block title"
    """The title of a VitePress/Docusaurus container or an MkDocs admonition."""
    FIELD = "front matter"


@dataclass(frozen=True, slots=True)
class Lines:
    """Whole source lines ``[start, end)`` (0-based) that the unit replaces."""

    start: int
    end: int
    prefixes: tuple[str, ...]
    """Container markers and indentation before the text, one per source line."""
    continuation: str
    """Prefix for translated lines beyond the source's own."""
    single_line: bool = False
    """Setext headings: the translation is written on one line."""


@dataclass(frozen=True, slots=True)
class Span:
    """Columns ``[start, end)`` of one source line (0-based) that the unit replaces."""

    line: int
    start: int
    end: int
    escape: str = ""
    """Characters that must be backslash-escaped in the translation (``|`` in table cells)."""
    line_start: bool = False
    """The span begins its line's content (a table row without a leading pipe): no block may start there."""
    typographic: bool = False
    """Between double quotes that know no backslash escape (an admonition's title): ``"`` becomes ``”``."""


@dataclass(frozen=True, slots=True)
class Field:
    """A front-matter field, replaced through the YAML document."""

    key: str


@dataclass(frozen=True, slots=True)
class Region:
    """Characters from ``(start_line, start_col)`` to ``(end_line, end_col)`` (0-based), in a raw HTML block."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int
    attribute: bool = False
    """An attribute value between quotes: a quote in the translation is written as an entity."""


Location = Union[Lines, Span, Region, Field]


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable text of an article."""

    article: str
    """Slug of the article it comes from."""
    source: str
    """Path of the article relative to the project root."""
    line: int
    """1-based line in the source file where the unit starts."""
    kind: UnitKind
    text: str
    """The source text, which becomes the msgid."""
    location: Location
    """Where the text sits in the source, for rebuilding."""
    key: str | None = None
    """The front-matter key, for :attr:`UnitKind.FIELD` units."""

    @property
    def reference(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def comment(self) -> str:
        if self.kind is UnitKind.FIELD:
            return f"{self.kind.value}: {self.key}"
        return self.kind.value


@lru_cache(maxsize=1)
def markdown_parser():
    """The one Markdown dialect of the project: CommonMark plus GFM tables."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")
