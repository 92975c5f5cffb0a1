"""Site dialects: the syntax that documentation sites add to CommonMark.

Static-site generators read more than CommonMark: heading anchors
(``## Install {#install}``), kramdown attribute lists (``{: .note}``), Liquid
tags (``{% raw %}``, ``{{ page.title }}``), Hugo shortcodes (``{{< figure >}}``,
``{{% notice %}}``), VitePress and Docusaurus containers (``:::tip Title``)
and MkDocs admonitions (``!!! note "Title"``). None of it is prose, and the
line-based forms are blocks of their own: a CommonMark parser would join a
``:::tip`` line into the following paragraph, or read an admonition's indented
body as a code block.

:func:`parse_view` gives the parser a copy of the body in which every such line
is blanked (its container markers kept) and an admonition's body dedented, line
for line, so that units are found where the site sees them and their positions
stay those of the source. :func:`block_titles` finds the translatable titles of
containers and admonitions; :func:`heading_text_end` keeps an anchor out of a
heading's unit. Inline forms (``{{ … }}``, ``{% … %}``, ``{#id}``) stay in the
units' text and are kept whole from the engine by :mod:`sselocale.mt.placeholders`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Feature(str, Enum):
    """One piece of site syntax."""

    ANCHORS = "heading anchors"
    """``{#id}`` (and ``{: …}``) at the end of a heading."""
    ATTRIBUTE_LISTS = "attribute lists"
    """A line holding only an attribute list: kramdown's ``{: .note}``, Goldmark's ``{.foo #bar}``."""
    LIQUID = "liquid"
    """Jekyll's ``{% … %}`` and ``{{ … }}`` on lines of their own; ``raw``, ``highlight``, ``comment`` blocks."""
    SHORTCODES = "shortcodes"
    """Hugo's ``{{< … >}}`` and ``{{% … %}}`` on lines of their own; ``highlight`` blocks."""
    CONTAINERS = "containers"
    """VitePress / Docusaurus ``:::type Title`` … ``:::``."""
    ADMONITIONS = "admonitions"
    """MkDocs ``!!! type "Title"`` (and collapsible ``???``) with an indented body."""


#: What each dialect reads; ``auto`` reads everything (the forms do not clash).
DIALECTS: dict[str, frozenset[Feature]] = {
    "commonmark": frozenset(),
    "jekyll": frozenset({Feature.ANCHORS, Feature.ATTRIBUTE_LISTS, Feature.LIQUID}),
    "hugo": frozenset({Feature.ANCHORS, Feature.ATTRIBUTE_LISTS, Feature.SHORTCODES}),
    "mkdocs": frozenset({Feature.ANCHORS, Feature.ATTRIBUTE_LISTS, Feature.ADMONITIONS}),
    "vitepress": frozenset({Feature.ANCHORS, Feature.CONTAINERS}),
    "docusaurus": frozenset({Feature.ANCHORS, Feature.CONTAINERS}),
    "auto": frozenset(Feature),
}

#: Files whose presence in the project folder names its site generator.
_MARKERS: tuple[tuple[str, str], ...] = (
    ("mkdocs.yml", "mkdocs"),
    ("mkdocs.yaml", "mkdocs"),
    ("docusaurus.config.js", "docusaurus"),
    ("docusaurus.config.ts", "docusaurus"),
    (".vitepress", "vitepress"),
    ("docs/.vitepress", "vitepress"),
    ("hugo.toml", "hugo"),
    ("hugo.yaml", "hugo"),
    ("hugo.json", "hugo"),
    ("_config.yml", "jekyll"),
)


def detect(root: Path) -> str:
    """The dialect of the site in ``root``, from its generator's files; ``auto`` when none is found.

    >>> detect(Path("/nonexistent"))
    'auto'
    """
    for name, dialect in _MARKERS:
        if (Path(root) / name).exists():
            return dialect
    return "auto"


_PREFIX = re.compile(r"^(?:[ \t]*>)*[ \t]*")
_LINE_FORMS: dict[Feature, re.Pattern[str]] = {
    Feature.ATTRIBUTE_LISTS: re.compile(r"^\{:?[ \t]*[.#\w][^{}\n]*\}[ \t]*$"),
    Feature.LIQUID: re.compile(r"^(?:\{%-?.*?-?%\}|\{\{-?(?![<%]).*?-?\}\})[ \t]*$"),
    Feature.SHORTCODES: re.compile(r"^(?:\{\{<.*?>\}\}|\{\{%.*?%\}\})[ \t]*$"),
    Feature.CONTAINERS: re.compile(r"^:{3,}(?:[ \t]*[\w-]*.*)?$"),
}
#: Blocks whose lines are code or comments, never prose: (opening, closing).
_VERBATIM: dict[Feature, tuple[re.Pattern[str], re.Pattern[str]]] = {
    Feature.LIQUID: (re.compile(r"^\{%-?\s*(raw|highlight|comment)\b.*%\}\s*$"),
                     re.compile(r"\{%-?\s*end(raw|highlight|comment)\s*-?%\}\s*$")),
    Feature.SHORTCODES: (re.compile(r"^\{\{[<%]\s*(highlight|code|code-toggle)\b.*[>%]\}\}\s*$"),
                         re.compile(r"\{\{[<%]\s*/(highlight|code|code-toggle)\s*[>%]\}\}\s*$")),
}
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*"
                         r"(?:[ \t]+\"(?P<title>[^\"\n]*)\")?[ \t]*$")
