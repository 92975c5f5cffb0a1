"""Names stay names: personal names are kept from the engine, headings and institutions are not frozen."""

from __future__ import annotations

from pathlib import Path

import pytest

from sselocale.glossary.store import load_glossary
from sselocale.mt.engines import open_engine, probe
from sselocale.mt.fixed import fixed_spans
from sselocale.mt.names import name_spans
from sselocale.mt.placeholders import Kind, protect, restore
from sselocale.mt.terms import Terms

REPO = Path(__file__).resolve().parent.parent


def names(text: str, avoid=()) -> list[str]:
    return [text[a:b] for a, b in name_spans(text, avoid=avoid)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr Guy Tchami opened the meeting.", ["Guy Tchami"]),
        ("Statement by Ms. Simel Esim and Dr Jane Smith.", ["Simel Esim", "Jane Smith"]),
        ("ILO Director-General, Gilbert F. Houngbo, has welcomed it.", ["Gilbert F. Houngbo"]),
        ("Prof. A. B. Smith spoke.", ["A. B. Smith"]),
        ("The U.S. Government agreed.", []),
        ("Four Modules", []),
        ("ILO Director-General Gilbert Houngbo welcomed it.", ["Gilbert Houngbo"]),
        ("Roberto Di Meglio, ILO COOP Manager, said so.", ["Roberto Di Meglio"]),
        ("The speakers were Roberto Di Meglio and Simel Esim.", ["Roberto Di Meglio", "Simel Esim"]),
        # Institutions, events and documents are the engine's and the glossary's.
        ("The United Nations General Assembly adopted a resolution.", []),
        ("The Task Force met in New York.", []),
        ("She spoke at the World Cooperative Congress.", []),
        # A capital that only starts the sentence is no name.
        ("In Geneva the delegates met.", []),
        # A heading in Title Case is not frozen whole.
        ("Social And Solidarity Economy In The World Today", []),
        ("Cooperatives Support Refugees In Kenya", []),
        ("Decent work for all.", []),
        # Title Case headings of documentation sites, short enough to pass for a name.
        ("Warm Up Frequently Used Files", []),
        ("Dependency Optimizer Now Uses Rolldown", []),
        ("Default Browser Target Change", []),
        ("Deployment Guide", []),
        # ...while names alone, or after a label, stay names.
        ("Juan Antonio Rodríguez Pérez", ["Juan Antonio Rodríguez Pérez"]),
        ("Speakers: Kelly Watson and Ahmed Said.", ["Kelly Watson", "Ahmed Said"]),
    ],
)
def test_names_found(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_title_before_a_name_is_translated_the_name_is_not() -> None:
    text = "Mr Guy Tchami spoke."
    [span] = fixed_spans(text, "es", terms=None)
    assert (text[span.start:span.end], span.kind, span.replacement) == ("Guy Tchami", Kind.NAME, "Guy Tchami")


def test_names_never_overlap_glossary_terms() -> None:
    assert names("Roberto Di Meglio met Guy Tchami.", avoid=[(0, 7)]) == ["Guy Tchami"]


def glossary_terms() -> Terms:
    from sselocale.glossary import protections
    from sselocale.mt.placeholders import FixedSpan

    glossary = load_glossary(REPO / "glossary" / "sse.yaml")

    def terms(text: str, lang: str, every_policy: bool = False) -> list[FixedSpan]:
        return [FixedSpan(p.start, p.end, p.replacement, p.label)
                for p in protections(glossary, text, lang, every_policy=every_policy)]

    return terms


def test_glossary_keep_terms_still_win_over_names() -> None:
    text = "The UNTFSSE Secretariat met Guy Tchami."
    spans = fixed_spans(text, "es", terms=glossary_terms())
    kinds = {text[s.start:s.end]: s.kind for s in spans}
    assert kinds.get("UNTFSSE") is Kind.TERM
    assert kinds.get("Guy Tchami") is Kind.NAME


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_apertium_keeps_names_as_written(lang: str) -> None:
    from test_engines import config

    text = "Mr Guy Tchami and Roberto Di Meglio opened the meeting."
    unit = protect(text, fixed=fixed_spans(text, lang, terms=None))
    with open_engine(probe("apertium", "en", lang), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit).text
    assert "Guy Tchami" in restored and "Roberto Di Meglio" in restored
    assert "Tipo" not in restored and "Dei Meglio" not in restored
