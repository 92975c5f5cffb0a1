"""Placeholders: what is hidden from engines, and how engine output is put back together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sselocale.mt.placeholders import FixedSpan, Kind, protect, restore, token
from sselocale.project import Project

FIXTURES = Path(__file__).parent / "fixtures" / "placeholders"
REPO = Path(__file__).resolve().parent.parent


def cases(name: str) -> list:
    """``=== title`` blocks of a fixture file, split into their ``---`` sections."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    blocks = re.split(r"^=== (.*)\n", text, flags=re.M)[1:]
    return [
        pytest.param(*[part.rstrip("\n") for part in body.split("\n---\n")], id=title)
        for title, body in zip(blocks[::2], blocks[1::2])
    ]


def tokens_to_braces(text: str) -> str:
    return re.sub("[\ue000-\uf8ff]", lambda m: "{%d}" % (ord(m.group(0)) - 0xE000), text)


def braces_to_tokens(text: str) -> str:
    return re.sub(r"\{(\d+)\}", lambda m: token(int(m.group(1))), text)


@pytest.mark.parametrize(("source", "engine_text", "placeholders"), cases("protect.txt"))
def test_protect(source: str, engine_text: str, placeholders: str) -> None:
    protected = protect(source)
    assert tokens_to_braces(protected.text) == engine_text
    described = [
        f"{p.kind.value} {'-' if p.partner is None else p.partner} {p.label}" for p in protected.placeholders
    ]
    assert described == placeholders.split("\n")
    assert restore(protected.text, protected).text == source


@pytest.mark.parametrize(("source", "output", "expected", "lost"), cases("restore.txt"))
def test_restore(source: str, output: str, expected: str, lost: str) -> None:
    restored = restore(braces_to_tokens(output), protect(source))
    assert restored.text == expected
    assert [p.label for p in restored.lost] == (lost.split("\n") if lost else [])


def test_every_unit_of_the_sample_articles_survives_a_round_trip() -> None:
    project = Project.open(REPO)
    units = [u.text for a in project.articles for u in project.units(a)]
    assert len(units) > 100
    for text in units:
        protected = protect(text)
        assert restore(protected.text, protected).text == text
        # What reaches an engine holds no URL and no Markdown link syntax.
        assert "http" not in protected.text and "](" not in protected.text


def test_private_use_characters_in_the_source_are_protected_too() -> None:
    text = "A \ue000 glyph and 12."
    protected = protect(text)
    assert [p.kind for p in protected.placeholders] == [Kind.ATOM, Kind.NUMBER]
    assert restore(protected.text, protected).text == text


TERM = FixedSpan(start=0, end=11, replacement="travail décent", label="decent work → travail décent")


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("{0} pour tous.", "Travail décent pour tous."),
        ("Le {0} pour tous.", "Le travail décent pour tous."),
        ("Oui. {0} pour tous.", "Oui. Travail décent pour tous."),
        ("« {0} » pour tous ?", "« Travail décent » pour tous ?"),
        ("Pour tous : {0}.", "Pour tous : travail décent."),
    ],
)
def test_a_fixed_span_is_replaced_and_capitalised_at_a_sentence_start(output: str, expected: str) -> None:
    protected = protect("decent work for all.", fixed=[TERM])
    assert [p.kind for p in protected.placeholders] == [Kind.TERM]
    assert protected.prose == " for all."
    restored = restore(braces_to_tokens(output), protected)
    assert restored.text == expected
    assert [p.replacement for p in restored.inserted] == ["travail décent"]


def test_fixed_spans_never_break_markup_and_absorb_numbers() -> None:
    text = "See `decent work` and decent work 2030 and [decent work](https://ilo.org)."
    spans = [
        FixedSpan(5, 16, "X", "inside a code span"),
        FixedSpan(22, 38, "travail décent 2030", "absorbs a number"),
        FixedSpan(23, 30, "Y", "overlaps an earlier term"),
        FixedSpan(44, 55, "travail décent", "link text"),
        FixedSpan(50, 70, "Z", "crosses the link's end"),
        FixedSpan(60, 99, "W", "out of range"),
    ]
    protected = protect(text, fixed=spans)
    terms = [p for p in protected.placeholders if p.kind is Kind.TERM]
    assert [(p.source, p.label) for p in terms] == [
        ("decent work 2030", "absorbs a number"),
        ("decent work", "link text"),
    ]
    assert not any(p.kind is Kind.NUMBER for p in protected.placeholders)
    restored = restore(protected.text, protected)
    assert restored.text == "See `decent work` and travail décent 2030 and [travail décent](https://ilo.org)."
