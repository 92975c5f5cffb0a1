"""Text inside raw HTML blocks: the content of text elements and the ``alt`` and ``title`` attributes.

Markdown sites write some of their pages' prose as HTML (``<p>``, ``<details>``
with a ``<summary>``, ``<figure>`` with a ``<figcaption>``, tables). The
stdlib's HTML parser reads each raw HTML block and reports where every tag
starts (:meth:`html.parser.HTMLParser.getpos`), so a unit's place in the
source is known to the character. The content of an element that holds no
other text element is one unit, inline tags (``<a>``, ``<em>``, ``<code>``)
and all; nothing inside ``script``, ``style``, ``pre``, ``code`` or
``textarea`` is ever a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements whose content is a unit.
TEXT_ELEMENTS = frozenset(
    {"p", "li", "td", "th", "summary", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "caption"}
)
#: Elements whose content is never prose, and never scanned for units.
VERBATIM = frozenset({"script", "style", "pre", "code", "textarea"})
_ATTRIBUTE = re.compile(r"""\s(alt|title)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')""", re.I)


@dataclass(frozen=True, slots=True)
class HtmlText:
    """Characters ``[start, end)`` of an HTML block's text that a translation replaces."""

    start: int
    end: int
    attribute: bool
    """An ``alt`` or ``title`` value (between quotes) rather than an element's content."""


def html_texts(html: str) -> list[HtmlText]:
    """The translatable pieces of one raw HTML block, in order.

    >>> html = '<p>Hello <b>world</b></p><img alt="A map" src="m.png">'
    >>> [html[t.start:t.end] for t in html_texts(html)]
    ['Hello <b>world</b>', 'A map']
    """
    scanner = _Scanner(html)
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError):  # markup the parser gives up on: no unit rather than a wrong one
        return []
    found = [t for t in scanner.found if html[t.start:t.end].strip()]
    inside = [t for t in found if not t.attribute]
    # An attribute inside an element's content goes with it (as markup, kept whole).
    found = [t for t in found if not (t.attribute and any(c.start <= t.start < c.end for c in inside))]
    return sorted(found, key=lambda t: t.start)


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0]
        for match in re.finditer("\n", html):
            self.starts.append(match.end())
        self.html = html
        self.open: list[list] = []
        """Open text elements: [tag, content start, holds another text element]."""
        self.verbatim = 0
        self.found: list[HtmlText] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs) -> None:
        start = self._offset()
        text = self.get_starttag_text() or ""
        if tag in VERBATIM:
            self.verbatim += 1
            return
        if self.verbatim:
            return
        for match in _ATTRIBUTE.finditer(text):
            group = 2 if match.group(2) is not None else 3
            self.found.append(HtmlText(start + match.start(group), start + match.end(group), True))
        if tag not in TEXT_ELEMENTS:
            return
        if self.open and self.open[-1][0] == tag and tag in ("p", "li", "td", "th", "dt", "dd"):
            self._close(start)  # an implied end tag: <li>one <li>two
        for element in self.open:
            element[2] = True
        self.open.append([tag, start + len(text), False])

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in VERBATIM:
            return  # <code/> opens nothing
        self.handle_starttag(tag, attrs)
        if tag in TEXT_ELEMENTS and self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VERBATIM:
            self.verbatim = max(0, self.verbatim - 1)
            return
        if self.verbatim or tag not in TEXT_ELEMENTS:
            return
        if any(element[0] == tag for element in self.open):
            while self.open and self.open[-1][0] != tag:
                self.open.pop()  # an element left open inside this one: its text is not cut out
            self._close(self._offset())

    def _close(self, end: int) -> None:
        _tag, start, nested = self.open.pop()
        if nested:
            return
        while start < end and self.html[start].isspace():
            start += 1
        while end > start and self.html[end - 1].isspace():
            end -= 1
        if "\n\n" not in self.html[start:end]:
            self.found.append(HtmlText(start, end, False))
