"""A project on disk: its configuration, articles and catalogs, and the steps over them.

Each step reads files, calls the pure functions of its stage module, and writes
atomically. The CLI calls these and only formats what they return.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from .errors import CatalogError, raise_all
from .files import write_if_changed
from .po import catalogs
from .po.freshness import Stale, stale_catalogs
from .po.state import Counts, is_fuzzy
from .publish.build import BuiltArticle, Refusal, rebuild
from .source.articles import Article
from .source.digest import glossary_bytes, source_digest
from .source.workspace import Project
from .statefile import StateFile, fingerprint
from .statefile import digest as state_digest
from .workers import map_shared

__all__ = [
    "BuildResult", "Project", "Stale", "build", "extract", "language_counts", "stale_catalogs",
    "translations", "update", "verify_catalogs",
]


#: How often a write is redone when another program keeps saving the same file meanwhile.
SAVE_ATTEMPTS = 5


def extract(
    project: Project, *, slugs: tuple[str, ...] = (), now: str | None = None, errors: list | None = None,
    jobs: int = 1,
) -> list[catalogs.CatalogChange]:
    """Write ``locales/templates/<slug>.pot`` for every selected article.

    An article that cannot be read or segmented gets no template; the others
    do. Its error is appended to ``errors``, or, without that list, every such
    error is raised together once the rest is written. An article whose
    template was made from it as it is now (:mod:`sselocale.statefile`) is
    skipped. ``jobs`` worker processes share the articles.
    """
    stamp = now or catalogs.now_stamp()
    problems: list = []
    articles = project.select(slugs, errors=problems)
    changes = _shared(_extract_part, project, articles, problems, jobs, stamp)
    _report(problems, errors)
    return changes


def _extract_part(articles: list[Article], project: Project, state: StateFile, stamp: str) -> tuple:
    glossary = glossary_bytes(project.config)
    settings = fingerprint(project.config.path)
    changes, problems, done = [], [], {}
    for article in articles:
        path = project.template_path(article.slug)
        digest = source_digest(text=article.text, relpath=article.relpath, config=project.config, glossary=glossary)
        inputs = state_digest(digest, settings)
        if state.fresh("extract", article.relpath, inputs, [path]) is not None:
            changes.append(catalogs.CatalogChange(path, written=False, created=False))
            continue  # made from this very article, glossary and configuration, and not touched since
        article_units = project.units_or_error(article, problems)
        if article_units is None:
            continue
        header = catalogs.template_header(project.config.project, date=stamp, digest=digest)
        title = f"Translations of {article.relpath} ({project.config.project})."
        # A template is made from the article alone: a save that races with
        # this one (another run) is simply followed by this one, never mixed.
        for _attempt in range(SAVE_ATTEMPTS):
            pot = catalogs.make_template(article_units, header=header, title=title)
            change = catalogs.save_catalog(path, pot, now=stamp)
            if not change.stale:
                break
        else:
            raise _keeps_changing(path)
        changes.append(replace(change, content=None))
        done[("extract", article.relpath)] = state.record("extract", article.relpath, inputs, [path])
    return changes, problems, done


def _shared(part: Callable, project: Project, articles: list[Article], problems: list, jobs: int,
            *args: object) -> list:
    """``part(chunk, project, state, *args)`` over the articles, by ``jobs`` workers; its results in order.

    Each part returns ``(results, problems, records)``: the state records it made
    come back to this process, which alone writes the state file.
    """
    state = StateFile.load(project.config.root)
    results: list = []
    for part_results, part_problems, records in map_shared(part, articles, project, state, *args, jobs=jobs):
        results += part_results
        problems += part_problems
        state.merge(records)
    state.save()
    return results


def _report(problems: list, errors: list | None) -> None:
    """Hand the problems of a step to the caller's list, or raise them all at once."""
    if errors is not None:
        errors.extend(p for p in problems if str(p) not in {str(e) for e in errors})
    else:
        raise_all(problems)


def update(
    project: Project,
    *,
    langs: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
    now: str | None = None,
    annotate: Callable[[str, str], list[str]] | None = None,
    errors: list | None = None,
    jobs: int = 1,
) -> list[catalogs.CatalogChange]:
    """Create or merge ``locales/<lang>/<slug>.po`` from each template.

    ``annotate(lang, msgid)`` adds extracted comments (glossary hints) to entries.
    Every catalog and template is read strictly before the first file is
    written. A catalog saved by someone else while it was being merged is read
    and merged again, so their save is kept. An article that cannot be read,
    or whose template or a catalog is damaged, is left as it is and its error
    reported as :func:`extract` does; the others are merged. A catalog merged
    with its template as they both are now is skipped; ``jobs`` workers share the articles.
    """
    stamp = now or catalogs.now_stamp()
    problems: list = []
    articles = sound_articles(project, langs=langs, slugs=slugs, errors=problems)
    changes = _shared(_update_part, project, articles, problems, jobs, project.languages(langs), stamp, annotate)
    _report(problems, errors)
    return changes


