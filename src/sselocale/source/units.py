"""Segmentation: an article becomes a list of translatable units.

A unit is the text of one block (heading, paragraph, list item, table cell,
block quote, image alt text) or of one named front-matter field. Inline markup
stays in the unit as Markdown. Soft line breaks are joined into spaces, so
re-wrapping a paragraph in the source does not disturb its translation; hard
breaks are kept as they are written.

Every unit remembers where it sits in the source (a :data:`Location`), which is
what lets :mod:`sselocale.build` put a translation back in its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Union

from .articles import Article


class UnitKind(str, Enum):
    """What a unit is in its article; shown to translators as a ``#.`` comment."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    BLOCKQUOTE = "block quote"
    TABLE_CELL = "table cell"
    IMAGE_ALT = "image alt text"
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


@dataclass(frozen=True, slots=True)
class Field:
    """A front-matter field, replaced through the YAML document."""

    key: str


Location = Union[Lines, Span, Field]


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


_CONTAINERS = {"blockquote_open": UnitKind.BLOCKQUOTE, "list_item_open": UnitKind.LIST_ITEM}
_CLOSERS = {"blockquote_close", "list_item_close"}
_IMAGE_ONLY = re.compile(r"^!\[([^\[\]\n]*)\]\([^\n]*\)$|^!\[([^\[\]\n]*)\](\[[^\]\n]*\])?$")
_URLISH = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>|<[^<>@\s]+@[^<>\s]+>|\b[a-z][a-z0-9+.-]*://\S+")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_LINK_DEST = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def segment(article: Article, *, fields: tuple[str, ...] = ("title", "summary")) -> list[Unit]:
    """Split an article into units, in source order (front matter first)."""
    units: list[Unit] = []
    if article.front_matter is not None:
        for key in fields:
            value = article.front_matter.get(key)
            if isinstance(value, str) and has_prose(value):
                units.append(
                    Unit(
                        article=article.slug,
                        source=article.relpath,
                        line=article.field_lines.get(key, 1),
                        kind=UnitKind.FIELD,
                        text=value.strip(),
                        location=Field(key),
                        key=key,
                    )
                )
    offset = article.front_matter_lines
    lines = article.text.split("\n")
    found: list[tuple[UnitKind, Location, str]] = []
    for kind, token, parent in _inline_blocks(article.body):
        unit = _unit_for(kind, token, parent, lines, offset)
        if unit is not None:
            found.append(unit)
    found.extend((UnitKind.TABLE_CELL, span, text) for span, text in table_cells(article))
    found.sort(key=lambda item: _position(item[1]))
    for kind, location, text in found:
        if not has_prose(text):
            continue
        line = (location.line if isinstance(location, Span) else location.start) + 1
        units.append(
            Unit(
                article=article.slug,
                source=article.relpath,
                line=line,
                kind=kind,
                text=text,
                location=location,
            )
        )
    return units


def _position(location: Location) -> tuple[int, int]:
    if isinstance(location, Span):
        return location.line, location.start
    return location.start, 0


def has_prose(text: str) -> bool:
    """Whether ``text`` has letters to translate once URLs, code and tags are set aside.

    >>> has_prose("<https://www.ilo.org>"), has_prose("1919"), has_prose("ILO")
    (False, False, True)
    """
    for pattern in (_CODE_SPAN, _URLISH, _LINK_DEST, _HTML_TAG):
        text = pattern.sub(" ", text)
    return any(ch.isalpha() for ch in text)


def join_soft_breaks(content: str) -> str:
    """Join a block's content lines; soft breaks become one space, hard breaks stay.

    >>> join_soft_breaks("a\\n  b  \\nc\\\\\\nd")
    'a b  \\nc\\\\\\nd'
    """
    lines = content.split("\n")
    out = lines[0]
    for line in lines[1:]:
        if _ends_with_hard_break(out):
            out += "\n" + line.lstrip(" \t")
        else:
            out = out.rstrip(" \t") + " " + line.lstrip(" \t")
    return out


def _ends_with_hard_break(text: str) -> bool:
    if text.endswith("  "):
        return True
    stripped = text.rstrip("\\")
    return (len(text) - len(stripped)) % 2 == 1


