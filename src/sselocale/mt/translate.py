"""The machine translation stage: fill untranslated PO entries with fuzzy suggestions.

For each language, every pending entry of the selected articles is collected
(untranslated ones; with ``refresh`` also fuzzy ones whose msgstr came from
machine translation), identical source texts are translated once, and all of
them go to the engine in one stream, so that it can batch them. Translations
come back in order; each article is saved as soon as its last pending entry is
filled, and articles still in progress every few seconds, so an interrupted run
loses at most what the engine had in flight (on Ctrl-C or ``kill``, nothing
that was finished) and a re-run picks up the rest.

Machine output is always ``fuzzy``, with ``#.`` comment lines that say where it
came from (``machine translation: argos translate-en_fr 1.9``), what markup the
engine lost, which glossary terms were inserted, and a checksum of the exact
text written (``machine translation: checksum 1a2b3c4d``). Those lines start
with ``machine translation`` so they travel with the msgstr when catalogs are
merged. A reviewed (non-fuzzy) msgstr is never touched, and ``refresh`` redoes
only fuzzy entries whose msgstr still has the recorded checksum: text a
translator edited or reviewed is theirs (see :mod:`sselocale.po.comments`).

Catalogs are read at the start and saved as work finishes; a translator may
save one meanwhile. Each save replaces the file only if it still holds the
bytes the stage read (or last wrote); if not, the file is read again, this
run's fills are applied to the entries, matched by ``(msgctxt, msgid)``, that
are still waiting for them, and that is written. The translator's save is kept.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import polib

from ..errors import CatalogError
from ..memory.reuse import Fill, offer
from ..po import catalogs
from ..po.state import FUZZY, State, is_fuzzy, state
from ..source.workspace import Project
from .engines import Choice, Engine, Provenance, choose, open_engine
from .confidence import assess
from .confidence import comment as confidence_comment
from .engines.base import PROVENANCE
from .fixed import fixed_spans
from .placeholders import FixedSpan, Kind, Protected, Restored, protect, restore
from .remembered import combined, fill_whole
from .terms import Terms

#: Seconds between saves of articles still in progress (finished ones are saved at once).
CHECKPOINT_SECONDS = 10.0


class Progress(Protocol):
    """Where the stage reports progress (the CLI draws a bar; tests count)."""

    def start(self, lang: str, engine: str, total: int) -> None:
        """A language begins: ``total`` entries to fill with ``engine``."""

    def advance(self, entries: int) -> None:
        """``entries`` more entries are filled."""

    def finish(self) -> None:
        """The language is done (or interrupted)."""


@dataclass(frozen=True, slots=True)
class LanguageReport:
    """What the stage did for one language."""

    lang: str
    pending: int
    """Entries that needed machine translation."""
    filled: int
    """Entries filled (equal to ``pending`` unless no engine serves the language)."""
    catalogs_written: int
    provenance: Provenance | None
    """The engine used; None when none could serve the language."""
    lost: int = 0
    """Entries whose translation lost some markup (each says what in its comment)."""
    terms: int = 0
    """Entries where glossary terms were inserted."""
    unserved: str = ""
    """Why no engine served the language (its entries are left for translators)."""
    memory: int = 0
    """Entries filled, wholly or in part, from the translation memory (see :mod:`sselocale.memory`)."""
    seconds: float = 0.0


#: How often a save is redone when a translator keeps saving the same catalog meanwhile.
SAVE_ATTEMPTS = 5

Key = tuple[str | None, str]


@dataclass(slots=True)
class _Catalog:
    """One PO file with entries waiting for machine translation."""

    path: Path
    po: polib.POFile
    raw: bytes
    """What the file held when it was read or last written: a save expects to find it there."""
    index: dict[Key, polib.POEntry] = field(default_factory=dict)
    fills: dict[Key, Restored | Fill] = field(default_factory=dict)
    """Every fill of this run, to apply again if the file changes on disk."""
    waiting: int = 0
    unsaved: int = 0
    """Entries filled since the catalog was last saved."""
    written: bool = False

    def reindex(self) -> None:
        self.index = {catalogs.entry_key(e): e for e in self.po if not e.obsolete}


@dataclass(slots=True)
class _Text:
    """One distinct source text and the entries (maybe in several catalogs) that share it."""

    msgid: str
    entries: list[tuple[_Catalog, Key]] = field(default_factory=list)


def is_pending(entry: polib.POEntry, *, refresh: bool) -> bool:
    """Whether machine translation should (re)fill this entry.

    Untranslated entries; with ``refresh``, also fuzzy entries that are still
    exactly the machine's text (:func:`sselocale.po.comments.machine_text`).
    """
    if entry.obsolete or entry.msgid == "" or entry.msgid_plural:
        return False
    kind = state(entry)
    if kind is State.UNTRANSLATED:
        return True
    return refresh and kind is State.FUZZY and catalogs.machine_text(entry)


def collect(project: Project, lang: str, slugs: Sequence[str], *, refresh: bool) -> tuple[list[_Catalog], list[_Text]]:
    """The catalogs of ``lang`` with pending entries, and their distinct source texts in order."""
    found: list[_Catalog] = []
    texts: dict[str, _Text] = {}
    for _lang, _slug, path in project.po_paths((lang,), tuple(slugs)):
        loaded = catalogs.open_catalog(path)
        catalog = _Catalog(path, loaded.po, loaded.raw)
        for entry in catalog.po:
            if is_pending(entry, refresh=refresh):
                key = catalogs.entry_key(entry)
                texts.setdefault(entry.msgid, _Text(entry.msgid)).entries.append((catalog, key))
                catalog.waiting += 1
        if catalog.waiting:
            catalog.reindex()
            found.append(catalog)
    return found, list(texts.values())


def comment_lines(provenance: Provenance, restored: Restored) -> list[str]:
    """The ``#.`` lines that describe one machine translation.

    A long line is wrapped when written and read back whole
    (:func:`catalogs.comment_lines`), so nothing needs cutting here.
    """
    lines = [f"{PROVENANCE}: {provenance.label}"]
    if provenance.note:
        lines.append(f"{PROVENANCE}: {provenance.note}")
    markup = [ph.label for ph in restored.lost if ph.kind is not Kind.TERM]
    terms_lost = [ph.label for ph in restored.lost if ph.kind is Kind.TERM]
    if markup:
        lines.append(f"{PROVENANCE}: markup lost: {_joined(markup)}")
    if terms_lost:
        lines.append(f"{PROVENANCE}: glossary terms lost: {_joined(terms_lost)}")
    if restored.inserted:
        terms = [ph.replacement for ph in restored.inserted]
        lines.append(f"{PROVENANCE}: glossary terms, check agreement: {_joined(terms)}")
    if (sure := confidence_comment(restored)) is not None:
        lines.append(f"{PROVENANCE}: {sure}")
    return lines


def _joined(items: list[str]) -> str:
    return "; ".join(dict.fromkeys(items))


def fill(entry: polib.POEntry, restored: Restored, provenance: Provenance) -> None:
    """Write a machine translation into ``entry``: fuzzy, with its provenance."""
    entry.msgstr = restored.text.strip()
    if not is_fuzzy(entry):
        entry.flags.append(FUZZY)
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    # Same order as catalogs.merge writes: unit comment, provenance, derived hints,
    # so that the next merge does not reorder (and rewrite) the file.
    lines = [line for line in catalogs.comment_lines(entry.comment) if line]
    base = [l for l in lines if not l.startswith(catalogs.PROVENANCE_PREFIXES + catalogs.DERIVED_PREFIXES)]
    derived = [l for l in lines if l.startswith(catalogs.DERIVED_PREFIXES)]
    record = [catalogs.checksum_line(entry.msgstr)]
    entry.comment = "\n".join(base + comment_lines(provenance, restored) + record + derived)


def translate_language(
    project: Project,
    lang: str,
    *,
    slugs: Sequence[str] = (),
    refresh: bool = False,
    terms: Terms | None = None,
    engines: Sequence[str] | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> LanguageReport:
    """Machine-translate the pending entries of one language.

    ``engine`` replaces the configured choice (tests, or a caller that already
    opened one); ``engines`` replaces the configured fallback list.
    """
    started = time.perf_counter()
    found, texts = collect(project, lang, slugs, refresh=refresh)
    pending = sum(c.waiting for c in found)
    if not pending:
        return LanguageReport(lang, 0, 0, 0, None)
    # The translation memory comes first; only what it lacks goes to an engine.
    reuse = offer(project.config, lang, [text.msgid for text in texts])
    remembered = fill_whole(texts, reuse, pending=lambda entry: is_pending(entry, refresh=refresh))
    for catalog in found:
        if catalog.waiting == 0 and catalog.unsaved:
            _save(catalog, None, refresh=refresh)
    texts = [text for text in texts if text.msgid not in reuse.whole]
    if engine is None and texts:
        choice: Choice = choose(project.config, lang, engines=engines)
        if choice.chosen is None:
            _save_unsaved(found, None, refresh=refresh)
            return LanguageReport(lang, pending, _filled(found), _written(found), None,
                                  unserved=choice.reasons, memory=remembered)
        engine = open_engine(choice.chosen, project.config)
    if engine is None or not texts:
        if engine is not None:
            engine.close()
        _save_unsaved(found, None, refresh=refresh)
        return LanguageReport(lang, pending, _filled(found), _written(found), None, memory=remembered,
                              seconds=time.perf_counter() - started)
    provenance = engine.provenance
    parts = [reuse.partial[t.msgid].missing if t.msgid in reuse.partial else [t.msgid] for t in texts]
    protected: list[Protected] = [
        protect(part, fixed=_spans(terms, part, lang, engine)) for group in parts for part in group
    ]
    lost = inserted = 0
    if progress is not None:
        progress.start(lang, provenance.label, sum(len(text.entries) for text in texts))
    checkpoint = time.monotonic()
    outputs, units = iter(engine.translate(protected)), iter(protected)
    try:
        for text, group in zip(texts, parts):
            pieces = [assess(output, restore(output, next(units)), provenance) for _part, output in zip(group, outputs)]
            if len(pieces) < len(group):
                break  # the engine stopped short
            restored: Restored | Fill = combined(reuse.partial.get(text.msgid), pieces, comment_lines, provenance)
            remembered += (text.msgid in reuse.partial) * len(text.entries)
            lost += any(p.lost for p in pieces) * len(text.entries)
            inserted += any(p.inserted for p in pieces) * len(text.entries)
            for catalog, key in text.entries:
                catalog.waiting -= 1
                entry = catalog.index.get(key)
                # An engine that returns nothing leaves the entry to translators, and so
                # does a translator's save since the catalog was read (entry no longer pending).
                if restored.text.strip() and entry is not None and is_pending(entry, refresh=refresh):
                    _apply(entry, restored, provenance)
                    catalog.fills[key] = restored
                    catalog.unsaved += 1
                if catalog.waiting == 0 and catalog.unsaved:
                    _save(catalog, provenance, refresh=refresh)
            if time.monotonic() - checkpoint > CHECKPOINT_SECONDS:
                _save_unsaved(found, provenance, refresh=refresh)
                checkpoint = time.monotonic()
            if progress is not None:
                progress.advance(len(text.entries))
    except BaseException:
        # Interrupted or failed: keep every finished entry.
        _save_unsaved(found, provenance, refresh=refresh)
        raise
    finally:
        engine.close()
        if progress is not None:
            progress.finish()
    return LanguageReport(
        lang=lang,
        pending=pending,
        filled=sum(len(c.fills) for c in found),
        catalogs_written=sum(c.written for c in found),
        provenance=provenance,
        lost=lost,
        terms=inserted,
        seconds=time.perf_counter() - started,
        memory=remembered,
    )


def _apply(entry: polib.POEntry, item: Restored | Fill, provenance: Provenance | None) -> None:
    """Write a fill of this run: the memory's (with its own provenance) or an engine's."""
    if isinstance(item, Fill):
        item.apply(entry)
    elif provenance is not None:
        fill(entry, item, provenance)


def _filled(found: Sequence[_Catalog]) -> int:
    return sum(len(c.fills) for c in found)


def _written(found: Sequence[_Catalog]) -> int:
    return sum(c.written for c in found)


def _spans(terms: Terms | None, msgid: str, lang: str, engine: Engine) -> Sequence[FixedSpan]:
    # Glossary terms, then dates and names (see .fixed).
    return fixed_spans(msgid, lang, terms=terms, every_term=engine.every_term)


def _save(catalog: _Catalog, provenance: Provenance | None, *, refresh: bool) -> None:
    """Write the catalog; if someone saved it meanwhile, apply this run's fills to their version."""
    for _attempt in range(SAVE_ATTEMPTS):
        change = catalogs.save_catalog(catalog.path, catalog.po, revised=True, expected=catalog.raw)
        if not change.stale:
            catalog.written |= change.written
            catalog.raw = change.content if change.content is not None else catalog.raw
            catalog.unsaved = 0
            return
        _reload(catalog, provenance, refresh=refresh)
        if not catalog.unsaved:
            return  # none of this run's fills is missing from their version: nothing to write
    raise CatalogError(
        f"the catalog changed on disk {SAVE_ATTEMPTS} times while machine translations were being saved",
        path=catalog.path,
        hint="close the program that keeps saving it, then run translate again (finished work is kept)",
    )


