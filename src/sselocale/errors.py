"""Errors with fields, printed once by the CLI as ``path:line: message``."""

from __future__ import annotations

import reprlib
import unicodedata
from pathlib import Path
from typing import Any

#: The most characters of a user's value that a message quotes.
BRIEF_WIDTH = 60


class SselocaleError(Exception):
    """A problem with the user's input that the user can fix.

    ``path`` and ``line`` (1-based) say where; ``hint`` says what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __reduce__(self):
        # Keep path, line and hint when an error crosses a process boundary.
        return _rebuild, (type(self), self.message, self.path, self.line, self.hint)

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        path = self.path
        if path.is_absolute():
            try:
                path = path.relative_to(Path.cwd())
            except ValueError:
                pass
        shown = _printable(str(path))
        return f"{shown}:{self.line}" if self.line else shown

    def __str__(self) -> str:
        where = self.location
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def _rebuild(cls: type, message: str, path: Path | None, line: int | None, hint: str | None) -> SselocaleError:
    return cls(message, path=path, line=line, hint=hint)


class ConfigError(SselocaleError):
    """``sselocale.yaml`` is missing, malformed or names something unknown."""


class ContentError(SselocaleError):
    """A source article cannot be read: encoding, front matter, slug."""


class CatalogError(SselocaleError):
    """A PO or POT file cannot be parsed or written."""


class GlossaryError(SselocaleError):
    """The terminology glossary is malformed."""


class EngineError(SselocaleError):
    """A machine translation engine or model is missing or failed."""


class InputErrors(SselocaleError):
    """Several problems found in one run, each with its own file and line.

    ``extract``, ``update`` and ``build`` go on past a broken article and raise
    this at the end, so that one run reports every problem; the CLI prints
    each of :attr:`errors` on its own ``error:`` line.
    """

    def __init__(self, errors: list[SselocaleError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = list(errors)

    def __reduce__(self):
        return InputErrors, (self.errors,)

    def __str__(self) -> str:
        return "\nerror: ".join(str(error) for error in self.errors)


def raise_all(errors: list[SselocaleError]) -> None:
    """Raise the problems collected in a run: one as it is, several as :class:`InputErrors`."""
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)


class _Brief(reprlib.Repr):
    """``repr`` that stops early: a few items, a few levels, whatever the type."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = 4
        self.maxstring = self.maxother = self.maxlong = BRIEF_WIDTH

    def repr1(self, x: Any, level: int) -> str:
        # YAML's round-trip types subclass list, dict and str; reprlib only
        # shortens the exact built-in types, and would print the rest in full.
        for base in (str, list, tuple, dict, set, frozenset):
            if isinstance(x, base) and type(x) is not base:
                return getattr(self, f"repr_{base.__name__}")(x, level)
        return super().repr1(x, level)


def brief(value: Any, width: int = BRIEF_WIDTH) -> str:
    """``repr(value)`` cut to ``width`` characters, for quoting user input in a message.

    >>> brief(list(range(100)))
    '[0, 1, 2, 3, ...]'
    """
    text = _Brief().repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _printable(text: str) -> str:
    """``text`` with control characters escaped, so a file name cannot break a message's line."""
    if all(unicodedata.category(ch) != "Cc" for ch in text):
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) == "Cc" else ch
                   for ch in text)
