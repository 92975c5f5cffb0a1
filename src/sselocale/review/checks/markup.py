"""Checks that the translation keeps the source's structure: code, placeholders, markup, links.

Each compares what :mod:`.analysis` took apart, so that a changed link is not
also reported as changed markup.
"""

from __future__ import annotations

import re

from ...source.variables import VARIABLE
from .analysis import Pair, Text, difference, listing
from .base import Severity, check

_PLACEHOLDER = re.compile(rf"\{{\{{.*?\}}\}}|{VARIABLE.pattern}|[\ue000-\uf8ff]")


_TOKEN = re.compile("[\ue000-\uf8ff]")


def _placeholders(text: Text) -> list[str]:
    found = list(text.code)
    if "{" in text.prose or "%" in text.prose or _TOKEN.search(text.prose):
        found += [m.group(0) for m in _PLACEHOLDER.finditer(text.prose)]
    return found


def _shown(token: str) -> str:
    if len(token) == 1 and "\ue000" <= token <= "\uf8ff":
        return f"U+{ord(token):04X} (a machine translation token)"
    return token


@check("placeholders", Severity.ERROR, after=("unsafe-html",), structural=True)
def placeholders(pair: Pair) -> str | None:
    """Code spans and placeholders must come through unchanged: they are not prose."""
    missing, added = difference(_placeholders(pair.src), _placeholders(pair.tgt))
    parts = []
    if missing:
        parts.append(f"missing {listing(map(_shown, missing))}")
    if added:
        parts.append(f"not in the source {listing(map(_shown, added))}")
    return "code or placeholder " + "; ".join(parts) if parts else None


_DELIMITER_RUN = re.compile(r"\*+|_+")


def _markup(prose: str) -> dict[str, int]:
    counts = {"links": 0, "images": 0, "bold markers": 0, "emphasis markers": 0, "line breaks": 0}
    if "](" in prose or "][" in prose:
        images = prose.count("![")
        counts["images"] = images
        counts["links"] = prose.count("](") + prose.count("][") - images
    if "*" in prose or "_" in prose:
        for m in _DELIMITER_RUN.finditer(prose):
            run = m.group(0)
            if run[0] == "_":
                before = prose[m.start() - 1 : m.start()]
                after = prose[m.end() : m.end() + 1]
                if before.isalnum() and after.isalnum():
                    continue
            counts["bold markers"] += len(run) // 2
            counts["emphasis markers"] += len(run) % 2
    if "\n" in prose:
        counts["line breaks"] = prose.count("  \n") + prose.count("\\\n")
    return counts


@check("markup", Severity.WARNING, after=("unsafe-html", "unsafe-url", "blank"), structural=True)
def markup(pair: Pair) -> str | None:
    """Inline Markdown (links, images, bold, emphasis, line breaks) differs from the source."""
    source, target = _markup(pair.src.prose), _markup(pair.tgt.prose)
    changes = [f"{name} {source[name]} → {target[name]}" for name in source if source[name] != target[name]]
    return f"markup differs from the source: {listing(changes)}" if changes else None


@check("urls", Severity.WARNING, after=("unsafe-url",), structural=True)
def urls(pair: Pair) -> str | None:
    """A link, URL or e-mail address was added, removed or changed."""
    missing, added = difference(pair.src.links, pair.tgt.links)
    if len(missing) == 1 and len(added) == 1:
        return f"link changed: {missing[0]} → {added[0]}"
    parts = []
    if missing:
        parts.append(f"removed {listing(missing)}")
    if added:
        parts.append(f"added {listing(added)}")
    return "links " + "; ".join(parts) if parts else None

