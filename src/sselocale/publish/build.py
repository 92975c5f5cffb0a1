"""Rebuild translated articles: each unit's source text replaced by its translation.

The source file is the skeleton: only the text of units changes, so headings,
lists, tables, links, code blocks and raw HTML keep the structure they have in
the source. A translation that would start a new Markdown block where the source
had running text (a line beginning with ``- `` or ``#``, say) is escaped, so no
translation can change the shape of the document.

A translation that fails :func:`sselocale.source.safety.errors` (the judge the
release gate's ``unsafe-render`` check uses) is never published: the unit keeps
its source text and the article lists it in :attr:`BuiltArticle.refused`, so a
site built without ``sselocale check`` in front of it is still safe.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .. import safeyaml
from ..errors import ContentError
from ..source.articles import Article
from ..source.safety import errors as safety_errors
from ..source.units import Field, Lines, Span, Unit, markdown_parser


@dataclass(frozen=True, slots=True)
class Refusal:
    """A translation left out of the build because publishing it would be unsafe."""

    unit: Unit
    """The unit, which kept its source text."""
    translation: str
    reasons: tuple[str, ...]
    """What the translation would change in the page, one message each."""

    @property
    def line(self) -> int:
        """1-based line of the unit in the source article."""
        return self.unit.line


@dataclass(frozen=True, slots=True)
class BuiltArticle:
    """A rebuilt article and how much of it is translated."""

    slug: str
    lang: str
    text: str
    translated: int
    """Units whose translation was used."""
    total: int
    refused: tuple[Refusal, ...] = ()
    """Units whose translation was unsafe and was replaced by the source text."""

    @property
    def coverage(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


def rebuild(
    article: Article,
    units: list[Unit],
    translations: Mapping[str, str],
    *,
    lang: str | None = None,
) -> BuiltArticle:
    """Return the article with every unit found in ``translations`` replaced.

    ``translations`` maps a unit's source text to its translation; units without
    one keep their source text, and so do units whose translation is unsafe
    (listed in :attr:`BuiltArticle.refused`). With ``lang`` set, the front matter gets
    ``lang: <code>`` and its ``date`` formatted for that language.
    """
    lines = article.text.split("\n")
    spans: list[tuple[Span, str]] = []
    blocks: list[tuple[Lines, str]] = []
    fields: dict[str, str] = {}
    used = 0
    refused: list[Refusal] = []
    for unit in units:
        target = translations.get(unit.text)
        problems = safety_errors(unit.text, target) if target else []
        if problems:
            refused.append(Refusal(unit, target, tuple(p.message for p in problems)))
            target = unit.text
        elif target:
            used += 1
        else:
            target = unit.text
        loc = unit.location
        if isinstance(loc, Field):
            fields[loc.key] = target
        elif isinstance(loc, Span):
            spans.append((loc, target))
        else:
            blocks.append((loc, target))
    # Right to left, bottom to top, so that positions not yet used stay valid.
    for loc, target in sorted(spans, key=lambda s: (s[0].line, s[0].start), reverse=True):
        line = lines[loc.line]
        lines[loc.line] = line[: loc.start] + _inline_text(target, loc.escape) + line[loc.end :]
    for loc, target in sorted(blocks, key=lambda b: b[0].start, reverse=True):
        lines[loc.start : loc.end] = _block_lines(target, loc)
    text = "\n".join(lines)
    if article.front_matter is not None or lang is not None:
        body = "\n".join(text.split("\n")[article.front_matter_lines :])
        text = _front_matter(article, fields, lang) + body
    return BuiltArticle(article.slug, lang or "", text, used, len(units), tuple(refused))


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
    if not _stays_paragraph(parts, loc.single_line):
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


def _stays_paragraph(parts: list[str], single_line: bool) -> bool:
    """Whether these lines, on their own, parse as one paragraph of as many lines."""
    shape = _paragraph_shape("\n".join(parts))
    return shape == ("paragraph_open", "inline")


def _front_matter(article: Article, fields: dict[str, str], lang: str | None) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    text = article.front_matter_text
    data = safeyaml.load(text, error=ContentError, path=article.relpath, what="malformed front matter",
                         first_line=2, yaml=yaml) if text.strip() else None
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    for key, value in fields.items():
        data[key] = value
    if lang is not None:
        if isinstance(data.get("date"), (dt.date, dt.datetime)):
            data["date"] = format_date(data["date"], lang)
        data["lang"] = lang
    out = io.StringIO()
    yaml.dump(data, out)
    return "---\n" + out.getvalue() + "---\n"


def format_date(value: dt.date, lang: str) -> str:
    """A date written out for readers of ``lang``.

    >>> format_date(dt.date(2023, 4, 18), "fr")
    '18 avril 2023'
    """
    from babel.dates import format_date as babel_format_date

    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_format_date(value, format="long", locale=lang)
