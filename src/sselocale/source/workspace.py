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
from ..errors import ConfigError, ContentError, InputErrors, brief
from ..langcodes import canonical, language_problem
from .articles import Article, load_articles
from .dialects import detect
from .units import Unit, segment


@dataclass
class Project:
    """Configuration plus lazily loaded articles and units."""

    config: Config
    _articles: list[Article] | None = field(default=None, repr=False)
    _units: dict[str, list[Unit]] = field(default_factory=dict, repr=False)
    _broken: tuple[ContentError, ...] = field(default=(), repr=False)

    @classmethod
    def open(cls, start: Path | None = None) -> "Project":
        return cls(load_config(find_config(Path(start or Path.cwd()))))

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def articles(self) -> list[Article]:
        """Every article; an article that cannot be read is an error (all of them, in one)."""
        readable, broken = self.readable()
        if broken:
            raise broken[0] if len(broken) == 1 else InputErrors(list(broken))
        return readable

    def readable(self) -> tuple[list[Article], tuple[ContentError, ...]]:
        """The articles that can be read, and the errors of those that cannot."""
        if self._articles is None:
            broken: list[ContentError] = []
            # Front matter is parsed on first use: status and check need only slugs.
            self._articles = load_articles(self.config.paths.content, root=self.root, parse=False, errors=broken,
                                           slug_field=self.config.slugs != "path")
            self._broken = tuple(broken)
        return self._articles, self._broken

    def select(self, slugs: tuple[str, ...] | list[str] = (), *, errors: list | None = None) -> list[Article]:
        """The articles named by ``slugs`` (all when empty); unknown slugs are an error.

        An article that cannot be read is an error when ``slugs`` is empty (or
        names one not found). With an ``errors`` list, those errors are appended
        and the readable articles returned, so that one broken article does not
        stop the others; without one, they are raised.
        """
        readable, broken = self.readable()
        if not slugs:
            if errors is None:
                return self.articles
            errors.extend(broken)
            return readable
        known = {a.slug: a for a in readable}
        missing = [s for s in slugs if s not in known]
        if missing:
            unknown = ConfigError(
                f"unknown article {brief(missing[0])}",
                hint=f"known articles: {', '.join(sorted(known)) or 'none'}",
            )
            raise InputErrors([*broken, unknown]) if broken else unknown
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

    @property
    def dialect(self) -> str:
        """The site's Markdown dialect: as configured, else detected from the project's files."""
        return self.config.dialect or detect(self.root)

    def units(self, article: Article) -> list[Unit]:
        if article.slug not in self._units:
            self._units[article.slug] = segment(article, fields=self.config.front_matter, dialect=self.dialect)
        return self._units[article.slug]

    def units_or_error(self, article: Article, errors: list) -> list[Unit] | None:
        """The article's units, or None with its error appended when it cannot be segmented."""
        try:
            return self.units(article)
        except ContentError as exc:
            errors.append(exc)
            return None

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

