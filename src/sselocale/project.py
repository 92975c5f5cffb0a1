"""A project on disk: its configuration, articles and catalogs, and the steps over them.

Each step reads files, calls the pure functions of its stage module, and writes
atomically. The CLI calls these and only formats what they return.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from .config import default_config_text
from .errors import CatalogError, ConfigError
from .files import atomic_write, write_if_changed
from .langcodes import HINT as LANGUAGE_HINT
from .langcodes import canonical, language_problem
from .po import catalogs
from .po.freshness import Stale, stale_catalogs
from .po.state import Counts, count, is_fuzzy
from .publish.build import BuiltArticle, Refusal, rebuild
from .source.digest import glossary_bytes, source_digest
from .source.workspace import Project

__all__ = [
    "BuildResult", "Project", "Stale", "build", "extract", "init_project", "language_counts", "stale_catalogs",
    "translations", "update", "verify_catalogs",
]


def init_project(folder: Path, *, languages: tuple[str, ...]) -> list[Path]:
    """Create ``sselocale.yaml`` and the project folders; never overwrite a file."""
    from .config import CONFIG_NAME

    for lang in languages:
        problem = language_problem(lang)
        if problem:
            raise ConfigError(problem, hint=LANGUAGE_HINT)
    languages = tuple(canonical(lang) for lang in languages)
    folder = Path(folder)
    created: list[Path] = []
    config = folder / CONFIG_NAME
    if config.exists():
        raise ConfigError(
            "a project already exists here", path=config, hint="edit sselocale.yaml instead"
        )
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(config, default_config_text(tuple(languages)))
    created.append(config)
    for name in ("content", "locales/templates", "glossary"):
        path = folder / name
        if not path.exists():
            path.mkdir(parents=True)
            created.append(path)
    for lang in languages:
        (folder / "locales" / lang).mkdir(parents=True, exist_ok=True)
    glossary = folder / "glossary" / "sse.yaml"
    if not glossary.exists():
        atomic_write(glossary, starter_glossary(languages))
        created.append(glossary)
    example = folder / "content" / "welcome.md"
    if not any((folder / "content").glob("*.md")):
        atomic_write(example, WELCOME_ARTICLE)
        created.append(example)
    return created


def starter_glossary(languages: tuple[str, ...]) -> str:
    """The glossary a new project starts with.

    The SSE glossary the tool ships when it covers every language asked for;
    otherwise a commented starter for those languages, which validates as it is.
    """
    from importlib.resources import files as package_files

    shipped = package_files("sselocale.glossary").joinpath("data/sse.yaml").read_text(encoding="utf-8")
    covered = ("fr", "es", "pt", "ru")
    if all(lang in covered for lang in languages):
        return shipped
    return STARTER_GLOSSARY.format(languages=", ".join(languages))


STARTER_GLOSSARY = """\
# Terminology glossary of the portal: one concept per entry, a term in every
# language. Terms with policy `translate` are protected during machine
# translation and the target term inserted; `keep` names stay as written;
# `check-only` terms are checked in review. Validate after editing:
#   sselocale glossary validate
source_language: en
languages: [{languages}]

concepts: []
# An entry looks like this (one term per language listed above):
#  - id: cooperative
#    pos: noun
#    policy: translate
#    definition: An autonomous association of persons united voluntarily.
#    en: {{term: cooperative, variants: [co-operative]}}
#    fr: coopérative
"""


WELCOME_ARTICLE = """\
---
title: Welcome to the social and solidarity economy portal
summary: A first article to translate.
date: 2024-01-15
tags: [welcome]
slug: welcome
---

## What this portal is for

Cooperatives, mutual benefit societies, associations and social enterprises
share news and stories here, in several languages.

