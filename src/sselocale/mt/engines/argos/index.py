"""The Argos package index: downloading packages, and installing archives safely.

The only part of the engine that touches the network; an offline machine is
told how to install a package from a file instead.
"""

from __future__ import annotations

import json
import re
import socket
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ....errors import EngineError, brief
from .packages import Package, install_dir, read_package, require_stack, variants

#: Where argospm's package index points people who download by hand.
INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"
#: Seconds to wait for the package index before calling the machine offline.
NETWORK_TIMEOUT = 15
#: Limits on a package archive, checked before anything is unpacked. Real
#: packages unpack to a few hundred MiB in a few dozen files, and their model
#: weights hardly compress; a zip bomb turns megabytes into gigabytes.
MAX_UNPACKED_BYTES = 4 << 30
MAX_MEMBERS = 10_000
#: A member larger than RATIO_FLOOR_BYTES may be at most MAX_RATIO times its compressed size.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 4 << 20
MAX_METADATA_BYTES = 1 << 20
_ARGOS_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True, slots=True)
class Available:
    """A package listed in the Argos package index."""

    source: str
    target: str
    version: str
    links: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"translate-{self.source}_{self.target}"


def _offline(url: str, exc: BaseException) -> EngineError:
    reason = getattr(exc, "reason", None) or exc
    return EngineError(
        f"cannot reach the Argos package index ({url}): {reason}",
        hint=(
            "on a machine with network access, download the .argosmodel file for the "
            f"pair from {INDEX_PAGE}, copy it here and run "
            "`sselocale models install --from FILE.argosmodel`"
        ),
    )


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "sselocale"})
    try:
        with urllib.request.urlopen(request, timeout=NETWORK_TIMEOUT) as response:
            return response.read()
    except (urllib.error.URLError, socket.timeout, OSError, ValueError) as exc:
        raise _offline(url, exc) from exc


def fetch_index() -> list[Available]:
    """The translation packages of the Argos package index (a network request)."""
    require_stack()
    from argostranslate import settings

    url = settings.remote_package_index
    data = _fetch(url)
    try:
        entries = json.loads(data)
    except ValueError as exc:
        raise EngineError(f"the Argos package index is not JSON: {exc}", path=url) from exc
    return [
        Available(str(e["from_code"]), str(e["to_code"]), str(e.get("package_version", "")), tuple(e.get("links", ())))
        for e in entries
        if isinstance(e, dict) and e.get("type", "translate") == "translate" and e.get("from_code") and e.get("to_code")
    ]


def choose(index: Sequence[Available], source: str, target: str) -> Available | None:
    """The package for a pair (``pt`` falls back on ``pb``), or None."""
    for code in variants(target):
        for entry in index:
            if entry.source == source and entry.target == code:
                return entry
    return None


def install_languages(source: str, langs: Sequence[str]) -> Iterator[tuple[str, Package | None]]:
    """Download and install a package per language; yields ``(lang, package)`` as each is done.

    A language the index has no package for yields ``(lang, None)``. The index
    is fetched first, so an offline machine fails before anything else.
    """
    index = fetch_index()
    for lang in langs:
        entry = choose(index, source, lang)
        yield lang, download_and_install(entry) if entry is not None else None


def download_and_install(entry: Available) -> Package:
    """Download one package from the index and install it."""
    if not entry.links:
        raise EngineError(f"the index lists no download for {entry.name}")
    with tempfile.TemporaryDirectory(prefix="sselocale-argos-") as tmp:
        archive = Path(tmp) / f"{entry.name}.argosmodel"
        archive.write_bytes(_fetch(entry.links[0]))
        return install_archive(archive)


def check_archive(path: Path) -> str:
    """Check that ``path`` is an Argos package whose files all stay in its folder.

    Returns the package folder's name. Rejects archives that are not zip files,
    that hold more than one top folder or no ``metadata.json``, and any member
    whose path is absolute, climbs with ``..`` or is a symbolic link: extracting
    those would write outside the package folder. Rejects zip bombs (too many
    files, too large unpacked, a member compressed beyond :data:`MAX_RATIO`) and
    a ``metadata.json`` that does not describe a translation package. Nothing
    is unpacked before every check has passed.
    """
    path = Path(path)
    if not path.exists():
        raise EngineError("no such file", path=path)
    if not path.is_file():
        raise EngineError("not a regular file", path=path)
    if not zipfile.is_zipfile(path):
        raise EngineError("not an Argos package (.argosmodel files are zip archives)", path=path)
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        _check_sizes(members, path)
        top = _check_paths(members, path)
        _check_metadata(archive, f"{top}/metadata.json", path)
    return top


