"""``sselocale status`` and ``sselocale check`` in-process: exit codes and exact output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sselocale.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
EXPECTED = FIXTURES / "expected"


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture portal, as the current folder (reports show relative paths)."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "portal", root)
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def expected(name: str) -> str:
    return (EXPECTED / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, name", [("json", "status.json"), ("markdown", "status.md")])
def test_status_formats(portal: Path, fmt: str, name: str) -> None:
    result = run("status", "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == expected(name)


def test_status_table_is_the_default(portal: Path) -> None:
    result = run("status")
    assert result.exit_code == 0
    assert "Review fixture: by language" in result.stdout
    assert "sse-resolution" in result.stdout


def test_status_selects_languages_and_articles(portal: Path) -> None:
    result = run("status", "-f", "json", "--lang", "es", "-a", "coop-day")
    data = json.loads(result.stdout)
    full = json.loads(expected("status.json"))
    assert result.exit_code == 0
    assert data == {"languages": {"es": full["articles"]["coop-day"]["es"]},
                    "articles": {"coop-day": {"es": full["articles"]["coop-day"]["es"]}}, "stale": []}


def test_status_writes_a_file(portal: Path) -> None:
    result = run("status", "--format", "html", "-o", "report/status.html")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "wrote report/status.html\n"
    page = (portal / "report" / "status.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="heatmap"' in page


@pytest.mark.parametrize(
    "args, message",
    [
        (("status", "--lang", "de"), "error: sselocale.yaml: unknown language 'de'\n"
                                     "  hint: configured languages: fr, es\n"),
        (("check", "--lang", "de"), "error: sselocale.yaml: unknown language 'de'\n"
                                    "  hint: configured languages: fr, es\n"),
        (("check", "--article", "nope"), "error: unknown article 'nope'\n"
                                         "  hint: known articles: coop-day, sse-resolution\n"),
    ],
)
def test_bad_selection_exits_2(portal: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_bad_config_exits_2(portal: Path) -> None:
    config = portal / "sselocale.yaml"
    config.write_text(config.read_text().replace("min_coverage: 50", "min_coverage: 150"))
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr == ("error: sselocale.yaml:11: release.min_coverage: must be a percentage "
                             "between 0 and 100, not 150\n")


def test_min_coverage_option_is_validated(portal: Path) -> None:
    result = run("check", "--min-coverage", "101")
    assert result.exit_code == 2
    assert "Invalid value for '--min-coverage'" in result.stderr


@pytest.mark.parametrize("fmt, name", [("text", "check.txt"), ("github", "check-github.txt"),
                                       ("json", "check.json")])
def test_check_blocks_the_release_exit_1(portal: Path, fmt: str, name: str) -> None:
    result = run("check", "--format", fmt)
    assert result.exit_code == 1
    assert result.stdout == expected(name)


def test_check_passes_exit_0(portal: Path) -> None:
    result = run("check", "--lang", "fr")
    assert result.exit_code == 0
    assert result.stdout == (
        "coverage (reviewed units, fuzzy not counted):\n"
        "  fr: 63.6% of 11 units, needs 50%  ok\n"
        "\n"
        "0 errors, 0 warnings, 0 silenced in 2 catalogs\n"
        "the release may ship\n"
    )


def test_min_coverage_overrides_the_configuration(portal: Path) -> None:
    result = run("check", "--lang", "fr", "--min-coverage", "90")
    assert result.exit_code == 1
    assert result.stdout.endswith("the release may not ship: fr under 90%\n")
    assert "  fr: 63.6% of 11 units, needs 90%  FAIL\n" in result.stdout


def test_check_skips_checks(portal: Path) -> None:
    result = run("check", "--lang", "es", "--min-coverage", "0", "--skip", "unsafe-html,numbers")
    assert result.exit_code == 0
    assert result.stdout.startswith("coverage (reviewed units")
    result = run("check", "--skip", "spelling")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown check 'spelling'\n  hint: known checks: po-invalid, ")


def test_help_lists_every_check() -> None:
    from sselocale.review.checks import CHECKS

    text = " ".join(run("check", "--help").stdout.split())
    assert all(c.id in text for c in CHECKS)


def test_check_one_article(portal: Path) -> None:
    result = run("check", "--article", "sse-resolution", "--lang", "fr", "--min-coverage", "40")
    assert result.exit_code == 0
    assert "  fr: 40.0% of 5 units, needs 40%  ok\n" in result.stdout


def test_invalid_po_is_reported_with_its_line(portal: Path) -> None:
    path = portal / "locales" / "fr" / "coop-day.po"
    path.write_text(path.read_text(encoding="utf-8").replace('msgid "A day for cooperatives"',
                                                             'msgid "A day for cooperatives" x'))
    result = run("check", "--lang", "fr", "--format", "github")
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.endswith('" x'))
    assert result.stdout.splitlines()[0] == (
        f"::error file=locales/fr/coop-day.po,line={line},title=po-invalid::"
        "invalid PO syntax: syntax error: text after the closing quote")


def test_status_on_an_invalid_po_exits_2(portal: Path) -> None:
    path = portal / "locales" / "fr" / "coop-day.po"
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "x"\n')
    result = run("status")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path.relative_to(portal)}:")
    assert "missing 'msgstr' section" in result.stderr


@pytest.mark.parametrize("command", ["status", "check"])
def test_help_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"sselocale {command}" in result.stdout


_PROBE = """
import sys
from sselocale.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("torch", "argostranslate", "ctranslate2", "spacy", "stanza")
print("HEAVY", sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""


@pytest.mark.parametrize("args", [["--help"], ["status", "-f", "json"], ["check"]], ids=" ".join)
def test_review_commands_do_not_import_the_translation_stack(portal: Path, args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=portal, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "HEAVY []"
