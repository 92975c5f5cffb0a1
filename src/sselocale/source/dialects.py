"""Site dialects: the syntax that documentation sites add to CommonMark.

Static-site generators read more than CommonMark: heading anchors
(``## Install {#install}``), kramdown attribute lists (``{: .note}``), Liquid
tags (``{% raw %}``, ``{{ page.title }}``), Hugo shortcodes (``{{< figure >}}``,
``{{% notice %}}``), VitePress and Docusaurus containers (``:::tip Title``),
MDC components of Nuxt Content (``::note``, ``::read-more{to="/x"}``), MkDocs
admonitions (``!!! note "Title"``), alerts (``> [!NOTE]``), abbreviations
(``*[W3C]: World Wide Web Consortium``), definition lists (``: definition``
under a term) and footnote definitions (``[^1]: text``). None of the markers is
prose, and the line-based forms are blocks of their own: a CommonMark parser
would join a ``:::tip`` line into the following paragraph, read an
admonition's indented body as a code block, or join an alert's marker, a
definition or a footnote to the next or previous line, where the site no
longer sees it.

:func:`parse_view` gives the parser a copy of the body in which every such line
is blanked (its container markers kept) and an admonition's body dedented, line
for line, so that units are found where the site sees them and their positions
stay those of the source; a definition or a footnote's text is read as a list
item, so that it is a unit of its own. :func:`block_titles` finds the
translatable titles of containers, admonitions and alerts, and abbreviations'
expansions; :func:`heading_text_end` keeps an anchor out of a heading's unit.
Inline forms (``{{ … }}``, ``{% … %}``, ``{#id}``) stay in the units' text and
are kept whole from the engine by :mod:`sselocale.mt.placeholders`.
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
    ALERTS = "alerts"
    """A quote's first line ``[!NOTE]`` (GitHub, Hugo, VitePress), or ``[!note]- Title`` (Obsidian)."""
    ABBREVIATIONS = "abbreviations"
    """``*[HTML]: Hyper Text Markup Language`` lines (kramdown, PHP Markdown Extra, MkDocs' abbr)."""
    DEFINITIONS = "definition lists"
    """``: definition`` lines under a term (kramdown, Goldmark, PHP Markdown Extra, MkDocs' def_list)."""
    FOOTNOTES = "footnotes"
    """``[^1]: text``: the label stays at the line's start, out of the unit (GFM, kramdown, Goldmark, MkDocs)."""


#: What each dialect reads; ``auto`` reads everything (the forms do not clash).
DIALECTS: dict[str, frozenset[Feature]] = {
    "commonmark": frozenset(),
    "jekyll": frozenset({Feature.ANCHORS, Feature.ATTRIBUTE_LISTS, Feature.LIQUID, Feature.ALERTS, Feature.DEFINITIONS,
                         Feature.ABBREVIATIONS, Feature.FOOTNOTES}),
    "hugo": frozenset({Feature.ANCHORS, Feature.ATTRIBUTE_LISTS, Feature.SHORTCODES, Feature.ALERTS,
                       Feature.DEFINITIONS, Feature.FOOTNOTES}),
    "mkdocs": frozenset({Feature.ANCHORS, Feature.ATTRIBUTE_LISTS, Feature.ADMONITIONS, Feature.ALERTS,
                         Feature.DEFINITIONS, Feature.ABBREVIATIONS, Feature.FOOTNOTES}),
    "vitepress": frozenset({Feature.ANCHORS, Feature.CONTAINERS, Feature.ALERTS, Feature.FOOTNOTES}),
    "docusaurus": frozenset({Feature.ANCHORS, Feature.CONTAINERS, Feature.ALERTS, Feature.FOOTNOTES}),
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
    # ``:::tip Title``; MDC components (Nuxt Content): ``::note``, ``::read-more{to="/x"}``, ``::``.
    Feature.CONTAINERS: re.compile(r"^:{3,}(?:[ \t]*[\w-]*.*)?$|^::(?:[\w-]+(?:\{[^\n]*\})?)?[ \t]*$"),
}
#: An MDC component's opening line, whose props may follow as a ``---`` YAML block.
_COMPONENT = re.compile(r"^[ \t]*::[\w-]+(?:\{[^\n]*\})?[ \t]*$")
_PROPS_FENCE = re.compile(r"^[ \t]*---[ \t]*$")
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
_ALERT = re.compile(r"^\[![A-Za-z]+\][-+]?(?:[ \t]+(?P<title>\S.*?))?[ \t]*$")
#: An abbreviation's definition; its expansion is a title to translate.
_ABBREVIATION = re.compile(r"^\*\[[^\[\]\n]+\]:[ \t]*(?P<title>\S.*?)?[ \t]*$")
#: A footnote definition's label: ``[^1]: ``.
_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:[ \t]+(?=\S)")
#: A definition's marker: a colon and white space, then text (not ``:::``, not ``:emoji:``).
_DEFINITION = re.compile(r"^:[ \t]+\S")
_ANCHOR_TAIL = re.compile(r"[ \t]+\{:?[ \t]*(?:#[\w.:-]+|\.[\w-]+|[\w-]+=)[^{}\n]*\}[ \t]*$")


