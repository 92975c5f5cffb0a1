"""The project as every stage sees it: configuration, articles, units, catalog paths.

A :class:`Project` is opened once from ``sselocale.yaml``; articles are read
and segmented on first use, so commands that need only slugs (``status``,
``check``) never parse front matter. The steps over a project live in
:mod:`sselocale.project`; the stages take a :class:`Project` and never import them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, find_config, load_config
from ..errors import ConfigError, brief
from ..langcodes import canonical, language_problem
from .articles import Article, load_articles
from .units import Unit, segment


@dataclass
class Project:
    """Configuration plus lazily loaded articles and units."""

    config: Config
    _articles: list[Article] | None = field(default=None, repr=False)
    _units: dict[str, list[Unit]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, start: Path | None = None) -> "Project":
        return cls(load_config(find_config(Path(start or Path.cwd()))))

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def articles(self) -> list[Article]:
        if self._articles is None:
            # Front matter is parsed on first use: status and check need only slugs.
            self._articles = load_articles(self.config.paths.content, root=self.root, parse=False)
        return self._articles

    def select(self, slugs: tuple[str, ...] | list[str] = ()) -> list[Article]:
        """The articles named by ``slugs`` (all when empty); unknown slugs are an error."""
        if not slugs:
            return self.articles
        known = {a.slug: a for a in self.articles}
        missing = [s for s in slugs if s not in known]
        if missing:
            raise ConfigError(
                f"unknown article {brief(missing[0])}",
                hint=f"known articles: {', '.join(sorted(known)) or 'none'}",
            )
        return [known[s] for s in slugs]

    def languages(self, langs: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
        """The languages named (all configured ones when empty); unknown ones are an error."""
        if not langs:
            return self.config.languages
        chosen = tuple(canonical(lang) for lang in langs)
        for lang, code in zip(langs, chosen):
            if code not in self.config.languages:
                problem = language_problem(lang) if len(lang) <= 20 else None  # none is longer
                raise ConfigError(
                    problem or f"unknown language {brief(lang)}",
                    path=self.config.path,
                    hint=f"configured languages: {', '.join(self.config.languages)}",
                )
        return chosen

    def units(self, article: Article) -> list[Unit]:
        if article.slug not in self._units:
            self._units[article.slug] = segment(article, fields=self.config.front_matter)
        return self._units[article.slug]

    def template_path(self, slug: str) -> Path:
        return self.config.paths.templates / f"{slug}.pot"

    def po_path(self, lang: str, slug: str) -> Path:
        return self.config.paths.locales / lang / f"{slug}.po"

    def po_paths(self, langs: tuple[str, ...] = (), slugs: tuple[str, ...] = ()) -> Iterator[tuple[str, str, Path]]:
        """``(lang, slug, path)`` of every existing PO file for the selection."""
        for lang in self.languages(langs):
            for article in self.select(slugs):
                path = self.po_path(lang, article.slug)
                if path.exists():
                    yield lang, article.slug, path