def _update_part(articles: list[Article], project: Project, state: StateFile, languages: tuple[str, ...],
                 stamp: str, annotate: Callable[[str, str], list[str]] | None) -> tuple:
    # Units the old catalog has nothing for get the translation memory's best match.
    memories: dict[str, Callable] = {}

    def suggest(lang: str) -> Callable:
        if lang not in memories:  # built on first need: a no-op update never reads the memory
            from .memory.reuse import suggester

            memories[lang] = suggester(project.config, lang)
        return memories[lang]

    settings = fingerprint(project.config.path)
    hints = state_digest(glossary_bytes(project.config)) if annotate else "no hints"
    changes, problems, done = [], [], {}
    for article in articles:
        template_path = project.template_path(article.slug)
        made_from = fingerprint(template_path)
        pending = []
        for lang in languages:
            path = project.po_path(lang, article.slug)
            inputs = state_digest(made_from, settings, hints, lang)
            if made_from != "-" and state.fresh("update", f"{lang}/{article.slug}", inputs, [path]) is not None:
                # Merged with this template, and neither it nor the catalog changed since.
                changes.append(catalogs.CatalogChange(path, written=False, created=False))
            else:
                pending.append((lang, path, inputs))
        if not pending:
            continue
        if template_path.exists():
            template = catalogs.load_catalog(template_path)
        else:
            units = project.units_or_error(article, problems)
            if units is None:
                continue
            header = catalogs.template_header(project.config.project, date=stamp)
            template = catalogs.make_template(units, header=header)
        pot_date = template.metadata.get("POT-Creation-Date", stamp)
        for lang, path, inputs in pending:
            header = catalogs.language_header(project.config.project, lang, pot_date=pot_date, date=stamp)
            hook = (lambda msgid, _lang=lang: annotate(_lang, msgid)) if annotate else None
            for _attempt in range(SAVE_ATTEMPTS):
                loaded = catalogs.open_catalog(path) if path.exists() else None
                old, raw = (loaded.po, loaded.raw) if loaded else (None, None)
                po = catalogs.merge(old, template, header=header, annotate=hook, suggest=suggest(lang))
                change = catalogs.save_catalog(path, po, now=stamp, expected=raw)
                if not change.stale:
                    break
            else:
                raise _keeps_changing(path)
            changes.append(replace(change, content=None))
            if made_from != "-":
                key = f"{lang}/{article.slug}"
                done[("update", key)] = state.record("update", key, inputs, [path])
    return changes, problems, done


def _keeps_changing(path: Path) -> CatalogError:
    return CatalogError(
        f"the file changed on disk {SAVE_ATTEMPTS} times while sselocale was writing it; nothing written",
        path=path,
        hint="close the program that keeps saving it (or wait for the other run to finish), then run again",
    )


def sound_articles(
    project: Project, *, langs: tuple[str, ...] = (), slugs: tuple[str, ...] = (), errors: list,
) -> list[Article]:
    """The selected articles that can be read and whose template and catalogs are sound.

    The errors of the others are appended to ``errors``: a command goes on with the rest.
    """
    languages = project.languages(langs)
    problems: list = []
    out = []
    state = StateFile.load(project.config.root)
    for article in project.select(slugs, errors=problems):
        paths = (project.template_path(article.slug), *(project.po_path(lang, article.slug) for lang in languages))
        try:
            # A file exactly as a step of ours wrote it needs no reading again.
            catalogs.verify(path for path in paths if path.exists() and not state.made(path))
        except CatalogError as exc:
            problems.append(exc)
            continue
        out.append(article)
    _report(problems, errors)
    return out


def verify_catalogs(project: Project, *, langs: tuple[str, ...] = (), slugs: tuple[str, ...] = ()) -> None:
    """Read every selected catalog strictly; a damaged one stops a command before it writes anything."""
    languages = project.languages(langs)
    catalogs.verify([
        path
        for article in project.select(slugs)
        for path in (project.template_path(article.slug), *(project.po_path(lang, article.slug) for lang in languages))
        if path.exists()
    ])


