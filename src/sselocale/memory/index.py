"""The project's translation memory for one language, and its cache.

The memory is every reviewed entry (translated, not fuzzy) of every catalog
in ``locales/<lang>/``, active entries first, then obsolete ones, then the TMX
files in ``locales/tm/`` and those named under ``memory.tmx``. Multi-sentence
entries are also cut into sentence pairs (:mod:`.segments`).

Reading every catalog and cutting sentences costs time on a large portal, so
the pairs are cached in ``.sselocale/memory-<lang>.json`` next to
``sselocale.yaml``, with the size and modification time of every file they were
read from; a cache that is missing, unreadable, or made from other files is
rebuilt. The cache folder ignores itself in git (it holds a ``.gitignore`` of
``*``) and is never needed: deleting it only costs a rebuild.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import CatalogError
from ..files import atomic_write
from ..po import fastread
from ..po.state import State, state
from . import tmx
from .match import Matcher
from .model import Match, Pair
from .segments import sentence_pairs

#: The hidden folder of rebuildable data, next to sselocale.yaml.
CACHE_DIR = ".sselocale"
#: Where ``tm import`` puts TMX files, under the locales folder.
TM_DIR = "tm"
_CACHE_VERSION = 1


@dataclass
class Memory:
    """The reviewed pairs of one language, whole units and sentences, with their indexes."""

    lang: str
    pairs: list[Pair]
    sentences: list[Pair] = field(default_factory=list)
    _units: Matcher | None = field(default=None, repr=False)
    _sentences: Matcher | None = field(default=None, repr=False)

    @property
    def units(self) -> Matcher:
        if self._units is None:
            self._units = Matcher(self.pairs)
        return self._units

    @property
    def sentence_index(self) -> Matcher:
        if self._sentences is None:
            self._sentences = Matcher(self.sentences)
        return self._sentences

    def best(self, text: str, *, threshold: int) -> Match | None:
        """The best match for a whole unit: among reviewed units, then among their sentences."""
        match = self.units.best(text, threshold=threshold)
        if match is None and self.sentences:  # a one-sentence unit may be a sentence of a reviewed paragraph
            match = self.sentence_index.best(text, threshold=threshold)
        return match


def tm_folder(config: Config) -> Path:
    """The folder of imported TMX files."""
    return config.paths.locales / TM_DIR


def tmx_files(config: Config) -> list[Path]:
    """Every TMX file the memory reads: imported ones, then those the configuration names."""
    folder = tm_folder(config)
    found = sorted(folder.glob("*.tmx")) if folder.is_dir() else []
    for path in config.memory.tmx:
        if not path.is_file():
            raise tmx.MemoryFileError("no such TMX file (named under memory.tmx)", path=path,
                                      hint=f"fix the list in {config.path.name}, or import the file with `sselocale tm import`")
    return found + [p for p in config.memory.tmx if p not in found]


def catalog_files(config: Config, lang: str) -> list[Path]:
    folder = config.paths.locales / lang
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []  # catalogs of nested articles too


def load(config: Config, lang: str, *, cache: bool = True) -> Memory:
    """The memory of ``lang``, from the cache when it is up to date."""
    inputs = catalog_files(config, lang) + tmx_files(config)
    stamp = [_stamp(config.root, path) for path in inputs]
    path = config.root / CACHE_DIR / f"memory-{lang}.json"
    if cache:
        cached = _read_cache(path, stamp)
        if cached is not None:
            return Memory(lang, *cached)
    pairs = list(reviewed_pairs(config, lang))
    sentences = [s for pair in pairs for s in sentence_pairs(pair, config.source_language, lang)]
    if cache:
        _write_cache(path, stamp, pairs, sentences)
    return Memory(lang, pairs, sentences)


def reviewed_pairs(config: Config, lang: str) -> Iterator[Pair]:
    """Every reviewed pair of ``lang``: active catalog entries, obsolete ones, then TMX files."""
    obsolete: list[Pair] = []
    for path in catalog_files(config, lang):
        relpath = _relative(config.root, path)
        try:
            entries = fastread.read_entries(path, unique=False)
        except CatalogError:
            continue  # a damaged catalog is reported by the command that reads it; the memory goes on
        for entry in entries:
            if entry.msgid == "" or entry.msgid_plural or not entry.msgstr:
                continue
            if entry.obsolete:
                if "fuzzy" not in entry.flags:
                    obsolete.append(Pair(entry.msgid, entry.msgstr, relpath))
            elif state(entry) is State.TRANSLATED:
                yield Pair(entry.msgid, entry.msgstr, entry.occurrences[0] if entry.occurrences else relpath)
    yield from obsolete
    for path in tmx_files(config):
        yield from tmx_pairs(path, config.source_language, lang, shown=_relative(config.root, path))


def tmx_pairs(path: Path, source_lang: str, lang: str, *, shown: str) -> Iterator[Pair]:
    """The ``source_lang`` → ``lang`` pairs of a TMX file (regional variants of either count)."""
    document = tmx.read(path)
    for unit in document.units:
        source = _variant(unit.variants, source_lang)
        target = _variant(unit.variants, lang)
        if source and target:
            yield Pair(source, target, f"{shown}:{unit.line}")


def same_language(code: str, lang: str) -> bool:
    """Whether a TMX language code serves ``lang``: the same code, or a regional variant of it."""
    code, lang = code.lower().replace("-", "_"), lang.lower()
    return code == lang or ("_" not in lang and "@" not in lang and code.split("_")[0] == lang)


def _variant(variants: dict[str, str], lang: str) -> str | None:
    if lang in variants:
        return variants[lang]
    return next((text for code, text in variants.items() if same_language(code, lang)), None)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _stamp(root: Path, path: Path) -> list:
    info = os.stat(path)
    return [_relative(root, path), info.st_size, info.st_mtime_ns]


def _read_cache(path: Path, stamp: list) -> tuple[list[Pair], list[Pair]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != _CACHE_VERSION or data.get("inputs") != stamp:
            return None
        return [Pair(*p) for p in data["pairs"]], [Pair(*p) for p in data["sentences"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing or damaged: rebuilt


def _write_cache(path: Path, stamp: list, pairs: list[Pair], sentences: list[Pair]) -> None:
    data = {
        "version": _CACHE_VERSION,
        "inputs": stamp,
        "pairs": [[p.source, p.target, p.origin] for p in pairs],
        "sentences": [[p.source, p.target, p.origin] for p in sentences],
    }
    try:
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            atomic_write(ignore, "# Rebuilt by sselocale when needed; never committed.\n*\n")
        atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass  # a read-only checkout still works, only without the cache
