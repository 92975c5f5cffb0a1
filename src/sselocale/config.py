"""Project configuration: ``sselocale.yaml``, loaded once into a dataclass.

Every error names the key and the line it stands on, so that a typo in the
configuration reads like a compiler message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import safeyaml
from .errors import BRIEF_WIDTH, ConfigError, brief
from .langcodes import HINT as LANGUAGE_HINT
from .langcodes import canonical, language_problem

CONFIG_NAME = "sselocale.yaml"

#: Front-matter fields the tool reads itself, so a translation may not change them.
READ_BY_THE_TOOL = {
    "slug": "it names the article's catalogs and built files",
    "lang": "build writes the language code there",
    "date": "build writes the date out in each language",
}

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
front_matter: [title, summary]

translation:
  # Engines tried in order for every language; the first that can serve a
  # language pair is used. Override per language under `languages`.
  engines: [argos, apertium]
  languages: {{}}
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

    def engines_for(self, lang: str) -> tuple[str, ...]:
        return self.per_language.get(lang, self.engines)


@dataclass(frozen=True, slots=True)
class ReleaseSettings:
    """Thresholds that ``sselocale check`` enforces."""

    min_coverage: float = 100.0
    per_language: dict[str, float] = field(default_factory=dict)
    count_fuzzy: bool = False
    articles: tuple[str, ...] = ()

    def min_coverage_for(self, lang: str) -> float:
        return self.per_language.get(lang, self.min_coverage)


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

    @property
    def root(self) -> Path:
        return self.paths.root


def find_config(start: Path) -> Path:
    """Return ``sselocale.yaml`` in ``start`` or its nearest parent folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if candidate.exists():  # a FIFO or a folder: reading it would block, or fail
            raise ConfigError("the configuration is not a regular file", path=candidate)
    raise ConfigError(
        f"no {CONFIG_NAME} in {start} or any parent folder",
        hint="run `sselocale init` to create a project, or `sselocale -C DIR` to run in one",
    )


