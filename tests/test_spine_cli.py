"""The spine from the command line: init, -C, extract, update, sync, build, bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from sselocale import files
from sselocale.cli import main


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_then_sync_makes_a_working_project(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "init", "--languages", "fr,es")
    assert result.exit_code == 0, result.output
    assert "created sselocale.yaml" in result.output
    assert (tmp_path / "content" / "welcome.md").is_file()
    result = run("-C", str(tmp_path), "sync", "--no-translate")
    assert result.exit_code == 0, result.output
    assert "fr: 6 units, 0 reviewed (0%), 0 fuzzy, 6 untranslated" in result.output
    assert (tmp_path / "locales" / "templates" / "welcome.pot").is_file()
    assert (tmp_path / "locales" / "es" / "welcome.po").is_file()


def test_init_refuses_to_overwrite_a_project(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init")
    config = (tmp_path / "sselocale.yaml").read_text()
    result = run("-C", str(tmp_path), "init", "--languages", "de")
    assert result.exit_code == 2
    assert "a project already exists here" in result.output
    assert (tmp_path / "sselocale.yaml").read_text() == config


def test_init_rejects_unknown_language(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "init", "--languages", "fr,zz")
    assert result.exit_code == 2
    assert "unknown language code 'zz'" in result.output
    assert not (tmp_path / "sselocale.yaml").exists()


def test_commands_find_the_project_from_a_subfolder(sample_project: Path) -> None:
    result = run("extract", cwd=sample_project / "content")
    assert result.exit_code == 0, result.output
    assert "11 templates, 11 written, 0 unchanged" in result.output


def test_sync_on_the_sample_content(sample_project: Path) -> None:
    result = run("-C", str(sample_project), "sync", "--no-translate")
    assert result.exit_code == 0, result.output
    assert len(list((sample_project / "locales").glob("*/*.po"))) == 4 * 11
    again = run("-C", str(sample_project), "sync", "--no-translate")
    assert "(0 written)" in again.output


def test_build_falls_back_to_source_and_formats_dates(sample_project: Path) -> None:
    run("-C", str(sample_project), "sync", "--no-translate")
    po = sample_project / "locales" / "fr" / "un-general-assembly-sse-resolution.po"
    import polib

    cat = polib.pofile(str(po))
    entry = [e for e in cat if "front matter: title" in e.comment.split("\n")][0]
    entry.msgstr = "L'Assemblée générale des Nations Unies et l'ESS"
    fuzzy = [e for e in cat if "paragraph" in e.comment.split("\n")][0]
    fuzzy.msgstr, fuzzy.flags = "Un brouillon.", ["fuzzy"]
    po.write_text(str(cat), encoding="utf-8")

    result = run("-C", str(sample_project), "build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    built = (sample_project / "build" / "fr" / "un-general-assembly-sse-resolution.md").read_text(encoding="utf-8")
    assert "title: \"L'Assemblée générale des Nations Unies et l'ESS\"" in built
    assert "date: 18 avril 2023" in built
    assert "lang: fr" in built
    assert "Un brouillon." not in built
    assert fuzzy.msgid[:40] in built

    run("-C", str(sample_project), "build", "--lang", "fr", "--include-fuzzy")
    built = (sample_project / "build" / "fr" / "un-general-assembly-sse-resolution.md").read_text(encoding="utf-8")
    assert "Un brouillon." in built


def test_build_min_coverage_skips_articles(sample_project: Path) -> None:
    run("-C", str(sample_project), "sync", "--no-translate")
    result = run("-C", str(sample_project), "build", "--lang", "ru", "--min-coverage", "50")
    assert result.exit_code == 0, result.output
    assert "built 0 articles (0 changed), skipped 11" in result.output
    assert "skipped ru/about-this-portal: 0% translated, under 50%" in result.output
    assert not (sample_project / "build").exists()


BAD_INPUT = [
    ("content/bad.md", b"---\ntitle: [unclosed\n---\n\nText.\n", "content/bad.md:3: malformed front matter"),
    ("content/zz-last.md", b"---\nslug: zz-last\ntitle: [unclosed\n---\n\nText.\n", "content/zz-last.md:4: malformed front matter"),
    ("content/bad.md", b"---\ntitle: A\nslug: [a, b]\n---\n\nText.\n", "content/bad.md:3: slug must be a string"),
    ("content/bad.md", b"# Caf\xe9\n", "content/bad.md:1: not valid UTF-8"),
    ("content/bad.md", b"---\ntitle: A\nslug: ../escape\n---\nText.\n", "content/bad.md:3: unsafe slug '../escape'"),
    ("content/bad.md", b"---\nslug: /etc/passwd\n---\nText.\n", "content/bad.md:2: unsafe slug '/etc/passwd'"),
    ("content/Bad Name.md", b"Text.\n", "content/Bad Name.md:1: unsafe slug 'Bad Name'"),
    ("content/bad.md", b"---\nslug: Nul\n---\nText.\n", "content/bad.md:2: unsafe slug 'Nul'"),
    ("content/bad.md", b"---\nslug: Bad_Name\n---\nText.\n", "content/bad.md:2: unsafe slug 'Bad_Name'"),
    ("content/Welcome.md", b"Text.\n", "duplicate slug 'welcome', already used by content/Welcome.md as 'Welcome'"),
    ("content/bad.md", b"---\nslug: welcome\n---\nText.\n", "duplicate slug 'welcome'"),
    ("locales/fr/welcome.po", b'msgid "Text."\nmsgstr "Texte.\n', "locales/fr/welcome.po:2: invalid PO syntax: unterminated string"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUT, ids=lambda v: v if isinstance(v, str) and "/" in v and ":" not in v else None)
def test_bad_input_is_one_clear_error_and_nothing_is_written(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    run("-C", str(tmp_path), "sync", "--no-translate")
    (tmp_path / name).write_bytes(data)
    before = snapshot(tmp_path)
    result = run("sync", "--no-translate", cwd=tmp_path)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], result.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("config", "message"),
    [("languages: [fr, xx]\n", "sselocale.yaml:1: languages: unknown language code 'xx'"),
     ("languages: [fr]\nrelease:\n  min_coverage: 120\n", "sselocale.yaml:3: release.min_coverage: must be a percentage"),
     ("languages: [fr]\ntranslation:\n  engines: [argos, babelfish]\n", "sselocale.yaml:3: translation.engines: unknown engine 'babelfish'"),
     ("languages: [fr]\nlanguages_typo: 1\n", "sselocale.yaml:2: languages_typo: unknown key"),
     ("languages: [fr\n", "sselocale.yaml:2: invalid YAML")],
)
def test_config_errors_name_key_and_line(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "sselocale.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "content").mkdir()
    result = run("extract", cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.output


def test_missing_project_says_how_to_start(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "extract")
    assert result.exit_code == 2
    assert "no sselocale.yaml" in result.output and "sselocale init" in result.output


def test_unknown_language_option_is_a_usage_error(sample_project: Path) -> None:
    result = run("-C", str(sample_project), "update", "--lang", "de")
    assert result.exit_code == 2
    assert "unknown language 'de'" in result.output


@pytest.mark.parametrize("command", ["init", "extract", "update", "sync", "build"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"sselocale" in result.output


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "fr.po"
    target.write_text("old content", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        files.atomic_write(target, "new content")
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["fr.po"]


def test_atomic_write_creates_folders_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "x.po"
    files.atomic_write(target, "one")
    files.atomic_write(target, "two")
    assert target.read_text() == "two"
    assert files.write_if_changed(target, "two") is False
    assert files.write_if_changed(target, "three") is True


def test_a_broken_article_stops_only_itself_and_every_error_is_reported(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    run("-C", str(tmp_path), "sync", "--no-translate")
    welcome = tmp_path / "content" / "welcome.md"
    welcome.write_text(welcome.read_text() + "\nA new paragraph.\n")
    (tmp_path / "content" / "zz-last.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    (tmp_path / "content" / "aa-first.md").write_text("---\ntitle: A\nslug: [a, b]\n---\nText.\n")
    result = run("-C", str(tmp_path), "sync", "--no-translate")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.output
    assert "content/aa-first.md:3: slug must be a string" in errors[0]
    assert "content/zz-last.md:3: malformed front matter" in errors[1]
    # The sound article went on: its new paragraph is in its template and catalog.
    assert "A new paragraph." in (tmp_path / "locales" / "templates" / "welcome.pot").read_text()
    assert "A new paragraph." in (tmp_path / "locales" / "fr" / "welcome.po").read_text()
    # Nothing was written for the broken ones.
    assert sorted(p.name for p in (tmp_path / "locales" / "templates").iterdir()) == ["welcome.pot"]
    assert sorted(p.name for p in (tmp_path / "locales" / "fr").iterdir()) == ["welcome.po"]
    for command in (["extract"], ["update"], ["build", "--allow-stale"]):
        result = run("-C", str(tmp_path), *command)
        assert result.exit_code == 2, (command, result.output)
        errors = [line for line in result.output.splitlines() if line.startswith("error:")]
        assert len(errors) == 2 and "zz-last.md:3" in errors[1], (command, result.output)
    assert (tmp_path / "build" / "fr" / "welcome.md").is_file()
    assert not (tmp_path / "build" / "fr" / "zz-last.md").exists()


def test_a_damaged_catalog_stops_only_its_article(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    (tmp_path / "content" / "other.md").write_text("Other text.\n")
    run("-C", str(tmp_path), "sync", "--no-translate")
    (tmp_path / "locales" / "templates" / "other.pot").write_bytes(b'msgid "Text."\nmsgstr "\n')
    welcome = tmp_path / "content" / "welcome.md"
    welcome.write_text(welcome.read_text() + "\nA new paragraph.\n")
    (tmp_path / "content" / "other.md").write_text("Other text, changed.\n")
    result = run("-C", str(tmp_path), "sync", "--no-translate")
    assert result.exit_code == 2
    assert "locales/templates/other.pot:2: invalid PO syntax" in result.output
    assert "A new paragraph." in (tmp_path / "locales" / "fr" / "welcome.po").read_text()
    assert "changed" not in (tmp_path / "locales" / "templates" / "other.pot").read_text()
    assert "changed" not in (tmp_path / "locales" / "fr" / "other.po").read_text()


@pytest.mark.parametrize("text", ["---\nFoo\n---\nBar\n", "---\n---\nBar\n", "---\ntitle: A\n\nNo closing fence.\n"])
def test_a_leading_rule_without_yaml_mapping_is_markdown(tmp_path: Path, text: str) -> None:
    run("-C", str(tmp_path), "init", "--languages", "fr")
    (tmp_path / "content" / "rule.md").write_text(text)
    result = run("-C", str(tmp_path), "sync", "--no-translate")
    assert result.exit_code == 0, result.output
    template = (tmp_path / "locales" / "templates" / "rule.pot").read_text()
    assert 'msgid "Bar"' in template or 'msgid "No closing fence."' in template
