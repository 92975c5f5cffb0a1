"""Placeables: the parts of a unit a translation carries over unchanged.

Numbers, dates, URLs, e-mail addresses, code spans and link targets are
written the same in every language (or nearly: ``1,000`` may become
``1 000``). Two sources that differ only in them are the same sentence, and
the memory's translation can be reused with the new values put in place of the
old, as CAT tools do. :func:`skeleton` replaces each placeable with a marker;
two texts with the same skeleton differ only in placeables, and
:func:`substitute` moves the new values into the old translation.

    >>> skeleton("The 46th meeting, 13 December 2023.").replace(MARK, "#")
    'The #th meeting, # December #.'
    >>> substitute("La 45e réunion a eu lieu en 2022.", "The 45th meeting in 2022.", "The 46th meeting in 2023.")
    Substituted(text='La 46e réunion a eu lieu en 2023.', changes=(('45', '46'), ('2022', '2023')))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Stands for one placeable in a skeleton (a private-use character no article contains).
MARK = "\ue000"

_COMMON = (
    r"`[^`\n]+`"                                   # a code span
    r"|\]\([^()\s]*\)"                             # a link target: ](url)
    r"|(?:https?://|www\.)[^\s<>()\]]+[^\s<>()\].,;:!?]"  # a bare URL (not its final punctuation)
    r"|\d{4}-\d{2}-\d{2}"                          # an ISO date
    r"|\d+(?:[.,]\d+)*"                            # a number (and the parts of a written date)
)
_WITHOUT_EMAIL = re.compile(_COMMON, re.I)
#: Trying an e-mail address at every word is slow; only texts with an ``@`` need it.
_WITH_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|" + _COMMON, re.I)


def _pattern(text: str) -> re.Pattern[str]:
    return _WITH_EMAIL if "@" in text else _WITHOUT_EMAIL


@dataclass(frozen=True, slots=True)
class Substituted:
    """A translation with the placeables of a new source put in."""

    text: str
    changes: tuple[tuple[str, str], ...]
    """``(old, new)`` for each placeable that changed, in order."""


def placeables(text: str) -> list[str]:
    """The placeables of ``text``, in order."""
    return [m.group(0) for m in _pattern(text).finditer(text)]


def skeleton(text: str) -> str:
    """``text`` with every placeable replaced by :data:`MARK`."""
    return _pattern(text).sub(MARK, text)


def substitute(target: str, old_source: str, new_source: str) -> Substituted | None:
    """``target`` (translation of ``old_source``) adapted to ``new_source``, or None.

    The two sources must have the same skeleton, and every placeable that
    changed must appear in ``target`` as often as in ``old_source`` (so it is
    found and replaced, not guessed at). Placeables are replaced one by one
    from left to right in the translation, matching the order of the old source.
    """
    old, new = placeables(old_source), placeables(new_source)
    if len(old) != len(new) or skeleton(old_source) != skeleton(new_source):
        return None
    mapping: dict[str, str] = {}
    for before, after in zip(old, new):
        if before != after and mapping.setdefault(before, after) != after:
            return None  # one old value became two different new ones: which is which is unknown
    if not mapping:
        return Substituted(target, ())
    in_target = set(placeables(target))
    for before in mapping:
        if before not in in_target or target.count(before) != old_source.count(before):
            return None
    text = _pattern(target).sub(lambda m: mapping.get(m.group(0), m.group(0)), target)
    changes = tuple((b, a) for b, a in zip(old, new) if b != a)
    return Substituted(text, tuple(dict.fromkeys(changes)))
