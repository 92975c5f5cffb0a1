"""TMX exchange: export, import, round trips (Translate Toolkit's reader too), hostile and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_memory import (
    ILO,
    ILO_FR,
    MEETING,
    MEETING_FR,
    Recording,
    article,
    entry,
    review,
    sync,
)

from sselocale.cli import main
from sselocale.config import load_config
from sselocale.memory import Pair, load, tmx
from sselocale.memory.tmx import MemoryFileError
from sselocale.mt.translate import translate_language
from sselocale.project import Project

MARKUP = "Read the [resolution](https://www.un.org/a/77/281) & *its* annex <2023>."
MARKUP_FR = "Lisez la [résolution](https://www.un.org/a/77/281) & *son* annexe <2023>."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(
        "project: P\nlanguages: [fr, pt_BR]\ntranslation: {engines: [pseudo]}\n", encoding="utf-8")
    article(root, "a", ILO, MEETING, MARKUP, "Two lines  \nwith a hard break.")
    sync(root)
    review(root, "a", {ILO: ILO_FR, MEETING: MEETING_FR, MARKUP: MARKUP_FR,
                       "Two lines  \nwith a hard break.": "Deux lignes  \navec un saut."})
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


def test_export_then_read_gives_the_reviewed_pairs_back(root: Path) -> None:
    result = run(root, "tm", "export", "out.tmx")
    assert result.exit_code == 0, result.output
    assert "out.tmx: 4 translation units (fr 4, pt_BR 0)" in result.output
    document = tmx.read(root / "out.tmx")
    assert document.source_language == "en"
    got = {(u.variants["en"], u.variants["fr"], u.origin) for u in document.units}
    assert got == {
        (ILO, ILO_FR, "content/a.md:6"), (MEETING, MEETING_FR, "content/a.md:8"),
        (MARKUP, MARKUP_FR, "content/a.md:10"), ("Two lines  \nwith a hard break.", "Deux lignes  \navec un saut.",
                                                 "content/a.md:12"),
    }


def test_translate_toolkit_reads_the_export(root: Path) -> None:
    from translate.storage.tmx import tmxfile

    assert run(root, "tm", "export", "out.tmx", "--lang", "fr").exit_code == 0
    store = tmxfile((root / "out.tmx").read_bytes(), sourcelanguage="en", targetlanguage="fr")
    pairs = {(u.source, u.target) for u in store.units}
    assert (MARKUP, MARKUP_FR) in pairs and (ILO, ILO_FR) in pairs and len(pairs) == 4


def test_a_file_written_by_translate_toolkit_is_imported_and_reused(root: Path, tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="en-US", targetlanguage="fr-FR")
    store.addtranslation("Social enterprises reinvest their profits.", "en-US",
                         "Les entreprises sociales réinvestissent leurs bénéfices.", "fr-FR")
    shared = tmp_path / "shared.tmx"
    shared.write_bytes(bytes(store))
    result = run(root, "tm", "import", str(shared))
    assert result.exit_code == 0, result.output
    assert "locales/tm/shared.tmx written: 1 translation pairs (fr 1)" in result.output
    article(root, "b", "Social enterprises reinvest their profits.")
    sync(root)  # update offers the memory's match to the new unit
    found = entry(root, "b", "Social enterprises reinvest their profits.")
    assert found.msgstr == "Les entreprises sociales réinvestissent leurs bénéfices."
    assert found.flags == ["fuzzy"] and "translation memory: 100%, locales/tm/shared.tmx:" in found.comment


def test_round_trip_into_another_project(root: Path, tmp_path: Path) -> None:
    assert run(root, "tm", "export", str(tmp_path / "all.tmx")).exit_code == 0
    other = tmp_path / "other"
    (other / "content").mkdir(parents=True)
    (other / "sselocale.yaml").write_text("project: O\nlanguages: [fr]\ntranslation: {engines: [pseudo]}\n",
                                          encoding="utf-8")
    article(other, "c", "The 47th meeting was held on 14 December 2024.", ILO)
    Project.open(other)
    config = load_config(other / "sselocale.yaml")
    assert run(other, "tm", "import", str(tmp_path / "all.tmx")).exit_code == 0
    assert {(p.source, p.target) for p in load(config, "fr").pairs} == {
        (ILO, ILO_FR), (MEETING, MEETING_FR), (MARKUP, MARKUP_FR),
        ("Two lines  \nwith a hard break.", "Deux lignes  \navec un saut.")}
    sync(other)
    engine = Recording()
    translate_language(Project.open(other), "fr", engine=engine)
    assert entry(other, "c", "The 47th meeting was held on 14 December 2024.").msgstr == (
        "La 47e réunion s'est tenue le 14 décembre 2024.")


BROKEN = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"
          creationtool="x" creationtoolversion="1"/>
  <body>
    <tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="fr"><seg>Un</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Two</seg></tuv><tuv xml:lang="fr"><seg>Deux</tuv></tu>
  </body>
</tmx>
"""


@pytest.mark.parametrize(("text", "line", "message"), [
    (BROKEN, 7, "not a well-formed TMX file: mismatched tag"),
    (BROKEN.replace('<seg>Deux</tuv>', '<seg>Deux</seg></tuv>').replace('<tuv xml:lang="fr"><seg>Un', '<tuv><seg>Un'),
     6, "a <tuv> without xml:lang"),
    (BROKEN.replace("<tmx version", "<xliff version").replace("</tmx>", "</xliff>"), 2,
     "not a TMX file: the root element is <xliff>"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
     '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>\n',
     2, "refused: the file declares entities"),
])
def test_a_malformed_tmx_is_refused_whole_with_its_line(root: Path, tmp_path: Path, text: str, line: int,
                                                         message: str) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(MemoryFileError, match=message) as caught:
        tmx.read(bad)
    assert caught.value.line == line
    result = run(root, "tm", "import", str(bad))
    assert result.exit_code == 2
    assert f"bad.tmx:{line}: {message}" in result.output
    assert not (root / "locales" / "tm").exists()


def test_a_file_with_nothing_for_the_project_is_refused(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "de.tmx"
    path.write_text(tmx.render([("de", Pair("One", "Eins", "x"))], source_language="en"), encoding="utf-8")
    result = run(root, "tm", "import", str(path))
    assert result.exit_code == 2 and "no translation from en into fr, pt_BR" in result.output


def test_export_refuses_what_xml_cannot_carry() -> None:
    with pytest.raises(MemoryFileError, match="U\\+0001"):
        tmx.render([("fr", Pair("a\x01b", "c", "content/a.md:3"))], source_language="en")


def test_language_codes_are_written_as_bcp47_and_read_back_as_gettext(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(tmx.render([("pt_BR", Pair("Work", "Trabalho", "x"))], source_language="en"), encoding="utf-8")
    assert 'xml:lang="pt-BR"' in path.read_text(encoding="utf-8")
    assert tmx.read(path).units[0].variants == {"en": "Work", "pt_BR": "Trabalho"}
