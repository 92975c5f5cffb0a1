"""Is a translation safe to publish? Judged on the HTML the site renders.

A translation is rendered the way the site renders its article (CommonMark with
raw HTML and tables, by markdown-it-py) next to its source, and the two pages
are compared element by element: a translation may change words, never what
the page does. The release gate's ``unsafe-render`` check and ``build`` call
:func:`judge`, so a site built without the gate in front of it is just as safe.

>>> [p.message for p in judge("See <abbr title='ILO'>ILO</abbr>.",
...                            "Voir <abbr title='OIT' onclick='x()'>OIT</abbr>.")]
["event handler 'onclick' added to <abbr>"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

#: Tags Markdown itself makes for running text: a translation may add these
#: (emphasis where the source had none, a paragraph where the source, alone,
#: started as raw HTML) as long as they carry no attribute.
_FORMATTING = frozenset({"em", "strong", "code", "br", "p"})
#: Links and images are judged by where they point, not by their tag.
_LINKS = {"a": frozenset({"href", "title"}), "img": frozenset({"src", "alt", "title"})}
_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "poster", "srcset", "background",
                        "cite", "data", "xlink:href", "longdesc", "manifest", "ping", "content"})
_BAD_SCHEME = re.compile(r"(?i)(?:java|vb)script:|data:")
# In running text: not after a letter of any script, and followed by code ("JavaScript: a
# language" is prose). Only invisible characters, not white space, are taken out of the text.
_TEXT_SCHEME = re.compile(r"(?i)(?<![^\W\d_])(?:(?:java|vb)script:(?=\S)|data:[a-z]+/[a-z0-9.+-]+[;,])")
#: Characters that show nothing (controls, zero-width, soft hyphen), white space apart.
_HIDDEN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060-\u206f\ufeff]+")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]+")
# Plain prose renders as a paragraph with at most emphasis and code; only these
# characters, or a line starting like a block, can make anything else.
_ACTIVE = re.compile(r"[<>\[\]&\\|]|^(?:[ \t]|[-+*#=_`~>]|\d+[.)])", re.MULTILINE)
_SCRIPTISH = re.compile(r"(?i)script:|data:")
# A link reference or footnote definition on a line of its own: it would re-point
# (or add) links elsewhere in the article, which a unit never owns.
_DEFINITION = re.compile(r"(?m)^[ \t>]*\[(?:\^[^\]\n]+|[^\]\n]*[^\]\s\\][^\]\n]*)\]:")


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a translation changes the rendered page."""

    message: str
    error: bool
    """An error is never published; a warning (a localised path) is for review."""
    url: bool = False
    """About where a link points (``unsafe-url``) rather than what the markup is (``unsafe-html``)."""


@dataclass(frozen=True, slots=True)
class _Page:
    elements: tuple[tuple[str, frozenset[tuple[str, str]]], ...]
    """``(tag, {(attribute, value)})`` of every start tag, comments as ``!--``."""
    text: str
    """The rendered text, entities decoded."""


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, frozenset[tuple[str, str]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, frozenset((k.lower(), v or "") for k, v in attrs)))

    def handle_comment(self, data):
        self.elements.append(("!--", frozenset()))

    def handle_decl(self, decl):
        self.elements.append(("!doctype", frozenset()))

    def unknown_decl(self, data):
        self.elements.append(("![cdata[", frozenset()))

    def handle_pi(self, data):
        self.elements.append(("?", frozenset()))

    def handle_data(self, data):
        self.text.append(data)


@lru_cache(maxsize=1)
def site_renderer():
    """The renderer of the published site: CommonMark, raw HTML allowed, GFM tables."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


@lru_cache(maxsize=8192)
def _rendered(text: str) -> _Page:
    walker = _Walker()
    walker.feed(site_renderer().render(text))
    walker.close()
    return _Page(tuple(walker.elements), "".join(walker.text))


def _page(text: str) -> _Page:
    """``text`` rendered on its own and after other text on its line, taken together.

    A unit's text may open its block (a paragraph) or sit inside one (a table
    cell, a heading, a title, a line the rebuild escaped): ``<!--<img …>`` is an
    HTML comment block alone, but a raw image after text.
    """
    alone, inline = _rendered(text), _rendered("x" + text)
    return _Page(tuple(dict.fromkeys(alone.elements + inline.elements)), alone.text + "\n" + inline.text)


def _clean(url: str) -> str:
    return _INVISIBLE.sub("", url).lower()


def _host(url: str) -> str | None:
    """The host a URL points to; ``""`` for a link on the site itself; None if unparsable."""
    url = _clean(url)
    if url.startswith("mailto:"):
        return "mailto:" + url.rpartition("@")[2]
    try:
        parts = urlsplit(url)
        return (parts.hostname or "") if parts.scheme in ("", "http", "https") or parts.netloc else None
    except ValueError:
        return None


def _urls(page: _Page, tags: frozenset[str] | None = None) -> list[str]:
    """URLs in ``page``'s attributes (of elements named in ``tags`` only, when given)."""
    return [v for tag, attrs in page.elements if tags is None or tag in tags
            for k, v in attrs if k in _URL_ATTRS and v]


