"""Front-matter fields named in ``front_matter:``: nested keys and lists of strings.

A name is a dotted path through the YAML mappings (``seo.description``); a
value that is a list of strings gives one field per item (``keywords.0``,
``keywords.1``). :func:`prose_fields` reads them, with their file lines, and
:func:`set_field` writes a translation back through the same path, so that the
rest of the document keeps its shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FrontField:
    """One string of the front matter: its path, its text and its 1-based file line."""

    path: str
    text: str
    line: int


def prose_fields(data: Any, names: tuple[str, ...]) -> list[FrontField]:
    """The string values that ``names`` lead to in ``data`` (a mapping), in the order of ``names``.

    >>> [f.path for f in prose_fields({"seo": {"description": "A"}, "tags": ["x", 1, "y"]}, ("seo.description", "tags"))]
    ['seo.description', 'tags.0', 'tags.2']
    """
    found: list[FrontField] = []
    for name in names:
        parent, key = _walk(data, name.split("."))
        if parent is None:
            continue
        value = parent.get(key)
        if isinstance(value, str):
            found.append(FrontField(name, value, _line(parent, key)))
        elif isinstance(value, list):
            found += [FrontField(f"{name}.{index}", item, _item_line(value, index, parent, key))
                      for index, item in enumerate(value) if isinstance(item, str)]
    return found


def set_field(data: Any, path: str, value: str) -> None:
    """Write ``value`` at ``path`` (as :func:`prose_fields` names it); a path that leads nowhere is ignored.

    >>> doc = {"seo": {"description": "A"}, "tags": ["x", "y"]}
    >>> set_field(doc, "seo.description", "B"); set_field(doc, "tags.1", "z"); doc
    {'seo': {'description': 'B'}, 'tags': ['x', 'z']}
    """
    parts = path.split(".")
    parent, key = _walk(data, parts)
    if parent is not None and isinstance(parent.get(key), str):
        parent[key] = value
        return
    parent, key = _walk(data, parts[:-1])
    items = parent.get(key) if parent is not None else None
    if isinstance(items, list) and parts[-1].isdigit() and int(parts[-1]) < len(items):
        items[int(parts[-1])] = value


def _walk(data: Any, parts: list[str]) -> tuple[Any, str]:
    """The mapping that holds the last of ``parts``, and that key; ``(None, "")`` when a step is missing."""
    node = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    return (node, parts[-1]) if isinstance(node, dict) and parts else (None, "")


def _line(parent: Any, key: str) -> int:
    try:
        return parent.lc.key(key)[0] + 2
    except (AttributeError, KeyError, TypeError):
        return 2


def _item_line(items: Any, index: int, parent: Any, key: str) -> int:
    try:
        return items.lc.item(index)[0] + 2
    except (AttributeError, KeyError, TypeError, IndexError):
        return _line(parent, key)
