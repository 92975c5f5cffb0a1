"""A new project's files: ``sselocale.yaml``, the folders, a glossary and a first article.

``sselocale init`` calls :func:`init_project`; nothing that exists is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from .config import default_config_text
from .errors import ConfigError
from .files import atomic_write
from .langcodes import HINT as LANGUAGE_HINT
from .langcodes import canonical, language_problem


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
    ignore = folder / ".gitignore"
    if not ignore.exists():  # the translation memory's cache (.sselocale/) is rebuilt, never committed
        atomic_write(ignore, "# Rebuilt by sselocale when needed\n.sselocale/\n")
        created.append(ignore)
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
