"""Plural-Forms headers: ``nplurals`` and the plural expression, checked as msgfmt does.

The expression is parsed and evaluated for n = 0…1000 (C semantics: integer
division truncates, a division by zero is an error) so that a header msgfmt
would reject is reported before any tool ships it.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
