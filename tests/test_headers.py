"""PO headers belong to translators: update keeps them; new ones follow GNU, not Babel."""

from __future__ import annotations

from pathlib import Path

import pytest

from sselocale.po import catalogs
from sselocale import langcodes
from sselocale.project import Project, extract, update
from sselocale.mt.translate import translate_project

STAMP = "2026-01-01 10:00+0000"
LATER = "2026-02-01 10:00+0000"

GNU = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def make_project(tmp_path: Path, languages: str = "[fr, ru]") -> Project:
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(
        f"project: Test portal\nlanguages: {languages}\ntranslation: {{engines: [pseudo]}}\n",
        encoding="utf-8",
    )
    write(root, "Cooperatives create decent work.\n\nThe ILO was founded in 1919.\n")
    return Project.open(root)


def write(root: Path, body: str) -> None:
    (root / "content" / "news.md").write_text("---\ntitle: SSE news\nslug: news\n---\n\n" + body, encoding="utf-8")


def sync(root: Path, stamp: str) -> Project:
    project = Project.open(root)
    extract(project, now=stamp)
    update(project, now=stamp)
    return project


TRANSLATOR_HEADER = """\
# French translation of the SSE portal.
# Copyright (C) 2026 The portal's translators.
# Marie Curie <marie@example.org>, 2026.
#
msgid ""
msgstr ""
"Project-Id-Version: SSE portal 2.0\\n"
"Report-Msgid-Bugs-To: team@example.org\\n"
"POT-Creation-Date: 2025-12-01 09:00+0000\\n"
"PO-Revision-Date: 2025-12-24 18:30+0100\\n"
"Last-Translator: Marie Curie <marie@example.org>\\n"
"Language-Team: Équipe française <fr@example.org>\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=n>1;\\n"
"X-Generator: Poedit 3.4.2\\n"
"X-Poedit-SourceCharset: UTF-8\\n"
"X-Custom-Review: round 2\\n"
"""


def replace_header(path: Path, header: str) -> None:
    text = path.read_text(encoding="utf-8")
    body = text[text.index("\n\n") + 2:]
    path.write_text(header + "\n" + body, encoding="utf-8")


def test_update_keeps_every_header_field_and_comment(tmp_path: Path) -> None:
    project = sync(make_project(tmp_path).root, STAMP)
    path = project.po_path("fr", "news")
    replace_header(path, TRANSLATOR_HEADER)
    before = catalogs.load_catalog(path)
    write(project.root, "Cooperatives create decent work.\n\nA new paragraph.\n")
    sync(project.root, LATER)
    after = catalogs.load_catalog(path)
    assert after.header == before.header
    expected = dict(before.metadata, **{"POT-Creation-Date": LATER})
    assert list(after.metadata.items()) == list(expected.items())
    assert "A new paragraph." in {e.msgid for e in after}


def test_update_keeps_a_fuzzy_header(tmp_path: Path) -> None:
    project = sync(make_project(tmp_path).root, STAMP)
    path = project.po_path("fr", "news")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid ""\n', '#, fuzzy\nmsgid ""\n', 1), encoding="utf-8")
    write(project.root, "Something else entirely, a new text.\n")
    sync(project.root, LATER)
    assert catalogs.load_catalog(path).metadata_is_fuzzy


def test_update_adds_only_missing_required_fields(tmp_path: Path) -> None:
    project = sync(make_project(tmp_path).root, STAMP)
    path = project.po_path("fr", "news")
    replace_header(path, 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Team: a\\n"\n')
    write(project.root, "A changed text.\n")
    sync(project.root, LATER)
    meta = catalogs.load_catalog(path).metadata
    assert list(meta)[:2] == ["Content-Type", "X-Team"]
    assert meta["Language"] == "fr"
    assert meta["Plural-Forms"] == GNU["fr"]
    assert "Last-Translator" not in meta and "PO-Revision-Date" not in meta


def test_update_without_change_keeps_the_revision_date(tmp_path: Path) -> None:
    project = sync(make_project(tmp_path).root, STAMP)
    write(project.root, "Cooperatives create decent work.\n\nAnother paragraph.\n")
    sync(project.root, LATER)
    meta = catalogs.load_catalog(project.po_path("fr", "news")).metadata
    assert meta["PO-Revision-Date"] == STAMP
    assert meta["POT-Creation-Date"] == LATER


def test_translate_stamps_the_revision_date(tmp_path: Path) -> None:
    project = sync(make_project(tmp_path).root, STAMP)
    translate_project(Project.open(project.root), langs=["fr"])
    fr = catalogs.load_catalog(project.po_path("fr", "news")).metadata["PO-Revision-Date"]
    ru = catalogs.load_catalog(project.po_path("ru", "news")).metadata["PO-Revision-Date"]
    assert fr != STAMP and ru == STAMP


@pytest.mark.parametrize("lang", sorted(GNU))
def test_new_catalogs_take_gnu_plural_forms_without_babel(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever CLDR release Babel ships, a new catalog gets GNU gettext's rule."""
    import babel.messages.plurals

    def refuse(*_args, **_kwargs):
        raise AssertionError("Babel's plural rules must not decide a new catalog's header")

    monkeypatch.setattr(babel.messages.plurals, "get_plural", refuse)
    project = sync(make_project(tmp_path, f"[{lang}]").root, STAMP)
    meta = catalogs.load_catalog(project.po_path(lang, "news")).metadata
    assert meta["Plural-Forms"] == GNU[lang]
    assert meta["Language"] == lang


def test_gnu_plural_rules_are_the_usual_ones() -> None:
    """The table's rules give the forms every grammar book gives."""
    import gettext

    def form(rule: str, n: int) -> int:
        return gettext.c2py(rule.split("plural=", 1)[1].rstrip(";"))(n)

    ru = langcodes.plural_forms("ru")
    assert [form(ru, n) for n in (1, 2, 5, 11, 21, 22, 25, 111)] == [0, 1, 2, 2, 0, 1, 2, 2]
    fr = langcodes.plural_forms("fr")
    assert [form(fr, n) for n in (0, 1, 2)] == [0, 0, 1]
    assert langcodes.plural_forms("pt_BR") == fr
    assert langcodes.plural_forms("es_MX") == langcodes.plural_forms("es")


def test_new_catalog_of_a_language_gnu_does_not_list_uses_cldr() -> None:
    assert langcodes.plural_forms("ar").startswith("nplurals=6;")


def test_merged_header_is_pure() -> None:
    old = {"Language": "fr", "X-A": "1", "POT-Creation-Date": "x"}
    new = catalogs.language_header("P", "fr", pot_date="y", date="z")
    merged = catalogs.merged_header(old, new)
    assert merged["POT-Creation-Date"] == "y" and merged["X-A"] == "1"
    assert old["POT-Creation-Date"] == "x"
