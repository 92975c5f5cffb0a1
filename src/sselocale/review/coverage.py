"""How much of the catalogs is translated: what ``sselocale status`` shows and the gate demands.

Coverage counts units the way :func:`sselocale.po.state.state` (and so GNU
``msgfmt --statistics``) classifies them, and weighs them by source words: a
unit's words are the words of its msgid. A catalog that does not exist yet
counts as its template, every unit untranslated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..po.freshness import Stale, stale_catalogs
from ..po.state import Counts, State, state
from ..statefile import StateFile

if TYPE_CHECKING:
    from ..source.articles import Article
    from ..source.workspace import Project


def source_words(text: str) -> int:
    """Words of a source text, counted as translators count them: runs between spaces.

    >>> source_words("The ILO's **110th** session (2022) — decent work")
    8
    """
    return len(text.split())


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one catalog, or of a sum of catalogs, is translated."""

    counts: Counts = field(default_factory=Counts)
    words: int = 0
    """Source words of the active units."""
    words_translated: int = 0
    """Source words of the reviewed (translated, not fuzzy) units."""

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def percent(self) -> float:
        """Reviewed units over all units ×100; an empty catalog is complete."""
        return self.counts.percent

    @property
    def words_percent(self) -> float:
        return 100.0 if self.words == 0 else 100.0 * self.words_translated / self.words

    def shipped_percent(self, *, count_fuzzy: bool) -> float:
        """Units that may be published over all units ×100 (fuzzy ones too, if they count)."""
        if self.total == 0:
            return 100.0
        shipped = self.counts.translated + (self.counts.fuzzy if count_fuzzy else 0)
        return 100.0 * shipped / self.total

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.counts + other.counts,
            self.words + other.words,
            self.words_translated + other.words_translated,
        )


def coverage(entries: Iterable[Any]) -> Coverage:
    """Coverage of catalog entries (:mod:`sselocale.pofast` or polib ones); the header is skipped."""
    tally = {State.TRANSLATED: 0, State.FUZZY: 0, State.UNTRANSLATED: 0, State.OBSOLETE: 0}
    words = words_translated = 0
    for entry in entries:
        if entry.msgid == "" and not entry.obsolete:
            continue
        kind = state(entry)
        tally[kind] += 1
        if kind is State.OBSOLETE:
            continue
        n = source_words(entry.msgid)
        words += n
        if kind is State.TRANSLATED:
            words_translated += n
    return Coverage(Counts(**tally), words, words_translated)


def template_entries(project: Project, article: Article) -> list[Any]:
    """What a missing catalog counts as: the article's template, from disk or made afresh."""
    from ..po import catalogs
    from ..po import fastread as pofast

    path = project.template_path(article.slug)
    if path.exists():
        return pofast.read_entries(path)
    return list(catalogs.make_template(project.units(article), header={}))


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Coverage of every selected article in every selected language: what the status reports render."""

    project: str
    languages: tuple[str, ...]
    articles: tuple[str, ...]
    cells: tuple[tuple[Coverage, ...], ...]
    """One row per article, one coverage per language in the order of :attr:`languages`."""
    stale: tuple[Stale, ...] = ()
    """The catalogs that no longer match their sources: their counts are not to be trusted."""

    def is_stale(self, slug: str, lang: str) -> bool:
        return any(s.slug == slug and s.lang == lang for s in self.stale)

    def language(self, lang: str) -> Coverage:
        column = self.languages.index(lang)
        return sum((row[column] for row in self.cells), Coverage())

    def cell(self, slug: str, lang: str) -> Coverage:
        return self.cells[self.articles.index(slug)][self.languages.index(lang)]

    @property
    def total(self) -> Coverage:
        return sum((self.language(lang) for lang in self.languages), Coverage())


def collect_status(
    project: Project, *, langs: tuple[str, ...] = (), slugs: tuple[str, ...] = ()
) -> StatusReport:
    """Read every catalog of the selection, one file at a time."""
    from ..po import fastread as pofast

    languages = project.languages(langs)
    articles = project.select(slugs)
    rows = []
    state = StateFile.load(project.config.root)
    for article in articles:
        row = []
        for lang in languages:
            path = project.po_path(lang, article.slug)
            if path.exists():  # read once per version of the file: the state keeps the figures
                row.append(cached_coverage(state, f"{lang}/{article.slug}", path,
                                           lambda p=path: coverage(pofast.read_entries(p))))
            else:
                row.append(coverage(template_entries(project, article)))
        rows.append(tuple(row))
    state.save()
    return StatusReport(
        project=project.config.project,
        languages=tuple(languages),
        articles=tuple(a.slug for a in articles),
        cells=tuple(rows),
        stale=tuple(stale_catalogs(project, langs=languages, slugs=[a.slug for a in articles])),
    )


def cached_coverage(state: StateFile, key: str, path: Path, compute: Any) -> Coverage:
    """The coverage of the catalog at ``path``, from the state while the file is unchanged."""
    note = state.fresh("coverage", key, "", [path])
    if note is not None:
        try:
            return from_note(note)
        except (TypeError, KeyError, ValueError):
            pass
    cov = compute()
    state.record("coverage", key, "", [path], coverage_note(cov))
    return cov


def coverage_note(c: Coverage) -> dict:
    """``c`` as the state file keeps it."""
    counts = c.counts
    return {"translated": counts.translated, "fuzzy": counts.fuzzy, "untranslated": counts.untranslated,
            "obsolete": counts.obsolete, "words": c.words, "words_translated": c.words_translated}


def from_note(d: dict) -> Coverage:
    """The :class:`Coverage` :func:`coverage_note` gave; KeyError, TypeError or ValueError if damaged."""
    counts = Counts(int(d["translated"]), int(d["fuzzy"]), int(d["untranslated"]), int(d["obsolete"]))
    return Coverage(counts, int(d["words"]), int(d["words_translated"]))
