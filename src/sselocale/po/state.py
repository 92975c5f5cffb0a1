"""What state a catalog entry is in: the one definition every reader uses.

"Translated" means what gettext means (``msgfmt --statistics``): not obsolete,
not fuzzy, msgstr filled. polib entries (:mod:`.catalogs`), the fast reader's
entries (:mod:`.fastread`) and the msgfmt rules (:mod:`.validate`) all ask
:func:`state` and :func:`is_fuzzy`; every count builds on :func:`count`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

#: The flag of a translation awaiting review.
FUZZY = "fuzzy"


def is_fuzzy(entry: Any) -> bool:
    """Whether the entry carries the ``fuzzy`` flag (whatever its msgstr)."""
    return FUZZY in entry.flags


@dataclass(frozen=True, slots=True)
class Counts:
    """How many entries of a catalog are in each state.

    "Translated" means what gettext means: not obsolete, not fuzzy, msgstr filled;
    every count in the project builds on :func:`state`.
    """

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Active units: obsolete entries are not part of the article any more."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Reviewed units over all units; an empty catalog is complete."""
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
            self.obsolete + other.obsolete,
        )


class State(str, Enum):
    """The review state of a catalog entry."""

    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"


def state(entry: Any) -> State:
    """The one definition of an entry's state (same as ``msgfmt --statistics``).

    ``entry`` is a polib entry or a :class:`~.fastread.Entry`: both have
    ``obsolete``, ``flags``, ``msgstr``, ``msgid_plural`` and ``msgstr_plural``.
    """
    if entry.obsolete:
        return State.OBSOLETE
    # msgfmt looks only at the first plural form: a plural entry whose msgstr[0]
    # is filled counts as translated even when a later form is empty.
    filled = bool(entry.msgstr) if not entry.msgid_plural else bool(entry.msgstr_plural.get(0))
    if is_fuzzy(entry) and filled:
        return State.FUZZY
    return State.TRANSLATED if filled else State.UNTRANSLATED


def count(po: Any) -> Counts:
    """How many entries of a catalog (any iterable of entries) are in each state; the header is skipped."""
    tally = {State.TRANSLATED: 0, State.FUZZY: 0, State.UNTRANSLATED: 0, State.OBSOLETE: 0}
    for entry in po:
        if entry.msgid == "" and not entry.obsolete:
            continue
        tally[state(entry)] += 1
    return Counts(**tally)
