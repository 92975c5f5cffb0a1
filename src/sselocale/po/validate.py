"""What ``msgfmt --check`` rejects, decided in Python.

Running GNU msgfmt once per catalog would cost as much as the rest of
``sselocale check`` put together, so the rules it applies to catalogs like
ours are implemented here and tested against msgfmt itself on fixture files
(``tests/test_pocheck.py``). Covered, as msgfmt 0.21 does them:

- syntax (raised by :mod:`sselocale.pofast` while reading);
- a header entry must exist and not be empty;
- duplicate messages (same context and msgid), obsolete ones included;
- ``Plural-Forms``: a valid ``nplurals`` and plural expression (values in
  range, no division by zero), present whenever a translated entry has
  plural forms, and as many forms in each translated entry as it says;
- translated entries: msgid, msgid_plural and every msgstr all begin, and
  all end, with a newline or none does;
- format strings of entries flagged ``c-format`` (or ``possible-c-format``),
  ``python-format`` and ``python-brace-format``.

Not covered: the other languages' format flags (``java-format``,
``sh-format``...), which our catalogs never carry, and msgfmt's warnings
(missing header fields, charset), which do not make it fail. Fuzzy entries
are not checked, as msgfmt does not check them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fastread import Entry, header_fields
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
        found.extend(_formats(entry))
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


# --- Plural-Forms -----------------------------------------------------------------

_NPLURALS = re.compile(r"nplurals\s*=\s*([^;\s]*)")
_PLURAL = re.compile(r"plural\s*=\s*([^;]*)")


@lru_cache(maxsize=64)
def plural_forms(value: str) -> tuple[int | None, str | None]:
    """``(nplurals, problem)`` for a ``Plural-Forms`` header value."""
    n_match = _NPLURALS.search(value)
    p_match = _PLURAL.search(value.replace("nplurals", "n_plurals"))
    if n_match is None:
        return None, "header entry lacks a \"nplurals=INTEGER\" attribute"
    if p_match is None:
        return None, "header entry lacks a \"plural=EXPRESSION\" attribute"
    if not n_match.group(1).isdigit() or int(n_match.group(1)) == 0:
        return None, "invalid nplurals value"
    nplurals = int(n_match.group(1))
    try:
        expression = _PluralParser(p_match.group(1)).parse()
    except ValueError:
        return nplurals, "invalid plural expression"
    largest = 0
    for n in range(1000):
        try:
            largest = max(largest, expression(n))
        except ZeroDivisionError:
            return nplurals, "plural expression can produce division by zero"
    if largest >= nplurals:
        return nplurals, (f"nplurals = {nplurals} but plural expression can produce values "
                          f"as large as {largest}")
    return nplurals, None


_PLURAL_TOKEN = re.compile(r"\s*(\d+|n|\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()])")
_BINARY = (
    ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"),
)


class _PluralParser:
    """The C subset of gettext plural expressions, compiled to a Python closure."""

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        pos, text = 0, text.strip()
        while pos < len(text):
            match = _PLURAL_TOKEN.match(text, pos)
            if match is None:
                raise ValueError(text[pos:])
            self.tokens.append(match.group(1))
            pos = match.end()
        self.pos = 0

    def parse(self):
        expression = self._conditional()
        if self.pos != len(self.tokens):
            raise ValueError("trailing tokens")
        return expression

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected}")
        self.pos += 1
        return token

    def _conditional(self):
        test = self._binary(0)
        if self._peek() != "?":
            return test
        self._take("?")
        yes = self._conditional()
        self._take(":")
        no = self._conditional()
        return lambda n: yes(n) if test(n) else no(n)

    def _binary(self, level: int):
        if level == len(_BINARY):
            return self._unary()
        left = self._binary(level + 1)
        while self._peek() in _BINARY[level]:
            op = self._take()
            right = self._binary(level + 1)
            left = _operator(op, left, right)
        return left

    def _unary(self):
        token = self._take()
        if token == "!":
            inner = self._unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = self._conditional()
            self._take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise ValueError(token)


def _operator(op: str, left, right):
    if op == "/":
        return lambda n: _c_div(left(n), right(n))
    if op == "%":
        return lambda n: left(n) - right(n) * _c_div(left(n), right(n))
    table = {
        "||": lambda a, b: int(bool(a) or bool(b)), "&&": lambda a, b: int(bool(a) and bool(b)),
        "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
        "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
        "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
        "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    }
    fn = table[op]
    return lambda n: fn(left(n), right(n))


def _c_div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


# --- format strings ------------------------------------------------------------------

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


def _formats(entry: Entry) -> list[Problem]:
    flags = entry.flags
    line = entry.msgstr_line
    if entry.msgid_plural:
        pairs = [(entry.msgid_plural, s, True) for _, s in sorted(entry.msgstr_plural.items()) if s]
    else:
        pairs = [(entry.msgid, entry.msgstr, False)]
    out: list[Problem] = []
    for kind, compare in (("c", _compare_c), ("python", _compare_python), ("python-brace", _compare_brace)):
        if f"{kind}-format" not in flags and not (kind == "c" and "possible-c-format" in flags):
            continue
        label = {"c": "C", "python": "Python", "python-brace": "Python brace"}[kind]
        for source, target, plural in pairs:
            message = _check_pair(compare, source, target, plural, label)
            if message:
                out.append(Problem(line, message))
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
