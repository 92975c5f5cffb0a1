"""TBX and CSV: round trips, files from other tools, bad files refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from sselocale.errors import GlossaryError
from sselocale.glossary import Glossary, PartOfSpeech, Policy, Term, load_glossary
from sselocale.glossary.exchange import merge, read_exchange, to_csv, to_tbx, write_exchange

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
EXCHANGE = FIXTURES / "exchange"
LANGS = ("fr", "es", "pt", "ru")


@pytest.fixture(scope="module")
def sse() -> Glossary:
    return load_glossary(REPO / "glossary" / "sse.yaml", languages=LANGS)


@pytest.fixture(scope="module")
def mini() -> Glossary:
    return load_glossary(FIXTURES / "mini.yaml", languages=LANGS)


def read(path: Path):
    return read_exchange(path, source="en", languages=LANGS)


@pytest.mark.parametrize("suffix", ["tbx", "csv"])
def test_yaml_to_exchange_to_yaml_loses_nothing(sse: Glossary, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"sse.{suffix}"
    write_exchange(sse, path)
    fresh = merge(None, read(path), languages=LANGS)
    assert fresh.glossary == sse
    assert fresh.added == tuple(c.id for c in sse.concepts)
    again = merge(sse, read(path), languages=LANGS)
    assert again.glossary == sse
    assert (again.added, again.updated) == ((), ())


def test_translate_toolkit_reads_the_exported_tbx(sse: Glossary) -> None:
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(to_tbx(sse).encode("utf-8"), targetlanguage="fr")
    units = {unit.getid(): unit for unit in store.units}
    assert len(units) == len(sse.concepts)
    decent = units["decent-work"]
    assert (decent.source, decent.target) == ("decent work", "travail décent")
    assert [t.text for t in units["cooperative"].get_target_terms()] == ["coopérative", "coopératives"]
    assert not units["untfsse"].istranslatable()
    assert units["ilo"].istranslatable()


def test_tbx_2019_form_with_region_subtags(mini: Glossary) -> None:
    result = merge(mini, read(EXCHANGE / "tbx2019.tbx"), languages=LANGS)
    assert result.added == ("microfinance", "untfsse")
    micro = result.glossary.get("microfinance")
    assert micro.definition == "Financial services for people excluded from banks."
    assert micro.terms["pt"] == Term("microfinanças")
    # The deprecated Russian term is not an accepted form.
    assert micro.terms["ru"] == Term("микрофинансирование")
    assert result.glossary.get("untfsse").policy is Policy.KEEP
    assert result.glossary.get("untfsse").pos is PartOfSpeech.PROPER_NOUN


def test_a_weblate_file_with_one_language_updates_that_language_only(mini: Glossary) -> None:
    result = merge(mini, read(EXCHANGE / "weblate-fr.tbx"), languages=LANGS)
    assert (result.added, result.updated) == ((), ("decent-work",))
    assert result.unchanged == ("cooperative",)
    decent = result.glossary.get("decent-work")
    assert decent.terms["fr"] == Term("travail convenable")
    assert decent.terms["pt"] == mini.get("decent-work").terms["pt"]
    # Weblate sends no plural; the one in the glossary stays.
    assert result.glossary.get("cooperative").terms["fr"].plural == "coopératives"


def test_csv_update_by_source_term(mini: Glossary) -> None:
    result = merge(mini, read(EXCHANGE / "french-update.csv"), languages=LANGS)
    assert result.updated == ("decent-work",)
    assert result.glossary.get("decent-work").terms["fr"] == Term("travail convenable", "travaux convenables")


def test_replace_removes_concepts_missing_from_the_file(mini: Glossary) -> None:
    result = merge(mini, read(EXCHANGE / "weblate-fr.tbx"), languages=LANGS, replace_all=True)
    assert [c.id for c in result.glossary.concepts] == ["decent-work", "cooperative"]
    assert "economy" in result.removed


@pytest.mark.parametrize(
    "name, line, pattern",
    [
        ("not-well-formed.tbx", 7, r"not well-formed XML: mismatched tag"),
        ("entities.tbx", 3, r"declares entities or external references, which are refused"),
        ("unknown-language.tbx", 11, r"unknown language 'de'"),
        ("unknown-policy.tbx", 6, r"unknown policy 'protect'"),
        ("two-sections.tbx", 8, r"two language sections for 'pt' in one entry"),
        ("brazilian.tbx", 7, r"unknown language 'pt-BR'"),
        ("not-tbx.tbx", 2, r"not a TBX file: the root element is <html>"),
        ("unknown-policy.csv", 3, r"unknown policy 'protect'"),
        ("unknown-language.csv", 1, r"unknown language 'de'"),
        ("unknown-column.csv", 1, r"unknown column 'fr_gender'"),
        ("too-many-cells.csv", 3, r"3 cells for 2 columns"),
        ("no-source-column.csv", 1, r"no 'en' column"),
    ],
)
def test_bad_files_name_the_line(name: str, line: int, pattern: str) -> None:
    with pytest.raises(GlossaryError, match=pattern) as caught:
        read(EXCHANGE / name)
    assert caught.value.path == EXCHANGE / name
    assert caught.value.line == line


def test_a_new_concept_must_have_every_language(mini: Glossary) -> None:
    path = EXCHANGE / "new-concept-without-ru.tbx"
    with pytest.raises(GlossaryError, match="concept 'microcredit' has no 'es' term") as caught:
        merge(mini, read(path), languages=LANGS)
    assert (caught.value.path, caught.value.line) == (path, 9)


def test_csv_export_has_four_columns_a_language(mini: Glossary) -> None:
    header, *rows = to_csv(mini).splitlines()
    assert header.split(",")[:9] == ["id", "pos", "policy", "definition", "note", "en", "en_plural", "en_variants", "en_note"]
    assert len(rows) == len(mini.concepts)
    assert rows[4].startswith("cooperative,noun,translate,,,cooperative,cooperatives,co-operative | co-operatives,")


def test_unknown_extension_is_refused(tmp_path: Path, mini: Glossary) -> None:
    with pytest.raises(GlossaryError, match="unknown exchange format 'xlsx'"):
        write_exchange(mini, tmp_path / "terms.xlsx")
    assert not (tmp_path / "terms.xlsx").exists()


FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "'quoted", "''twice"]


@pytest.mark.parametrize("payload", FORMULAS)
def test_csv_export_neutralises_formulas_and_import_reverses_it(mini: Glossary, tmp_path: Path, payload: str) -> None:
    import csv
    import dataclasses
    import io

    first = mini.concepts[0]
    fr = dataclasses.replace(first.terms["fr"], note=payload)
    changed = dataclasses.replace(mini, concepts=(
        dataclasses.replace(first, definition=payload, terms={**first.terms, "fr": fr}), *mini.concepts[1:]))
    text = to_csv(changed)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert payload not in cells  # nothing a spreadsheet would run
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    path = tmp_path / "terms.csv"
    path.write_text(text, encoding="utf-8")
    back = merge(None, read(path), languages=LANGS).glossary
    assert back.concepts[0].definition == payload and back.concepts[0].terms["fr"].note == payload


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\ufffe"])
def test_tbx_export_refuses_characters_xml_cannot_carry(mini: Glossary, char: str) -> None:
    import dataclasses

    first = mini.concepts[0]
    broken = dataclasses.replace(mini, concepts=(dataclasses.replace(first, note=f"a{char}b"), *mini.concepts[1:]))
    with pytest.raises(GlossaryError, match=rf"concept '{first.id}'.*U\+{ord(char):04X}"):
        to_tbx(broken)
