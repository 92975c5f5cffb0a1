"""The glossary: a validated set of concepts (see :mod:`.concept`) that finds its terms.

The model never opens a file: :mod:`.store` reads and writes YAML and
:mod:`.exchange` reads and writes TBX and CSV. :class:`Glossary` answers
``find`` and ``missing_terms`` through :mod:`.matching`, which knows nothing
of the glossary itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import brief
from .concept import ID_RE, VARIANT_SEPARATOR, Concept
from .matching import (
    Match,
    TermIndex,
    Translation,
    parse_form,
    quick_present,
    quick_text,
)

#: Source texts whose matches a glossary remembers (see ``Glossary._first_matches``).
_CACHE_SIZE = 4096

@dataclass(frozen=True, slots=True)
class Glossary:
    """A validated set of concepts over one source and several target languages.

    >>> from sselocale.glossary.concept import Term
    >>> g = Glossary("en", ("fr",), (Concept("decent-work", {"en": Term("decent work"),
    ...     "fr": Term("travail décent")}),))
    >>> [m.text for m in g.find("Decent work for all")]
    ['Decent work']
    """

    source: str
    languages: tuple[str, ...]
    """Target languages every concept has a term in."""
    concepts: tuple[Concept, ...]
    path: Path | None = field(default=None, compare=False, repr=False)
    # The matcher is built on first use; a frozen dataclass can still fill a list.
    _index: list = field(default_factory=list, init=False, compare=False, repr=False)
    _cache: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        check_concepts(self.concepts, source=self.source, languages=self.languages)

    @property
    def index(self) -> TermIndex:
        """The source-side matcher, built on first use."""
        if not self._index:
            self._index.append(TermIndex(self.concepts, self.source))
        return self._index[0]

    def find(self, text: str) -> list[Match]:
        """Source terms in ``text``, longest first, in text order (see :mod:`.matching`)."""
        return self.index.find(text)

    def missing_terms(self, source: str, translation: str, lang: str) -> list[Match]:
        """Source terms whose accepted ``lang`` form is absent from ``translation``.

        One match per concept (its first occurrence). ``keep`` terms must
        appear as written; other terms are compared word by word by stem.
        """
        first = self._first_matches(source)
        if not first:
            return []
        words: Translation | None = None
        normal = quick_text(translation)
        missing = []
        for match in first:
            # Most translations carry the term as written: one regex search
            # settles those; only the rest are split into words and stemmed.
            if quick_present(match.concept, translation, lang, normal=normal):
                continue
            if words is None:
                words = Translation(translation, lang)
            if not words.count(match.concept):
                missing.append(match)
        return missing

    def _first_matches(self, source: str) -> tuple[Match, ...]:
        """The first match of each concept in ``source``, remembered for the next language.

        A checker goes through one article's catalogs language by language, so the
        same source texts come back a few calls later.
        """
        cache = self._cache
        found = cache.get(source)
        if found is None:
            first: dict[str, Match] = {}
            for match in self.find(source):
                first.setdefault(match.concept.id, match)
            found = tuple(first.values())
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[source] = found
        return found

    def get(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None

    def lookup(self, query: str) -> list[Concept]:
        """Concepts with ``query`` as an id or as a form in any language (case-insensitive)."""
        wanted = " ".join(query.split()).casefold()
        return [
            c
            for c in self.concepts
            if c.id == wanted
            or any(f.casefold() == wanted for t in c.terms.values() for f in t.forms)
        ]

    @property
    def all_languages(self) -> tuple[str, ...]:
        return (self.source, *self.languages)


def check_concepts(
    concepts: Sequence[Concept], *, source: str, languages: Iterable[str]
) -> None:
    """Raise :class:`GlossaryError` at the first concept that breaks a rule.

    Rules: ids are unique XML-safe slugs; every concept has a non-empty term in
    the source and every target language; no two concepts claim the same source
    form (case-insensitively); no form contains the CSV variant separator.
    """
    wanted = (source, *languages)
    ids: dict[str, Concept] = {}
    claimed: dict[str, Concept] = {}
    for concept in concepts:
        if not ID_RE.match(concept.id):
            raise concept.fail(
                f"invalid concept id {brief(concept.id)}",
                hint="use lowercase letters, digits and single hyphens, starting with a letter",
            )
        if concept.id in ids:
            raise concept.fail(
                f"concept id {brief(concept.id)} is used twice",
                hint=f"the first one is at line {ids[concept.id].line}",
            )
        ids[concept.id] = concept
        for lang in wanted:
            term = concept.terms.get(lang)
            if term is None or not term.text.strip():
                raise concept.fail(
                    f"concept {brief(concept.id)} has no {brief(lang)} term",
                    hint=f"every concept needs a term in {', '.join(wanted)}",
                )
        for lang, term in concept.terms.items():
            for form in term.forms:
                if VARIANT_SEPARATOR in form or form != form.strip() or not form:
                    raise concept.fail(
                        f"concept {brief(concept.id)}: invalid {brief(lang)} form {brief(form)}",
                        hint=f"forms may not be empty, contain {VARIANT_SEPARATOR!r} "
                        "or start or end with spaces",
                    )
        for form in concept.terms[source].forms:
            if parse_form(form) is None:
                raise concept.fail(
                    f"source term {brief(form)} of concept {brief(concept.id)} can never match",
                    hint="write words separated by spaces, hyphens or apostrophes only",
                )
            key = " ".join(form.split()).casefold()
            other = claimed.get(key)
            if other is not None and other.id != concept.id:
                where = f"{other.path}:{other.line}" if other.path != concept.path else f"line {other.line}"
                raise concept.fail(
                    f"source term {brief(form)} of concept {brief(concept.id)} is already claimed "
                    f"by concept {brief(other.id)}",
                    hint=f"{brief(other.id)} is at {where}; merge the two concepts or drop one form",
                )
            claimed[key] = concept
