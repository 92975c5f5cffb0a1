"""Put translations back into an article's text: the source file is the skeleton.

Only the text of units changes, so headings, lists, tables, links, code blocks
and raw HTML keep the structure they have in the source. A translation that
would start a new Markdown block where the source had running text (a line
beginning with ``- `` or ``#``, say) is escaped. Front-matter fields are left
alone here: ``publish`` writes them through the YAML document.

Used by ``publish`` to build articles and by ``review``'s ``structure`` check,
which compares the result's :mod:`.skeleton` with the source's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .articles import Article
from .units import Field, Lines, Span, Unit, markdown_parser


def replace_units(article: Article, units: list[Unit], translations: Mapping[str, str]) -> str:
    """The article's whole text with each body unit found in ``translations`` replaced.

    ``translations`` maps a unit's source text to its translation; units without
    one (or with an empty one) keep their source text. Front-matter lines are
    returned unchanged.
    """
    lines = article.text.split("\n")
    spans: list[tuple[Span, str]] = []
    blocks: list[tuple[Lines, str]] = []
    for unit in units:
        target = translations.get(unit.text) or unit.text
        loc = unit.location
        if isinstance(loc, Field):
            continue
        if isinstance(loc, Span):
            spans.append((loc, target))
        else:
            blocks.append((loc, target))
    # Right to left, bottom to top, so that positions not yet used stay valid.
    for loc, target in sorted(spans, key=lambda s: (s[0].line, s[0].start), reverse=True):
        line = lines[loc.line]
        lines[loc.line] = line[: loc.start] + _inline_text(target, loc.escape) + line[loc.end :]
    for loc, target in sorted(blocks, key=lambda b: b[0].start, reverse=True):
        lines[loc.start : loc.end] = _block_lines(target, loc)
    return "\n".join(lines)


def _inline_text(text: str, escape: str) -> str:
    """Text for a single-line span: no newlines, given characters escaped."""
    text = " ".join(part.strip() for part in text.splitlines()).strip()
    if "#" not in escape and re.search(r"(^|\s)#+$", text):
        text = text[:-1] + "\\#"  # a trailing " #" would close an ATX heading
    for ch in escape:
        text = re.sub(r"(?<!\\)" + re.escape(ch), "\\" + ch, text)
    return text


def _block_lines(text: str, loc: Lines) -> list[str]:
    """Source lines for a block translation, container prefixes restored."""
    if loc.single_line:
        parts = [" ".join(part.strip() for part in text.splitlines()).strip()]
    else:  # trailing spaces stay: two of them before a newline are a hard break
        parts = [part.lstrip(" \t") for part in text.splitlines() if part.strip()]
        if parts:
            parts[-1] = parts[-1].rstrip()
    if not parts:
        parts = [""]
    if not _stays_paragraph(parts):
        parts = [_escape_block_start(p) for p in parts]
    out = []
    for index, part in enumerate(parts):
        prefix = loc.prefixes[index] if index < len(loc.prefixes) else loc.continuation
        out.append(prefix + part)
    return out


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
def _paragraph_shape(text: str) -> tuple[str, ...]:
    return tuple(t.type for t in markdown_parser().parse(text) if t.nesting >= 0)


def _stays_paragraph(parts: list[str]) -> bool:
    """Whether these lines, on their own, parse as one paragraph of as many lines."""
    if all(part[:1].isalpha() for part in parts):
        return True  # no Markdown block (nor a table's delimiter row) starts with a letter
    shape = _paragraph_shape("\n".join(parts))
    return shape == ("paragraph_open", "inline")