def host_allowed(host: str | None, allowed: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``allowed`` (``*.coop`` allows every host under ``coop``)."""
    if not host or not allowed:
        return False
    return host in allowed or any(a.startswith("*.") and host.endswith(a[1:]) for a in allowed)


@lru_cache(maxsize=4096)
def judge(source: str, translation: str, allowed: frozenset[str] = frozenset()) -> tuple[Problem, ...]:
    """What ``translation`` changes in the page compared with ``source``; () when nothing.

    ``allowed`` lists hosts any translation may link to (``release.allowed_hosts``).
    """
    if translation == source or not (
        _ACTIVE.search(translation) or _SCRIPTISH.search(_INVISIBLE.sub("", translation))
    ):
        return ()
    problems: list[Problem] = []
    for match in _DEFINITION.finditer(translation):
        if match.group(0) not in source:
            problems.append(Problem(f"a translation cannot define a link or footnote: {match.group(0).strip()}", True))
    if re.search(r"(?<!\\)(?:\\\\)*\\$", translation.rstrip("\n")) and not source.endswith("\\"):
        problems.append(Problem("a trailing backslash would escape the Markdown after the text", True))
    src, tgt = _page(source), _page(translation)
    problems += _elements(src, tgt)
    problems += _links(src, tgt, allowed)
    problems += _schemes(src, tgt)
    return tuple(dict.fromkeys(problems))


def errors(source: str, translation: str, allowed: frozenset[str] = frozenset()) -> list[Problem]:
    """The problems of :func:`judge` that forbid publishing ``translation``."""
    return [p for p in judge(source, translation, allowed) if p.error]


def _elements(src: _Page, tgt: _Page) -> list[Problem]:
    names: dict[str, set[str]] = {}
    for tag, attrs in src.elements:
        names.setdefault(tag, set()).update(k for k, _v in attrs)
    problems = []
    for tag, attrs in tgt.elements:
        keys = {k for k, _v in attrs}
        allowed = names.get(tag)
        if allowed is None:
            if tag in _FORMATTING and not keys:
                continue
            if tag in _LINKS and keys <= _LINKS[tag]:
                continue  # judged by _links
            shown = "<!-- -->" if tag == "!--" else f"<{tag}>"
            problems.append(Problem(f"HTML element not in the source: {shown}", True))
            continue
        for key in sorted(keys - allowed):
            what = "event handler" if key.startswith("on") else "attribute"
            problems.append(Problem(f"{what} {key!r} added to <{tag}>", True))
    return problems


def _links(src: _Page, tgt: _Page, allowed: frozenset[str]) -> list[Problem]:
    src_urls = {_clean(u) for u in _urls(src)}
    src_hosts = {_host(u) for u in src_urls} | {""}  # a path on the site itself
    # An element the source lacks is an error already, wherever it points.
    judged = frozenset(_LINKS) | {tag for tag, _attrs in src.elements}
    problems = []
    for url in _urls(tgt, judged):
        if _clean(url) in src_urls or _BAD_SCHEME.match(_clean(url)):
            continue  # the scheme is judged by _schemes
        host = _host(url)
        if host_allowed(host, allowed):
            continue
        if host is None or host not in src_hosts:
            where = host or url
            problems.append(Problem(f"link or image to a host the source does not have: {where}", True, True))
        else:
            problems.append(Problem(f"link changed on the source's host: {url}", False, True))
    return problems


def _scripts(page: _Page) -> list[str]:
    found = [_clean(u) for u in _urls(page)]
    found = [m.group(0) for u in found if (m := _BAD_SCHEME.match(u))]
    text = _HIDDEN.sub("", page.text)
    return found + [m.group(0).lower().split("/")[0].rstrip(";,") for m in _TEXT_SCHEME.finditer(text)]


def _schemes(src: _Page, tgt: _Page) -> list[Problem]:
    added = set(_scripts(tgt)) - set(_scripts(src))
    return [Problem(f"script or data URL not in the source: {s}", True, True) for s in sorted(added)]
