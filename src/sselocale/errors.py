"""Errors with fields, printed once by the CLI as ``path:line: message``."""

from __future__ import annotations

from pathlib import Path


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
        return f"{path}:{self.line}" if self.line else str(path)

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
