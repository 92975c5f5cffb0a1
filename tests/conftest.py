"""Shared fixtures: a copy of the sample project in a temporary folder."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of the repository's sample project (config, content, glossary), no catalogs yet."""
    root = tmp_path / "portal"
    root.mkdir()
    shutil.copy(REPO / "sselocale.yaml", root / "sselocale.yaml")
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "glossary").is_dir():
        shutil.copytree(REPO / "glossary", root / "glossary")
    (root / "locales").mkdir()
    return root


# --- every catalog the suite renders is a GNU msgcat fixed point -------------------

#: Flags GNU gettext reads; msgcat drops any other (sselocale keeps them).
_GNU_FLAG = re.compile(r"^(fuzzy|(no-|possible-)?[a-z0-9+-]+-format|range: \d+\.\.\d+|no-wrap|wrap)$")
_checked: set[int] = set()


def without_unknown_flags(text: str) -> str:
    """``text`` with the flags GNU tools drop taken out, as msgcat would write it."""
    out = []
    for line in text.split("\n"):
        for prefix in ("#, ", "#~, "):
            if line.startswith(prefix):
                flags = [f for f in line[len(prefix):].split(", ") if _GNU_FLAG.match(f.strip())]
                line = prefix + ", ".join(flags) if flags else None
                break
        if line is not None:
            out.append(line)
    return "\n".join(out)


def msgcat(text: str, tmp: Path) -> subprocess.CompletedProcess:
    path = tmp / "catalog.po"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, text=True)


@pytest.fixture(autouse=True)
def rendered_catalogs_are_gnu_fixed_points(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> Iterator[None]:
    """Each distinct PO/POT text the tool renders during a test is what msgcat writes for it."""
    from sselocale.po import catalogs

    rendered: list[str] = []
    original = catalogs.render

    def recording(po):
        text = original(po)
        rendered.append(text)
        return text

    monkeypatch.setattr(catalogs, "render", recording)
    yield
    fresh = []
    for text in rendered:
        key = hash(text)
        if key not in _checked:
            _checked.add(key)
            fresh.append(text)
    if not fresh:
        return
    tmp = tmp_path_factory.mktemp("msgcat")
    for text in fresh:
        result = msgcat(text, tmp)
        if result.returncode != 0:  # a deliberately invalid catalog: msgfmt-check tests cover it
            continue
        assert result.stdout == without_unknown_flags(text), "a rendered catalog is not a msgcat fixed point"
