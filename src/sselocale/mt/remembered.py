"""The translation memory's part in the translate stage (:mod:`sselocale.memory` does the matching).

Whole matches fill their entries before any engine runs; a paragraph the
memory has only some sentences of sends the engine those it lacks, and its
fill joins both, with comment lines that say which sentence came from where.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..memory.reuse import Fill, Partial, Plan
from .engines import Provenance
from .placeholders import Restored


def fill_whole(texts: Sequence[Any], reuse: Plan, *, pending: Callable[[Any], bool]) -> int:
    """Fill the entries of ``texts`` the memory has whole translations for; how many were filled.

    ``texts`` are the stage's distinct source texts, each with ``(catalog, key)``
    entries; an entry that is no longer ``pending`` (a translator's save) is left alone.
    """
    filled = 0
    for text in texts:
        item = reuse.whole.get(text.msgid)
        if item is None:
            continue
        for catalog, key in text.entries:
            catalog.waiting -= 1
            entry = catalog.index.get(key)
            if entry is not None and pending(entry):
                item.apply(entry)
                catalog.fills[key] = item
                catalog.unsaved += 1
                filled += 1
    return filled


def combined(
    partial: Partial | None,
    pieces: list[Restored],
    describe: Callable[[Provenance, Restored], list[str]],
    provenance: Provenance,
) -> Restored | Fill:
    """The engine's output for one text, joined with the memory's sentences when it had some.

    ``describe`` writes the machine provenance lines (:func:`sselocale.mt.translate.comment_lines`).
    """
    if partial is None:
        return pieces[0]
    joined = Restored(
        partial.join(p.text for p in pieces),
        lost=tuple(ph for p in pieces for ph in p.lost),
        inserted=tuple(ph for p in pieces for ph in p.inserted),
    )
    return partial.fill((p.text for p in pieces), describe(provenance, joined))
