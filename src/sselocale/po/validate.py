"""What ``msgfmt --check`` rejects, decided in Python.

Running GNU msgfmt once per catalog would cost as much as the rest of
``sselocale check`` put together, so the rules it applies to catalogs like
ours are implemented here and tested against msgfmt itself on fixture files
(``tests/test_pofast.py``). Covered, as msgfmt 0.21 does them:

- syntax (raised by :mod:`.fastread` while reading);
- a header entry must exist and not be empty;
- duplicate messages (same context and msgid), obsolete ones included;
- ``Plural-Forms`` (:mod:`.plural`): a valid ``nplurals`` and plural expression (values in
  range, no division by zero), present whenever a translated entry has
  plural forms, and as many forms in each translated entry as it says;
- translated entries: msgid, msgid_plural and every msgstr all begin, and
  all end, with a newline or none does;
- format strings (:mod:`.formats`) of entries flagged ``c-format`` (or ``possible-c-format``),
  ``python-format`` and ``python-brace-format``.

Not covered: the other languages' format flags (``java-format``,
``sh-format``...), which our catalogs never carry, and msgfmt's warnings
(missing header fields, charset), which do not make it fail. Fuzzy entries
are not checked, as msgfmt does not check them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fastread import Entry, header_fields
from .formats import format_messages
from .plural import plural_forms
from .state import is_fuzzy


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason msgfmt would reject a catalog."""

    line: int
    message: str


def problems(entries: list[Entry]) -> list[Problem]:
    """Every problem of a parsed catalog, in file order."""
    found: list[Problem] = []
    header = next((e for e in entries if e.is_header), None)
    if header is None or not header.msgstr:
        found.append(Problem(header.line if header else 1, "PO file header missing or invalid"))
    nplurals: int | None = None
    header_line = header.msgstr_line if header else 1
    forms_value = header_fields(header).get("Plural-Forms") if header and header.msgstr else None
    if forms_value is not None:
        nplurals, problem = plural_forms(forms_value)
        if problem:
            found.append(Problem(header_line, problem))
    seen: dict[tuple[str | None, str], Entry] = {}
    missing_plural_header = False
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            found.append(Problem(entry.line, "duplicate message definition"))
        else:
            seen[key] = entry
        if entry.obsolete or entry.is_header or is_fuzzy(entry):
            continue
        if entry.msgid_plural:
            if not entry.msgstr_plural.get(0):
                continue
            if forms_value is None:
                if not missing_plural_header:
                    found.append(Problem(
                        entry.msgstr_line,
                        "message catalog has plural form translations, but the header "
                        "lacks 'Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;'",
                    ))
                missing_plural_header = True
            elif nplurals is not None and len(entry.msgstr_plural) != nplurals:
                found.append(Problem(
                    entry.msgstr_line,
                    f"nplurals = {nplurals}, but this message has {len(entry.msgstr_plural)} plural forms",
                ))
        elif not entry.msgstr:
            continue
        found.extend(_newlines(entry))
        found.extend(Problem(entry.msgstr_line, message) for message in format_messages(entry))
    return sorted(found, key=lambda p: p.line)


_BEGIN = "begin with '\\n'"
_END = "end with '\\n'"


def _newlines(entry: Entry) -> list[Problem]:
    out = []
    begins = entry.msgid.startswith("\n")
    ends = entry.msgid.endswith("\n")
    if entry.msgid_plural:
        for where, test, text in (("begin", begins, entry.msgid_plural.startswith("\n")),
                                  ("end", ends, entry.msgid_plural.endswith("\n"))):
            if test != text:
                out.append(Problem(entry.msgstr_line,
                                   f"'msgid' and 'msgid_plural' entries do not both {where} with '\\n'"))
        named = [(f"msgstr[{i}]", s) for i, s in sorted(entry.msgstr_plural.items())]
    else:
        named = [("msgstr", entry.msgstr)]
    for name, text in named:
        if begins != text.startswith("\n"):
            out.append(Problem(entry.msgstr_line, f"'msgid' and '{name}' entries do not both {_BEGIN}"))
        if ends != text.endswith("\n"):
            out.append(Problem(entry.msgstr_line, f"'msgid' and '{name}' entries do not both {_END}"))
    return out[:1]
