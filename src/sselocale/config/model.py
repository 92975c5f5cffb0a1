"""What ``sselocale.yaml`` holds once read: the settings dataclasses and their defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CONFIG_NAME = "sselocale.yaml"

#: Front-matter fields the tool reads itself, so a translation may not change them.
READ_BY_THE_TOOL = {
    "slug": "it names the article's catalogs and built files",
    "lang": "build writes the language code there",
    "date": "build writes the date out in each language",
}

#: Site dialects (see ``sselocale.source.dialects``): the syntax kept out of units.
KNOWN_DIALECTS = ("auto", "commonmark", "jekyll", "hugo", "mkdocs", "vitepress", "docusaurus")

#: Engines the project knows, in the default fallback order.
KNOWN_ENGINES = ("argos", "apertium", "pseudo")

DEFAULT_CONFIG = """\
# sselocale project configuration.
# Paths are relative to this file's folder.
project: SSE portal
source_language: en
languages: [{languages}]

paths:
  content: content        # source articles, Markdown with YAML front matter
  locales: locales        # templates/<slug>.pot and <lang>/<slug>.po
  glossary: glossary/sse.yaml
  build: build            # rebuilt translated articles

# Front-matter fields that translators see; every other field is copied as it is.
# Nested keys with dots (seo.description); a list of strings gives one unit per item.
front_matter: [title, summary]

# The site's Markdown dialect: commonmark, jekyll, hugo, mkdocs, vitepress,
# docusaurus, or auto (every form below). Detected from the site's files when absent.
# dialect: auto

# Where an article's slug (the name of its catalogs) comes from: front-matter
# (a `slug` field, else its path under content/) or path (always the path, for
# sites whose `slug` field is a URL, as in Hugo and Docusaurus).
# slugs: front-matter

translation:
  # Engines tried in order for every language; the first that can serve a
  # language pair is used. Override per language under `languages`.
  engines: [argos, apertium]
  languages: {{}}
  # Whether an engine may go through a third language (Apertium en→es→fr,
  # en→es→pt), per language; true unless set, e.g. {{fr: false}}.
  pivots: {{}}
  argos:
    beam_size: 4
    max_batch_size: 16     # sentences per CTranslate2 batch (memory grows with it)
    inter_threads: 0       # batches translated in parallel; 0: up to 4, one per core
    intra_threads: 0       # threads per batch; 0: the cores left over
    device: cpu            # cpu or cuda
    compute_type: auto     # auto, int8, int8_float32, float16, float32, ...
    max_decoding_length: 256

# What `sselocale check` demands before a release may ship.
release:
  min_coverage: 100        # percent of units reviewed, every language
  languages: {{}}            # per-language overrides, e.g. {{ru: 90}}
  count_fuzzy: false       # whether fuzzy (unreviewed) units count as translated
  articles: []             # slugs in the release; empty means every article
  allowed_hosts: []        # hosts any translation may link to, e.g. [www.ilo.org, "*.coop"]

# The translation memory: every reviewed entry of every catalog, per language,
# plus TMX files (`sselocale tm import` copies them to locales/tm/). It fills
# units before any engine; see `sselocale tm stats`.
memory:
  threshold: 75            # percent similarity from which a match is offered (as fuzzy)
  accept_exact: false      # true: an exact match reviewed elsewhere is taken as reviewed
  tmx: []                  # more TMX files to read, e.g. [../shared/portal.tmx]
"""


@dataclass(frozen=True, slots=True)
class Paths:
    """Absolute paths of the project's folders and files."""

    root: Path
    content: Path
    locales: Path
    glossary: Path
    build: Path

    @property
    def templates(self) -> Path:
        return self.locales / "templates"


@dataclass(frozen=True, slots=True)
class ArgosOptions:
    """Decoding options handed to CTranslate2 for Argos models."""

    beam_size: int = 4
    max_batch_size: int = 16
    inter_threads: int = 0
    """0: as many parallel batches as cores, at most 4 (see ``engines.argos.threads``)."""
    intra_threads: int = 0
    """0: the cores divided among the parallel batches."""
    device: str = "cpu"
    compute_type: str = "auto"
    max_decoding_length: int = 256


@dataclass(frozen=True, slots=True)
class TranslationSettings:
    """Which engines serve which language, in fallback order."""

    engines: tuple[str, ...] = ("argos", "apertium")
    per_language: dict[str, tuple[str, ...]] = field(default_factory=dict)
    argos: ArgosOptions = field(default_factory=ArgosOptions)
    pivots: dict[str, bool] = field(default_factory=dict)
    """Per language: whether a route through a third language may serve it (default true)."""

    def engines_for(self, lang: str) -> tuple[str, ...]:
        return self.per_language.get(lang, self.engines)

    def pivot_allowed(self, lang: str) -> bool:
        return self.pivots.get(lang, True)


@dataclass(frozen=True, slots=True)
class ReleaseSettings:
    """Thresholds that ``sselocale check`` enforces."""

    min_coverage: float = 100.0
    per_language: dict[str, float] = field(default_factory=dict)
    count_fuzzy: bool = False
    articles: tuple[str, ...] = ()
    allowed_hosts: frozenset[str] = frozenset()
    """Hosts any translation may link to (``*.coop``: every host under ``coop``), though its source does not."""

    def min_coverage_for(self, lang: str) -> float:
        return self.per_language.get(lang, self.min_coverage)


@dataclass(frozen=True, slots=True)
class MemorySettings:
    """How the translation memory fills units (see :mod:`sselocale.memory`)."""

    threshold: int = 75
    """Percent similarity from which a memory match is offered."""
    accept_exact: bool = False
    """Whether an exact match, reviewed elsewhere, is written as reviewed rather than fuzzy."""
    tmx: tuple[Path, ...] = ()
    """TMX files read besides those in ``locales/tm/`` (absolute paths)."""


@dataclass(frozen=True, slots=True)
class Config:
    """The whole project configuration."""

    path: Path
    project: str
    source_language: str
    languages: tuple[str, ...]
    paths: Paths
    front_matter: tuple[str, ...] = ("title", "summary")
    translation: TranslationSettings = field(default_factory=TranslationSettings)
    release: ReleaseSettings = field(default_factory=ReleaseSettings)
    memory: MemorySettings = field(default_factory=MemorySettings)
    dialect: str = ""
    """The site's Markdown dialect (:data:`KNOWN_DIALECTS`); empty: detected from the project's files."""
    slugs: str = "front-matter"
    """Where slugs come from: ``front-matter`` (a ``slug`` field, else the path) or ``path`` only."""

    @property
    def root(self) -> Path:
        return self.paths.root
