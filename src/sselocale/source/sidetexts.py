"""Units beside the blocks' own text: table cells, link and image titles, text in raw HTML.

Each is found on the source line where the parser's token says it is, and
located to the column, so that a translation goes back between the same pipes,
quotes or tags.
"""

from __future__ import annotations

import re

from .articles import Article
from .htmlunits import html_texts
from .unitdata import Location, Region, Span, UnitKind, markdown_parser


def code_lines(body: str) -> set[int]:
    """Lines of ``body`` inside code blocks and raw HTML blocks."""
    return {
        line
        for token in markdown_parser().parse(body)
        if token.type in ("fence", "code_block", "html_block") and token.map
        for line in range(*token.map)
    }


def html_units(view: str, lines: list[str], offset: int) -> list[tuple[UnitKind, Location, str]]:
    """Units in the raw HTML blocks at the top level of the body (in lists and quotes, none)."""
    out: list[tuple[UnitKind, Location, str]] = []
    for token in markdown_parser().parse(view):
        if token.type != "html_block" or token.level or not token.map:
            continue
        first = token.map[0] + offset
        block = lines[first : token.map[1] + offset]
        text = "\n".join(block)
        starts = [0]
        for line in block:
            starts.append(starts[-1] + len(line) + 1)
        for piece in html_texts(text):
            (l1, c1), (l2, c2) = _line_col(starts, piece.start), _line_col(starts, piece.end)
            raw = text[piece.start:piece.end]
            shown = raw if piece.attribute else " ".join(part.strip() for part in raw.split("\n"))
            region = Region(first + l1, c1, first + l2, c2, piece.attribute)
            out.append((UnitKind.HTML, region, shown))
    return out


_TITLE = r"""(?P<title>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\((?:[^()\\\n]|\\.)*\))"""
_IMAGE_TITLE = re.compile(r"^[ \t]*!\[(?:[^\[\]\\]|\\.)*\]\([ \t]*(?:<[^<>\n]*>|\S+)[ \t]+" + _TITLE + r"[ \t]*\)[ \t]*$")
_DEFINITION_TITLE = re.compile(
    r"^ {0,3}\[(?P<label>(?:[^\[\]\\]|\\.)+)\]:[ \t]*(?:<[^<>\n]*>|\S+)[ \t]+" + _TITLE + r"[ \t]*$"
)


def link_titles(view: str, lines: list[str], offset: int) -> list[tuple[UnitKind, Location, str]]:
    """Titles of standalone images and of reference definitions, each on one line, as the parser read them."""
    env: dict = {}
    tokens = markdown_parser().parse(view, env)
    titles = {str(ref.get("title")) for ref in env.get("references", {}).values() if ref.get("title")}
    for token in tokens:
        children = [c for c in token.children or () if c.type != "softbreak"] if token.type == "inline" else []
        if len(children) == 1 and children[0].type == "image" and children[0].attrGet("title"):
            titles.add(str(children[0].attrGet("title")))
    code = code_lines(view)
    out: list[tuple[UnitKind, Location, str]] = []
    for index, line in enumerate(view.split("\n")):
        match = None if index in code else _IMAGE_TITLE.match(line) or _DEFINITION_TITLE.match(line)
        if match is None:
            continue
        start, end = match.start("title") + 1, match.end("title") - 1
        text = lines[index + offset][start:end]
        if _unescape(text) in titles:
            delimiter = {'"': '"', "'": "'", "(": "()"}[line[start - 1]]
            out.append((UnitKind.TITLE, Span(index + offset, start, end, escape=delimiter), text))
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return line, offset - starts[line]


def table_cells(article: Article, view: str | None = None) -> list[tuple[Span, str]]:
    """Spans and texts of every non-empty table cell of an article's body (or of its parser's ``view``)."""
    offset = article.front_matter_lines
    lines = article.text.split("\n")
    tokens = markdown_parser().parse(article.body if view is None else view)
    cells: list[tuple[Span, str]] = []
    row_line: int | None = None
    column = 0
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.type == "tr_open":
            row_line = token.map[0] + offset
            spans = _split_row(lines[row_line])
            first = _row_content_start(lines[row_line])
            column = 0
        elif token.type == "inline" and row_line is not None:
            if column < len(spans):
                a, b = spans[column]
                raw = lines[row_line][a:b]
                text = _unescape_pipes(raw)
                if text.strip() and text == token.content:
                    cells.append((Span(row_line, a, b, escape="|", line_start=a == first), text))
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


def _row_content_start(line: str) -> int:
    """Column where a table row's own text starts, after container markers and indentation."""
    prefix = re.match(r"^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*", line)
    return prefix.end() if prefix else 0


def _unescape_pipes(text: str) -> str:
    return text.replace("\\|", "|")
