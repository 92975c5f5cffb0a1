"""Atomic file writes: a reader sees the old file or the new one, never half of one.

A file is written to a temporary file in its own folder (so that the rename
stays on one file system, and atomic), flushed to disk and renamed over the
target. Temporary files are hidden and say whose they are,
``.<name>.sselocale-tmp-<pid>-<random>``: a run killed with ``kill -9``
leaves one behind, and the next run that writes into that folder removes it
once its writer is gone or it is a minute old. Version control should ignore
them (``.*.sselocale-tmp-*`` in ``.gitignore``).

A write can be made conditional on what the file holds (``expected``): a
catalog that a translator saved while the tool was working is then left alone,
and the caller reads it again and merges (see :func:`sselocale.po.catalogs.save_catalog`).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path
from types import EllipsisType

from .errors import SselocaleError

#: What marks a temporary file of this tool, after ``.<name>``.
TMP_MARK = ".sselocale-tmp-"
#: A temporary file this old is left over from a run that was killed, whoever wrote it.
STALE_SECONDS = 60.0

_TMP_NAME = re.compile(r"^\..+" + re.escape(TMP_MARK) + r"(\d+)-[^/]*$")
#: Folders already swept of stale temporary files by this process.
_cleaned: set[Path] = set()


def atomic_write(
    path: Path, data: str | bytes, *, encoding: str = "utf-8", expected: bytes | None | EllipsisType = ...
) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same folder; True if written.

    The temporary file is flushed to disk and renamed over ``path``; if anything
    fails before the rename, ``path`` is untouched and the temporary file removed.
    With ``expected`` (the bytes the caller read, or None for "no file"), the
    file is replaced only if it still holds exactly that; otherwise nothing is
    written and the result is False. The comparison is made after the new
    content is on disk, just before the rename, so the window in which another
    program's save could be overwritten is as short as a rename.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TMP_MARK}{os.getpid()}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        if expected is not ... and read_bytes_or_none(path) != expected:
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True


def read_bytes_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when there is no such file."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        return None


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove this tool's temporary files left in ``folder`` by runs that were killed.

    A temporary file is stale when the process named in it is gone, or when it
    is older than :data:`STALE_SECONDS` (a write takes milliseconds). Each
    folder is swept once per process; only names this tool makes are touched.
    """
    folder = Path(folder)
    if folder in _cleaned:
        return []
    _cleaned.add(folder)
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _TMP_NAME.match(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS and _alive(int(match.group(1))):
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove: leave it
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (unknown counts as alive)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or no way to know
    return True


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
    return decode_utf8(raw, error=error, shown=shown)


def decode_utf8(raw: bytes, *, error: type[SselocaleError], shown: str | Path) -> str:
    """``raw`` as text; bytes that are not UTF-8 raise ``error`` naming the file and line."""
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
