"""Finding glossary terms: in the source (find) and in translations (missing_terms)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sselocale.glossary import Glossary, load_glossary
from sselocale.glossary.matching import same_word

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


def fixture_cases(name: str) -> list:
    """Cases of a ``title / . / input / . / expected / .`` fixture file."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    cases = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.startswith("#"):
            index += 1
            continue
        title = line
        parts: list[list[str]] = []
        index += 1
        for _part in range(2):
            assert lines[index] == ".", f"{name}:{index + 1}: expected '.'"
            index += 1
            block = []
            while lines[index] != ".":
                block.append(lines[index])
                index += 1
            parts.append(block)
        assert lines[index] == "."
        index += 1
        expected = [] if parts[1] == ["(none)"] else _join_continuations(parts[1])
        cases.append(pytest.param("\n".join(parts[0]), expected, id=title))
    return cases


def _join_continuations(lines: list[str]) -> list[str]:
    """A match that spans lines is written over several; its last line has the `` = ``."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if " = " not in line:
            pending += line + "\n"
        else:
            out.append(pending + line)
            pending = ""
    return out


def _described(glossary: Glossary, text: str) -> list[str]:
    return [
        f"{m.text} = {m.concept.id}" + (" (plural)" if m.plural else "") for m in glossary.find(text)
    ]


@pytest.fixture(scope="module")
def mini() -> Glossary:
    return load_glossary(FIXTURES / "mini.yaml")


@pytest.mark.parametrize("text, expected", fixture_cases("find.txt"))
def test_find(mini: Glossary, text: str, expected: list[str]) -> None:
    assert _described(mini, text) == expected
    for match in mini.find(text):
        assert text[match.start : match.end] == match.text


def presence_cases() -> list:
    cases = []
    for number, line in enumerate((FIXTURES / "presence.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lang, source, translation, missing = (part.strip() for part in line.split(" | "))
        ids = [] if missing == "-" else missing.split(",")
        cases.append(pytest.param(lang, source, translation, ids, id=f"presence.txt:{number}"))
    return cases


@pytest.mark.parametrize("lang, source, translation, missing", presence_cases())
def test_missing_terms(mini: Glossary, lang: str, source: str, translation: str, missing: list[str]) -> None:
    assert [m.concept.id for m in mini.missing_terms(source, translation, lang)] == missing


def test_missing_terms_reports_each_concept_once_at_its_first_occurrence(mini: Glossary) -> None:
    source = "A cooperative helps. Cooperatives help."
    missing = mini.missing_terms(source, "Une entreprise aide.", "fr")
    assert [(m.concept.id, m.start, m.text) for m in missing] == [("cooperative", 2, "cooperative")]


@pytest.mark.parametrize(
    "word, wanted, lang, same",
    [
        ("кооперативов", "кооператив", "ru", True),
        ("кооперативами", "кооператив", "ru", True),
        ("coopératives", "coopérative", "fr", True),
        ("sociais", "social", "pt", True),
        ("cooperativas", "cooperativa", "es", True),
        ("travaux", "trabajo", "fr", False),
        ("obra", "trabajo", "es", False),
        ("decente", "digno", "pt", False),
        ("so", "social", "pt", False),
    ],
)
def test_same_word_compares_by_stem(word: str, wanted: str, lang: str, same: bool) -> None:
    assert same_word(word, wanted, lang) is same


def test_languages_without_a_stemmer_compare_exact_words() -> None:
    assert same_word("abc", "abc", "zz")
    assert not same_word("abcs", "abc", "zz")


@pytest.mark.parametrize(
    "concept_id, lang, translation, count",
    [
        ("cooperative", "es", "Las cooperativas ayudan a una cooperativa.", 2),
        ("cooperative", "ru", "Кооперативы и кооперативов нет.", 2),
        ("decent-work", "fr", "Le travail décent, les travaux.", 1),
        ("coop", "fr", "COOP, Coop et COOP.", 2),
        ("sse", "es", "La ESS y la ess, no el ensayo.", 2),
        ("decent-work", "fr", "Voir `travail décent`.", 0),
    ],
)
def test_target_count_counts_occurrences(mini: Glossary, concept_id: str, lang: str, translation: str, count: int) -> None:
    from sselocale.glossary.matching import target_count

    assert target_count(mini.get(concept_id), translation, lang) == count


REPO_GLOSSARY = Path(__file__).resolve().parent.parent / "glossary" / "sse.yaml"
TRANSLATIONS = {
    "fr": ["Les coopératives et l'économie sociale et solidaire (ESS) créent du travail décent.",
           "L'OIT et le BIT ; coopérative de plateforme ; UNTFSSE ; untfsse ; ESSENTIEL",
           "Travail-décent, économie sociale : voir https://ilo.org/ess et `ESS`."],
    "ru": ["Кооперативы и социальная и солидарная экономика (ССЭ) создают достойный труд.",
           "МОТ, кооперативов, ЦУР; Трехстороннее сотрудничество"],
}


@pytest.mark.parametrize("lang", sorted(TRANSLATIONS))
def test_quick_presence_never_disagrees_with_the_full_check(lang: str) -> None:
    from sselocale.glossary.matching import Translation, quick_present

    glossary = load_glossary(REPO_GLOSSARY)
    agreed = 0
    for text in TRANSLATIONS[lang]:
        words = Translation(text, lang)
        for concept in glossary.concepts:
            if quick_present(concept, text, lang):
                assert words.count(concept) > 0, (concept.id, text)
                agreed += 1
    assert agreed >= 5  # the fast path does settle the common case


def test_missing_terms_is_the_same_with_a_warm_cache(mini: Glossary) -> None:
    source = "Cooperatives create decent work."
    first = mini.missing_terms(source, "Les coopératives créent des emplois.", "fr")
    again = mini.missing_terms(source, "Les coopératives créent des emplois.", "fr")
    other = mini.missing_terms(source, "Кооперативы создают рабочие места.", "ru")
    assert first == again
    assert [m.concept.id for m in first] == [m.concept.id for m in other]
