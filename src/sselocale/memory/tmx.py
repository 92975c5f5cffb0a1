"""TMX 1.4b, the exchange format of translation memories (OmegaT, Weblate, Translate Toolkit).

Reading is safe and strict: the file is parsed by defusedxml (no entity
expansion, no external resources), and anything that is not a TMX document
(another root element, a ``<tu>`` with a variant lacking its language or its
``<seg>``, a malformed tag) refuses the whole file, naming it and the line.
Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``) hold the native markup
and are read as text, so a segment reads as the Markdown it came from.

Writing makes one ``<tu>`` per source text and language, with the reference of
the unit it was reviewed in as a ``<prop type="x-origin">``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import quoteattr

import defusedxml.sax
from defusedxml import DefusedXmlException

from .. import __version__
from ..errors import SselocaleError
from ..langcodes import canonical
from .model import Pair

#: The languages of a ``<tuv>``: TMX 1.4 writes ``xml:lang``, TMX 1.1 wrote ``lang``.
_LANG_ATTRS = ("xml:lang", "lang")
#: What XML 1.0 cannot carry.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HINT = "export it again from the tool that made it, or fix the line named"


class MemoryFileError(SselocaleError):
    """A translation memory file cannot be read or written."""


@dataclass(slots=True)
class Unit:
    """One ``<tu>``: its text in each language (codes as gettext writes them) and its line."""

    variants: dict[str, str] = field(default_factory=dict)
    line: int = 0
    origin: str = ""
    """The ``x-origin`` property, when the file was written by sselocale."""


@dataclass(frozen=True, slots=True)
class Document:
    """A TMX file as read."""

    source_language: str
    units: list[Unit]


def language_code(code: str) -> str:
    """A TMX (BCP 47) language code as gettext writes it: ``pt-BR`` → ``pt_BR``."""
    return canonical(code.strip())


def read(path: Path) -> Document:
    """Read a TMX file; any problem refuses the whole file with its line."""
    path = Path(path)
    handler = _Handler(path)
    try:
        with open(path, "rb") as stream:
            # Entity declarations are refused; a DOCTYPE naming the TMX DTD (as Translate
            # Toolkit writes) is allowed, and never fetched (Python's SAX reader loads no
            # external entities).
            defusedxml.sax.parse(stream, handler, forbid_external=False)
    except SAXParseException as exc:
        raise MemoryFileError(
            f"not a well-formed TMX file: {exc.getMessage()}", path=path, line=exc.getLineNumber(), hint=_HINT
        ) from exc
    except DefusedXmlException as exc:
        raise MemoryFileError(
            f"refused: the file declares {type(exc).__name__.replace('Forbidden', '').lower() or 'entities'}"
            " (entities and external references are never read)",
            path=path, line=handler.line(), hint=_HINT,
        ) from exc
    except OSError as exc:
        raise MemoryFileError(f"cannot read the file: {exc.strerror}", path=path) from exc
    if handler.source is None:
        raise MemoryFileError("not a TMX file: no <header> with a srclang", path=path, line=1, hint=_HINT)
    return Document(handler.source, handler.units)


class _Handler(ContentHandler):
    """Collects ``<tu>`` elements and checks the document's shape as it goes."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.locator = None
        self.stack: list[str] = []
        self.source: str | None = None
        self.units: list[Unit] = []
        self.unit: Unit | None = None
        self.lang: str | None = None
        self.seg: list[str] | None = None
        self.segs = 0
        self.prop: list[str] | None = None

    def setDocumentLocator(self, locator) -> None:
        self.locator = locator

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator is not None else None

    def fail(self, message: str) -> None:
        raise MemoryFileError(message, path=self.path, line=self.line(), hint=_HINT)

    def startElement(self, name: str, attrs) -> None:
        parent = self.stack[-1] if self.stack else None
        self.stack.append(name)
        if parent is None:
            if name != "tmx":
                self.fail(f"not a TMX file: the root element is <{name[:30]}>, not <tmx>")
        elif name == "header" and parent == "tmx":
            srclang = attrs.get("srclang", "").strip()
            if not srclang:
                self.fail("the <header> has no srclang")
            self.source = srclang if srclang == "*all*" else language_code(srclang)
        elif name == "tu" and parent == "body":
            self.unit = Unit(line=self.line() or 0)
        elif name == "tuv" and parent == "tu":
            lang = next((attrs.get(a) for a in _LANG_ATTRS if attrs.get(a)), None)
            if not lang:
                self.fail("a <tuv> without xml:lang")
            self.lang, self.segs = language_code(lang), 0
        elif name == "seg" and parent == "tuv":
            self.seg, self.segs = [], self.segs + 1
        elif name == "prop" and parent == "tu" and attrs.get("type") == "x-origin":
            self.prop = []
        elif name in ("tu", "tuv", "seg"):
            self.fail(f"<{name}> inside <{parent}>")

    def characters(self, content: str) -> None:
        if self.seg is not None:
            self.seg.append(content)
        elif self.prop is not None:
            self.prop.append(content)

    def endElement(self, name: str) -> None:
        self.stack.pop()
        if name == "seg" and self.seg is not None and self.stack and self.stack[-1] == "tuv":
            if self.unit is not None and self.lang is not None:
                self.unit.variants[self.lang] = "".join(self.seg)
            self.seg = None
        elif name == "tuv" and self.stack and self.stack[-1] == "tu":
            if self.segs != 1:
                self.fail(f"a <tuv> ({self.lang}) must hold exactly one <seg>, not {self.segs}")
            self.lang = None
        elif name == "prop" and self.prop is not None:
            if self.unit is not None:
                self.unit.origin = "".join(self.prop).strip()
            self.prop = None
        elif name == "tu" and self.unit is not None and self.stack and self.stack[-1] == "body":
            self.units.append(self.unit)
            self.unit = None


def render(pairs: Iterable[tuple[str, Pair]], *, source_language: str) -> str:
    """A TMX 1.4b document of ``(language, pair)`` items; characters XML cannot carry are refused."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        (f'  <header creationtool="sselocale" creationtoolversion={quoteattr(__version__)} '
         'datatype="plaintext" segtype="paragraph" adminlang="en" '
         f'srclang={quoteattr(_bcp47(source_language))} o-tmf="PO"/>'),
        "  <body>",
    ]
    for lang, pair in pairs:
        for text in (pair.source, pair.target, pair.origin):
            bad = _NOT_XML.search(text)
            if bad:
                raise MemoryFileError(
                    f"{pair.origin}: the translation memory cannot hold U+{ord(bad.group()):04X} in TMX (XML 1.0)",
                    hint="remove the control character from the catalog entry, then export again",
                )
        out += [
            "    <tu>",
            f'      <prop type="x-origin">{_escape(pair.origin)}</prop>',
            f'      <tuv xml:lang={quoteattr(_bcp47(source_language))}><seg>{_escape(pair.source)}</seg></tuv>',
            f'      <tuv xml:lang={quoteattr(_bcp47(lang))}><seg>{_escape(pair.target)}</seg></tuv>',
            "    </tu>",
        ]
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out)


def _bcp47(code: str) -> str:
    """A gettext language code as TMX writes it: ``pt_BR`` → ``pt-BR``, ``sr@latin`` → ``sr-Latn``."""
    code = code.replace("@latin", "-Latn").replace("@cyrillic", "-Cyrl")
    return code.replace("_", "-")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
