"""What the TBX and CSV readers share: the concepts read, and the file's language tags.

Both readers produce an :class:`Imported` of :class:`Incoming` concepts, so
:mod:`.merging` and the CLI need not know which format a file was in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import GlossaryError, brief
from ..concept import PartOfSpeech, Policy, Term


@dataclass(frozen=True, slots=True)
class Incoming:
    """One concept as read from an exchange file; None means "not in the file"."""

    terms: dict[str, Term]
    """Language code → term, for the languages the entry has a term in."""
    id: str | None = None
    policy: Policy | None = None
    pos: PartOfSpeech | None = None
    definition: str | None = None
    note: str | None = None
    line: int | None = None
    """1-based line of the entry in the file, for error messages."""


@dataclass(frozen=True, slots=True)
class Imported:
    """An exchange file's content, before it is merged into a glossary."""

    path: Path
    """The file read, for error messages."""
    source: str
    languages: tuple[str, ...]
    """Every language the file has terms in, source first."""
    concepts: tuple[Incoming, ...]


#: Regional tags that name another variety than their primary language: the
#: project's ``pt`` is European Portuguese, and Argos calls Brazilian ``pb``.
_VARIETIES = {"pt-br": "pb"}


def lang_code(value: str, path: Path, line: int | None, known: Sequence[str]) -> str:
    """A file's language tag as one of ``known``: ``pt-PT`` and ``PT`` are ``pt``."""
    tag = value.strip().replace("_", "-").lower()
    candidates = [tag, _VARIETIES.get(tag, "")]
    if tag not in _VARIETIES:
        candidates.append(tag.split("-")[0])
    for candidate in candidates:
        for lang in known:
            if candidate == lang.lower():
                return lang
    raise GlossaryError(
        f"unknown language {brief(value)}" if value else "a language section has no xml:lang",
        path=path,
        line=line,
        hint=f"the project's languages are {', '.join(known)}; "
        "add the language to sselocale.yaml first, or remove it from the file",
    )
