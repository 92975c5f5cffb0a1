"""Put translations back into an article's text: the source file is the skeleton.

Only the text of units changes, so headings, lists, tables, links, code blocks
and raw HTML keep the structure they have in the source, whatever a
translation says: a line that would start a new Markdown block where the
source had running text (``- ``, ``1. ``, ``#``, ``>``, a fence, a table's
delimiter row, a reference definition) is escaped; lines beyond the source's
take their container's full prefix; table cells, titles and alt texts are
escaped against their own delimiters and a trailing backslash; text in raw
HTML stays on one line. ``tests/test_hostile_rebuild.py`` holds the property.
Front-matter fields are left alone here: ``publish`` writes them through the
YAML document.

Used by ``publish`` to build articles and by ``review``'s ``structure`` check,
which compares the result's :mod:`.skeleton` with the source's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .articles import Article
from .units import Field, Lines, Region, Span, Unit, markdown_parser

#: A line ending in Markdown; U+2028 and the like are characters of a line, not ends.
_LINE_END = re.compile(r"\r\n?|\n")


def replace_units(article: Article, units: list[Unit], translations: Mapping[str, str]) -> str:
    """The article's whole text with each body unit found in ``translations`` replaced.

    ``translations`` maps a unit's source text to its translation; units without
    one (or with an empty one) keep their source text. Front-matter lines are
    returned unchanged.
    """
    lines = article.text.split("\n")
    spans: list[tuple[Span, str]] = []
    blocks: list[tuple[Lines, str]] = []
    regions: list[tuple[Region, str]] = []
    for unit in units:
        target = translations.get(unit.text) or ""
        if not target.strip():  # a blank translation would empty its block: the source stays
            target = unit.text
        loc = unit.location
        if isinstance(loc, Field):
            continue
        if isinstance(loc, Span):
            spans.append((loc, target))
        elif isinstance(loc, Region):
            if target != unit.text:  # untranslated HTML keeps its own line breaks and indentation
                regions.append((loc, target))
        else:
            blocks.append((loc, target))
    # Right to left, bottom to top, so that positions not yet used stay valid.
    for loc, target in sorted(spans, key=lambda s: (s[0].line, s[0].start), reverse=True):
        line = lines[loc.line]
        lines[loc.line] = line[: loc.start] + _inline_text(target, loc) + line[loc.end :]
    # Regions (in raw HTML blocks) and blocks never share a line: from the bottom
    # up, each replacement leaves the places of those above it as they were.
    edits = [(r.start_line, r.start_col, r, t) for r, t in regions] + [(b.start, 0, b, t) for b, t in blocks]
    for _line, _col, loc, target in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if isinstance(loc, Region):
            head, tail = lines[loc.start_line][: loc.start_col], lines[loc.end_line][loc.end_col :]
            lines[loc.start_line : loc.end_line + 1] = [head + _html_text(target, loc.attribute) + tail]
        else:
            lines[loc.start : loc.end] = _block_lines(target, loc)
    return "\n".join(lines)


def _html_text(text: str, attribute: bool) -> str:
    """A translation inside a raw HTML block: one line, so that no blank line ends the block."""
    text = " ".join(part.strip() for part in _LINE_END.split(text) if part.strip())
    if attribute:
        text = text.replace('"', "&quot;").replace("'", "&#39;")
    return text


def _inline_text(text: str, loc: Span) -> str:
    """Text for a single-line span: no newlines, nothing that could end the span or open a block.

    The span's own delimiters (``|`` of a table cell, ``]`` of an image's alt
    text) are escaped, a trailing backslash is doubled so that it escapes
    nothing after the span, a backtick run without its partner is escaped so
    that no code span reaches past the span, and a first table cell of a row
    without a leading pipe may not start a block (``1. ``, ``- ``, ``#``, ``>``).
    """
    text = " ".join(part.strip() for part in _LINE_END.split(text)).strip()
    escape = loc.escape + ("<" if "]" in loc.escape else "")
    if loc.typographic:  # a title between double quotes (an admonition's) knows no backslash escapes
        text = text.replace('"', "\u201d")
    text = _escape_unmatched_backticks(_escape_chars(text, escape))
    if "#" not in escape and re.search(r"(^|\s)#+$", text):
        text = text[:-1] + "\\#"  # a trailing " #" would close an ATX heading
    text = _close_backslash(text)
    if "|" in escape and text.endswith("\\"):
        text += " "  # a table row is split before escapes are read: "\\|" would escape the pipe
    if loc.line_start:
        text = _escape_block_start(text)
    return text


def _escape_chars(text: str, chars: str) -> str:
    """``text`` with each of ``chars`` that is not already escaped given a backslash."""
    if not chars:
        return text
    out = []
    escaped = False
    for ch in text:
        if ch in chars and not escaped:
            out.append("\\")
        out.append(ch)
        escaped = ch == "\\" and not escaped
    return "".join(out)


def _close_backslash(text: str) -> str:
    """A line ending in an odd run of backslashes escapes what follows it: make the run even."""
    run = len(text) - len(text.rstrip("\\"))
    return text + "\\" if run % 2 else text


_BACKTICKS = re.compile(r"(?<![`\\])`+")


def _escape_unmatched_backticks(text: str) -> str:
    """Escape backtick runs that open no code span, so none can close on text after this one."""
    runs = [m for m in _BACKTICKS.finditer(text)]
    out, pos, index = [], 0, 0
    while index < len(runs):
        run = runs[index]
        partner = next((j for j in range(index + 1, len(runs)) if len(runs[j].group()) == len(run.group())), None)
        if partner is None:
            out.append(text[pos : run.start()] + "\\" + run.group())
            pos = run.end()
            index += 1
        else:
            index = partner + 1
    out.append(text[pos:])
    return "".join(out)


def _block_lines(text: str, loc: Lines) -> list[str]:
    """Source lines for a block translation, container prefixes restored.

    Lines beyond the first get the container's full prefix even where the
    source's line was a lazy continuation: a translated line such as
    ``2024. …`` at column 0 would leave its list or quote.
    """
    if loc.single_line:
        # A pipe, even escaped, would turn the heading and its underline into a table.
        parts = [re.sub(r"\\?\|", "&#124;", " ".join(part.strip() for part in _LINE_END.split(text)).strip())]
    else:  # trailing spaces stay: two of them before a newline are a hard break
        parts = [part.lstrip(" \t") for part in _LINE_END.split(text) if part.strip()]
        if parts:
            parts[-1] = parts[-1].rstrip()
    if not parts:
        parts = [""]
    parts[-1] = _close_backslash(parts[-1])
    # Inside a list item a table may start where it would not at the top level,
    # and the line above a unit may be site syntax (a `{: .note}` or `:::` line)
    # that a plain CommonMark reader takes as text: no line may underline or
    # delimit what stands before it.
    parts = [("\\" + p) if _DELIMITER_ROW.match(p) or _UNDERLINE.match(p) else p for p in parts]
    if not _stays_paragraph(parts):
        parts = [_escape_block_start(p) for p in parts]
        if parts[0].startswith("["):  # a reference definition would take the paragraph's text
            parts[0] = "\\" + parts[0]
    out = []
    for index, part in enumerate(parts):
        prefix = loc.prefixes[0] if index == 0 else loc.continuation
        out.append(prefix + part)
    return out


_DELIMITER_ROW = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_UNDERLINE = re.compile(r"^(?:=+|-+)[ \t]*$")
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|[=]+\s*$|-+\s*$|"
    r"(?:[-*_]\s*){3,}$|`{3,}|~{3,}|<|\|)"
)


def _escape_block_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if not match:
        return line
    digits = re.match(r"^\d{1,9}(?=[.)])", line)
    if digits:
        return line[: digits.end()] + "\\" + line[digits.end() :]
    return "\\" + line


@lru_cache(maxsize=4096)
def _paragraph_shape(text: str) -> tuple:
    return tuple((t.type, tuple(t.map or ())) for t in markdown_parser().parse(text) if t.nesting >= 0)


def _stays_paragraph(parts: list[str]) -> bool:
    """Whether these lines, on their own, parse as one paragraph of all of them.

    A leading reference definition leaves a paragraph behind too, but a shorter one.
    """
    if all(part[:1].isalpha() for part in parts):
        return True  # no Markdown block (nor a table's delimiter row) starts with a letter
    whole = (0, len(parts))
    return _paragraph_shape("\n".join(parts)) == (("paragraph_open", whole), ("inline", whole))