def _check_sizes(members: list[zipfile.ZipInfo], path: Path) -> None:
    """Refuse a zip bomb by the sizes the archive declares (zipfile stops at the declared size)."""
    if len(members) > MAX_MEMBERS:
        raise EngineError(f"not an Argos package: more than {MAX_MEMBERS} files", path=path)
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_UNPACKED_BYTES:
            raise EngineError(
                f"the archive unpacks to more than {_mib(MAX_UNPACKED_BYTES)}", path=path,
                hint="do not install this file; download the package again from a trusted source",
            )
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise EngineError(
                f"{brief(member.filename)} is compressed more than {MAX_RATIO}:1 "
                f"({_mib(member.compress_size)} unpacking to {_mib(member.file_size)}): a zip bomb, not a model",
                path=path, hint="do not install this file; download the package again from a trusted source",
            )


def _mib(size: int) -> str:
    return f"{size / (1 << 20):.3g} MiB"


def _check_metadata(archive: zipfile.ZipFile, name: str, path: Path) -> None:
    """``metadata.json`` must describe a translation package, before any file is unpacked."""
    info = archive.getinfo(name)
    if info.file_size > MAX_METADATA_BYTES:
        raise EngineError("not an Argos package: metadata.json is too large", path=path)
    try:
        meta = json.loads(archive.read(info).decode("utf-8"))
    except (ValueError, zipfile.BadZipFile) as exc:
        raise EngineError(f"not an Argos package: metadata.json is not valid JSON ({exc})", path=path) from exc
    if not isinstance(meta, dict):
        raise EngineError("not an Argos package: metadata.json must be a JSON object", path=path)
    for key in ("from_code", "to_code"):
        code = meta.get(key)
        if not isinstance(code, str) or not _ARGOS_CODE.match(code):
            raise EngineError(
                f"not an Argos package: metadata.json: {key} must be a language code, not {brief(code)}", path=path
            )
    if not isinstance(meta.get("package_version"), str):
        raise EngineError(
            f"not an Argos package: metadata.json: package_version must be a string, "
            f"not {brief(meta.get('package_version'))}", path=path,
        )
    if meta.get("type", "translate") != "translate":
        raise EngineError(f"not a translation package: its type is {brief(meta.get('type'))}", path=path)


def _check_paths(members: list[zipfile.ZipInfo], path: Path) -> str:
    """The archive's one top folder; every member stays in it and it holds ``metadata.json``."""
    tops: set[str] = set()
    for member in members:
        name = member.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        unsafe = (
            name.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", name)
            or ".." in parts
            or (member.external_attr >> 16) & 0o170000 == 0o120000
        )
        if unsafe:
            raise EngineError(
                f"unsafe path in package archive: {brief(name)} would be written outside the package folder",
                path=path,
                hint="do not install this file; download the package again from a trusted source",
            )
        if parts:
            tops.add(parts[0])
    if len(tops) != 1:
        raise EngineError("not an Argos package: the archive must hold exactly one folder", path=path)
    top = tops.pop()
    names = {m.filename.rstrip("/") for m in members}
    if f"{top}/metadata.json" not in names:
        raise EngineError("not an Argos package: no metadata.json in its folder", path=path)
    return top


def install_archive(path: Path) -> Package:
    """Install an ``.argosmodel`` file with Argos Translate's installer, after checking it."""
    top = check_archive(path)
    require_stack()
    from argostranslate import package as argos_package

    install_dir().mkdir(parents=True, exist_ok=True)
    try:
        argos_package.install_from_path(Path(path))
    except (OSError, zipfile.BadZipFile) as exc:
        raise EngineError(f"cannot install the package: {exc}", path=path) from exc
    installed = read_package(install_dir() / top)
    if installed is None:
        raise EngineError("installed, but its metadata.json is not readable", path=install_dir() / top)
    return installed