def _inline_blocks(body: str):
    """Yield ``(kind, inline_token, parent_token)`` for every block that holds text."""
    tokens = markdown_parser().parse(body)
    stack: list[UnitKind] = []
    parent = None
    for token in tokens:
        if token.type in _CONTAINERS:
            stack.append(_CONTAINERS[token.type])
        elif token.type in _CLOSERS:
            stack.pop()
        elif token.type in ("paragraph_open", "heading_open", "th_open", "td_open"):
            parent = token
        elif token.type == "inline" and parent is not None:
            if parent.type == "heading_open":
                kind = UnitKind.HEADING
            elif parent.type in ("th_open", "td_open"):
                kind = UnitKind.TABLE_CELL
            else:
                kind = stack[-1] if stack else UnitKind.PARAGRAPH
            yield kind, token, parent
            parent = None


def _unit_for(kind: UnitKind, token, parent, lines: list[str], offset: int):
    content = token.content
    if not content.strip() or token.map is None:
        return None
    start, end = token.map[0] + offset, token.map[1] + offset
    if kind is UnitKind.TABLE_CELL:
        return None  # handled row by row in _table_cells
    if kind is UnitKind.HEADING and parent.markup.startswith("#"):
        return _atx_heading(content, lines, start)
    if kind is UnitKind.HEADING:  # setext: the inline map stops before the underline
        return (kind, *_lines_location(content, lines, start, end, single_line=True))
    image = _IMAGE_ONLY.match(content)
    if image and start + 1 == end:
        alt = image.group(1) if image.group(1) is not None else image.group(2)
        line = lines[start]
        col = line.find("![" + alt + "]")
        if col >= 0 and alt.strip():
            return UnitKind.IMAGE_ALT, Span(start, col + 2, col + 2 + len(alt), escape="[]"), alt
    return (kind, *_lines_location(content, lines, start, end))


def _atx_heading(content: str, lines: list[str], line_no: int):
    line = lines[line_no]
    hashes = re.match(r"^[^#]*#{1,6}", line)
    col = line.find(content, hashes.end() if hashes else 0)
    if col < 0:
        return None
    return UnitKind.HEADING, Span(line_no, col, col + len(content)), content


def _lines_location(content: str, lines: list[str], start: int, end: int, *, single_line: bool = False):
    content_lines = content.split("\n")
    if len(content_lines) != end - start:  # not expected from the parser; keep markers only
        content_lines = [""] * (end - start)
    prefixes = []
    for source, text in zip(lines[start:end], content_lines):
        src = source.rstrip()
        txt = text.strip()
        if txt and src.endswith(txt):
            prefixes.append(src[: len(src) - len(txt)])
        else:  # tabs expanded by the parser: keep the container markers only
            prefixes.append(re.match(r"^[ \t>]*", source).group(0))
    continuation = re.sub(r"[^>\t]", " ", prefixes[0])
    text = join_soft_breaks(content)
    if single_line:
        text = " ".join(part.strip() for part in text.split("\n"))
    location = Lines(start, end, tuple(prefixes), continuation, single_line)
    return location, text


def table_cells(article: Article) -> list[tuple[Span, str]]:
    """Spans and texts of every non-empty table cell of an article's body."""
    offset = article.front_matter_lines
    lines = article.text.split("\n")
    tokens = markdown_parser().parse(article.body)
    cells: list[tuple[Span, str]] = []
    row_line: int | None = None
    column = 0
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.type == "tr_open":
            row_line = token.map[0] + offset
            spans = _split_row(lines[row_line])
            column = 0
        elif token.type == "inline" and row_line is not None:
            if column < len(spans):
                a, b = spans[column]
                raw = lines[row_line][a:b]
                text = _unescape_pipes(raw)
                if text.strip() and text == token.content:
                    cells.append((Span(row_line, a, b, escape="|"), text))
            column += 1
        elif token.type == "tr_close":
            row_line = None
    return cells


def _split_row(line: str) -> list[tuple[int, int]]:
    """Column spans of the cells of a table row, trimmed, as GFM splits them."""
    prefix = re.match(r"^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*", line)
    pos = prefix.end() if prefix else 0
    bounds: list[int] = []
    escaped = False
    for index in range(pos, len(line)):
        ch = line[index]
        if ch == "|" and not escaped:
            bounds.append(index)
        escaped = ch == "\\" and not escaped
    edges = [pos - 1, *bounds, len(line)]
    spans = []
    for a, b in zip(edges, edges[1:]):
        a += 1
        while a < b and line[a] in " \t":
            a += 1
        while b > a and line[b - 1] in " \t":
            b -= 1
        spans.append((a, b))
    stripped = line[pos:].rstrip()
    if stripped.startswith("|"):
        spans = spans[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|") and len(stripped) > 1:
        spans = spans[:-1]
    return spans


def _unescape_pipes(text: str) -> str:
    return text.replace("\\|", "|")