_CONTAINER = re.compile(r"^(?P<colons>:{3,})[ \t]*(?P<type>[\w-]+)(?:\[(?P<bracket>[^\]\n]*)\]|[ \t]+(?P<title>.*\S))?[ \t]*$")
_ANCHOR_TAIL = re.compile(r"[ \t]+\{:?[ \t]*(?:#[\w.:-]+|\.[\w-]+|[\w-]+=)[^{}\n]*\}[ \t]*$")


@dataclass(frozen=True, slots=True)
class BlockTitle:
    """The title of a container or admonition: columns ``[start, end)`` of ``line`` (0-based, in the body)."""

    line: int
    start: int
    end: int
    quoted: bool
    """Written between double quotes (an admonition's): a ``"`` in a translation must be escaped."""


def parse_view(body: str, features: frozenset[Feature]) -> str:
    """``body`` as the parser should see it: same lines, site syntax blanked, admonition bodies dedented."""
    if not features:
        return body
    lines = body.split("\n")
    out = list(lines)
    verbatim: re.Pattern[str] | None = None
    admonition_indent: int | None = None
    for index, line in enumerate(lines):
        prefix = _PREFIX.match(line).group(0)
        rest = line[len(prefix):]
        if verbatim is not None:
            out[index] = prefix
            if verbatim.search(rest):
                verbatim = None
            continue
        if admonition_indent is not None:
            width = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
            if line.strip() and width < admonition_indent + 4:
                admonition_indent = None
            elif line.strip():
                out[index] = _dedent(line, 4)
        if Feature.ADMONITIONS in features and _ADMONITION.match(line):
            admonition_indent = len(_ADMONITION.match(line).group("indent").expandtabs(4))
            out[index] = ""
            continue
        for feature, (opening, closing) in _VERBATIM.items():
            if feature in features and opening.match(rest):
                out[index] = prefix
                # Without its closing tag, a block would silence the rest of the article.
                closed = closing.search(rest) or not any(closing.search(x) for x in lines[index + 1:])
                verbatim = None if closed else closing
                break
        else:
            if any(feature in features and form.match(rest.strip()) for feature, form in _LINE_FORMS.items()):
                out[index] = prefix
    return "\n".join(out)


def _dedent(line: str, width: int) -> str:
    expanded = line.expandtabs(4)
    return expanded[min(width, len(expanded) - len(expanded.lstrip(" "))):]


def block_titles(body: str, features: frozenset[Feature]) -> list[BlockTitle]:
    """The titles of the containers and admonitions of ``body``, in order."""
    titles: list[BlockTitle] = []
    for index, line in enumerate(body.split("\n")):
        prefix = _PREFIX.match(line).group(0)
        if Feature.CONTAINERS in features:
            match = _CONTAINER.match(line[len(prefix):])
            if match and (match.group("title") or match.group("bracket")):
                group = "title" if match.group("title") else "bracket"
                titles.append(BlockTitle(index, len(prefix) + match.start(group), len(prefix) + match.end(group), False))
        if Feature.ADMONITIONS in features:
            match = _ADMONITION.match(line)
            if match and match.group("title"):
                titles.append(BlockTitle(index, match.start("title"), match.end("title"), True))
    return titles


def heading_text_end(text: str, features: frozenset[Feature]) -> int:
    """Where a heading's text ends once a trailing anchor or attribute list (``{#id}``) is set aside.

    >>> heading_text_end("Install {#install}", DIALECTS["auto"])
    7
    """
    if Feature.ANCHORS not in features:
        return len(text)
    match = _ANCHOR_TAIL.search(text)
    return match.start() if match else len(text)
