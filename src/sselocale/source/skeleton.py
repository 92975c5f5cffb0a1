"""An article's skeleton: its blocks and tags, without their text.

A translation may change every word of an article but not its shape: headings
and their levels, list nesting and kind, table rows and columns, block quotes,
code blocks, thematic breaks, and the links and images in each block. The
skeleton is read from markdown-it-py's token stream (the site's own dialect,
:func:`.safety.site_renderer`), so what it compares is what the site renders.

:func:`structure_breakers` names the units whose translation changes it; it
rebuilds with one translation at a time only when the whole rebuilt article's
skeleton already differs from the source's, so a sound catalog costs one parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it.rules_core import StateCore, block, normalize

from .articles import Article
from .rebuild import replace_units
from .safety import host_allowed, site_renderer
from .units import Field, Unit

#: One block token: (type, tag, nesting, level), or for an inline token the
#: link and image targets it holds (see :func:`_target`), sorted.
Node = tuple


def _target(url: str) -> str:
    """What a link or image is compared by: its scheme and host, or ``site`` for a relative URL.

    A translation may point at the localised page of a host the source links
    to (``/fr/…``), which the ``urls`` check reports for review; a link that
    vanishes, appears or goes to another host changes the skeleton.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if not parts.scheme and not parts.netloc:
        return "site"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


#: A footnote definition's label at a line's start: a footnote on every site that has them,
#: never a link reference definition (``[^1]: Ibid.`` would be one for plain CommonMark).
_FOOTNOTE_DEFINITION = re.compile(r"^((?:[ \t]*>)*[ \t]*)\[\^(?=[^\]\s]+\]:)", re.M)


def skeleton(markdown: str) -> tuple[Node, ...]:
    """The skeleton of a Markdown text (an article's body, without front matter)."""
    markdown = _FOOTNOTE_DEFINITION.sub(r"\1\\[^", markdown)
    md = site_renderer()
    env: dict = {}
    state = StateCore(markdown, md, env)
    normalize(state)
    block(state)  # blocks only: inline content is parsed where it can hold a link or an image
    nodes: list[Node] = []
    for token in state.tokens:
        if token.type != "inline":
            nodes.append((token.type, token.tag, token.nesting, token.level))
            continue
        targets: list[str] = []
        if "[" in token.content or "<" in token.content:
            children: list = []
            md.inline.parse(token.content, md, env, children)
            targets = sorted(
                _target(str(child.attrGet("href") if child.type == "link_open" else child.attrGet("src")))
                for child in _walk(children) if child.type in ("link_open", "image"))
        nodes.append(("inline", token.level, *targets))
    return tuple(nodes)


def _walk(tokens: list) -> list:
    """Inline tokens and, for images, their alt text's tokens (an image may sit in a link's text)."""
    out = []
    for token in tokens:
        out.append(token)
        if token.children:
            out += _walk(token.children)
    return out


def _body(article: Article, text: str) -> str:
    if not article.front_matter_lines:
        return text
    return "\n".join(text.split("\n")[article.front_matter_lines :])


def source_skeleton(article: Article) -> tuple[Node, ...]:
    """The skeleton of the article as written (kept for the few articles last asked about)."""
    return _cached_skeleton(_body(article, article.text))


_cached_skeleton = lru_cache(maxsize=16)(skeleton)


def same_skeleton(source: tuple[Node, ...], rebuilt: tuple[Node, ...],
                  allowed: frozenset[str] = frozenset()) -> bool:
    """Whether ``rebuilt`` has the skeleton ``source`` has.

    A link or image of ``rebuilt`` to one of the ``allowed`` hosts (``release.allowed_hosts``)
    may stand for any link or image of the same block, or be added to it; no
    link of the source may vanish.
    """
    if source == rebuilt:
        return True
    if not allowed or len(source) != len(rebuilt):
        return False
    for src, tgt in zip(source, rebuilt, strict=True):
        if src == tgt:
            continue
        if src[0] != "inline" or tgt[0] != "inline" or src[1] != tgt[1] or len(src) > len(tgt):
            return False
        left = list(src[2:])
        for target in tgt[2:]:
            if target in left:
                left.remove(target)
            elif not host_allowed(urlsplit(target).hostname, allowed):
                return False
    return True


def keeps_structure(article: Article, units: list[Unit], translations: Mapping[str, str],
                    allowed: frozenset[str] = frozenset()) -> bool:
    """Whether the article rebuilt with ``translations`` has its source's skeleton."""
    if not any(translations.get(u.text, u.text) != u.text for u in units):
        return True  # nothing to put back: the article as written
    rebuilt = replace_units(article, units, translations)
    return same_skeleton(source_skeleton(article), skeleton(_body(article, rebuilt)), allowed)


def structure_breakers(
    article: Article, units: list[Unit], translations: Mapping[str, str],
    allowed: frozenset[str] = frozenset(),
) -> tuple[list[Unit], bool]:
    """The units whose translation alone changes the article's skeleton, and whether the rest is sound.

    Returns ``([], True)`` on the fast path (the whole rebuilt article keeps its
    skeleton). Otherwise each translated body unit is tried alone; the second
    value is False when the translations left after removing those units still
    change the skeleton together.
    """
    if keeps_structure(article, units, translations, allowed):
        return [], True
    breakers: list[Unit] = []
    for unit in units:
        target = translations.get(unit.text)
        if not target or target == unit.text or isinstance(unit.location, Field):
            continue
        if not keeps_structure(article, units, {unit.text: target}, allowed):
            breakers.append(unit)
    bad = {u.text for u in breakers}
    rest = {k: v for k, v in translations.items() if k not in bad}
    return breakers, keeps_structure(article, units, rest, allowed)


def structural_translations(
    article: Article, units: list[Unit], translations: Mapping[str, str],
    allowed: frozenset[str] = frozenset(),
) -> tuple[dict[str, str], list[Unit]]:
    """``translations`` less those that change the skeleton, and the units they belong to.

    What ``build`` publishes: the result always rebuilds into the source's
    skeleton. Translations that only break it together are added one at a
    time, in source order, and each that would break it is left out.
    """
    kept = dict(translations)
    breakers, sound = structure_breakers(article, units, kept, allowed)
    for unit in breakers:
        kept.pop(unit.text, None)
    if sound:
        return kept, breakers
    accepted: dict[str, str] = {}
    for unit in units:
        target = kept.get(unit.text)
        if not target or isinstance(unit.location, Field) or unit.text in accepted:
            continue
        if keeps_structure(article, units, {**accepted, unit.text: target}, allowed):
            accepted[unit.text] = target
        else:
            breakers.append(unit)
    accepted.update({u.text: kept[u.text] for u in units if isinstance(u.location, Field) and u.text in kept})
    return accepted, breakers