@dataclass(frozen=True, slots=True)
class BlockTitle:
    """The title of a container or admonition: columns ``[start, end)`` of ``line`` (0-based, in the body)."""

    line: int
    start: int
    end: int
    quoted: bool
    """Written between double quotes (an admonition's): a ``"`` in a translation must be escaped."""
    escape: str = ""
    """Characters a translation must escape: ``[]`` in ``:::note[Title]``; a title running to
    the line's end is inline Markdown (its links are links) and escapes nothing."""


def parse_view(body: str, features: frozenset[Feature]) -> str:
    """``body`` as the parser should see it: same lines, site syntax blanked, admonition bodies dedented."""
    if not features:
        return body
    lines = body.split("\n")
    out = list(lines)
    verbatim: re.Pattern[str] | None = None
    admonition_indent: int | None = None
    skip_until = -1
    for index, line in enumerate(lines):
        if index <= skip_until:
            continue
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
        if Feature.CONTAINERS in features and _COMPONENT.match(rest) and index + 1 < len(lines) \
                and _PROPS_FENCE.match(lines[index + 1][len(prefix):]):
            end = next((i for i in range(index + 2, min(index + _TAG_LINES, len(lines)))
                        if _PROPS_FENCE.match(lines[i][len(prefix):])), None)
            if end is not None:  # the component's props, YAML: no prose, and no setext heading
                out[index:end + 1] = [prefix.rstrip()] * (end + 1 - index)
                skip_until = end
                continue
        closing_tag = _unclosed_tag(rest, features)
        if closing_tag is not None:
            end = next((i for i in range(index + 1, min(index + _TAG_LINES, len(lines)))
                        if closing_tag.search(lines[i])), None)
            if end is not None:  # a tag written over several lines: none of them is prose
                out[index:end + 1] = [prefix.rstrip()] * (end + 1 - index)
                skip_until = end
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
            elif Feature.ABBREVIATIONS in features and _ABBREVIATION.match(line):
                out[index] = ""  # a line of its own; its expansion is a block title
            elif Feature.ALERTS in features and _alert(lines, index) is not None:
                out[index] = prefix  # the marker stays on its line; a title is a block title
            elif Feature.FOOTNOTES in features and (label := _FOOTNOTE.match(rest)):
                # The text alone, as a list item so that each note is a unit of its own
                # (its prefix then keeps the label); joined, the next note's label would be lost.
                out[index] = prefix + "- " + rest[label.end():]
            elif Feature.DEFINITIONS in features and _definition(lines, index):
                # Read as a list item, so that the definition is a unit of its own that
                # keeps its line (joined to the term it would no longer define anything).
                out[index] = prefix + "-" + rest[1:]
    return "\n".join(out)


