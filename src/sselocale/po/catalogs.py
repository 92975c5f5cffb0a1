"""Gettext catalogs: one template per article, one PO file per language and article.

The functions that build and merge catalogs are pure (``polib.POFile`` in, out;
merging in :mod:`.merge`, comments and the machine-text record in
:mod:`.comments`); reading and writing sit at the edges in :func:`open_catalog`
and :func:`save_catalog`.

Reading is strict: before polib parses a file, the reader every command shares
(:func:`.fastread.entries_of`) refuses what ``msgfmt`` refuses (syntax, invalid
escapes, a byte order mark, two entries with one ``(msgctxt, msgid)``), so that
no command rewrites a damaged catalog without the entries it could not read.

Writing never loses a save made meanwhile: :func:`open_catalog` keeps the bytes
it read, and :func:`save_catalog` given them (``expected``) replaces the file
only if it still holds exactly those bytes; otherwise it writes nothing and
says ``stale``, and the caller reads the file again and redoes its change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType

import polib

from .. import __version__
from ..errors import CatalogError
from ..files import atomic_write, decode_utf8, read_bytes_or_none
from ..langcodes import plural_forms, team_name
from ..source.articles import lines_of
from ..source.digest import DIGEST_FIELD
from ..source.units import Unit
from . import fastread
from . import write as powrite
from .comments import (
    DERIVED_PREFIXES, PROVENANCE_PREFIXES, carried_provenance, checksum, checksum_line, comment_lines,
    machine_checksum, machine_text, provenance,
)
from .merge import FUZZY_THRESHOLD, REQUIRED_FIELDS, WRAP_WIDTH, closest, entry_key, merge, merged_header
from .state import FUZZY, Counts, State, count, is_fuzzy, state

__all__ = [
    "DERIVED_PREFIXES", "FUZZY", "FUZZY_THRESHOLD", "PROVENANCE_PREFIXES", "REQUIRED_FIELDS", "WRAP_WIDTH",
    "CatalogChange", "Counts", "Loaded", "State", "carried_provenance", "checksum", "checksum_line", "closest",
    "comment_lines", "count", "entry_key", "is_fuzzy", "language_header", "load_catalog", "machine_checksum",
    "machine_text", "make_template", "merge", "merged_header", "now_stamp", "open_catalog", "provenance",
    "render", "save_catalog", "state", "syntax_error", "template_header", "verify",
]

_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.M)
#: A PO file's own date: its POT-Creation-Date is the link to its template and must be saved.
_REVISION_LINE = re.compile(r'^"PO-Revision-Date: [^"\\]*\\n"$', re.M)
_POT_DATE = re.compile(r'^"POT-Creation-Date: ([^"\\]*)\\n"$', re.M)
_STAMP_FORMAT = "%Y-%m-%d %H:%M%z"


@dataclass(frozen=True, slots=True)
class CatalogChange:
    """What saving a catalog did."""

    path: Path
    written: bool
    created: bool
    stale: bool = False
    """Nothing was written because the file changed on disk since it was read: read it again and redo."""
    content: bytes | None = field(default=None, repr=False, compare=False)
    """What the file holds after the save (None when stale): the ``expected`` of the next save."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A catalog as read, with the bytes it was read from."""

    po: polib.POFile
    raw: bytes
    """The file's bytes when it was read: pass them to :func:`save_catalog` as ``expected``."""


def now_stamp(now: dt.datetime | None = None) -> str:
    """A gettext header date: ``2026-11-21 14:30+0000``."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%d %H:%M%z")


def template_header(project: str, *, date: str, digest: str | None = None) -> dict[str, str]:
    """A template's header; ``digest`` (:func:`sselocale.source.digest.source_digest`) records its sources."""
    header = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": date,
        "PO-Revision-Date": date,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"sselocale {__version__}",
    }
    if digest is not None:
        header[DIGEST_FIELD] = digest
    return header


def language_header(
    project: str, lang: str, *, pot_date: str, date: str, last_translator: str = ""
) -> dict[str, str]:
    """The header of a new PO catalog for ``lang``, as ``msginit`` writes it.

    Plural-Forms come from GNU gettext's table (:mod:`.langcodes`), so a new
    catalog does not depend on the installed Babel's CLDR release.
    """
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": pot_date,
        "PO-Revision-Date": date,
        "Last-Translator": last_translator,
        "Language-Team": team_name(lang),
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang),
        "X-Generator": f"sselocale {__version__}",
    }


def make_template(
    units: Iterable[Unit], *, header: dict[str, str], title: str = ""
) -> polib.POFile:
    """A POT catalog of the units, one entry per distinct source text.

    Identical texts in one article share an entry with several references.
    """
    pot = polib.POFile(wrapwidth=WRAP_WIDTH)
    pot.header = title
    pot.metadata = dict(header)
    by_text: dict[str, polib.POEntry] = {}
    for unit in units:
        entry = by_text.get(unit.text)
        if entry is None:
            entry = polib.POEntry(msgid=unit.text, msgstr="", comment=unit.comment, occurrences=[])
            by_text[unit.text] = entry
            pot.append(entry)
        elif unit.comment not in entry.comment.split("\n"):
            entry.comment += "\n" + unit.comment
        entry.occurrences.append((unit.source, str(unit.line)))
    return pot


def render(po: polib.POFile) -> str:
    """The catalog as text, exactly as it is written to disk: as GNU ``msgcat`` writes it."""
    return powrite.render(po)


def load_catalog(path: Path) -> polib.POFile:
    """Parse a PO or POT file; a syntax error names the file and line."""
    return open_catalog(path).po