def language_counts(
    project: Project, *, langs: tuple[str, ...] = (), slugs: tuple[str, ...] = ()
) -> list[tuple[str, Counts]]:
    """Entry counts per language over the selected articles' catalogs.

    Each catalog is read once per version of the file: ``status`` and this share
    the coverage the state file keeps (:func:`sselocale.review.coverage.cached_coverage`).
    """
    from .po import fastread
    from .review.coverage import cached_coverage, coverage

    out = []
    state = StateFile.load(project.config.root)
    for lang in project.languages(langs):
        total = Counts()
        for _lang, slug, path in project.po_paths((lang,), slugs):
            total = total + cached_coverage(state, f"{lang}/{slug}", path,
                                            lambda p=path: coverage(fastread.read_entries(p))).counts
        out.append((lang, total))
    state.save()
    return out


def translations(po: polib.POFile, *, include_fuzzy: bool) -> dict[str, str]:
    """msgid → msgstr for the entries that may be published."""
    out = {}
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        if is_fuzzy(entry) and not include_fuzzy:
            continue
        out[entry.msgid] = entry.msgstr
    return out


@dataclass(frozen=True, slots=True)
class BuildResult:
    """One rebuilt (or skipped) article."""

    lang: str
    slug: str
    path: Path | None
    """Where it was written, None when skipped (low coverage, or a stale catalog)."""
    coverage: float
    written: bool
    stale: Stale | None = None
    """Why it was skipped as stale: its catalog no longer matches the sources."""
    refused: tuple[Refusal, ...] = ()
    """Translations not published because they are unsafe (the source text was kept)."""


def build(
    project: Project,
    *,
    langs: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
    include_fuzzy: bool = False,
    min_coverage: float = 0.0,
    allow_stale: bool = False,
    errors: list | None = None,
    jobs: int = 1,
) -> list[BuildResult]:
    """Write ``build/<lang>/<slug>.md`` for each language and article.

    An article whose catalog is stale (:mod:`sselocale.po.freshness`) is skipped
    unless ``allow_stale``: built, it would publish the changed text in English.
    One built from its article and catalog as they are now, with nothing
    refused, is not built again; ``jobs`` workers share the articles.
    """
    # An article that cannot be read, or whose catalog is damaged, is not
    # built; its error is reported with the others once the rest is written.
    problems: list = []
    articles = sound_articles(project, langs=langs, slugs=slugs, errors=problems)
    chosen = tuple(a.slug for a in articles)
    stale = {} if allow_stale or not chosen else {
        (s.lang, s.slug): s for s in stale_catalogs(project, langs=langs, slugs=chosen)}
    results = _shared(_build_part, project, articles, problems, jobs, project.languages(langs), stale,
                      include_fuzzy, min_coverage)
    _report(problems, errors)
    return results


def _build_part(articles: list[Article], project: Project, state: StateFile, languages: tuple[str, ...],
                stale: dict, include_fuzzy: bool, min_coverage: float) -> tuple:
    settings = fingerprint(project.config.path)
    results, problems, done = [], [], {}
    for article in articles:
        source = fingerprint(article.path)
        for lang in languages:
            if (lang, article.slug) in stale:
                results.append(BuildResult(lang, article.slug, None, 0.0, False, stale[(lang, article.slug)]))
                continue
            path = project.po_path(lang, article.slug)
            out = project.config.paths.build / lang / f"{article.slug}.md"
            key, inputs = f"{lang}/{article.slug}", state_digest(
                source, fingerprint(path), settings, lang, repr((include_fuzzy, min_coverage)))
            known = state.fresh("build", key, inputs, [out])
            if known is not None and isinstance(known.get("coverage"), float):
                # Built from this very article and catalog, nothing refused: the same file again.
                made = out if known["coverage"] >= min_coverage else None
                results.append(BuildResult(lang, article.slug, made, known["coverage"], False))
                continue
            units = project.units_or_error(article, problems)
            if units is None:
                break
            mapping = translations(catalogs.load_catalog(path), include_fuzzy=include_fuzzy) if path.exists() else {}
            built: BuiltArticle = rebuild(article, units, mapping, lang=lang,
                                          allowed_hosts=project.config.release.allowed_hosts)
            if built.coverage < min_coverage:
                results.append(BuildResult(lang, article.slug, None, built.coverage, False, refused=built.refused))
            else:
                written = write_if_changed(out, built.text)
                results.append(BuildResult(lang, article.slug, out, built.coverage, written, refused=built.refused))
            if not built.refused:  # a refusal is said again on every build: never skipped
                done[("build", key)] = state.record("build", key, inputs, [out], {"coverage": built.coverage})
    return results, problems, done