#: How many lines a shortcode or Liquid tag may take.
_TAG_LINES = 40
_SHORTCODE_END = re.compile(r"[>%]\}\}")
_LIQUID_TAG_END = re.compile(r"%\}")
_LIQUID_OUTPUT_END = re.compile(r"\}\}")


def _unclosed_tag(rest: str, features: frozenset[Feature]) -> re.Pattern[str] | None:
    """What closes a shortcode or Liquid tag that opens ``rest`` and does not close on its line."""
    if Feature.SHORTCODES in features and rest.startswith(("{{<", "{{%")) and not _SHORTCODE_END.search(rest):
        return _SHORTCODE_END
    if Feature.LIQUID in features and rest.startswith("{%") and not _LIQUID_TAG_END.search(rest):
        return _LIQUID_TAG_END
    if Feature.LIQUID in features and rest.startswith("{{") and not rest.startswith(("{{<", "{{%")) \
            and not _LIQUID_OUTPUT_END.search(rest):
        return _LIQUID_OUTPUT_END
    return None


def _quote_depth(prefix: str) -> int:
    return prefix.count(">")


def _alert(lines: list[str], index: int) -> re.Match[str] | None:
    """The alert marker on the first line of a block quote, if ``lines[index]`` is one."""
    line = lines[index]
    prefix = _PREFIX.match(line).group(0)
    depth = _quote_depth(prefix)
    if not depth:
        return None
    if index:
        before = lines[index - 1]
        before_prefix = _PREFIX.match(before).group(0)
        if _quote_depth(before_prefix) >= depth and before[len(before_prefix):].strip():
            return None  # inside a paragraph of the quote: text, not a marker
    return _ALERT.match(line[len(prefix):])


def _definition(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` is ``: text`` under a term (at most one blank line above)."""
    line = lines[index]
    prefix = _PREFIX.match(line).group(0)
    if not _DEFINITION.match(line[len(prefix):]):
        return False
    for back in (1, 2):
        if index - back < 0:
            return False
        above = lines[index - back]
        above_prefix = _PREFIX.match(above).group(0)
        if above[len(above_prefix):].strip():
            indent = len(prefix.expandtabs(4)) - len(above_prefix.expandtabs(4))
            return _quote_depth(above_prefix) == _quote_depth(prefix) and indent < 4
    return False


def _dedent(line: str, width: int) -> str:
    expanded = line.expandtabs(4)
    return expanded[min(width, len(expanded) - len(expanded.lstrip(" "))):]


def block_titles(body: str, features: frozenset[Feature]) -> list[BlockTitle]:
    """The titles of the containers and admonitions of ``body``, in order."""
    titles: list[BlockTitle] = []
    lines = body.split("\n")
    for index, line in enumerate(lines):
        prefix = _PREFIX.match(line).group(0)
        if Feature.CONTAINERS in features:
            match = _CONTAINER.match(line[len(prefix):])
            if match and (match.group("title") or match.group("bracket")):
                group = "title" if match.group("title") else "bracket"
                titles.append(BlockTitle(index, len(prefix) + match.start(group), len(prefix) + match.end(group), False,
                                         "[]" if group == "bracket" else ""))
        if Feature.ADMONITIONS in features:
            match = _ADMONITION.match(line)
            if match and match.group("title"):
                titles.append(BlockTitle(index, match.start("title"), match.end("title"), True))
        if Feature.ABBREVIATIONS in features:
            match = _ABBREVIATION.match(line)
            if match and match.group("title"):
                titles.append(BlockTitle(index, match.start("title"), match.end("title"), False))
        if Feature.ALERTS in features:
            match = _alert(lines, index)
            if match and match.group("title"):
                titles.append(BlockTitle(index, len(prefix) + match.start("title"), len(prefix) + match.end("title"), False))
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
