"""Format strings of flagged entries (``c-format``, ``python-format``, ``python-brace-format``).

msgfmt rejects a translation whose directives do not match its msgid's: more
arguments, other types, a named directive the msgid lacks. The rules here are
msgfmt 0.21's, tested against msgfmt itself.
"""

from __future__ import annotations

import re

from .fastread import Entry

class _Invalid(ValueError):
    """Not a valid format string of its kind."""


_C_DIRECTIVE = re.compile(
    r"%(?:(\d+)\$)?[-+ #0'I]*(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?(hh|h|ll|l|L|q|j|z|Z|t)?(.?)",
    re.S,
)
_C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"),
            **dict.fromkeys("eEfFgGaA", "double"), "c": "char", "s": "string", "p": "pointer", "n": "count"}


def _c_arguments(text: str) -> dict[int, str]:
    """Argument number → type of a C format string."""
    args: dict[int, str] = {}
    position = 0
    pos = text.find("%")
    while pos >= 0:
        match = _C_DIRECTIVE.match(text, pos)
        number, width, precision, length, conversion = match.groups()
        if conversion == "%":
            pos = text.find("%", match.end())
            continue
        if conversion == "":
            raise _Invalid("The string ends in the middle of a directive.")
        if conversion != "m" and conversion not in _C_TYPES:
            raise _Invalid(f"the character '{conversion}' is not a valid conversion specifier")
        for star in (width, precision):
            if star and star.startswith("*"):
                position += 1
                args[int(star[1:-1]) if len(star) > 1 else position] = "int"
        if conversion != "m":
            position = int(number) if number else position + 1
            args[position] = (length or "") + _C_TYPES[conversion]
        pos = text.find("%", match.end())
    return args


_PY_DIRECTIVE = re.compile(r"%(?:\(([^)]*)\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.?)", re.S)
_PY_TYPES = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "float"),
             "c": "character", **dict.fromkeys("rsa", "any")}


def _python_arguments(text: str) -> tuple[bool, dict]:
    """``(named, {name or position: type})`` of a Python %-format string."""
    named: dict[str, str] = {}
    positional: dict[int, str] = {}
    pos = text.find("%")
    while pos >= 0:
        match = _PY_DIRECTIVE.match(text, pos)
        name, width, precision, conversion = match.groups()
        if conversion == "%" and name is None:
            pos = text.find("%", match.end())
            continue
        if conversion == "":
            raise _Invalid("The string ends in the middle of a directive.")
        if conversion not in _PY_TYPES:
            raise _Invalid(f"the character '{conversion}' is not a valid conversion specifier")
        if name is not None:
            named[name] = _PY_TYPES[conversion]
        else:
            for star in (width, precision):
                if star == "*":
                    positional[len(positional) + 1] = "integer"
            positional[len(positional) + 1] = _PY_TYPES[conversion]
        pos = text.find("%", match.end())
    if named and positional:
        raise _Invalid("named and unnamed directives are mixed")
    return bool(named), (named or positional)


_BRACE_NAME = re.compile(r"[A-Za-z_]\w*|\d+|")


def _brace_arguments(text: str) -> set[str]:
    """Names (or numbers) of the fields of a Python ``str.format`` string."""
    names: set[str] = set()
    pos = 0
    while True:
        pos = text.find("{", pos)
        if pos < 0:
            return names
        if text.startswith("{{", pos):
            pos += 2
            continue
        depth, end = 1, pos + 1
        while end < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        if depth:
            raise _Invalid("there is an unterminated format directive")
        field = text[pos + 1 : end - 1]
        name = _BRACE_NAME.match(field).group(0)
        names.add(name)
        pos = end


def format_messages(entry: Entry) -> list[str]:
    """What msgfmt says of the entry's format strings, per flagged kind (c, python, python-brace)."""
    flags = entry.flags
    if entry.msgid_plural:
        pairs = [(entry.msgid_plural, s, True) for _, s in sorted(entry.msgstr_plural.items()) if s]
    else:
        pairs = [(entry.msgid, entry.msgstr, False)]
    out: list[str] = []
    for kind, compare in (("c", _compare_c), ("python", _compare_python), ("python-brace", _compare_brace)):
        if f"{kind}-format" not in flags and not (kind == "c" and "possible-c-format" in flags):
            continue
        label = {"c": "C", "python": "Python", "python-brace": "Python brace"}[kind]
        for source, target, plural in pairs:
            message = _check_pair(compare, source, target, plural, label)
            if message:
                out.append(message)
                break
    return out


def _check_pair(compare, source: str, target: str, plural: bool, label: str) -> str | None:
    try:
        source_args = compare(source, None, plural)
    except _Invalid:
        return None
    try:
        return compare(target, source_args, plural)
    except _Invalid as exc:
        return f"'msgstr' is not a valid {label} format string, unlike 'msgid'. Reason: {exc}"


def _compare_c(text: str, source, plural: bool):
    args = _c_arguments(text)
    if source is None:
        return args
    if len(args) > len(source) or (not plural and len(args) != len(source)):
        return "number of format specifications in 'msgid' and 'msgstr' does not match"
    for number in sorted(args):
        if source.get(number) != args[number]:
            return f"format specifications in 'msgid' and 'msgstr' for argument {number} are not the same"
    return None


def _compare_python(text: str, source, plural: bool):
    named, args = _python_arguments(text)
    if source is None:
        return named, args
    source_named, source_args = source
    if source_named and not args and not plural:
        return f"a format specification for argument '{next(iter(source_args))}' doesn't exist in 'msgstr'"
    if named and not source_args:
        return _not_in_msgid(next(iter(args)))
    if not source_args or not args:
        if len(args) > len(source_args) or (not plural and len(args) != len(source_args)):
            return "number of format specifications in 'msgid' and 'msgstr' does not match"
        return None
    if named != source_named:
        want, got = ("a mapping", "a tuple") if source_named else ("a tuple", "a mapping")
        return f"format specifications in 'msgid' expect {want}, those in 'msgstr' expect {got}"
    if named:
        for name in args:
            if name not in source_args:
                return _not_in_msgid(name)
        for name, kind in source_args.items():
            if name not in args:
                if not plural:
                    return f"a format specification for argument '{name}' doesn't exist in 'msgstr'"
            elif args[name] != kind:
                return f"format specifications in 'msgid' and 'msgstr' for argument '{name}' are not the same"
        return None
    if len(args) > len(source_args) or (not plural and len(args) != len(source_args)):
        return "number of format specifications in 'msgid' and 'msgstr' does not match"
    for number, kind in args.items():
        if source_args[number] != kind:
            return f"format specifications in 'msgid' and 'msgstr' for argument {number} are not the same"
    return None


def _not_in_msgid(name: str) -> str:
    return f"a format specification for argument '{name}', as in 'msgstr', doesn't exist in 'msgid'"


def _compare_brace(text: str, source, plural: bool):
    names = _brace_arguments(text)
    if source is None:
        return names
    for name in sorted(names - source):
        return f"a format specification for argument '{name}' doesn't exist in 'msgid'"
    if not plural:
        for name in sorted(source - names):
            return f"a format specification for argument '{name}' doesn't exist in 'msgstr'"
    return None
