"""The review queue: fuzzy entries of a language, where the machine was least sure first.

Machine suggestions carry ``machine translation: confidence 0.62 (reasons)``
in their PO comment (:mod:`sselocale.mt.confidence` writes it); this module
reads it back, with nothing of the machine translation stack imported, and
orders the fuzzy entries so that a reviewer starts with the weakest. Fuzzy
entries without a confidence (a translation made fuzzy by a source change, or
a suggestion written before confidences existed) come first: nothing vouches
for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..po.fastread import read_entries
from ..po.state import State, state

_CONFIDENCE = re.compile(r"^machine translation: confidence (\d+(?:\.\d+)?)(?: \((.*)\))?$", re.MULTILINE)
#: Why an entry without a confidence is fuzzy.
NO_ESTIMATE = "no machine confidence (source changed, or an older suggestion)"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One fuzzy entry waiting for review."""

    path: Path
    line: int
    """The line of the entry's msgstr."""
    lang: str
    slug: str
    msgid: str
    msgstr: str
    confidence: float | None
    reason: str
    """What lowered the confidence, or why there is none."""


def confidence_of(comment: str) -> tuple[float | None, str]:
    """``(confidence, reasons)`` from an entry's extracted comments; ``(None, "")`` when absent.

    >>> confidence_of("paragraph\\nmachine translation: confidence 0.62 (3 unknown words)")
    (0.62, '3 unknown words')
    """
    match = _CONFIDENCE.search(comment)
    if match is None:
        return None, ""
    return float(match.group(1)), match.group(2) or ""


def review_queue(project: Any, lang: str, *, slugs: Sequence[str] = ()) -> list[Suggestion]:
    """The fuzzy entries of ``lang`` in the selected articles, lowest confidence first.

    Ties keep file and line order; entries without a confidence come first.
    """
    found: list[Suggestion] = []
    for _lang, slug, path in project.po_paths((lang,), tuple(slugs)):
        for entry in read_entries(path):
            if entry.obsolete or entry.is_header or state(entry) is not State.FUZZY:
                continue
            value, reasons = confidence_of(entry.comment)
            reason = NO_ESTIMATE if value is None else reasons or "no doubts recorded"
            found.append(Suggestion(path, entry.msgstr_line, lang, slug, entry.msgid, entry.msgstr, value, reason))
    return sorted(found, key=lambda s: -1.0 if s.confidence is None else s.confidence)


def queue_text(queue: Sequence[Suggestion], *, base: Path) -> str:
    """One line per entry: ``0.41  locales/es/a.po:12  3 unknown words  | source…``."""
    if not queue:
        return "no fuzzy entries to review\n"
    lines = []
    for item in queue:
        value = "  -  " if item.confidence is None else f"{item.confidence:.2f}"
        where = f"{_relative(item.path, base)}:{item.line}"
        source = item.msgid.replace("\n", " ")
        source = source if len(source) <= 60 else source[:59] + "…"
        lines.append(f"{value}  {where}  {item.reason}  | {source}")
    return "\n".join(lines) + "\n"


def queue_json(queue: Sequence[Suggestion], *, base: Path) -> str:
    """``{"entries": [{path, line, lang, slug, msgid, msgstr, confidence, reason}, …]}``."""
    entries = [{**asdict(item), "path": _relative(item.path, base)} for item in queue]
    return json.dumps({"entries": entries}, ensure_ascii=False, indent=2) + "\n"


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)