def _reload(catalog: _Catalog, provenance: Provenance | None, *, refresh: bool) -> None:
    """Read the catalog again and redo this run's fills where their entries still wait for them.

    An entry a translator filled, edited or reviewed meanwhile is not pending any
    more and keeps their text; a fill already in the file is the same text again.
    """
    loaded = catalogs.open_catalog(catalog.path)
    catalog.po, catalog.raw = loaded.po, loaded.raw
    catalog.reindex()
    kept: dict[Key, Restored | Fill] = {}
    applied = 0
    for key, restored in catalog.fills.items():
        entry = catalog.index.get(key)
        if entry is None:
            continue
        if is_fuzzy(entry) and entry.msgstr == restored.text.strip():
            kept[key] = restored  # this run's fill, saved before
        elif is_pending(entry, refresh=refresh):
            _apply(entry, restored, provenance)
            kept[key] = restored
            applied += 1
    catalog.fills = kept
    catalog.unsaved = applied


def _save_unsaved(found: Sequence[_Catalog], provenance: Provenance | None, *, refresh: bool) -> None:
    """Save every catalog with unsaved fills; one that cannot be saved does not stop the others."""
    failed: CatalogError | None = None
    for catalog in found:
        if catalog.unsaved:
            try:
                _save(catalog, provenance, refresh=refresh)
            except CatalogError as exc:
                failed = failed or exc
    if failed is not None:
        raise failed


def translate_project(
    project: Project,
    *,
    langs: Sequence[str] = (),
    slugs: Sequence[str] = (),
    refresh: bool = False,
    terms: Terms | None = None,
    engines: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> list[LanguageReport]:
    """Machine-translate every selected language, one after the other."""
    project.select(tuple(slugs))  # unknown slugs fail before any work
    # So does a damaged catalog in any selected language, before the first file is written.
    catalogs.verify(path for _lang, _slug, path in project.po_paths(tuple(langs), tuple(slugs)))
    return [
        translate_language(
            project, lang, slugs=slugs, refresh=refresh, terms=terms, engines=engines, progress=progress
        )
        for lang in project.languages(tuple(langs))
    ]
