"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import SselocaleError


def atomic_write(path: Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk and renamed over ``path``; if anything
    fails before the rename, ``path`` is untouched and the temporary file removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_if_changed(path: Path, data: str) -> bool:
    """Atomically write ``data`` unless ``path`` already holds exactly it.

    Returns whether the file was written.
    """
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == data:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    atomic_write(path, data)
    return True


def read_utf8(path: Path, *, error: type[SselocaleError], what: str, shown: str | Path | None = None) -> str:
    """The text of a UTF-8 file; failing that, ``error`` naming the file (as ``shown``) and line."""
    shown = shown if shown is not None else path
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", path=shown) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            path=shown,
            line=line,
            hint="save the file as UTF-8",
        ) from exc
