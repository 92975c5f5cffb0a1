"""The YAML glossary: the project's data, validation errors with lines, round-trip rewriting."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sselocale.errors import GlossaryError
from sselocale.glossary import (
    Concept,
    Glossary,
    PartOfSpeech,
    Policy,
    Term,
    load_glossary,
    parse_glossary,
    render_glossary,
    save_glossary,
)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "glossary" / "sse.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
LANGS = ("fr", "es", "pt", "ru")


@pytest.fixture(scope="module")
def sse() -> Glossary:
    return load_glossary(DATA, languages=LANGS)


# -- the project's glossary ------------------------------------------------------


def test_the_glossary_has_sixty_concepts_with_every_field(sse: Glossary) -> None:
    assert len(sse.concepts) >= 60
    assert sse.all_languages == ("en", *LANGS)
    for concept in sse.concepts:
        assert set(concept.terms) == {"en", *LANGS}, concept.id
        assert concept.definition or concept.note, concept.id


def domain_rows() -> list:
    rows = []
    for line in (FIXTURES / "domain_terms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            en, *targets = line.split("\t")
            rows.append(pytest.param(en, dict(zip(LANGS, targets)), id=en))
    return rows


@pytest.mark.parametrize("en, targets", domain_rows())
def test_domain_terminology_is_in_the_glossary(sse: Glossary, en: str, targets: dict[str, str]) -> None:
    found = sse.lookup(en)
    assert len(found) == 1, f"{en!r} should name exactly one concept"
    for lang, expected in targets.items():
        assert expected in found[0].terms[lang].forms, (lang, found[0].terms[lang])


@pytest.mark.parametrize("name", ["COOP", "ACTRAV", "UNTFSSE", "ITCILO", "UNRISD", "GSEE"])
def test_do_not_translate_names_are_kept_in_every_language(sse: Glossary, name: str) -> None:
    (concept,) = sse.lookup(name)
    assert concept.policy is Policy.KEEP
    assert {t.text for t in concept.terms.values()} == {name}


@pytest.mark.parametrize("acronym, full", [("ILO", "International Labour Organization"),
                                           ("SSE", "social and solidarity economy"),
                                           ("ILC", "International Labour Conference"),
                                           ("SDG", "Sustainable Development Goal"),
                                           ("ICLS", "International Conference of Labour Statisticians")])
def test_language_changing_acronyms_are_concepts_of_their_own(sse: Glossary, acronym: str, full: str) -> None:
    (short,) = sse.lookup(acronym)
    (long,) = sse.lookup(full)
    assert short.id != long.id
    assert short.policy is Policy.TRANSLATE
    assert short.terms["fr"].text != acronym or short.terms["ru"].text != acronym


def test_brazilian_portuguese_is_a_note_not_the_term(sse: Glossary) -> None:
    (decent,) = sse.lookup("decent work")
    assert decent.terms["pt"].text == "trabalho digno"
    assert "trabalho decente" in decent.terms["pt"].note


def test_plural_forms_are_stored_where_they_differ(sse: Glossary) -> None:
    (coop,) = sse.lookup("cooperatives")
    assert [coop.terms[lang].plural for lang in LANGS] == ["coopératives", "cooperativas", "cooperativas", "кооперативы"]


def test_every_article_mentions_some_glossary_term(sse: Glossary) -> None:
    for article in sorted((REPO / "content").glob("*.md")):
        assert sse.find(article.read_text(encoding="utf-8")), article.name


# -- validation ------------------------------------------------------------------


def bad_files() -> list:
    cases = []
    for path in sorted((FIXTURES / "bad").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        line, pattern = re.fullmatch(r"# expect: (\d+): (.*)", first).groups()
        cases.append(pytest.param(path, int(line), pattern, id=path.stem))
    return cases


@pytest.mark.parametrize("path, line, pattern", bad_files())
def test_bad_glossaries_name_the_file_and_line(path: Path, line: int, pattern: str) -> None:
    with pytest.raises(GlossaryError, match=pattern) as caught:
        load_glossary(path)
    assert caught.value.path == path
    assert caught.value.line == line


def test_project_languages_must_be_covered() -> None:
    with pytest.raises(GlossaryError, match="translates into 'de' but the glossary has no 'de' terms") as caught:
        load_glossary(FIXTURES / "mini.yaml", languages=("fr", "de"))
    assert caught.value.line == 3


def test_a_missing_file_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="glossary file not found") as caught:
        load_glossary(tmp_path / "sse.yaml")
    assert "glossary import" in caught.value.hint


def test_building_a_glossary_in_code_is_validated_too() -> None:
    good = Concept("decent-work", {"en": Term("decent work"), "fr": Term("travail décent")})
    with pytest.raises(GlossaryError, match="concept 'decent-work' has no 'ru' term"):
        Glossary("en", ("fr", "ru"), (good,))


# -- round trip ------------------------------------------------------------------


def test_rewriting_an_unchanged_glossary_changes_no_byte() -> None:
    text = DATA.read_text(encoding="utf-8")
    assert render_glossary(parse_glossary(text), previous=text) == text


def test_an_edit_changes_only_its_line_and_keeps_comments() -> None:
    text = DATA.read_text(encoding="utf-8")
    glossary = parse_glossary(text)
    edited = tuple(
        dataclasses.replace(c, terms={**c.terms, "fr": Term("travail convenable")}) if c.id == "decent-work" else c
        for c in glossary.concepts
    )
    out = render_glossary(dataclasses.replace(glossary, concepts=edited), previous=text)
    before, after = text.splitlines(), out.splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after)
    assert changed == [("    fr: travail décent", "    fr: travail convenable")]
    assert parse_glossary(out).get("decent-work").terms["fr"].text == "travail convenable"


def test_added_and_removed_concepts(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    glossary = load_glossary(path)
    new = Concept(
        "microfinance",
        {lang: Term(t) for lang, t in zip(glossary.all_languages,
                                          ["microfinance", "microfinance", "microfinanzas", "microfinanças", "микрофинансирование"])},
        pos=PartOfSpeech.NOUN,
        definition="Financial services for people excluded from banks.",
    )
    kept = tuple(c for c in glossary.concepts if c.id != "economy") + (new,)
    assert save_glossary(dataclasses.replace(glossary, concepts=kept), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A small glossary for the matching and enforcement tests.\n")
    assert "id: economy\n" not in text
    assert text.rstrip().endswith("ru: микрофинансирование")
    assert load_glossary(path).concepts == kept
    assert not save_glossary(load_glossary(path), path)


def test_a_new_file_is_written_from_scratch(tmp_path: Path) -> None:
    mini = load_glossary(FIXTURES / "mini.yaml")
    path = tmp_path / "new" / "sse.yaml"
    save_glossary(mini, path)
    assert path.read_text(encoding="utf-8").startswith("# SSE terminology glossary")
    assert load_glossary(path) == mini
