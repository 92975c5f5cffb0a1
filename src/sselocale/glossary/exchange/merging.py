"""Imported concepts merged into a glossary: by id or source term, language by language.

Imports are all or nothing: :func:`merge` builds and validates a whole new
:class:`~sselocale.glossary.model.Glossary` and the caller saves it only then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...errors import GlossaryError, brief
from ..concept import Concept, PartOfSpeech, Policy, Term, slug_id
from ..model import Glossary
from .common import Imported, Incoming


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The merged glossary, and what the import changed.

    Each tuple holds concept ids: ``added``, ``updated`` and ``unchanged`` in
    file order, ``removed`` in glossary order.
    """

    glossary: Glossary
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = field(default=())


def merge(
    base: Glossary | None,
    imported: Imported,
    *,
    languages: Sequence[str],
    replace_all: bool = False,
) -> ImportResult:
    """``base`` updated with the imported concepts, validated as a whole.

    An imported concept updates the concept with its id (or, without an id,
    with its source term) language by language; the others are added at the
    end. A term the file gives without plural, variants or note keeps those
    it had. With ``replace_all``, concepts missing from the file are removed.
    ``languages`` are the target languages a new glossary must cover.
    """
    source = imported.source
    existing = list(base.concepts) if base else []
    by_id = {c.id: i for i, c in enumerate(existing)}
    by_term = {c.terms[source].text.casefold(): i for i, c in enumerate(existing)}
    merged: list[Concept | None] = list(existing)
    touched: set[int] = set()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for item in imported.concepts:
        if source not in item.terms:
            raise GlossaryError(
                f"an entry has no {brief(source)} term", path=imported.path, line=item.line,
                hint="every concept needs a source-language term",
            )
        index = by_id.get(item.id) if item.id else by_term.get(item.terms[source].text.casefold())
        if index is None and item.id is None:
            index = by_id.get(slug_id(item.terms[source].text))
        if index is not None and index in touched:
            raise GlossaryError(
                f"concept {brief(existing[index].id)} appears twice in the file",
                path=imported.path, line=item.line,
            )
        if index is None:
            concept = _new_concept(item, imported.path, {c.id for c in merged if c})
            merged.append(concept)
            touched.add(len(merged) - 1)
            by_id[concept.id] = len(merged) - 1
            added.append(concept.id)
            continue
        touched.add(index)
        old = existing[index]
        new = _updated(old, item, imported.path, source)
        merged[index] = new
        (unchanged if new == old else updated).append(old.id)
    removed = []
    if replace_all:
        for index, concept in enumerate(existing):
            if index not in touched:
                removed.append(concept.id)
                merged[index] = None
    targets = tuple(base.languages) if base else tuple(lang for lang in languages if lang != source)
    glossary = Glossary(source, targets, tuple(c for c in merged if c), path=base.path if base else None)
    return ImportResult(glossary, tuple(added), tuple(updated), tuple(unchanged), tuple(removed))


def _new_concept(item: Incoming, path: Path, taken: set[str]) -> Concept:
    concept_id = item.id or slug_id(item.terms[next(iter(item.terms))].text)
    if item.id is None:
        stem, n = concept_id, 2
        while concept_id in taken:
            concept_id, n = f"{stem}-{n}", n + 1
    return Concept(
        id=concept_id,
        terms=dict(item.terms),
        policy=item.policy or Policy.TRANSLATE,
        pos=item.pos or PartOfSpeech.NOUN,
        definition=item.definition or "",
        note=item.note or "",
        path=path,
        line=item.line,
    )


def _updated(old: Concept, item: Incoming, path: Path, source: str) -> Concept:
    terms = dict(old.terms)
    for lang, term in item.terms.items():
        before = terms.get(lang)
        if lang == source and before is not None and before.text.casefold() == term.text.casefold():
            # Source terms match case-insensitively: "Cooperative" in a tool's
            # export is the same term, not a new spelling.
            term = replace(term, text=before.text)
        if before is not None and before.text == term.text:
            # Tools that know only the preferred term (Weblate) send no plural,
            # variants or note: that is "not known here", not "delete".
            term = Term(
                term.text,
                term.plural or before.plural,
                term.variants or before.variants,
                term.note or before.note,
            )
        terms[lang] = term
    return replace(
        old,
        terms=terms,
        policy=item.policy or old.policy,
        pos=item.pos or old.pos,
        definition=old.definition if item.definition is None else item.definition,
        note=old.note if item.note is None else item.note,
        path=path,
        line=item.line,
    )
