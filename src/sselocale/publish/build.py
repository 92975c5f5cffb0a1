"""Rebuild translated articles: each unit's source text replaced by its translation.

The source file is the skeleton: only the text of units changes, so headings,
lists, tables, links, code blocks and raw HTML keep the structure they have in
the source. A translation that would start a new Markdown block where the source
had running text (a line beginning with ``- `` or ``#``, say) is escaped, so no
translation can change the shape of the document.

A translation that fails :func:`sselocale.source.safety.errors` (the judge the
release gate's ``unsafe-render`` check uses) is never published: the unit keeps
its source text and the article lists it in :attr:`BuiltArticle.refused`, so a
site built without ``sselocale check`` in front of it is still safe. So is a
translation that changes the article's skeleton (:mod:`sselocale.source.skeleton`,
the judge of the ``structure`` check): a table it would end, a list it would
break out of, a block it would empty.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass

from .. import safeyaml
from ..errors import ContentError
from ..source.articles import Article
from ..source.rebuild import replace_units
from ..source.safety import errors as safety_errors
from ..source.frontmatter import set_field
from ..source.skeleton import structural_translations
from ..source.units import Field, Unit


@dataclass(frozen=True, slots=True)
class Refusal:
    """A translation left out of the build: publishing it would be unsafe or break the structure."""

    unit: Unit
    """The unit, which kept its source text."""
    translation: str
    reasons: tuple[str, ...]
    """What the translation would change in the page, one message each."""
    structure: bool = False
    """Whether it was refused for changing the article's skeleton rather than as unsafe."""

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
    allowed_hosts: frozenset[str] = frozenset(),
) -> BuiltArticle:
    """Return the article with every unit found in ``translations`` replaced.

    ``translations`` maps a unit's source text to its translation; units without
    one keep their source text, and so do units whose translation is unsafe
    (listed in :attr:`BuiltArticle.refused`). With ``lang`` set, the front matter gets
    ``lang: <code>`` and its ``date`` formatted for that language.
    """
    fields: dict[str, str] = {}
    refused: list[Refusal] = []
    safe: dict[str, str] = {}
    for unit in units:
        target = translations.get(unit.text)
        problems = safety_errors(unit.text, target, allowed_hosts) if target else []
        if problems:
            refused.append(Refusal(unit, target, tuple(p.message for p in problems)))
        elif target:
            safe[unit.text] = target
    # A translation that changes the article's skeleton (ends a table, breaks out
    # of a list, empties a block) is refused too; ``check``'s ``structure`` finds it.
    kept, breakers = structural_translations(article, units, safe, allowed_hosts)
    refused += [Refusal(u, safe[u.text], (STRUCTURE_REASON,), structure=True) for u in breakers]
    used = 0
    for unit in units:
        target = kept.get(unit.text)
        if target:
            used += 1
        if isinstance(unit.location, Field):
            fields[unit.location.key] = target or unit.text
    text = replace_units(article, units, kept)
    if not article.front_matter_toml and (article.front_matter is not None or lang is not None):
        body = "\n".join(text.split("\n")[article.front_matter_lines :])
        text = _front_matter(article, fields, lang) + body
    refused.sort(key=lambda r: r.line)
    return BuiltArticle(article.slug, lang or "", text, used, len(units), tuple(refused))


#: Why a translation that changes the article's skeleton is not published.
STRUCTURE_REASON = "it changes the article's structure (headings, lists, tables, links or blocks)"


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
        set_field(data, key, value)  # `seo.description`, `tags.1`: nested keys and list items
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
