"""Checks that protect the published site: raw HTML and script or data URLs.

A translation must not add what the source does not have; no PO flag
silences these checks. Each looks at the text as written, then at the page as
the site renders it (:func:`sselocale.source.safety.judge`, the judge ``build``
uses too): an attribute added to the source's own element, a link reference
definition, a link to another host, an entity-encoded ``javascript:``.
"""

from __future__ import annotations

import html
import re

from ...source.safety import judge
from .analysis import CODE_SPAN, Pair, difference, listing
from .base import Severity, check

_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|<!--|<!\[CDATA\[|<![A-Za-z]+|<\?")


def _tags(prose: str) -> list[str]:
    if "<" not in prose:
        return []
    return [f"<{m.group(1).lower()}>" if m.group(1) else m.group(0) for m in _TAG.finditer(prose)]


def _rendered(pair: Pair, *, url: bool) -> str | None:
    found = [p.message for p in judge(pair.source, pair.target, pair.allowed_hosts)
             if p.error and p.url == url]
    return "; ".join(found) if found else None


@check("unsafe-html", Severity.ERROR, silenceable=False)
def unsafe_html(pair: Pair) -> str | None:
    """Raw HTML, an attribute or a link definition the source does not have: it would reach the page."""
    added = difference(_tags(pair.src.prose), _tags(pair.tgt.prose))[1]
    if added:
        shown = [t for t in added if not t.startswith("</")] or added
        return f"raw HTML not in the source: {listing(dict.fromkeys(shown))}"
    return _rendered(pair, url=False)


_SCRIPT_URL = re.compile(
    r"(?i)\b((?:java|vb)\s*script)\s*:(?=\S)|\b(data):[a-z]+/[a-z0-9.+-]+[;,]"
    r"|(?:\]\(|\bhref\s*=|\bsrc\s*=)\s*[\"'<]?\s*(data)\s*:"
)


def _script_urls(text: str) -> list[str]:
    """Schemes of script and data URLs in ``text`` (outside code spans), entities decoded."""
    if ":" not in text:
        return []
    text = html.unescape(CODE_SPAN.sub(" ", text))
    return [re.sub(r"\s+", "", next(g for g in m.groups() if g)).lower() + ":"
            for m in _SCRIPT_URL.finditer(text)]


@check("unsafe-url", Severity.ERROR, silenceable=False)
def unsafe_url(pair: Pair) -> str | None:
    """A `javascript:` or `data:` URL, or a link to a host, that the source does not have."""
    added = difference(_script_urls(pair.source), _script_urls(pair.target))[1]
    if added:
        return f"script or data URL not in the source: {listing(dict.fromkeys(added))}"
    return _rendered(pair, url=True)


