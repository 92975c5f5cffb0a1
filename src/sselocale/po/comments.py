"""The extracted comments (``#.``) the tool writes, and the record of machine text.

An entry's extracted comments are, in order: what the unit is (``paragraph``),
where its msgstr came from (lines starting ``machine translation``, which
travel with the msgstr when catalogs merge) and glossary hints (recomputed at
every merge).

**The machine-text record.** A machine suggestion ends its provenance with
``machine translation: checksum 1a2b3c4d``: the first 8 hex digits of the
SHA-256 of the exact msgstr the engine wrote. ``translate --refresh`` may redo
an entry only if it is :func:`machine_text`: fuzzy, and its msgstr still has
that checksum. So:

- a translator who edits a suggestion, even by one space, and leaves it fuzzy
  keeps their text (the checksum no longer matches);
- a translator who *reviews* a suggestion unchanged (removes ``fuzzy``) keeps
  it too: it is not fuzzy. If its source then changes, ``update`` carries the
  reviewed text over as fuzzy; a merge keeps the checksum line only for an
  entry that is machine text in the old catalog (:func:`carried_provenance`),
  so reviewed text never comes back refreshable;
- comments written before the checksum existed (no checksum line) count as
  possibly human: never refreshed.

What this cannot see: a translator who removes ``fuzzy`` and puts it back
without editing, with no ``update`` in between. The text refreshed then is
byte for byte what the engine wrote, so nothing a human wrote is lost.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..source.units import UnitKind
from .state import is_fuzzy

#: Extracted-comment prefixes that travel with a msgstr (they describe where it came from):
#: machine translation, and the translation memory (:mod:`sselocale.memory`).
PROVENANCE_PREFIXES = ("machine translation", "translation memory")
#: Extracted-comment prefixes recomputed at every update (glossary hints).
DERIVED_PREFIXES = ("glossary:",)
#: The comment line that records the checksum of a machine suggestion's exact text.
CHECKSUM_HEAD = "machine translation: checksum "

_COMMENT_HEADS = (*(kind.value for kind in UnitKind), *PROVENANCE_PREFIXES, *DERIVED_PREFIXES)


def comment_lines(comment: str) -> list[str]:
    """The logical lines of an extracted comment, as the tool wrote them.

    Like xgettext, polib wraps a comment line longer than the page into several
    ``#.`` lines; a line that starts with none of the heads the tool writes
    (unit kinds, provenance, glossary hints) continues the line before it.
    """
    heads = _COMMENT_HEADS
    lines: list[str] = []
    for line in comment.split("\n") if comment else ():
        if lines and not line.startswith(heads):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def provenance(entry: Any) -> list[str]:
    """Extracted-comment lines that say where an entry's msgstr came from."""
    return [line for line in comment_lines(entry.comment) if line.startswith(PROVENANCE_PREFIXES)]


def checksum(text: str) -> str:
    """The short checksum a machine suggestion records of its text.

    >>> checksum("Travail décent.")
    'ee967856'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def checksum_line(msgstr: str) -> str:
    """The comment line that records ``msgstr`` as the machine wrote it."""
    return CHECKSUM_HEAD + checksum(msgstr)


def machine_checksum(entry: Any) -> str | None:
    """The checksum an entry's comments record, or None (human text, or written before checksums)."""
    found = None
    for line in comment_lines(entry.comment):
        if line.startswith(CHECKSUM_HEAD):
            found = line[len(CHECKSUM_HEAD):].strip()
    return found


def machine_text(entry: Any) -> bool:
    """Whether an entry holds a machine suggestion no human has touched: the one thing ``--refresh`` redoes.

    Fuzzy, singular, and its msgstr is exactly what the engine wrote (the recorded checksum matches).
    """
    if not is_fuzzy(entry) or entry.obsolete or entry.msgid_plural or not entry.msgstr:
        return False
    return machine_checksum(entry) == checksum(entry.msgstr)


def carried_provenance(entry: Any) -> list[str]:
    """The provenance lines a merge carries over with ``entry``'s msgstr.

    The checksum line goes along only while the entry is :func:`machine_text`:
    once a translator has edited or reviewed the text it is theirs, and stays
    theirs when a source change makes it fuzzy again.
    """
    lines = provenance(entry)
    if machine_text(entry):
        return lines
    return [line for line in lines if not line.startswith(CHECKSUM_HEAD)]
