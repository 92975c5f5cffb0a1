"""Every command explains itself: --help with an example, and a place in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sselocale.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


ALL = list(commands(main))


def test_the_command_list_is_what_users_expect() -> None:
    names = {" ".join(path) for path, _ in ALL}
    assert {"init", "extract", "update", "sync", "translate", "build", "status", "check",
            "models list", "models install", "glossary validate", "glossary lookup",
            "glossary import", "glossary export"} <= names


@pytest.mark.parametrize(("path", "command"), ALL, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_help_has_an_example(path: tuple[str, ...], command: click.Command) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert command.help, f"{' '.join(path)} has no help text"
    if not isinstance(command, click.Group):
        assert "Example:" in result.output
        assert f"sselocale {' '.join(path)}" in result.output


@pytest.mark.parametrize(("path", "command"), ALL, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_readme_documents_the_command(path: tuple[str, ...], command: click.Command) -> None:
    assert f"sselocale {' '.join(path)}" in README