def load_config(path: Path) -> Config:
    """Read and validate ``sselocale.yaml``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", path=path) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("configuration is not valid UTF-8", path=path) from exc
    data = safeyaml.load(text, error=ConfigError, path=path)
    if data is None:
        data = {}
    reader = _Reader(path, data, "")
    root = path.parent.resolve()

    languages = tuple(canonical(c) for c in reader.str_list("languages", default=["fr", "es", "pt", "ru"]))
    source = canonical(reader.str("source_language", default="en"))
    for key, codes in (("source_language", [source]), ("languages", languages)):
        for code in codes:
            _check_language(code, reader, key)
    if source in languages:
        reader.fail("languages", f"the source language {brief(source)} cannot also be a target")
    if len(set(languages)) != len(languages):
        reader.fail("languages", "a language is listed twice")

    paths_in = reader.section("paths")
    paths = Paths(
        root=root,
        content=root / paths_in.str("content", default="content"),
        locales=root / paths_in.str("locales", default="locales"),
        glossary=root / paths_in.str("glossary", default="glossary/sse.yaml"),
        build=root / paths_in.str("build", default="build"),
    )

    tr = reader.section("translation")
    engines = tuple(tr.str_list("engines", default=list(TranslationSettings().engines)))
    for name in engines:
        _check_engine(name, tr, "engines")
    per_lang: dict[str, tuple[str, ...]] = {}
    langs_in = tr.section("languages")
    for lang in langs_in.keys():
        if canonical(lang) not in languages:
            langs_in.fail(lang, f"{brief(lang)} is not one of the configured languages")
        names = tuple(langs_in.str_list(lang))
        for name in names:
            _check_engine(name, langs_in, lang)
        per_lang[canonical(lang)] = names
    ar = tr.section("argos")
    defaults = ArgosOptions()
    device = ar.str("device", default=defaults.device)
    if device not in ("cpu", "cuda", "auto"):
        ar.fail("device", f"device must be cpu, cuda or auto, not {brief(device)}")
    argos = ArgosOptions(
        beam_size=ar.int("beam_size", default=defaults.beam_size, minimum=1),
        max_batch_size=ar.int("max_batch_size", default=defaults.max_batch_size, minimum=1),
        inter_threads=ar.int("inter_threads", default=defaults.inter_threads, minimum=0),
        intra_threads=ar.int("intra_threads", default=defaults.intra_threads, minimum=0),
        device=device,
        compute_type=ar.str("compute_type", default=defaults.compute_type),
        max_decoding_length=ar.int(
            "max_decoding_length", default=defaults.max_decoding_length, minimum=1
        ),
    )

    rel = reader.section("release")
    per_cov: dict[str, float] = {}
    cov_in = rel.section("languages")
    for lang in cov_in.keys():
        if canonical(lang) not in languages:
            cov_in.fail(lang, f"{brief(lang)} is not one of the configured languages")
        per_cov[canonical(lang)] = cov_in.percent(lang)
    release = ReleaseSettings(
        min_coverage=rel.percent("min_coverage", default=100.0),
        per_language=per_cov,
        count_fuzzy=rel.bool("count_fuzzy", default=False),
        articles=tuple(rel.str_list("articles", default=[])),
    )

    reader.check_unknown(
        {"project", "source_language", "languages", "paths", "front_matter",
         "translation", "release"}
    )
    paths_in.check_unknown({"content", "locales", "glossary", "build"})
    tr.check_unknown({"engines", "languages", "argos"})
    ar.check_unknown(set(ArgosOptions.__dataclass_fields__))
    rel.check_unknown({"min_coverage", "languages", "count_fuzzy", "articles"})

    return Config(
        path=path.resolve(),
        project=reader.str("project", default=root.name),
        source_language=source,
        languages=languages,
        paths=paths,
        front_matter=_front_matter(reader),
        translation=TranslationSettings(engines=engines, per_language=per_lang, argos=argos),
        release=release,
    )


def default_config_text(languages: tuple[str, ...] = ("fr", "es", "pt", "ru")) -> str:
    return DEFAULT_CONFIG.format(languages=", ".join(languages))


def check_language(code: str) -> str | None:
    """Return an error message if ``code`` is not a gettext language code (see :mod:`.langcodes`)."""
    return language_problem(code)


def _front_matter(reader: "_Reader") -> tuple[str, ...]:
    fields = tuple(reader.str_list("front_matter", default=["title", "summary"]))
    for name in fields:
        if name in READ_BY_THE_TOOL:
            reader.fail("front_matter", f"{brief(name)} cannot be translated: {READ_BY_THE_TOOL[name]}",
                        hint="list only fields that readers see as text, such as title and summary")
    return fields


def _check_language(code: str, reader: "_Reader", key: str) -> None:
    if len(code) > 20:  # no language code is this long; do not echo all of it
        reader.fail(key, f"not a language code: {brief(code)}", hint=LANGUAGE_HINT)
    problem = check_language(code)
    if problem:
        reader.fail(key, problem, hint=LANGUAGE_HINT)


def _check_engine(name: str, reader: "_Reader", key: str) -> None:
    if name not in KNOWN_ENGINES:
        reader.fail(key, f"unknown engine {brief(name)}", hint=f"known engines: {', '.join(KNOWN_ENGINES)}")


class _Reader:
    """Typed access to one mapping of the YAML document, with line numbers."""

    def __init__(self, path: Path, data: Any, prefix: str, line: int | None = None) -> None:
        self.path = path
        self.prefix = prefix
        self.line = line
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(
                f"{prefix.rstrip('.') or 'the document'} must be a mapping",
                path=path,
                line=line,
            )
        self.data = data

    def keys(self) -> list[str]:
        return [str(k) for k in self.data]

    def line_of(self, key: str) -> int | None:
        lc = getattr(self.data, "lc", None)
        if lc is not None:
            try:
                return lc.key(key)[0] + 1
            except (KeyError, TypeError):
                pass
        return self.line

    def fail(self, key: str, message: str, *, hint: str | None = None) -> None:
        shown = key if len(key) <= BRIEF_WIDTH else key[: BRIEF_WIDTH - 1] + "…"
        raise ConfigError(f"{self.prefix}{shown}: {message}", path=self.path, line=self.line_of(key), hint=hint)

    def section(self, key: str) -> "_Reader":
        return _Reader(self.path, self.data.get(key), f"{self.prefix}{key}.", self.line_of(key))

    def str(self, key: str, *, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "is required")
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, not {brief(value)}")
        return value.strip()

    def str_list(self, key: str, *, default: list[str] | None = None) -> list[str]:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "is required")
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of strings")
        return [v.strip() for v in value]

    def int(self, key: str, *, default: int, minimum: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"must be an integer of at least {minimum}, not {brief(value)}")
        return value

    def bool(self, key: str, *, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {brief(value)}")
        return value

    def percent(self, key: str, *, default: float | None = None) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            self.fail(key, f"must be a percentage between 0 and 100, not {brief(value)}")
        return float(value)

    def check_unknown(self, known: set[str]) -> None:
        for key in self.keys():
            if key not in known:
                self.fail(key, "unknown key", hint=f"known keys: {', '.join(sorted(known))}")
