"""Stale catalogs: sources edited without a sync are caught by check, status and build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.po import catalogs

CONFIG = """\
project: Stale portal
source_language: en
languages: [fr]
paths: {content: content, locales: locales, glossary: glossary/sse.yaml, build: build}
front_matter: [title]
release: {min_coverage: 100}
"""

ARTICLE = """\
---
title: Cooperatives at work
summary: Not translated.
slug: coops
---

Cooperatives create decent work.

The ILO was founded in 1919.
"""

GLOSSARY = """\
source_language: en
languages: [fr]
concepts:
  - id: cooperative
    pos: noun
    policy: translate
    definition: An autonomous association of persons.
    en: cooperative
    fr: coopérative
"""


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


def review_everything(root: Path) -> None:
    """Translate every entry of every catalog and mark it reviewed, as a translator would."""
    for path in (root / "locales" / "fr").glob("*.po"):
        po = catalogs.load_catalog(path)
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = "FR " + entry.msgid
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalogs.save_catalog(path, po, revised=True)


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """A one-article project, synced and fully reviewed: the release may ship."""
    root = tmp_path / "portal"
    (root / "content").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "sselocale.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "coops.md").write_text(ARTICLE, encoding="utf-8")
    (root / "glossary" / "sse.yaml").write_text(GLOSSARY, encoding="utf-8")
    assert run(root, "sync", "--no-translate").exit_code == 0
    review_everything(root)
    result = run(root, "check")
    assert result.exit_code == 0, result.output
    return root


def edit_without_sync(root: Path) -> None:
    article = root / "content" / "coops.md"
    text = article.read_text(encoding="utf-8").replace("decent work.", "decent work for all.")
    article.write_text(text + "\nA new paragraph about mutual societies.\n", encoding="utf-8")


def test_edited_article_without_sync_blocks_the_release(portal: Path) -> None:
    edit_without_sync(portal)
    result = run(portal, "check")
    assert result.exit_code == 1
    assert ("locales/fr/coops.po:1: error: [stale] stale: content/coops.md, the glossary or the extraction "
            "settings changed since the last sync: run `sselocale sync`") in result.output
    assert result.output.endswith(
        "the release may not ship: 1 error (1 stale catalog: run `sselocale sync`)\n")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_every_check_format_reports_it(portal: Path, fmt: str) -> None:
    edit_without_sync(portal)
    result = run(portal, "check", "--format", fmt)
    assert result.exit_code == 1
    if fmt == "json":
        data = json.loads(result.output)
        assert data["ok"] is False
        [finding] = data["findings"]
        assert finding["check"] == "stale" and finding["line"] == 1 and finding["article"] == "coops"
        assert finding["file"].endswith("locales/fr/coops.po")
    elif fmt == "github":
        assert "::error file=" in result.output
        assert "locales/fr/coops.po,line=1,title=stale::stale: content/coops.md" in result.output
    else:
        assert "[stale]" in result.output


def test_status_shows_stale_catalogs(portal: Path) -> None:
    edit_without_sync(portal)
    data = json.loads(run(portal, "status", "--format", "json").output)
    assert data["stale"] == [{
        "article": "coops", "lang": "fr", "file": "locales/fr/coops.po", "source": "content/coops.md",
        "reason": "sources-changed",
        "message": "stale: content/coops.md, the glossary or the extraction settings changed since the last "
                   "sync: run `sselocale sync`",
    }]
    table = run(portal, "status").output
    assert "100.0% stale" in table
    assert "1 stale catalogs" in table and "locales/fr/coops.po: stale: content/coops.md" in table
    assert "### Stale catalogs: 1" in run(portal, "status", "--format", "markdown").output
    assert 'class="cell stale"' in run(portal, "status", "--format", "html").output


def test_build_refuses_a_stale_article(portal: Path) -> None:
    edit_without_sync(portal)
    result = run(portal, "build", "--lang", "fr")
    assert result.exit_code == 1
    assert "skipped fr/coops: stale: content/coops.md" in result.output
    assert "(or build with --allow-stale)" in result.output
    assert not (portal / "build" / "fr" / "coops.md").exists()
    result = run(portal, "build", "--lang", "fr", "--allow-stale")
    assert result.exit_code == 0, result.output
    assert "A new paragraph about mutual societies." in (portal / "build" / "fr" / "coops.md").read_text()


def test_after_sync_check_reports_the_untranslated_units_instead(portal: Path) -> None:
    edit_without_sync(portal)
    assert run(portal, "sync", "--no-translate").exit_code == 0
    result = run(portal, "check")
    assert result.exit_code == 1
    assert "stale" not in result.output
    assert "fr under 100%" in result.output
    assert json.loads(run(portal, "status", "--format", "json").output)["stale"] == []
    assert run(portal, "build", "--lang", "fr").exit_code == 0


def test_glossary_change_makes_catalogs_stale(portal: Path) -> None:
    glossary = portal / "glossary" / "sse.yaml"
    glossary.write_text(glossary.read_text().replace("fr: coopérative", "fr: société coopérative"))
    assert run(portal, "check").exit_code == 1
    assert run(portal, "sync", "--no-translate").exit_code == 0
    assert run(portal, "check").exit_code == 0


def test_front_matter_setting_makes_catalogs_stale(portal: Path) -> None:
    config = portal / "sselocale.yaml"
    config.write_text(config.read_text().replace("front_matter: [title]", "front_matter: [title, summary]"))
    result = run(portal, "check", "--format", "json")
    assert result.exit_code == 1
    assert [f["check"] for f in json.loads(result.output)["findings"]] == ["stale"]


def test_settings_that_do_not_shape_extraction_change_nothing(portal: Path) -> None:
    config = portal / "sselocale.yaml"
    config.write_text(config.read_text().replace("project: Stale portal", "project: Renamed"))
    assert run(portal, "check").exit_code == 0


def test_fresh_clone_still_sees_it(portal: Path, tmp_path: Path) -> None:
    edit_without_sync(portal)
    clone = tmp_path / "clone"
    # What git carries: the state file's folder ignores itself.
    shutil.copytree(portal, clone, ignore=shutil.ignore_patterns(".sselocale"))
    assert not [p for p in clone.rglob(".*")]  # no hidden cache carries the record
    result = run(clone, "check")
    assert result.exit_code == 1 and "[stale]" in result.output
    # Nor does the working copy's state hide it.
    result = run(portal, "check")
    assert result.exit_code == 1 and "[stale]" in result.output


def test_a_po_not_merged_with_its_template_is_stale(portal: Path) -> None:
    """`extract` alone (no `update`), even twice in one minute: the PO lags behind its template."""
    stamp = "2030-01-01 10:00+0000"
    from sselocale.project import Project, extract, update

    article = portal / "content" / "coops.md"
    article.write_text(article.read_text().replace("1919", "1919 in Geneva"))
    extract(Project.open(portal), now=stamp)
    update(Project.open(portal), now=stamp)
    assert "stale" not in run(portal, "check").output
    edit_without_sync(portal)
    extract(Project.open(portal), now=stamp)  # the same minute: the template still gets a date of its own
    assert catalogs.load_catalog(portal / "locales/templates/coops.pot").metadata["POT-Creation-Date"] == (
        "2030-01-01 10:01+0000")
    result = run(portal, "check")
    assert result.exit_code == 1
    assert "the fr catalog of content/coops.md was not merged with its current template" in result.output
    assert run(portal, "update").exit_code == 0
    assert "stale" not in run(portal, "check").output


def test_a_missing_template_is_stale_a_missing_catalog_is_untranslated(portal: Path) -> None:
    (portal / "content" / "new.md").write_text("A brand new article.\n", encoding="utf-8")
    (portal / "locales" / "fr" / "coops.po").unlink()
    data = json.loads(run(portal, "status", "--format", "json").output)
    assert [(s["article"], s["reason"]) for s in data["stale"]] == [("new", "no-template")]
    assert data["articles"]["coops"]["fr"]["untranslated"] == 3


def test_nothing_is_stale_after_sync_and_crlf_changes_nothing(portal: Path) -> None:
    article = portal / "content" / "coops.md"
    article.write_bytes(article.read_bytes().replace(b"\n", b"\r\n"))
    assert json.loads(run(portal, "status", "--format", "json").output)["stale"] == []


def test_the_stale_path_segments_nothing(portal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sselocale.source import units, workspace

    def refuse(*args, **kwargs):
        raise AssertionError("an article was segmented")

    monkeypatch.setattr(units, "segment", refuse)
    monkeypatch.setattr(workspace, "segment", refuse)
    edit_without_sync(portal)
    result = run(portal, "check")
    assert result.exit_code == 1 and "[stale]" in result.output
    assert run(portal, "status", "--format", "json").exit_code == 0


def test_a_po_whose_only_change_is_the_template_date_is_saved(tmp_path: Path) -> None:
    """Its POT-Creation-Date links it to its template; a merge that changes only that must be written."""
    import polib

    path = tmp_path / "x.po"
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"POT-Creation-Date": "2030-01-01 10:00+0000", "PO-Revision-Date": "2030-01-01 10:00+0000",
                   "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="One.", msgstr="Un."))
    assert catalogs.save_catalog(path, po).written
    po.metadata["PO-Revision-Date"] = "2031-01-01 10:00+0000"
    assert not catalogs.save_catalog(path, po).written  # the translators' own date alone: left as it is
    po.metadata["POT-Creation-Date"] = "2030-01-02 10:00+0000"
    assert catalogs.save_catalog(path, po).written
    assert '"POT-Creation-Date: 2030-01-02 10:00+0000\\n"' in path.read_text()
