"""``tm export`` and ``tm import``: the project's memory as TMX, and TMX files into it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..files import atomic_write
from . import tmx
from .index import reviewed_pairs, tm_folder, tmx_pairs
from .model import Pair


@dataclass(frozen=True, slots=True)
class Imported:
    """What ``tm import`` did."""

    path: Path
    """Where the file was copied (``locales/tm/<name>.tmx``)."""
    pairs: dict[str, int] = field(default_factory=dict)
    """Translation pairs per project language."""
    replaced: bool = False
    """A file of that name was imported before and is replaced."""


def export_text(config: Config, langs: tuple[str, ...]) -> tuple[str, dict[str, int]]:
    """The memory of ``langs`` as a TMX 1.4b document, and the pairs written per language."""
    items: list[tuple[str, Pair]] = []
    counts: dict[str, int] = {}
    for lang in langs:
        seen: set[tuple[str, str]] = set()
        for pair in reviewed_pairs(config, lang):
            if (pair.source, pair.target) not in seen:
                seen.add((pair.source, pair.target))
                items.append((lang, pair))
        counts[lang] = len(seen)
    return tmx.render(items, source_language=config.source_language), counts


def export(config: Config, path: Path, langs: tuple[str, ...]) -> dict[str, int]:
    """Write the memory of ``langs`` to ``path``; the pairs written per language."""
    text, counts = export_text(config, langs)
    atomic_write(Path(path), text)
    return counts


def import_file(config: Config, path: Path) -> Imported:
    """Check a TMX file whole and copy what serves the project into ``locales/tm/``.

    Only the project's source language and target languages are kept; a file
    with nothing for the project is refused, and nothing is written.
    """
    path = Path(path)
    shown = str(path)
    counts = {lang: sum(1 for _ in tmx_pairs(path, config.source_language, lang, shown=shown))
              for lang in config.languages}
    if not any(counts.values()):
        raise tmx.MemoryFileError(
            f"no translation from {config.source_language} into {', '.join(config.languages)} in this file",
            path=path,
            hint="check the file's languages (srclang and each <tuv xml:lang>)",
        )
    items = [(lang, pair) for lang in config.languages
             for pair in tmx_pairs(path, config.source_language, lang, shown=path.name)]
    target = tm_folder(config) / f"{path.stem}.tmx"
    replaced = target.exists()
    atomic_write(target, tmx.render(items, source_language=config.source_language))
    return Imported(target, {lang: n for lang, n in counts.items() if n}, replaced)