def open_catalog(path: Path) -> Loaded:
    """Parse a PO or POT file, keeping the bytes read (to save it later without losing a save made meanwhile)."""
    path = Path(path)
    raw, text = _read_checked(path)
    try:
        return Loaded(pofile_from_text(text), raw)
    except (OSError, ValueError) as exc:
        match = re.search(r"\(line (\d+)\)", str(exc))
        line = int(match.group(1)) if match else None
        detail = str(exc).split("):", 1)[-1].strip() if "):" in str(exc) else "syntax error"
        raise CatalogError(
            f"invalid PO syntax: {detail}",
            path=path,
            line=line,
            hint="fix the entry by hand or restore the file from version control",
        ) from exc


def verify(paths: Iterable[Path]) -> None:
    """Raise the first problem :func:`load_catalog` would raise for any of ``paths``.

    A command that writes calls this over every catalog it will read, so that a
    damaged catalog stops it before the first file is written.
    """
    for path in paths:
        _read_checked(Path(path))


def _read_checked(path: Path) -> tuple[bytes, str]:
    """The bytes and text of a catalog file that has passed the strict reader."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path=path) from exc
    text = decode_utf8(raw, error=CatalogError, shown=path)
    fastread.refuse_bom(text, path)
    problem = syntax_error(text)
    if problem is not None:
        line, detail = problem
        raise CatalogError(
            f"invalid PO syntax: {detail}",
            path=path,
            line=line,
            hint="fix the line by hand or restore the file from version control",
        )
    fastread.entries_of(text, path)
    return raw, text


_STRING = r'"(?:[^"\\\n]|\\.)*"'
_PO_LINE = re.compile(
    r"^(?:#~\s*|#\|\s*|#~\|\s*)?"
    r"(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+" + _STRING + r"|" + _STRING + r")\s*$"
)


def syntax_error(text: str) -> tuple[int, str] | None:
    """The first line that is not PO syntax, as ``(line, reason)``; None if all are.

    polib skips what it cannot read; checking every line first means a damaged
    file is reported, never silently rewritten without its broken entries.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#") and not stripped.startswith(("#~", "#|")):
            continue
        if _PO_LINE.match(stripped):
            continue
        if stripped.replace('\\\\', "").replace('\\"', "").count('"') % 2 == 1:
            return number, "unterminated string"
        return number, f"unexpected text {stripped[:40]!r}"
    return None


class _PoText(str):
    """PO text that polib splits at newlines only.

    polib splits a string with :meth:`str.splitlines`, which also breaks at
    U+2028, U+0085, form feeds and other characters a msgid may hold (an
    article's text does); a PO file's lines end at ``\\n`` alone.
    """

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        lines = lines_of(self)
        return lines if keepends else [line.removesuffix("\n") for line in lines]


def pofile_from_text(text: str) -> polib.POFile:
    """Parse PO text (already checked by :func:`syntax_error`) with the project's wrapping."""
    return polib.pofile(_PoText(text), wrapwidth=WRAP_WIDTH, encoding="utf-8")


def save_catalog(
    path: Path,
    po: polib.POFile,
    *,
    now: str | None = None,
    revised: bool = False,
    expected: bytes | None | EllipsisType = ...,
) -> CatalogChange:
    """Write ``po`` atomically, but only if it differs from the file beyond its dates.

    When nothing but the dates would change the file is left byte-identical.
    A template written anew takes ``now`` as its creation date (a minute past
    its old one if that is not earlier, so that each version of a template has
    its own date); a PO file takes it as its revision date only when
    ``revised`` (the tool changed a translation), since merging a template
    changes no translation. A PO file's ``POT-Creation-Date`` is no mere date:
    it names the template it was merged with (see :mod:`.freshness`), so a
    change of it alone is saved.

    ``expected`` is what the caller read (:attr:`Loaded.raw`, or None when there
    was no file): if the file holds anything else now, someone saved it
    meanwhile, and nothing is written (``stale``). Without it, the file is
    still never replaced by a save that races with another one.
    """
    path = Path(path)
    current = read_bytes_or_none(path)
    if expected is not ... and current != expected:
        return CatalogChange(path, written=False, created=False, stale=True)
    new_text = render(po)
    template = path.suffix == ".pot"
    old_text = None if current is None else current.decode("utf-8", errors="replace")
    if old_text is not None:
        strip = _without_dates if template else _without_revision_date
        if strip(old_text) == strip(new_text):
            return CatalogChange(path, written=False, created=False, content=current)
    stamp = now or now_stamp()
    if template:
        stamp = _after(_old_pot_date(old_text), stamp)
        po.metadata["POT-Creation-Date"] = stamp
        po.metadata["PO-Revision-Date"] = stamp
    elif revised:
        po.metadata["PO-Revision-Date"] = stamp
    data = render(po).encode("utf-8")
    if not atomic_write(path, data, expected=current):
        return CatalogChange(path, written=False, created=False, stale=True)
    return CatalogChange(path, written=True, created=current is None, content=data)


def _without_dates(text: str) -> str:
    return _DATE_LINE.sub("", text)


def _without_revision_date(text: str) -> str:
    return _REVISION_LINE.sub("", text)


def _old_pot_date(text: str | None) -> str | None:
    match = _POT_DATE.search(text) if text else None
    return match.group(1) if match else None


def _after(old: str | None, stamp: str) -> str:
    """``stamp``, or a minute past ``old`` when they are equal (a second extract in one minute)."""
    if old != stamp:
        return stamp
    try:
        before = dt.datetime.strptime(old, _STAMP_FORMAT)
    except ValueError:
        return stamp
    return now_stamp(before + dt.timedelta(minutes=1))
