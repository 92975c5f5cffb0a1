"""The house shows the pipeline: layers kept, no import cycle, small modules, a README that matches."""

from __future__ import annotations

import os
import re
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "sselocale"
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_imports_flow_one_way_down_the_pipeline() -> None:
    """The layer contract in pyproject.toml (import-linter) holds."""
    from importlinter.cli import lint_imports

    old = Path.cwd()
    os.chdir(REPO)
    try:
        assert lint_imports(config_filename=str(REPO / "pyproject.toml")) == 0
    finally:
        os.chdir(old)


def _is_package(module: str) -> bool:
    return (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists()


def _imports(graph: grimp.ImportGraph, module: str) -> set[str]:
    """What ``module`` imports, less a package's re-exports of its own modules."""
    found = graph.find_modules_directly_imported_by(module)
    if _is_package(module):
        found = {m for m in found if not m.startswith(module + ".")}
    return found


def _cycle(graph: grimp.ImportGraph, modules: set[str]) -> list[str] | None:
    """One import cycle among ``modules``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(_imports(graph, module) & modules):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(modules):
        if module not in state:
            found = visit(module)
            if found:
                return found
    return None


def test_no_import_cycle_anywhere() -> None:
    """Not between packages, not between two modules of one package, lazy imports included.

    A package's ``__init__`` that re-exports its own modules is no cycle by
    itself: those edges are left out, every other one counts.
    """
    graph = grimp.build_graph("sselocale", exclude_type_checking_imports=False)
    assert _cycle(graph, set(graph.modules)) is None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    limit = 250 if path.parent.name == "cli" else 400
    assert lines <= limit, f"{path.relative_to(REPO)} has {lines} lines (limit {limit})"


def test_the_readme_architecture_matches_the_tree() -> None:
    """Every package of the tree is in the README's architecture section, and nothing else is."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    packages = {p.parent.name for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}
    for name in sorted(packages):
        assert f"{name}/" in section, f"the README's architecture section does not show {name}/"
    shown = set(re.findall(r"`?\b([a-z_]+)/", section)) - {"content", "src", "sselocale", "tests"}
    assert shown <= packages, f"the README shows folders the package does not have: {shown - packages}"
    for module in re.findall(r"`([a-z_]+\.py)`", section):
        assert list(PACKAGE.rglob(module)), f"the README names {module}, which does not exist"
