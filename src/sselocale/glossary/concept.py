"""Concepts and their terms: the plain data every other glossary module builds on.

A concept is one meaning ("decent work"); it carries one :class:`Term` per
language. These types import nothing from the package, so :mod:`.matching`
(which finds terms in text) and :mod:`.model` (which gathers concepts into a
searchable :class:`~.model.Glossary`) both depend on them, and only
:mod:`.model` depends on :mod:`.matching`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..errors import GlossaryError, brief

#: Concept identifiers double as TBX ``id`` attributes, which must be XML names.
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: Separates variants in one CSV cell, so no form may contain it.
VARIANT_SEPARATOR = "|"


class Policy(str, Enum):
    """What machine translation and review do with a concept's terms."""

    TRANSLATE = "translate"
    """Protect the source term during MT and insert the target term."""
    KEEP = "keep"
    """A name that stays as written in every language (UNTFSSE, ACTRAV)."""
    CHECK_ONLY = "check-only"
    """Left to the engine; only checked in review."""


class PartOfSpeech(str, Enum):
    """Part of speech of a concept's terms, as TBX-Basic names them (``properNoun``)."""

    NOUN = "noun"
    PROPER_NOUN = "proper-noun"
    ADJECTIVE = "adjective"
    VERB = "verb"
    ADVERB = "adverb"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Term:
    """The words a concept goes by in one language."""

    text: str
    """The preferred form, singular; Russian terms in the nominative."""
    plural: str | None = None
    """The preferred plural, where it differs and the concept has one."""
    variants: tuple[str, ...] = ()
    """Other accepted forms: spellings, plurals of them, adjectival forms."""
    note: str = ""
    """Usage note for this language (a Brazilian Portuguese variant, say)."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every accepted form, preferred first, without repeats."""
        seen: dict[str, None] = {}
        for form in (self.text, self.plural, *self.variants):
            if form:
                seen.setdefault(form, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Concept:
    """One meaning, its term in every language, and what MT may do with it."""

    id: str
    """Stable identifier (``decent-work``); the TBX ``termEntry`` id."""
    terms: Mapping[str, Term]
    """Language code → term, source language first."""
    policy: Policy = Policy.TRANSLATE
    pos: PartOfSpeech = PartOfSpeech.NOUN
    definition: str = ""
    note: str = ""
    path: Path | None = field(default=None, compare=False, repr=False)
    """The file the concept was read from, for error messages."""
    line: int | None = field(default=None, compare=False, repr=False)
    """1-based line of the concept in that file."""

    def __hash__(self) -> int:
        return hash(self.id)

    def term(self, lang: str) -> Term:
        """The term in ``lang``; a :class:`GlossaryError` when the concept lacks it."""
        try:
            return self.terms[lang]
        except KeyError:
            raise GlossaryError(
                f"concept {brief(self.id)} has no {brief(lang)} term", path=self.path, line=self.line
            ) from None

    def fail(self, message: str, *, hint: str | None = None) -> GlossaryError:
        """An error located at this concept."""
        return GlossaryError(message, path=self.path, line=self.line, hint=hint)


def slug_id(text: str) -> str:
    """A concept id made from a term: ``Decent work`` → ``decent-work``.

    >>> slug_id("Workers' Activities (ACTRAV)")
    'workers-activities-actrav'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = "c-" + slug if slug else "concept"
    return slug
