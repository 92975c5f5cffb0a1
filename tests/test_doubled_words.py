"""Doubled words: the check, and glossary enforcement that neither doubles nor drops a neighbour."""

from __future__ import annotations

from pathlib import Path

import pytest

from sselocale.glossary import protections
from sselocale.glossary.store import load_glossary
from sselocale.mt.engines import apertium, open_engine, probe
from sselocale.mt.fixed import fixed_spans
from sselocale.mt.placeholders import FixedSpan, protect, restore
from sselocale.review.checks import fluency
from sselocale.review.checks.analysis import Pair
from sselocale.source.doubles import doubled, new_doubles

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "source, target, lang, message",
    [
        ("the subsequent resolution", "la resolución resolución", "es",
         "doubled word not in the source: resolución resolución"),
        ("next UN GA session", "ONU ONU GA sesión", "es", "doubled word not in the source: onu onu"),
        ("strengthen mining cooperatives", "fortalece cooperativas Cooperativas", "es",
         "doubled word not in the source: cooperativas cooperativas"),
        ("It was very very good.", "Fue muy muy bueno.", "es", None),       # the source doubles too
        ("We commit ourselves.", "Nous nous engageons.", "fr", None),       # French reflexive
        ("Page 10 10", "Página 10 10", "es", None),                          # numbers are no words
        ("the co-op", "la co-op co-op", "es", "doubled word not in the source: co-op co-op"),
        ("It is done.", "Está hecho. Hecho a mano.", "es", None),
    ],
)
def test_doubled_words_check(source: str, target: str, lang: str, message: str | None) -> None:
    assert fluency.doubled_words.run(Pair(source, target, lang)) == message


def test_doubled_finds_each_double_once_per_pair() -> None:
    assert doubled("el el el acuerdo") == ["el", "el"]
    assert new_doubles("very very", "muy muy y y") == ["y"]


def _terms(text: str, lang: str, every_policy: bool = False) -> list[FixedSpan]:
    glossary = load_glossary(REPO / "glossary" / "sse.yaml")
    return [FixedSpan(p.start, p.end, p.replacement, p.label)
            for p in protections(glossary, text, lang, every_policy=every_policy)]


# The cases: with the glossary, Apertium moved the term's tag onto a neighbour.
CASES = [
    "Programmes strengthen mining cooperatives in the region.",
    "The next UN GA session will discuss the subsequent resolution.",
    "Roberto Di Meglio, ILO COOP Manager, presented the report.",
    "The social and solidarity economy creates decent work.",
]


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
@pytest.mark.parametrize("text", CASES)
def test_glossary_enforcement_never_doubles_a_word_with_apertium(text: str, lang: str) -> None:
    from test_engines import config

    unit = protect(text, fixed=fixed_spans(text, lang, terms=_terms))
    assert any(ph.kind.value == "term" for ph in unit.placeholders)
    with open_engine(probe("apertium", "en", lang), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert restored.lost == ()
    assert new_doubles(text, restored.text) == [], restored.text


def test_a_neighbour_of_a_term_is_kept() -> None:
    from test_engines import config

    text = "Roberto Di Meglio, ILO COOP Manager, presented the report."
    unit = protect(text, fixed=fixed_spans(text, "es", terms=_terms))
    with open_engine(probe("apertium", "en", "es"), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit).text
    assert "COOP" in restored and "Gerente" in restored and "gallinero" not in restored


def test_a_term_whose_tag_stays_put_keeps_its_grammar() -> None:
    """Where Apertium leaves the tag on the term, the words around it agree ("La Asamblea")."""
    from test_engines import config

    text = "The UN General Assembly adopted a resolution."
    unit = protect(text, fixed=fixed_spans(text, "es", terms=_terms))
    with open_engine(probe("apertium", "en", "es"), config()) as engine:
        [output] = list(engine.translate([unit]))
    assert restore(output, unit).text.startswith("La Asamblea General")


def test_attached_sees_a_tag_that_moved() -> None:
    unit = protect("strengthen mining cooperatives", fixed=[FixedSpan(18, 30, "cooperativas", "coop")])
    alone = {"cooperatives": ("cooperativas",)}
    assert not apertium.attached('Fortalece cooperativas <span id="0">mineras</span>', unit, alone)
    assert apertium.attached('Fortalece <span id="0">cooperativas</span> mineras', unit, alone)
