"""Installed Argos packages: finding them, reading them, and what pairs they serve.

Also the check that the Argos stack is installed at all, since ``pip install
sselocale`` leaves it out and every entry point must say how to add it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ....errors import EngineError
from ..base import Hop, Offer

NAME = "argos"
#: Language codes Argos packages may use for a language code of the project.
VARIANTS = {"pt": ("pt", "pb"), "pb": ("pb", "pt")}
VARIANT_NAMES = {"pb": "Brazilian Portuguese", "pt": "European Portuguese"}


@dataclass(frozen=True, slots=True)
class Package:
    """An installed Argos package (its ``metadata.json``)."""

    path: Path
    source: str
    target: str
    version: str
    kind: str = "translate"
    target_prefix: str = ""

    @property
    def name(self) -> str:
        """argospm's name for it: ``translate-en_fr``."""
        return f"{self.kind}-{self.source}_{self.target}"

    def hop(self) -> Hop:
        return Hop(self.source, self.target, self.name, self.version, self.path)


#: How to add the engine to a light install (``pip install sselocale``).
INSTALL_HINT = "pip install 'sselocale[argos]' (or: bash scripts/install.sh)"
_STACK = ("argostranslate", "ctranslate2", "sentencepiece")


def missing_module() -> str | None:
    """The first module of the Argos stack that is not installed, or None."""
    import importlib.util

    for module in _STACK:
        try:
            if importlib.util.find_spec(module) is None:
                return module
        except (ImportError, ValueError):
            return module
    return None


def require_stack() -> None:
    """Fail with the command that installs Argos Translate when it is missing."""
    missing = missing_module()
    if missing is not None:
        raise EngineError(
            f"Argos Translate is not installed (no Python module {missing!r})",
            hint=f"install the engine with: {INSTALL_HINT}",
        )


def package_dirs() -> list[Path]:
    """Folders Argos Translate reads packages from (``ARGOS_PACKAGES_DIR`` and friends)."""
    require_stack()
    from argostranslate import settings

    return [Path(p) for p in settings.package_dirs]


def install_dir() -> Path:
    require_stack()
    from argostranslate import settings

    return Path(settings.package_data_dir)


def installed_packages() -> list[Package]:
    """Translation packages found in Argos Translate's package folders.

    A folder that is not a readable package is skipped, not fatal: ``models list``
    must still work to tell the user what is there.
    """
    found: list[Package] = []
    for folder in package_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            package = read_package(path)
            if package is not None and package.kind == "translate":
                found.append(package)
    return found


def read_package(path: Path) -> Package | None:
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        return None
    return Package(
        path=path,
        source=str(meta["from_code"]),
        target=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        kind=str(meta.get("type", "translate")),
        target_prefix=str(meta.get("target_prefix", "")),
    )


def variants(lang: str) -> tuple[str, ...]:
    return VARIANTS.get(lang, (lang,))


def _find(packages: Sequence[Package], source: str, target: str) -> Package | None:
    for target_code in variants(target):
        for source_code in variants(source):
            for package in packages:
                if package.source == source_code and package.target == target_code:
                    return package
    return None


def probe(source: str, target: str, packages: Sequence[Package] | None = None) -> Offer:
    """Which installed packages take ``source`` to ``target``: direct, or through English."""
    if packages is None:
        if missing_module() is not None:
            return Offer(NAME, source, target, reason=f"Argos Translate is not installed: {INSTALL_HINT}")
        packages = installed_packages()
    route: list[Package] = []
    direct = _find(packages, source, target)
    if direct is not None:
        route = [direct]
    elif "en" not in (source, target):
        first, second = _find(packages, source, "en"), _find(packages, "en", target)
        if first is not None and second is not None:
            route = [first, second]
    if not route:
        return Offer(NAME, source, target, reason=f"no Argos package for {source}→{target} installed")
    served = route[-1].target
    notes = ["via en"] if len(route) > 1 else []
    if served != target:
        notes.append(f"{target} served by the {VARIANT_NAMES.get(served, served)} package {served}")
    note = "; ".join(notes)
    return Offer(NAME, source, target, tuple(p.hop() for p in route), note=note)