- Write articles in `content/` as Markdown.
- Run `sselocale sync` to prepare translations.
"""


#: How often a write is redone when another program keeps saving the same file meanwhile.
SAVE_ATTEMPTS = 5


def extract(project: Project, *, slugs: tuple[str, ...] = (), now: str | None = None) -> list[catalogs.CatalogChange]:
    """Write ``locales/templates/<slug>.pot`` for every selected article."""
    stamp = now or catalogs.now_stamp()
    articles = project.select(slugs)
    # Every article is segmented before the first file is written, so bad
    # input in any of them stops the run with nothing changed.
    units = [project.units(article) for article in articles]
    glossary = glossary_bytes(project.config)
    changes = []
    for article, article_units in zip(articles, units):
        path = project.template_path(article.slug)
        digest = source_digest(text=article.text, relpath=article.relpath, config=project.config, glossary=glossary)
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
        changes.append(change)
    return changes


def update(
    project: Project,
    *,
    langs: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
    now: str | None = None,
    annotate: Callable[[str, str], list[str]] | None = None,
) -> list[catalogs.CatalogChange]:
    """Create or merge ``locales/<lang>/<slug>.po`` from each template.

    ``annotate(lang, msgid)`` adds extracted comments (glossary hints) to entries.
    Every catalog and template is read strictly before the first file is
    written. A catalog saved by someone else while it was being merged is read
    and merged again, so their save is kept.
    """
    stamp = now or catalogs.now_stamp()
    articles = project.select(slugs)
    languages = project.languages(langs)
    verify_catalogs(project, langs=langs, slugs=slugs)
    changes = []
    for article in articles:
        template_path = project.template_path(article.slug)
        if template_path.exists():
            template = catalogs.load_catalog(template_path)
        else:
            header = catalogs.template_header(project.config.project, date=stamp)
            template = catalogs.make_template(project.units(article), header=header)
        pot_date = template.metadata.get("POT-Creation-Date", stamp)
        for lang in languages:
            path = project.po_path(lang, article.slug)
            header = catalogs.language_header(project.config.project, lang, pot_date=pot_date, date=stamp)
            hook = (lambda msgid, _lang=lang: annotate(_lang, msgid)) if annotate else None
            for _attempt in range(SAVE_ATTEMPTS):
                loaded = catalogs.open_catalog(path) if path.exists() else None
                old, raw = (loaded.po, loaded.raw) if loaded else (None, None)
                po = catalogs.merge(old, template, header=header, annotate=hook)
                change = catalogs.save_catalog(path, po, now=stamp, expected=raw)
                if not change.stale:
                    break
            else:
                raise _keeps_changing(path)
            changes.append(change)
    return changes


def _keeps_changing(path: Path) -> CatalogError:
    return CatalogError(
        f"the file changed on disk {SAVE_ATTEMPTS} times while sselocale was writing it; nothing written",
        path=path,
        hint="close the program that keeps saving it (or wait for the other run to finish), then run again",
    )


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
    """Entry counts per language over the selected articles' catalogs."""
    out = []
    for lang in project.languages(langs):
        total = Counts()
        for _lang, _slug, path in project.po_paths((lang,), slugs):
            total = total + count(catalogs.load_catalog(path))
        out.append((lang, total))
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
) -> list[BuildResult]:
    """Write ``build/<lang>/<slug>.md`` for each language and article.

    An article whose catalog is stale (:mod:`sselocale.po.freshness`) is skipped
    unless ``allow_stale``: built, it would publish the changed text in English.
    """
    # A damaged catalog stops the build before the first article is written.
    catalogs.verify(path for _lang, _slug, path in project.po_paths(langs, slugs))
    stale = {} if allow_stale else {(s.lang, s.slug): s for s in stale_catalogs(project, langs=langs, slugs=slugs)}
    results = []
    for article in project.select(slugs):
        for lang in project.languages(langs):
            if (lang, article.slug) in stale:
                results.append(BuildResult(lang, article.slug, None, 0.0, False, stale[(lang, article.slug)]))
                continue
            units = project.units(article)
            path = project.po_path(lang, article.slug)
            mapping = translations(catalogs.load_catalog(path), include_fuzzy=include_fuzzy) if path.exists() else {}
            built: BuiltArticle = rebuild(article, units, mapping, lang=lang,
                                          allowed_hosts=project.config.release.allowed_hosts)
            out = project.config.paths.build / lang / f"{article.slug}.md"
            if built.coverage < min_coverage:
                results.append(BuildResult(lang, article.slug, None, built.coverage, False, refused=built.refused))
                continue
            written = write_if_changed(out, built.text)
            results.append(BuildResult(lang, article.slug, out, built.coverage, written, refused=built.refused))
    return results
