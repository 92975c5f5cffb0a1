"""Merging a catalog with a new template, as ``msgmerge`` does; pure (polib objects in, out).

An entry is identified by ``(msgctxt, msgid)``, everywhere. For each template
entry, the old catalog's entry with the same key (active or obsolete, and of
the same kind: singular or plural) keeps its translation, flags and
translator comments; failing that, the closest old translation (active or
obsolete) or, if better, what ``suggest`` offers (the translation memory, as
``msgmerge`` uses a compendium) is offered as ``fuzzy`` with the previous
source in ``#| msgid``. Every old entry the template does not have becomes
obsolete (``#~``) with its context and all its plural forms, and comes back if
the unit returns; except one whose translation just moved into a fuzzy match
(as with msgmerge): the translation lives on there, and obsolete copies do not
pile up with every edit of a paragraph. A reviewed translation is never replaced.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polib

from .comments import carried_provenance
from .state import FUZZY

WRAP_WIDTH = 78
#: msgmerge's threshold for offering an old translation of a similar source.
FUZZY_THRESHOLD = 0.6
#: Fields a catalog needs; ``update`` adds them to an old header that lacks them, nothing else.
REQUIRED_FIELDS = ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class Offered:
    """A translation offered from outside the catalog (the translation memory) for a new or changed unit."""

    msgstr: str
    source: str
    """The source text it translates (``#| msgid`` when it differs)."""
    score: int
    """Similarity of ``source`` to the unit, in percent."""
    lines: list[str] = field(default_factory=list)
    """Provenance comment lines (``translation memory: 87%, content/x.md:12, source: …``)."""
    fuzzy: bool = True


def entry_key(entry: Any) -> Key:
    """What identifies an entry in a catalog: its context and its msgid."""
    return (entry.msgctxt, entry.msgid)


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


def merge(
    old: polib.POFile | None,
    template: polib.POFile,
    *,
    header: dict[str, str],
    annotate: Callable[[str], list[str]] | None = None,
    suggest: Callable[[str], Offered | None] | None = None,
) -> polib.POFile:
    """Merge an existing PO catalog with a new template, as ``msgmerge`` does.

    ``annotate(msgid)`` returns extra extracted-comment lines for an entry (the
    glossary terms that apply); they are recomputed at every merge.
    ``suggest(msgid)`` offers a translation from outside the catalog for a unit
    the catalog has no entry for (see :class:`Offered`).
    """
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    if old is None:
        po.header = template.header
        po.metadata = dict(header)
    else:
        po.header = old.header
        po.metadata = merged_header(old.metadata, header)
        po.metadata_is_fuzzy = old.metadata_is_fuzzy
    active: dict[Key, polib.POEntry] = {}
    obsolete: dict[Key, polib.POEntry] = {}
    for entry in old if old is not None else ():
        if entry.msgid == "" and entry.msgctxt is None:
            continue
        (obsolete if entry.obsolete else active)[entry_key(entry)] = entry
    used: set[Key] = set()
    moved: set[Key] = set()
    candidates = {
        plural: [e for e in (*active.values(), *obsolete.values())
                 if _translated(e) and bool(e.msgid_plural) == plural]
        for plural in (False, True)
    }
    for tentry in template:
        key = entry_key(tentry)
        plural = bool(tentry.msgid_plural)
        entry = polib.POEntry(msgctxt=tentry.msgctxt, msgid=tentry.msgid, msgstr="",
                              occurrences=list(tentry.occurrences))
        if plural:
            entry.msgid_plural = tentry.msgid_plural
            entry.msgstr_plural = {k: "" for k in tentry.msgstr_plural} or {0: "", 1: ""}
        comments = [tentry.comment] if tentry.comment else []
        previous = active.get(key) or obsolete.get(key)
        if previous is not None and bool(previous.msgid_plural) == plural:
            used.add(key)
            _take_translation(entry, previous)
            entry.flags = list(previous.flags)
            entry.tcomment = previous.tcomment
            if FUZZY in previous.flags:
                entry.previous_msgctxt = previous.previous_msgctxt
                entry.previous_msgid = previous.previous_msgid
                entry.previous_msgid_plural = previous.previous_msgid_plural
            comments += carried_provenance(previous)
        else:
            match, ratio = _closest(tentry.msgid, candidates[plural])
            offered = suggest(tentry.msgid) if suggest is not None and not plural else None
            if offered is not None and (match is None or offered.score > 100 * ratio):
                entry.msgstr = offered.msgstr
                entry.flags = [FUZZY] if offered.fuzzy else []
                if offered.source != tentry.msgid:
                    entry.previous_msgid = offered.source
                comments += offered.lines
            elif match is not None:
                moved.add(entry_key(match))
                _take_translation(entry, match)
                entry.flags = [f for f in match.flags if f != FUZZY] + [FUZZY]
                entry.previous_msgctxt = match.msgctxt
                entry.previous_msgid = match.msgid
                entry.previous_msgid_plural = match.msgid_plural or None
                entry.tcomment = match.tcomment
                comments += carried_provenance(match)
        if annotate is not None:
            comments += annotate(tentry.msgid)
        entry.comment = "\n".join(comments)
        po.append(entry)
    for key, entry in active.items():
        # A translation that moved into a fuzzy match lives on there (`#| msgid` names
        # its old source), as with msgmerge: no obsolete copy piles up with each edit.
        if key not in used and _translated(entry) and key not in moved:
            po.append(_obsolete_copy(entry))
    for key, entry in obsolete.items():
        if key not in used and key not in moved:
            po.append(_obsolete_copy(entry))
    return po


def _translated(entry: polib.POEntry) -> bool:
    """Whether the entry holds any translation (a msgstr, or any plural form)."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _take_translation(entry: polib.POEntry, source: polib.POEntry) -> None:
    if entry.msgid_plural:
        entry.msgstr_plural = dict(source.msgstr_plural) or entry.msgstr_plural
    else:
        entry.msgstr = source.msgstr


def closest(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose msgid is most similar to ``msgid``, if similar enough."""
    return _closest(msgid, candidates)[0]


def _closest(msgid: str, candidates: list[polib.POEntry]) -> tuple[polib.POEntry | None, float]:
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
    return best, best_ratio


def _obsolete_copy(entry: polib.POEntry) -> polib.POEntry:
    """``entry`` as an obsolete entry: context, source, every translation form, flags and translator comments."""
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        flags=list(entry.flags),
        tcomment=entry.tcomment,
        comment="",
        obsolete=True,
    )
