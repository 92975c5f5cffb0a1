"""Gettext catalogs: one template per article, one PO file per language and article.

The functions that build and merge catalogs are pure (``polib.POFile`` in, out);
reading and writing sit at the edges in :func:`load_catalog` and
:func:`save_catalog`. Merging follows ``msgmerge``: an unchanged unit keeps its
translation and flags, a changed unit takes the closest old translation as
``fuzzy`` with the previous source in ``#| msgid``, and a removed unit's
translation becomes obsolete (``#~``). A reviewed translation is never replaced.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from .. import __version__
from ..errors import CatalogError
from ..files import atomic_write, read_utf8
from ..langcodes import plural_forms, team_name
from ..source.units import Unit, UnitKind
from . import write as powrite
from .state import FUZZY, Counts, State, count, is_fuzzy, state

__all__ = [
    "FUZZY", "CatalogChange", "Counts", "State", "closest", "comment_lines", "count", "is_fuzzy",
    "language_header", "load_catalog", "make_template", "merge", "merged_header", "now_stamp",
    "provenance", "render", "save_catalog", "state", "syntax_error", "template_header",
]

WRAP_WIDTH = 78
#: msgmerge's threshold for offering an old translation of a similar source.
FUZZY_THRESHOLD = 0.6
#: Extracted-comment prefixes that travel with a msgstr (they describe where it came from).
PROVENANCE_PREFIXES = ("machine translation",)
#: Extracted-comment prefixes recomputed at every update (glossary hints).
DERIVED_PREFIXES = ("glossary:",)

_COMMENT_HEADS = (*(kind.value for kind in UnitKind), *PROVENANCE_PREFIXES, *DERIVED_PREFIXES)

_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.M)


@dataclass(frozen=True, slots=True)
class CatalogChange:
    """What saving a catalog did."""

    path: Path
    written: bool
    created: bool


def now_stamp(now: dt.datetime | None = None) -> str:
    """A gettext header date: ``2026-11-21 14:30+0000``."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%d %H:%M%z")


