"""Typed access to the YAML mapping of ``sselocale.yaml``, every error with its key and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import BRIEF_WIDTH, ConfigError, brief


class Reader:
    """Typed access to one mapping of the YAML document, with line numbers."""

    def __init__(self, path: Path, data: Any, prefix: str, line: int | None = None) -> None:
        self.path = path
        self.prefix = prefix
        self.line = line
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(
                f"{prefix.rstrip('.') or 'the document'} must be a mapping",
                path=path,
                line=line,
            )
        self.data = data

    def keys(self) -> list[str]:
        return [str(k) for k in self.data]

    def line_of(self, key: str) -> int | None:
        lc = getattr(self.data, "lc", None)
        if lc is not None:
            try:
                return lc.key(key)[0] + 1
            except (KeyError, TypeError):
                pass
        return self.line

    def fail(self, key: str, message: str, *, hint: str | None = None) -> None:
        shown = key if len(key) <= BRIEF_WIDTH else key[: BRIEF_WIDTH - 1] + "…"
        raise ConfigError(f"{self.prefix}{shown}: {message}", path=self.path, line=self.line_of(key), hint=hint)

    def section(self, key: str) -> Reader:
        return Reader(self.path, self.data.get(key), f"{self.prefix}{key}.", self.line_of(key))

    def str(self, key: str, *, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "is required")
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, not {brief(value)}")
        return value.strip()

    def str_list(self, key: str, *, default: list[str] | None = None) -> list[str]:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "is required")
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of strings")
        return [v.strip() for v in value]

    def int(self, key: str, *, default: int, minimum: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"must be an integer of at least {minimum}, not {brief(value)}")
        return value

    def bool(self, key: str, *, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {brief(value)}")
        return value

    def percent(self, key: str, *, default: float | None = None) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            self.fail(key, f"must be a percentage between 0 and 100, not {brief(value)}")
        return float(value)

    def check_unknown(self, known: set[str]) -> None:
        for key in self.keys():
            if key not in known:
                self.fail(key, "unknown key", hint=f"known keys: {', '.join(sorted(known))}")
