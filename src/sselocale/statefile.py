"""The state file: what each step last made and from what, so that unchanged work is skipped.

``.sselocale/state.json`` in the project records, per step and per file it
writes, a fingerprint of the step's inputs (an article's digest, the template
a catalog was merged with, the configuration...) and of the files it left. A
step skips a file only when both match what is on disk now: an edit to an
article, a catalog, the glossary or the configuration, a file deleted or
touched by another program, or a new or edited installation of sselocale each
make the work run again. The state is a cache and nothing more: deleting it,
or a damaged or concurrent copy, changes what a run costs, never what it writes.

The folder holds its own ``.gitignore``, so the state is never committed.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> state = StateFile.load(root)
>>> out = root / "out.txt"; _ = out.write_text("made")
>>> state.fresh("step", "out", "inputs-1", [out]) is None
True
>>> _ = state.record("step", "out", "inputs-1", [out], {"lines": 1}); state.save()
>>> StateFile.load(root).fresh("step", "out", "inputs-1", [out])
{'lines': 1}
>>> _ = out.write_text("edited")
>>> StateFile.load(root).fresh("step", "out", "inputs-1", [out]) is None
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .files import atomic_write

#: The hidden folder of a project that holds what may be rebuilt at any time.
STATE_DIR = ".sselocale"
STATE_NAME = "state.json"
#: The steps whose records name catalogs they wrote themselves.
WRITERS = ("extract", "update")
#: Bumped whenever what a record means changes; a file of another format is ignored.
FORMAT = 1


def fingerprint(path: Path) -> str:
    """A short hash of a file's bytes; ``"-"`` when there is no such file."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "blake2b").hexdigest()[:32]
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return "-"


def digest(*parts: str | bytes) -> str:
    """A short hash of ``parts``, each length-prefixed so that no two lists collide."""
    h = hashlib.blake2b()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


@lru_cache(maxsize=1)
def _version() -> str:
    """The version of sselocale and of its code as installed: records of another are not trusted.

    The code's files are named with their sizes and modification times, so an
    edited or upgraded installation (a development one too) starts afresh.
    """
    from . import __version__

    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    stats = [f"{p.relative_to(package)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files]
    return f"{__version__}+{digest(*stats)[:16]}"


class StateFile:
    """The records of one project's state file, loaded once and saved at the end of a step."""

    def __init__(self, path: Path, steps: dict[str, dict[str, list]]) -> None:
        self.path = path
        self.steps = steps
        self.changed = False
        self._made: dict[str, str] | None = None

    @classmethod
    def load(cls, root: Path) -> StateFile:
        """The project's state; empty when there is none, or it is damaged or of another version."""
        path = Path(root) / STATE_DIR / STATE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path, {})
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("sselocale") != _version() or not isinstance(data.get("steps"), dict)):
            return cls(path, {})
        steps = {k: v for k, v in data["steps"].items() if isinstance(v, dict)}
        return cls(path, steps)

    def fresh(self, step: str, key: str, inputs: str, outputs: Iterable[Path]) -> dict | None:
        """What ``step`` noted for ``key`` if it made ``outputs`` from ``inputs`` and they are unchanged.

        None when the work must be done again; the note (``{}`` when none) otherwise.
        """
        record = self.steps.get(step, {}).get(key)
        if not isinstance(record, dict) or record.get("in") != inputs:
            return None
        made = record.get("out")
        paths = [str(p) for p in outputs]
        if not isinstance(made, dict) or sorted(made) != sorted(paths):
            return None
        if any(made[p] != fingerprint(Path(p)) for p in paths):
            return None
        note = record.get("note", {})
        return note if isinstance(note, dict) else None

    def record(self, step: str, key: str, inputs: str, outputs: Iterable[Path], note: dict | None = None) -> dict:
        """Note that ``step`` made ``outputs`` (as they are on disk now) for ``key`` from ``inputs``.

        Returns the record, for a worker process to hand back to :meth:`merge`.
        """
        made = {str(p): fingerprint(p) for p in outputs}
        record = {"in": inputs, "out": made, "note": note or {}}
        self.steps.setdefault(step, {})[key] = record
        self._made = None
        self.changed = True
        return record

    def merge(self, records: dict[tuple[str, str], dict]) -> None:
        """Take the records another process made: ``{(step, key): record}``."""
        for (step, key), record in records.items():
            self.steps.setdefault(step, {})[key] = record
        if records:
            self._made = None
            self.changed = True

    def forget(self, step: str, key: str) -> None:
        if self.steps.get(step, {}).pop(key, None) is not None:
            self._made = None
            self.changed = True

    def made(self, path: Path) -> bool:
        """Whether ``path`` is, byte for byte, a catalog ``extract`` or ``update`` wrote (and so needs
        no checking again); a file another step only read does not count."""
        if self._made is None:
            self._made = {}
            for step in WRITERS:
                for record in self.steps.get(step, {}).values():
                    if isinstance(record, dict) and isinstance(record.get("out"), dict):
                        self._made.update(record["out"])
        known = self._made.get(str(path))
        return known is not None and known != "-" and known == fingerprint(path)

    def save(self) -> None:
        """Write the state if anything was recorded; a folder that cannot be written is no error."""
        if not self.changed:
            return
        data = {"format": FORMAT, "sselocale": _version(), "steps": self.steps}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                atomic_write(ignore, "# sselocale's state: a cache, rebuilt when missing. Never committed.\n*\n")
            atomic_write(self.path, json.dumps(data, separators=(",", ":"), sort_keys=True))
        except OSError:
            return
        self.changed = False
