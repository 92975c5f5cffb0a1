"""XML parsed without trusting it: defusedxml, with the line of every element kept.

A TBX file comes from outside the project (a CAT tool, a terminologist's
export), so entity declarations and external references are refused rather
than expanded; errors name the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...errors import GlossaryError


def parse_xml(data: bytes, path: Path) -> tuple[Any, dict]:
    """The document's root element and the line of every element, for error messages."""
    from xml.etree.ElementTree import ParseError, TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    lines: dict[Any, int] = {}

    class _Builder(TreeBuilder):
        def start(self, tag, attrs):  # noqa: ANN001 - ElementTree's signature
            element = super().start(tag, attrs)
            lines[element] = parser.parser.CurrentLineNumber
            return element

    parser = DefusedXMLParser(target=_Builder())
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        message = str(exc).split(":")[0]
        raise GlossaryError(
            f"TBX file is not well-formed XML: {message}", path=path, line=line
        ) from exc
    except DefusedXmlException as exc:
        raise GlossaryError(
            "TBX file declares entities or external references, which are refused",
            path=path, line=parser.parser.CurrentLineNumber,
            hint="remove the <!ENTITY> declarations; TBX needs none",
        ) from exc
    return root, lines
