"""How the checks see a translation: a source text and its translation taken apart.

Every check reads the same :class:`Pair`; the analysis of each text is done
once, when the first check asks for it. :func:`signature` lets the registry skip
the structural checks on the many translations that carry exactly the source's
tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: A Markdown code span; the safety checks look for URLs outside them. A backtick
#: after a backslash (itself not escaped) is a literal one and opens nothing.
CODE_SPAN = re.compile(r"(?<!(?<!\\)\\)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_DEST = re.compile(
    r"\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>@\s]+@[^<>\s]+)>")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]{}\"'«»“”„]+|\bwww\.[^\s<>()\[\]{}\"'«»“”„]+")
#: A domain holds no underscore: ``hello@example.org._`` ends an emphasis.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?:[^\W_]|-)+(?:\.(?:[^\W_]|-)+)+")
_URL_TAIL = ".,;:!?"


@dataclass(frozen=True, slots=True)
class Text:
    """A unit's text taken apart: code spans, link targets, and the prose around them."""

    code: tuple[str, ...]
    links: tuple[str, ...]
    """Link destinations, bare URLs and e-mail addresses."""
    prose: str
    """The text without code spans (each left as ``¤``) and URLs; link destinations left as ``]()``."""


def analyse(text: str) -> Text:
    """Take ``text`` apart (see :class:`Text`)."""
    code: list[str] = []
    links: list[str] = []
    if "`" in text:
        code = [m.group(0) for m in CODE_SPAN.finditer(text)]
        text = CODE_SPAN.sub(" \u00a4 ", text)  # a sign holds the place: "El `x` el" doubles no word
    if "](" in text:
        links += [m.group(1) for m in _LINK_DEST.finditer(text)]
        text = _LINK_DEST.sub("]()", text)
    if "<" in text:
        links += [m.group(1).removeprefix("mailto:") for m in _AUTOLINK.finditer(text)]
        text = _AUTOLINK.sub(" ", text)
    if "://" in text or "www." in text:
        links += [m.group(0).rstrip(_URL_TAIL) for m in _URL.finditer(text)]
        text = _URL.sub(" ", text)
    if "@" in text:
        links += [m.group(0).rstrip(_URL_TAIL) for m in _EMAIL.finditer(text)]
        text = _EMAIL.sub(" ", text)
    return Text(tuple(code), tuple(links), text)


@dataclass(frozen=True, slots=True)
class Language:
    """What the checks need to know about a target language."""

    code: str
    decimal: str
    group: str


@lru_cache(maxsize=32)
def language(code: str) -> Language:
    """Number symbols of ``code`` from Babel's CLDR data."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Language(code, ".", ",")
    return Language(code, get_decimal_symbol(locale), get_group_symbol(locale))


class Pair:
    """A source text and one translation of it, as the checks see them."""

    __slots__ = ("source", "target", "lang", "glossary", "allowed_hosts", "_source", "_target")

    def __init__(self, source: str, target: str, lang: str, glossary: Any = None,
                 allowed_hosts: frozenset[str] = frozenset()) -> None:
        self.source = source
        self.target = target
        self.lang = lang
        self.glossary = glossary
        self.allowed_hosts = allowed_hosts
        """Hosts any translation may link to (``release.allowed_hosts``)."""
        self._source: Text | None = None
        self._target: Text | None = None

    @property
    def src(self) -> Text:
        if self._source is None:
            self._source = analyse(self.source)
        return self._source

    @property
    def tgt(self) -> Text:
        if self._target is None:
            self._target = analyse(self.target)
        return self._target


def listing(items: Iterable[str]) -> str:
    """``a, b, c``: items as a finding's message lists them."""
    return ", ".join(items)


def difference(source: Sequence[str], target: Sequence[str]) -> tuple[list[str], list[str]]:
    """What the source has that the target lacks, and the reverse (as multisets)."""
    if len(source) == len(target) and sorted(source) == sorted(target):
        return [], []
    a, b = Counter(source), Counter(target)
    return list((a - b).elements()), list((b - a).elements())


# Everything a structural check compares: code, links, tags, entities, script
# schemes, placeholders, numbers as written, emphasis runs, link brackets and
# hard breaks. Most translations carry exactly the source's tokens, and for them
# the structural checks can be skipped; the others run every check in full.
# Every alternative starts with one of a few characters, so that the regex engine
# skips plain prose quickly; URLs and e-mail addresses, which start with any
# letter, are collected separately and only when the text can hold one.
_TOKENS = re.compile(
    r"`+[^`]*`+|\]\([^)]*\)?|\]\[|!\[|<[^<>]*>?|&#?\w+;|\{[^{}]*\}?|%\(\w+\)\w|%\w|[\ue000-\uf8ff]"
    r"|\d+(?:[.,\s\u00a0\u202f\u2009'’]\d+)*|\*+|_+|(?<=  )\n|\\\n"
)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w.-]+")
_SCHEME = re.compile(r"(?i)(?:java|vb)\s*script\s*:|data\s*:")
_BRACKETS = re.compile(r"[()\[\]{}«»“”„‹›\"]")


_NUMBER_SEPARATOR = re.compile(r"[^\d]")


def _number_shape(token: str) -> str:
    """``1,000.5`` and ``1 000,5`` alike: the digits, and where separators stand between them."""
    if token.isdigit():
        return token
    digits = _NUMBER_SEPARATOR.sub("", token)
    cuts, count = [], 0
    for part in _NUMBER_SEPARATOR.split(token)[:-1]:
        count += len(part)
        cuts.append(str(count))
    return f"{digits}@{','.join(cuts)}"


def signature(text: str) -> tuple[list[str], list[str]]:
    """The tokens structural checks compare (sorted), and the brackets and quotes in order.

    Numbers keep their digits and the places of their separators, not the
    separators themselves, so ``12.5`` and ``12,5`` have the same signature.
    """
    tokens = [_number_shape(t) if t[0].isdigit() else t for t in _TOKENS.findall(text)]
    if "://" in text or "www." in text or "@" in text:
        tokens += _ADDRESS.findall(text)
    if ":" in text:
        tokens += [re.sub(r"\s+", "", t).lower() for t in _SCHEME.findall(text)]
    return sorted(tokens), _BRACKETS.findall(text)
