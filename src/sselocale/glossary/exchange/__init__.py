"""Exchange formats: TBX (ISO 30042) and CSV, so terminologists can work elsewhere.

One module a format (:mod:`.tbx`, :mod:`.csvfmt`), what their readers share
in :mod:`.common`, and :mod:`.merging` to bring what was read into a glossary.
This module picks the format from the file extension (:class:`Format`) and
reads or writes the file. Imports are all or nothing: the whole file is read
and checked before the glossary is touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from ...errors import GlossaryError, brief
from ..model import Glossary
from .common import Imported, Incoming
from .csvfmt import parse_csv, to_csv
from .merging import ImportResult, merge
from .tbx import parse_tbx, to_tbx

__all__ = [
    "Format",
    "ImportResult",
    "Imported",
    "Incoming",
    "merge",
    "parse_csv",
    "parse_tbx",
    "read_exchange",
    "to_csv",
    "to_tbx",
    "write_exchange",
]


class Format(str, Enum):
    """Exchange file formats, chosen by ``--format`` or the file extension."""

    TBX = "tbx"
    CSV = "csv"

    @classmethod
    def of(cls, path: Path, given: str | None = None) -> "Format":
        name = (given or Path(path).suffix.lstrip(".")).lower()
        try:
            return cls(name)
        except ValueError:
            raise GlossaryError(
                f"unknown exchange format {brief(name or '(no extension)')}",
                path=path,
                hint="use a .tbx or .csv file, or --format tbx|csv",
            ) from None


def read_exchange(
    path: Path | str, *, fmt: str | None = None, source: str, languages: Sequence[str]
) -> Imported:
    """Read a TBX or CSV file; ``languages`` are those the project knows.

    A file that is not well formed, refuses to parse safely, or has terms in
    other languages raises :class:`GlossaryError` naming the file and line.
    """
    path = Path(path)
    kind = Format.of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read file: {exc.strerror}", path=path) from exc
    known = (source, *[lang for lang in languages if lang != source])
    if kind is Format.TBX:
        return parse_tbx(data, path=path, source=source, known=known)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError("CSV file is not valid UTF-8", path=path, line=line) from exc
    return parse_csv(text, path=path, source=source, known=known)


def write_exchange(glossary: Glossary, path: Path | str, *, fmt: str | None = None) -> None:
    """Export ``glossary`` to a TBX or CSV file."""
    from ...files import atomic_write

    path = Path(path)
    kind = Format.of(path, fmt)
    atomic_write(path, to_tbx(glossary) if kind is Format.TBX else to_csv(glossary))
