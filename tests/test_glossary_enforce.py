"""The glossary at work: protected terms for MT, PO comment hints for translators."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.glossary import Glossary, hints, load_glossary, protections
from sselocale.glossary.enforce import annotator
from sselocale.mt.terms import term_spans
from sselocale.mt.placeholders import FixedSpan, protect, restore
from sselocale.project import Project

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


@pytest.fixture(scope="module")
def mini() -> Glossary:
    return load_glossary(FIXTURES / "mini.yaml")


def protection_cases() -> list:
    cases = []
    lines = (FIXTURES / "protections.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            lang, text, expected = (part.strip() for part in line.split(" | "))
            pairs = [] if expected == "-" else [tuple(p.split(" => ")) for p in expected.split("; ")]
            cases.append(pytest.param(lang, text, pairs, id=f"protections.txt:{number}"))
    return cases


@pytest.mark.parametrize("lang, text, expected", protection_cases())
def test_protections(mini: Glossary, lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    found = protections(mini, text, lang)
    assert [(text[p.start : p.end], p.replacement) for p in found] == expected


def test_labels_ask_for_agreement_where_the_language_declines(mini: Glossary) -> None:
    (ru,) = protections(mini, "Cooperatives help.", "ru")
    assert ru.label == "cooperatives → кооперативы (nominative; check case agreement)"
    (acronym,) = protections(mini, "The ILO helps.", "ru")
    assert acronym.label == "ILO → МОТ"
    (fr,) = protections(mini, "Cooperatives help.", "fr")
    assert fr.label == "cooperatives → coopératives"


def test_hints_one_line_per_concept_with_notes(mini: Glossary) -> None:
    text = "Decent work in cooperatives, a cooperative of the COOP, decent work again; tripartite."
    assert hints(mini, text, "pt") == [
        "glossary: decent work → trabalho digno (Brazil: trabalho decente)",
        "glossary: cooperatives → cooperativas",
        "glossary: COOP → COOP (do not translate)",
        "glossary: tripartite → tripartido",
    ]
    assert hints(mini, "Nothing to see.", "fr") == []


def test_term_spans_feed_the_placeholder_mechanism(sample_project: Path) -> None:
    spans = term_spans(Project.open(sample_project))
    text = "Decent work for cooperatives of the UNTFSSE."
    found = spans(text, "fr")
    assert all(isinstance(span, FixedSpan) for span in found)
    assert [(text[s.start : s.end], s.replacement) for s in found] == [
        ("Decent work", "Travail décent"),
        ("cooperatives", "coopératives"),
        ("UNTFSSE", "UNTFSSE"),
    ]
    protected = protect(text, fixed=found)
    assert "Decent work" not in protected.text and "cooperatives" not in protected.text
    # An engine that changes nothing: the glossary forms come back at restore.
    restored = restore(protected.text, protected)
    assert restored.text == "Travail décent for coopératives of the UNTFSSE."
    assert [p.label for p in restored.inserted][0] == "decent work → travail décent"


def test_no_glossary_file_means_no_protection_and_no_hints(sample_project: Path) -> None:
    shutil.rmtree(sample_project / "glossary")
    project = Project.open(sample_project)
    assert term_spans(project) is None
    assert annotator(project) is None


def _run(*args: str, cwd: Path):
    return CliRunner().invoke(main, ["-C", str(cwd), *args], catch_exceptions=False)


def test_update_writes_glossary_hints_and_recomputes_them(sample_project: Path) -> None:
    result = _run("sync", "--no-translate", "--lang", "fr", "--article", "about-this-portal", cwd=sample_project)
    assert result.exit_code == 0, result.output
    po_path = sample_project / "locales" / "fr" / "about-this-portal.po"
    entry = next(e for e in polib.pofile(str(po_path)) if "decent work" in e.msgid)
    comments = entry.comment.split("\n")
    assert "glossary: decent work → travail décent" in comments
    assert "glossary: COOP → COOP (do not translate)" in comments

    glossary = sample_project / "glossary" / "sse.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("fr: travail décent", "fr: travail convenable"), encoding="utf-8")
    result = _run("update", "--lang", "fr", "--article", "about-this-portal", cwd=sample_project)
    assert result.exit_code == 0, result.output
    entry = next(e for e in polib.pofile(str(po_path)) if "decent work" in e.msgid)
    comments = entry.comment.split("\n")
    assert "glossary: decent work → travail convenable" in comments
    assert "glossary: decent work → travail décent" not in comments
