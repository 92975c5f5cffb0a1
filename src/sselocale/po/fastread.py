"""A fast PO reader for the review stage: one file at a time, entries as slotted records.

``status`` and ``check`` read every catalog of a portal on each run, and
polib's parser spends most of its time on things they never look at. This
reader does one pass over the lines of a file and keeps what review needs:
the strings, flags, comments and the line numbers msgfmt reports.

Entries answer to the same attribute names as ``polib.POEntry`` (``msgid``,
``msgstr``, ``msgstr_plural``, ``flags``, ``obsolete``...), so
:func:`sselocale.po.state.state` classifies them exactly as it does polib's.
Syntax errors raise :class:`~sselocale.errors.CatalogError` with the line,
for the cases GNU msgfmt rejects (unknown keyword, invalid escape, missing
``msgstr``, plural forms out of order, a byte order mark), and so do two
entries with the same ``(msgctxt, msgid)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CatalogError
from ..files import read_utf8

_HINT = "fix the entry by hand or restore the file from version control"


@dataclass(slots=True)
class Entry:
    """One PO entry, as much of it as review needs.

    The parser fills it in as it reads; everything after treats it as read-only.
    """

    msgid: str = ""
    msgstr: str = ""
    """The translation; empty for plural entries, whose forms are in :attr:`msgstr_plural`."""
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    flags: list[str] = field(default_factory=list)
    obsolete: bool = False
    comment: str = ""
    """Extracted comments (``#.``), joined by newlines."""
    tcomment: str = ""
    """Translator comments (``# ``), joined by newlines."""
    occurrences: list[str] = field(default_factory=list)
    """References (``#:``), one ``path:line`` per item."""
    previous_msgid: str | None = None
    line: int = 0
    """1-based line of the ``msgid`` keyword."""
    msgstr_line: int = 0
    """1-based line of the first ``msgstr`` keyword: where msgfmt points at an entry."""

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete


_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}
_ESCAPE = re.compile(r'\\(?:([ntrabfv\\"\'?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))')
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t\r]*')
_PLURAL_KEY = re.compile(r"msgstr\[(\d+)\]$")


def _unescape_match(match: re.Match) -> str:
    simple, octal, hexa, bad = match.groups()
    if simple is not None:
        return _ESCAPES[simple]
    if octal is not None:
        return chr(int(octal, 8))
    if hexa is not None:
        return chr(int(hexa, 16))
    raise ValueError(bad)


