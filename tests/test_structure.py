"""The ``structure`` check and ``build``'s defence: a translation must not change the article's skeleton.

Each breaking translation is put alone in an otherwise empty French catalog;
``check`` must fail with a ``structure`` error at the entry's msgstr line, and
``build`` must keep the unit's source text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.project import extract, update
from sselocale.source.rebuild import replace_units
from sselocale.source.skeleton import skeleton, source_skeleton, structure_breakers
from sselocale.source.workspace import Project

ARTICLE = """\
---
title: Structure test
---
# Heading one

Setext heading
--------------

Name | Value
--- | ---
Alpha | one
Beta | two

1. First item
continued lazily here
2. Second item

A plain paragraph
on two lines.

- bullet one
- bullet two

> A quote.

See [the ILO](https://www.ilo.org/sse) and ![logo](img/logo.png).

---

Last paragraph.
"""

NOW = "2024-01-01 00:00+0000"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(sample_project: Path) -> Path:
    """The sample project with one article, ``structure.md``, and French catalogs."""
    for path in (sample_project / "content").glob("*.md"):
        path.unlink()
    (sample_project / "content" / "structure.md").write_text(ARTICLE, encoding="utf-8")
    config = sample_project / "sselocale.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("languages: [fr, es, pt, ru]", "languages: [fr]"),
                      encoding="utf-8")
    shutil.rmtree(sample_project / "glossary", ignore_errors=True)
    opened = Project.open(sample_project)
    extract(opened, now=NOW)
    update(opened, now=NOW)
    return sample_project


def _translate(root: Path, translations: dict[str, str]) -> int:
    """Fill the catalog with ``translations`` (reviewed); the msgstr line of the last one filled."""
    path = root / "locales" / "fr" / "structure.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()
    text = path.read_text(encoding="utf-8").split("\n")
    (wanted,) = [m for m in translations][-1:]
    index = text.index(f'msgid "{wanted}"')
    return index + 1 + next(i for i, line in enumerate(text[index:]) if line.startswith("msgstr"))


# A translation that is also unsafe on its own (it renders a list or a link
# definition where the source has text) is reported by unsafe-html, and its
# structure is not reported again: build refuses it before judging structure.
BREAKING = {
    "first table cell becomes a list": ("Alpha", "1. Alpha", "unsafe-html"),
    "first cell of the last row becomes a bullet": ("Beta", "- Beta", "unsafe-html"),
    "a reference definition empties a paragraph": ("Last paragraph.", "[x]: https://www.ilo.org/", "unsafe-html"),
    "a link is added": ("Last paragraph.", "Dernier [paragraphe](img/logo.png).", "structure"),
}

LINKS = "See [the ILO](https://www.ilo.org/sse) and ![logo](img/logo.png)."
BREAKING["a link is lost"] = (LINKS, "Voir l'OIT et le logo.", "structure")

#: Translations that once broke the skeleton; the rebuild now keeps it whatever they say.
NEUTRALISED = {
    "setext heading with a pipe": ("Setext heading", "| Titre", "&#124; Titre\n--------------"),
    "whitespace only": ("Last paragraph.", "   ", "\nLast paragraph.\n"),
    "a lazy line that would leave its list": ("First item continued lazily here", "Premier élément\n2024. continué",
                                              "1. Premier élément\n   2024. continué\n"),
}


@pytest.mark.parametrize(("msgid", "msgstr", "check"), BREAKING.values(), ids=BREAKING.keys())
def test_a_breaking_translation_is_an_error_and_is_not_built(
    project: Path, msgid: str, msgstr: str, check: str
) -> None:
    built = project / "build" / "fr" / "structure.md"
    assert run("-C", str(project), "build", "--lang", "fr", "--min-coverage", "0").exit_code == 0
    untranslated = built.read_text(encoding="utf-8")
    line = _translate(project, {msgid: msgstr})
    result = run("-C", str(project), "check", "--format", "json", "--min-coverage", "0")
    assert result.exit_code == 1, result.output
    found = [(f["check"], f["line"]) for f in json.loads(result.output)["findings"]
             if f["check"] in ("structure", "unsafe-html")]
    assert found == [(check, line)]
    result = run("-C", str(project), "build", "--lang", "fr", "--min-coverage", "0")
    assert result.exit_code == 0, result.output
    assert built.read_text(encoding="utf-8") == untranslated
    said = result.output
    try:
        said += result.stderr
    except (ValueError, AttributeError):  # click 8.1 mixes stderr into output
        pass
    assert "content/structure.md:" in said and "translation not published (source text kept)" in said


@pytest.mark.parametrize(("msgid", "msgstr", "written"), NEUTRALISED.values(), ids=NEUTRALISED.keys())
def test_a_translation_that_once_broke_the_structure_is_now_built_soundly(
    project: Path, msgid: str, msgstr: str, written: str
) -> None:
    _translate(project, {msgid: msgstr})
    result = run("-C", str(project), "check", "--format", "json", "--min-coverage", "0")
    found = [f["check"] for f in json.loads(result.output)["findings"] if f["check"] in ("structure", "unsafe-html")]
    assert found == []
    result = run("-C", str(project), "build", "--lang", "fr", "--min-coverage", "0")
    assert result.exit_code == 0, result.output
    assert written in (project / "build" / "fr" / "structure.md").read_text(encoding="utf-8")


def test_a_sound_translation_of_every_unit_kind_passes(project: Path) -> None:
    _translate(project, {
        "Heading one": "Titre un",
        "Setext heading": "Titre setext",
        "Name": "Nom", "Value": "Valeur", "Alpha": "Alpha", "one": "un", "Beta": "Bêta", "two": "deux",
        "First item continued lazily here": "Premier élément suivi ici",
        "Second item": "Deuxième élément",
        "A plain paragraph on two lines.": "Un paragraphe\nsur deux lignes.",
        "bullet one": "puce un", "bullet two": "puce\n2. deux",
        "A quote.": "Une citation.",
        "See [the ILO](https://www.ilo.org/sse) and ![logo](img/logo.png).":
            "Voir [l'OIT](https://www.ilo.org/fr/sse) et ![logo](img/logo-fr.png).",
        "Last paragraph.": "Dernier paragraphe.",
        "Structure test": "Test de structure",
    })
    result = run("-C", str(project), "check", "--format", "json", "--min-coverage", "0")
    findings = json.loads(result.output)["findings"]
    assert not [f for f in findings if f["check"] in ("structure", "unsafe-html", "unsafe-url")], result.output


def test_two_translations_that_break_it_are_both_named(project: Path) -> None:
    _translate(project, {LINKS: "Voir l'OIT.", "Last paragraph.": "Dernier [paragraphe](img/logo.png)."})
    result = run("-C", str(project), "check", "--format", "json", "--min-coverage", "0")
    assert [f["check"] for f in json.loads(result.output)["findings"]].count("structure") == 2


def test_the_sample_articles_keep_their_skeleton_under_identity(sample_project: Path) -> None:
    project = Project.open(sample_project)
    for article in project.articles:
        units = project.units(article)
        rebuilt = replace_units(article, units, {u.text: u.text for u in units})
        body = "\n".join(rebuilt.split("\n")[article.front_matter_lines:])
        assert skeleton(body) == source_skeleton(article), article.slug
        assert structure_breakers(article, units, {u.text: u.text for u in units}) == ([], True)


def test_a_pseudo_translated_sample_project_has_no_structure_or_safety_finding(sample_project: Path) -> None:
    config = sample_project / "sselocale.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("[argos, apertium]", "[pseudo]"), encoding="utf-8")
    assert run("-C", str(sample_project), "sync", "-q").exit_code == 0
    result = run("-C", str(sample_project), "check", "--format", "json")
    findings = json.loads(result.output)["findings"]
    assert not [f for f in findings if f["check"] in ("structure", "unsafe-html", "unsafe-url")]


@pytest.mark.parametrize("blank", [" ", "   ", "\t", "\u3000"])
def test_a_blank_translation_fails_the_gate_and_is_not_published(project: Path, blank: str) -> None:
    path = project / "locales" / "fr" / "structure.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid and "\n" not in e.msgid and not e.msgid.startswith("Structure"))
    entry.msgstr, entry.flags = blank, []
    po.save()
    result = run("-C", str(project), "check", "--format", "json", "--min-coverage", "0")
    assert result.exit_code == 1
    errors = [f for f in json.loads(result.output)["findings"] if f["severity"] == "error"]
    assert [(f["check"], f["msgid"]) for f in errors] == [("blank", entry.msgid)]
    run("-C", str(project), "build", "--lang", "fr")
    assert entry.msgid in (project / "build" / "fr" / "structure.md").read_text(encoding="utf-8")