def template_header(project: str, *, date: str) -> dict[str, str]:
    return {
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


#: Fields a catalog needs; ``update`` adds them to an old header that lacks them, nothing else.
REQUIRED_FIELDS = ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")


def merged_header(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """An existing catalog's header after an update, as ``msgmerge`` leaves it.

    The header belongs to the translators: every field keeps its value and
    place (``X-*`` fields too), only ``POT-Creation-Date`` follows the template,
    and required fields the old header lacks are added from ``new``.
    """
    header = dict(old)
    if "POT-Creation-Date" in new:
        header["POT-Creation-Date"] = new["POT-Creation-Date"]
    for name in REQUIRED_FIELDS:
        if name not in header and name in new:
            header[name] = new[name]
    return header


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


def merge(
    old: polib.POFile | None,
    template: polib.POFile,
    *,
    header: dict[str, str],
    annotate: Callable[[str], list[str]] | None = None,
) -> polib.POFile:
    """Merge an existing PO catalog with a new template, as ``msgmerge`` does.

    ``annotate(msgid)`` returns extra extracted-comment lines for an entry (the
    glossary terms that apply); they are recomputed at every merge.
    """
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    if old is None:
        po.header = template.header
        po.metadata = dict(header)
    else:
        po.header = old.header
        po.metadata = merged_header(old.metadata, header)
        po.metadata_is_fuzzy = old.metadata_is_fuzzy
    active: dict[str, polib.POEntry] = {}
    obsolete: dict[str, polib.POEntry] = {}
    if old is not None:
        for entry in old:
            if entry.msgid == "":
                continue
            (obsolete if entry.obsolete else active)[entry.msgid] = entry
    used: set[str] = set()
    candidates = [e for e in active.values() if e.msgstr]
    for tentry in template:
        entry = polib.POEntry(
            msgid=tentry.msgid,
            msgstr="",
            occurrences=list(tentry.occurrences),
        )
        comments = [tentry.comment] if tentry.comment else []
        previous = active.get(tentry.msgid) or obsolete.get(tentry.msgid)
        if previous is not None:
            used.add(previous.msgid)
            entry.msgstr = previous.msgstr
            entry.flags = list(previous.flags)
            entry.tcomment = previous.tcomment
            if FUZZY in previous.flags:
                entry.previous_msgid = previous.previous_msgid
            comments += provenance(previous)
        else:
            match = closest(tentry.msgid, candidates)
            if match is not None:
                entry.msgstr = match.msgstr
                entry.flags = [f for f in match.flags if f != FUZZY] + [FUZZY]
                entry.previous_msgid = match.msgid
                entry.tcomment = match.tcomment
                comments += provenance(match)
        if annotate is not None:
            comments += annotate(tentry.msgid)
        entry.comment = "\n".join(comments)
        po.append(entry)
    for msgid, entry in active.items():
        if msgid not in used and entry.msgstr:
            po.append(_obsolete_copy(entry))
    for msgid, entry in obsolete.items():
        if msgid not in used:
            po.append(_obsolete_copy(entry))
    return po


def provenance(entry: polib.POEntry) -> list[str]:
    """Extracted-comment lines that say where an entry's msgstr came from."""
    return [line for line in comment_lines(entry.comment) if line.startswith(PROVENANCE_PREFIXES)]


def comment_lines(comment: str) -> list[str]:
    """The logical lines of an extracted comment, as the tool wrote them.

    Like xgettext, polib wraps a comment line longer than the page into several
    ``#.`` lines; a line that starts with none of the heads the tool writes
    (unit kinds, provenance, glossary hints) continues the line before it.
    """
    heads = _COMMENT_HEADS
    lines: list[str] = []
    for line in comment.split("\n") if comment else ():
        if lines and not line.startswith(heads):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def closest(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose msgid is most similar to ``msgid``, if similar enough."""
    best, best_ratio = None, FUZZY_THRESHOLD
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(msgid)
    for entry in candidates:
        matcher.set_seq1(entry.msgid)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = entry, ratio
    return best


def _obsolete_copy(entry: polib.POEntry) -> polib.POEntry:
    copy = polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        flags=list(entry.flags),
        tcomment=entry.tcomment,
        comment="",
        obsolete=True,
    )
    return copy


def render(po: polib.POFile) -> str:
    """The catalog as text, exactly as it is written to disk: as GNU ``msgcat`` writes it."""
    return powrite.render(po)


def load_catalog(path: Path) -> polib.POFile:
    """Parse a PO or POT file; a syntax error names the file and line."""
    path = Path(path)
    text = read_utf8(path, error=CatalogError, what="catalog")
    problem = syntax_error(text)
    if problem is not None:
        line, detail = problem
        raise CatalogError(
            f"invalid PO syntax: {detail}",
            path=path,
            line=line,
            hint="fix the line by hand or restore the file from version control",
        )
    try:
        return pofile_from_text(text)
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


def pofile_from_text(text: str) -> polib.POFile:
    """Parse PO text (already checked by :func:`syntax_error`) with the project's wrapping."""
    return polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")


def save_catalog(
    path: Path, po: polib.POFile, *, now: str | None = None, revised: bool = False
) -> CatalogChange:
    """Write ``po`` atomically, but only if it differs from the file beyond its dates.

    When nothing but the dates would change the file is left byte-identical.
    A template written anew takes ``now`` as its creation date; a PO file takes
    it as its revision date only when ``revised`` (the tool changed a
    translation), since merging a template changes no translation.
    """
    path = Path(path)
    existed = path.exists()
    new_text = render(po)
    if existed:
        try:
            old_text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            old_text = ""
        if _without_dates(old_text) == _without_dates(new_text):
            return CatalogChange(path, written=False, created=False)
    stamp = now or now_stamp()
    if path.suffix == ".pot":
        po.metadata["POT-Creation-Date"] = stamp
        po.metadata["PO-Revision-Date"] = stamp
    elif revised:
        po.metadata["PO-Revision-Date"] = stamp
    atomic_write(path, render(po))
    return CatalogChange(path, written=True, created=not existed)


def _without_dates(text: str) -> str:
    return _DATE_LINE.sub("", text)