class _Syntax(Exception):
    """A syntax error at a line; turned into a CatalogError with the file's path."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _string(text: str, lineno: int) -> str:
    """The value of one quoted PO string (``"..."``), escapes resolved."""
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        inner = text[1:-1]
        if '"' not in inner and "\\" not in inner:
            return inner
    match = _QUOTED.fullmatch(text)
    if match is None:
        if text.startswith('"') and _QUOTED.match(text) is None:
            raise _Syntax("end-of-line within string", lineno)
        raise _Syntax("syntax error: text after the closing quote", lineno)
    inner = match.group(1)
    if "\\" not in inner:
        return inner
    try:
        return _ESCAPE.sub(_unescape_match, inner)
    except ValueError as exc:
        raise _Syntax("invalid control sequence", lineno) from exc


def read_entries(path: Path, *, unique: bool = True) -> list[Entry]:
    """Every entry of the PO or POT file at ``path``, header first as in the file.

    ``unique=False`` leaves out the check for duplicate entries (:func:`check_unique`),
    for a caller that reports syntax errors and duplicates differently.
    """
    path = Path(path)
    return entries_of(read_utf8(path, error=CatalogError, what="catalog"), path, unique=unique)


def entries_of(text: str, path: Path, *, unique: bool = True) -> list[Entry]:
    """The entries of the PO text read from ``path``; what msgfmt rejects raises :class:`CatalogError`.

    This is the one strict reading every command shares: ``sselocale.po.catalogs``
    runs it before polib parses a file, so that polib never rewrites what GNU
    gettext would refuse (an invalid escape, a byte order mark, duplicates).
    """
    refuse_bom(text, path)
    try:
        entries = list(parse(text))
    except _Syntax as exc:
        raise CatalogError(f"invalid PO syntax: {exc}", path=path, line=exc.line, hint=_HINT) from exc
    if unique:
        check_unique(entries, path)
    return entries


def refuse_bom(text: str, path: Path) -> None:
    """Refuse a file that starts with a UTF-8 byte order mark.

    GNU msgfmt and msgcat reject it (a syntax error at line 1), so a catalog
    with one would fail every gettext tool downstream; accepting it here and
    dropping it on the next write would change a file behind the translator's
    back. Every reader refuses it, with this message.
    """
    if text.startswith("\ufeff"):
        raise CatalogError(
            "invalid PO syntax: the file starts with a byte order mark (BOM), which GNU gettext rejects",
            path=path,
            line=1,
            hint="save the file as UTF-8 without a BOM",
        )


def check_unique(entries: list[Entry], path: Path) -> None:
    """Refuse two entries with the same context and msgid (obsolete ones too, as msgfmt does).

    The usual cause is a bad merge in version control; which translation is the
    right one is for a person to say, so every command stops before writing.
    """
    seen: dict[tuple[str | None, str], Entry] = {}
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        first = seen.setdefault(key, entry)
        if first is not entry:
            context = f" in context {entry.msgctxt!r}" if entry.msgctxt is not None else ""
            raise CatalogError(
                f"duplicate entry: msgid {_short(entry.msgid)}{context} is also defined at line {first.line}",
                path=path,
                line=entry.line,
                hint="keep one of the two entries (msgfmt --check rejects the file as it is)",
            )


def _short(text: str) -> str:
    return repr(text if len(text) <= 50 else text[:47] + "...")


# Which string the quoted lines being read belong to.
_NONE, _MSGID, _MSGSTR, _MSGCTXT, _PLURAL, _FORM, _PREVIOUS, _SKIP = range(8)
_KEYWORDS = {"msgid": _MSGID, "msgstr": _MSGSTR, "msgctxt": _MSGCTXT, "msgid_plural": _PLURAL}


def _store(entry: Entry, target: int, parts: list[str]) -> None:
    value = parts[0] if len(parts) == 1 else "".join(parts)
    if target == _MSGID:
        entry.msgid = value
    elif target == _MSGSTR:
        entry.msgstr = value
    elif target == _FORM:
        entry.msgstr_plural[len(entry.msgstr_plural)] = value
    elif target == _MSGCTXT:
        entry.msgctxt = value
    elif target == _PLURAL:
        entry.msgid_plural = value
    elif target == _PREVIOUS:
        entry.previous_msgid = value


def parse(text: str) -> Iterator[Entry]:
    """Entries of PO text, in order; a syntax error raises ``_Syntax`` with its line.

    One pass over the lines, with the state in local variables: this loop is
    what ``status`` and ``check`` spend most of their reading time in.
    """
    entry = Entry()
    parts: list[str] = []
    target = _NONE
    seen_msgid = seen_msgstr = started = False
    lineno = 0
    for line in text.split("\n"):
        lineno += 1
        if not line:
            continue
        first = line[0]
        if first == '"':
            if target == _NONE:
                raise _Syntax("syntax error: a string with no keyword before it", lineno)
            if line[-1] == '"' and "\\" not in line and line.count('"') == 2:
                parts.append(line[1:-1])
            else:
                parts.append(_string(line.rstrip(), lineno))
            continue
        if first == " " or first == "\t" or first == "\r":
            line = line.strip()
            if not line:
                continue
            first = line[0]
        obsolete = False
        if first == "#":
            second = line[1:2]
            if second == "~":
                line = line[2:].lstrip()
                if not line:
                    continue
                if line[0] == "|":
                    second = "|"
                    line = "#" + line
                else:
                    obsolete = True
                    first = line[0]
                    if first == '"':
                        if target == _NONE:
                            raise _Syntax("syntax error: a string with no keyword before it", lineno)
                        parts.append(_string(line.rstrip(), lineno))
                        continue
            if not obsolete:
                if seen_msgstr:
                    _store(entry, target, parts)
                    yield _finish(entry, seen_msgid, seen_msgstr, lineno)
                    entry, parts, target = Entry(), [], _NONE
                    seen_msgid = seen_msgstr = False
                started = True
                if second == ",":
                    entry.flags.extend(f for f in (x.strip() for x in line[2:].split(",")) if f)
                elif second == ".":
                    body = line[3:] if line[2:3] == " " else line[2:]
                    entry.comment = f"{entry.comment}\n{body}" if entry.comment else body
                elif second == ":":
                    entry.occurrences.extend(line[2:].split())
                elif second == "|":
                    if target != _NONE:
                        _store(entry, target, parts)
                    rest = line[2:].strip()
                    if rest.startswith('"'):
                        parts.append(_string(rest, lineno))
                    else:
                        keyword, _, value = rest.partition(" ")
                        target = _PREVIOUS if keyword == "msgid" else _SKIP
                        parts = [_string(value.strip(), lineno)]
                else:
                    body = line[2:] if line[1:2] == " " else line[1:]
                    entry.tcomment = f"{entry.tcomment}\n{body}" if entry.tcomment else body
                continue
        keyword, _, value = line.replace("\t", " ", 1).partition(" ")
        value = value.strip()
        kind = _KEYWORDS.get(keyword)
        if kind is None:
            if keyword.startswith("msgstr["):
                kind = _FORM
            elif keyword == "domain":
                raise _Syntax("'domain' directives are not supported", lineno)
            else:
                raise _Syntax(f'keyword "{keyword}" unknown', lineno)
        if not value.startswith('"'):
            raise _Syntax("syntax error: a keyword without its string", lineno)
        if target != _NONE:
            _store(entry, target, parts)
        if kind == _MSGID or kind == _MSGCTXT:
            if seen_msgstr:
                yield _finish(entry, seen_msgid, seen_msgstr, lineno)
                entry = Entry()
                seen_msgid = seen_msgstr = False
            elif seen_msgid:
                raise _Syntax("missing 'msgstr' section", entry.line)
            if kind == _MSGID:
                seen_msgid = True
                entry.line = lineno
            elif entry.msgctxt is not None:
                raise _Syntax("syntax error: a second msgctxt", lineno)
        elif kind == _PLURAL:
            if target != _MSGID:
                raise _Syntax("syntax error: msgid_plural out of place", lineno)
        else:
            if not seen_msgid:
                raise _Syntax("missing 'msgid' before 'msgstr'", lineno)
            if kind == _MSGSTR:
                if seen_msgstr:
                    raise _Syntax("syntax error: msgstr without a msgid before it", lineno)
                if entry.msgid_plural:
                    raise _Syntax("missing 'msgstr[]' section: msgid_plural needs indexed forms", lineno)
            else:
                match = _PLURAL_KEY.match(keyword)
                if match is None:
                    raise _Syntax(f'keyword "{keyword}" unknown', lineno)
                if not entry.msgid_plural:
                    raise _Syntax("missing 'msgid_plural' section", entry.line)
                expected = len(entry.msgstr_plural)
                if int(match.group(1)) != expected:
                    if expected == 0:
                        raise _Syntax("first plural form has nonzero index", lineno)
                    raise _Syntax("plural form has wrong index", lineno)
            if not seen_msgstr:
                entry.msgstr_line = lineno
            seen_msgstr = True
        if obsolete:
            entry.obsolete = True
        started = True
        target = kind
        parts = [_string(value.rstrip(), lineno)]
    if started:
        if target != _NONE:
            _store(entry, target, parts)
        yield _finish(entry, seen_msgid, seen_msgstr, lineno)


def _finish(entry: Entry, seen_msgid: bool, seen_msgstr: bool, lineno: int) -> Entry:
    if not seen_msgid:
        raise _Syntax("missing 'msgid' section", lineno)
    if not seen_msgstr:
        raise _Syntax("missing 'msgstr' section", entry.line)
    return entry


def header_fields(entry: Entry) -> dict[str, str]:
    """The ``Name: value`` lines of a header entry's msgstr."""
    fields: dict[str, str] = {}
    for line in entry.msgstr.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields
