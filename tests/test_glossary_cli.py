"""`sselocale glossary`: validate, lookup, import, export, in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.cli.glossary import glossary as glossary_group

EXCHANGE = Path(__file__).parent / "fixtures" / "glossary" / "exchange"


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(project), "glossary", *args], catch_exceptions=False)


def test_validate_reports_the_glossary(sample_project: Path) -> None:
    result = run(sample_project, "validate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("glossary/sse.yaml: ")
    assert "concepts in en, fr, es, pt, ru" in result.output
    assert result.output.rstrip().endswith(": OK")


def test_validate_names_file_and_line_and_exits_2(sample_project: Path) -> None:
    path = sample_project / "glossary" / "sse.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index("  - id: decent-work") + 3
    assert lines[number - 1] == "    policy: translate"
    lines[number - 1] = "    policy: enforce"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(sample_project, "validate")
    assert result.exit_code == 2
    assert f"sse.yaml:{number}: concept 'decent-work': unknown policy 'enforce'" in result.output
    assert "hint: one of: translate, keep, check-only" in result.output


def test_validate_requires_every_configured_language(sample_project: Path) -> None:
    config = sample_project / "sselocale.yaml"
    config.write_text(config.read_text().replace("languages: [fr, es, pt, ru]", "languages: [fr, es, pt, ru, de]"))
    result = run(sample_project, "validate")
    assert result.exit_code == 2
    assert "the project translates into 'de' but the glossary has no 'de' terms" in result.output


@pytest.mark.parametrize("query", ["decent work", "Travail décent", "достойный труд", "decent-work", "promoting decent work"])
def test_lookup_by_any_language_or_inside_a_phrase(sample_project: Path, query: str) -> None:
    result = run(sample_project, "lookup", query)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "decent-work (noun, translate)"
    assert "  pt  trabalho digno (Brazil: trabalho decente)" in lines
    assert "  ru  достойный труд" in lines


def test_lookup_suggests_close_terms_and_exits_1(sample_project: Path) -> None:
    result = run(sample_project, "lookup", "cooperativ")
    assert result.exit_code == 1
    assert "no glossary concept for 'cooperativ'; did you mean 'cooperative'" in result.output


def test_export_then_import_changes_nothing(sample_project: Path, tmp_path: Path) -> None:
    path = sample_project / "glossary" / "sse.yaml"
    before = path.read_bytes()
    for name in ("terms.tbx", "terms.csv"):
        result = run(sample_project, "export", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert result.output.startswith("exported ")
        result = run(sample_project, "import", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert " 0 added, 0 updated, " in result.output
        assert "unchanged glossary/sse.yaml" in result.output
    assert path.read_bytes() == before


def test_import_updates_one_term_in_place(sample_project: Path) -> None:
    path = sample_project / "glossary" / "sse.yaml"
    before = path.read_text(encoding="utf-8")
    result = run(sample_project, "import", str(EXCHANGE / "weblate-fr.tbx"))
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated, 1 unchanged" in result.output
    assert "  updated decent-work" in result.output
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("    fr: travail décent\n", "    fr: travail convenable\n", 1)


def test_dry_run_writes_nothing(sample_project: Path) -> None:
    path = sample_project / "glossary" / "sse.yaml"
    before = path.read_bytes()
    result = run(sample_project, "import", "--dry-run", str(EXCHANGE / "weblate-fr.tbx"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("would import ")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "name, message",
    [
        ("unknown-language.tbx", "unknown-language.tbx:11: unknown language 'de'"),
        ("entities.tbx", "entities.tbx:3: TBX file declares entities or external references"),
        ("not-well-formed.tbx", "not-well-formed.tbx:7: TBX file is not well-formed XML"),
        ("new-concept-without-ru.tbx", "new-concept-without-ru.tbx:9: concept 'microcredit' has no 'es' term"),
        ("unknown-policy.csv", "unknown-policy.csv:3: unknown policy 'protect'"),
    ],
)
def test_a_bad_file_imports_nothing(sample_project: Path, name: str, message: str) -> None:
    path = sample_project / "glossary" / "sse.yaml"
    before = path.read_bytes()
    result = run(sample_project, "import", str(EXCHANGE / name))
    assert result.exit_code == 2
    assert message in result.output
    assert path.read_bytes() == before


def test_import_creates_a_glossary_when_there_is_none(sample_project: Path, tmp_path: Path) -> None:
    run(sample_project, "export", str(tmp_path / "terms.tbx"))
    path = sample_project / "glossary" / "sse.yaml"
    path.unlink()
    result = run(sample_project, "import", str(tmp_path / "terms.tbx"))
    assert result.exit_code == 0, result.output
    assert "wrote glossary/sse.yaml" in result.output
    assert run(sample_project, "validate").exit_code == 0


@pytest.mark.parametrize("name", sorted(glossary_group.commands))
def test_every_glossary_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, ["glossary", name, "--help"])
    assert result.exit_code == 0
    assert "  Example:\n    sselocale glossary " in result.output
