"""Segmentation: an article becomes a list of translatable units.

A unit is the text of one block (heading, paragraph, list item, table cell,
block quote, image alt text), of a title (a standalone image's or a reference
definition's, a container's or an admonition's), of a text element or an
``alt``/``title`` attribute in raw HTML (:mod:`.htmlunits`), or of one named
front-matter field. Site syntax (:mod:`.dialects`) is kept out. Inline markup
stays in the unit as Markdown. Soft line breaks are joined into spaces, so
re-wrapping a paragraph in the source does not disturb its translation; hard
breaks are kept as they are written.

Every unit remembers where it sits in the source (a :data:`Location`), which is
what lets :mod:`sselocale.build` put a translation back in its place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .articles import Article
from .dialects import DIALECTS, Feature, block_titles, heading_text_end, parse_view
from .frontmatter import prose_fields
from .sidetexts import code_lines, html_units, link_titles, table_cells
from .unitdata import (
    Field,
    Lines,
    Location,
    Region,
    Span,
    Unit,
    UnitKind,
    markdown_parser,
)

__all__ = [
    "Field", "Lines", "Location", "Region", "Span", "Unit", "UnitKind", "has_prose", "join_soft_breaks",
    "markdown_parser", "segment", "table_cells",
]


_CONTAINERS = {"blockquote_open": UnitKind.BLOCKQUOTE, "list_item_open": UnitKind.LIST_ITEM}
_CLOSERS = {"blockquote_close", "list_item_close"}
_IMAGE_ONLY = re.compile(r"^!\[([^\[\]\n]*)\]\([^\n]*\)$|^!\[([^\[\]\n]*)\](\[[^\]\n]*\])?$")
_URLISH = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>|<[^<>@\s]+@[^<>\s]+>|\b[a-z][a-z0-9+.-]*://\S+")
_CODE_SPAN = re.compile(r"(?<!(?<!\\)\\)(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_LINK_DEST = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def segment(
    article: Article, *, fields: tuple[str, ...] = ("title", "summary"), dialect: str = "auto"
) -> list[Unit]:
    """Split an article into units, in source order (front matter first).

    ``dialect`` (see :mod:`.dialects`) names the site syntax that is kept out of units.
    """
    features = DIALECTS[dialect]
    units: list[Unit] = []
    if article.front_matter is not None:
        for field in prose_fields(article.front_matter, fields):
            if has_prose(field.text):
                units.append(
                    Unit(
                        article=article.slug,
                        source=article.relpath,
                        line=field.line,
                        kind=UnitKind.FIELD,
                        text=field.text.strip(),
                        location=Field(field.path),
                        key=field.path,
                    )
                )
    offset = article.front_matter_lines
    lines = article.text.split("\n")
    view = parse_view(article.body, features)
    found: list[tuple[UnitKind, Location, str]] = []
    for kind, token, parent in _inline_blocks(view):
        unit = _unit_for(kind, token, parent, lines, offset, features)
        if unit is not None:
            found.append(unit)
    found.extend((UnitKind.TABLE_CELL, span, text) for span, text in table_cells(article, view))
    titles = block_titles(article.body, features)
    code = code_lines(view) if titles else set()
    for title in titles:
        if title.line in code:
            continue  # shown as an example in a code block
        line = title.line + offset
        span = Span(line, title.start, title.end, escape=title.escape, typographic=title.quoted)
        found.append((UnitKind.BLOCK_TITLE, span, lines[line][title.start:title.end]))
    found.extend(html_units(view, lines, offset))
    found.extend(link_titles(view, lines, offset))
    found.sort(key=lambda item: _position(item[1]))
    for kind, location, text in found:
        if not has_prose(text):
            continue
        line = _position(location)[0] + 1
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
    if isinstance(location, Region):
        return location.start_line, location.start_col
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


#: Inline syntax that a soft break may sit in: raw HTML, a ``<…>`` destination, a link title.
_RISKY_JOIN = re.compile(r"[<\"'(]")
#: Raw inline HTML in which a line break is shown as one.
_RAW_PREFORMATTED = re.compile(r"<(pre|textarea|listing|xmp)\b", re.I)


def _join_lines(content: str) -> str:
    """:func:`join_soft_breaks`, unless joining would change what the block renders.

    A soft break inside raw inline HTML or a ``<…>`` link destination is no
    line break of the text: joining there makes a tag, comment or link out of
    literal text (or the reverse), and inside raw ``<pre>`` a break is shown.
    Such a block keeps its lines as they are written.
    """
    joined = join_soft_breaks(content)
    if joined == content or not _RISKY_JOIN.search(content):
        return joined
    if not _RAW_PREFORMATTED.search(content) and _inline_html(joined) == _inline_html(content):
        return joined
    return "\n".join(line.lstrip(" \t") for line in content.split("\n"))


@lru_cache(maxsize=1024)
def _inline_html(text: str) -> str:
    md = markdown_parser()
    tokens = md.parseInline(text)
    for token in tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type, child.content = "text", " "
    return md.renderer.render(tokens, md.options, {})


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


def _unit_for(kind: UnitKind, token, parent, lines: list[str], offset: int, features: frozenset[Feature]):
    content = token.content
    if not content.strip() or token.map is None:
        return None
    start, end = token.map[0] + offset, token.map[1] + offset
    if kind is UnitKind.TABLE_CELL:
        return None  # handled row by row in _table_cells
    if kind is UnitKind.HEADING and parent.markup.startswith("#"):
        return _atx_heading(content[: heading_text_end(content, features)], lines, start)
    if kind is UnitKind.HEADING:  # setext: the inline map stops before the underline
        return (kind, *_lines_location(content, lines, start, end, single_line=True))
    image = _IMAGE_ONLY.match(content)
    if image and start + 1 == end:
        if image.group(2) is not None and image.group(3) in (None, "[]"):
            return None  # ``![label]``, ``![label][]``: the alt text is the label that finds the image
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
    text = _join_lines(content)
    if single_line:
        text = " ".join(part.strip() for part in text.split("\n"))
    location = Lines(start, end, tuple(prefixes), continuation, single_line)
    return location, text
