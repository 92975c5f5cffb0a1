"""Project configuration: ``sselocale.yaml``, loaded once into a dataclass.

Every error names the key and the line it stands on, so that a typo in the
configuration reads like a compiler message.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import safeyaml
from ..errors import ConfigError, brief
from ..langcodes import HINT as LANGUAGE_HINT
from ..langcodes import canonical, language_problem
from .model import (
    CONFIG_NAME,
    DEFAULT_CONFIG,
    KNOWN_DIALECTS,
    KNOWN_ENGINES,
    READ_BY_THE_TOOL,
    ArgosOptions,
    Config,
    MemorySettings,
    Paths,
    ReleaseSettings,
    TranslationSettings,
)
from .reader import Reader

__all__ = [
    "CONFIG_NAME", "DEFAULT_CONFIG", "KNOWN_DIALECTS", "KNOWN_ENGINES", "READ_BY_THE_TOOL", "ArgosOptions", "Config",
    "MemorySettings", "Paths", "ReleaseSettings", "TranslationSettings", "check_language", "default_config_text",
    "find_config", "load_config",
]


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
    reader = Reader(path, data, "")
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
    pivots: dict[str, bool] = {}
    pivots_in = tr.section("pivots")
    for lang in pivots_in.keys():
        if canonical(lang) not in languages:
            pivots_in.fail(lang, f"{brief(lang)} is not one of the configured languages")
        pivots[canonical(lang)] = pivots_in.bool(lang, default=True)
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
        allowed_hosts=_hosts(rel),
    )

    reader.check_unknown(
        {"project", "source_language", "languages", "paths", "front_matter", "dialect", "slugs",
         "translation", "release", "memory"}
    )
    paths_in.check_unknown({"content", "locales", "glossary", "build"})
    tr.check_unknown({"engines", "languages", "argos", "pivots"})
    ar.check_unknown(set(ArgosOptions.__dataclass_fields__))
    rel.check_unknown({"min_coverage", "languages", "count_fuzzy", "articles", "allowed_hosts"})

    return Config(
        path=path.resolve(),
        project=reader.str("project", default=root.name),
        source_language=source,
        languages=languages,
        paths=paths,
        front_matter=_front_matter(reader),
        dialect=_dialect(reader),
        slugs=_slugs(reader),
        translation=TranslationSettings(engines=engines, per_language=per_lang, argos=argos, pivots=pivots),
        release=release,
        memory=_memory(reader.section("memory"), root),
    )


def default_config_text(languages: tuple[str, ...] = ("fr", "es", "pt", "ru")) -> str:
    return DEFAULT_CONFIG.format(languages=", ".join(languages))


def check_language(code: str) -> str | None:
    """Return an error message if ``code`` is not a gettext language code (see :mod:`.langcodes`)."""
    return language_problem(code)


def _dialect(reader: Reader) -> str:
    if "dialect" not in reader.data:
        return ""
    name = reader.str("dialect")
    if name not in KNOWN_DIALECTS:
        reader.fail("dialect", f"unknown dialect {brief(name)}", hint=f"known dialects: {', '.join(KNOWN_DIALECTS)}")
    return name


def _slugs(reader: Reader) -> str:
    value = reader.str("slugs", default="front-matter")
    if value not in ("front-matter", "path"):
        reader.fail("slugs", f"unknown slug source {brief(value)}", hint="use front-matter or path")
    return value


def _front_matter(reader: Reader) -> tuple[str, ...]:
    fields = tuple(reader.str_list("front_matter", default=["title", "summary"]))
    for name in fields:
        if name in READ_BY_THE_TOOL:
            reader.fail("front_matter", f"{brief(name)} cannot be translated: {READ_BY_THE_TOOL[name]}",
                        hint="list only fields that readers see as text, such as title and summary")
    return fields


_HOST = re.compile(r"(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def _hosts(reader: Reader) -> frozenset[str]:
    hosts = []
    for host in reader.str_list("allowed_hosts", default=[]):
        if not _HOST.fullmatch(host.lower()):
            reader.fail("allowed_hosts", f"not a host name: {brief(host)}",
                        hint="write the host alone, such as www.ilo.org, or *.coop for every host under coop")
        hosts.append(host.lower())
    return frozenset(hosts)


def _memory(reader: Reader, root: Path) -> MemorySettings:
    threshold = reader.int("threshold", default=MemorySettings().threshold, minimum=1)
    if threshold > 100:
        reader.fail("threshold", f"must be a percentage between 1 and 100, not {threshold}")
    reader.check_unknown({"threshold", "accept_exact", "tmx"})
    files = tuple(root / name for name in reader.str_list("tmx", default=[]))
    for name, path in zip(reader.str_list("tmx", default=[]), files):
        if not path.is_file():  # checked here, so that no command starts writing before it fails
            reader.fail("tmx", f"no such TMX file: {brief(name)}",
                        hint="name TMX files relative to sselocale.yaml, or import one with `sselocale tm import`")
    return MemorySettings(
        threshold=threshold, accept_exact=reader.bool("accept_exact", default=False), tmx=files,
    )


def _check_language(code: str, reader: Reader, key: str) -> None:
    if len(code) > 20:  # no language code is this long; do not echo all of it
        reader.fail(key, f"not a language code: {brief(code)}", hint=LANGUAGE_HINT)
    problem = check_language(code)
    if problem:
        reader.fail(key, problem, hint=LANGUAGE_HINT)


def _check_engine(name: str, reader: Reader, key: str) -> None:
    if name not in KNOWN_ENGINES:
        reader.fail(key, f"unknown engine {brief(name)}", hint=f"known engines: {', '.join(KNOWN_ENGINES)}")
