"""Shared fixtures: a copy of the sample project in a temporary folder."""

from __future__ import annotations

import shutil
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
