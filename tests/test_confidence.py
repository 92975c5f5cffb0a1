"""Confidence of machine suggestions: estimated from the engine's signals, written, and the review queue."""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
from argos_package import argos_home, install, tiny_packages  # noqa: F401  (fixtures)
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.mt.confidence import Confidence, assess, estimate
from sselocale.mt.engines import open_engine, probe
from sselocale.mt.engines.apertium import unmark
from sselocale.mt.engines.argos import inference
from sselocale.mt.engines.base import Output, Provenance
from sselocale.mt.placeholders import protect, restore
from sselocale.mt.translate import translate_project
from sselocale.po import catalogs
from sselocale.project import Project, extract, update
from sselocale.review.queue import NO_ESTIMATE, confidence_of, review_queue

APERTIUM_ES = Provenance("apertium", "eng-spa", "0.8.1-2")
APERTIUM_PT = Provenance("apertium", "eng-spa+es-pt", "0.8.1-2+1.1.6-1")


def _restored(text: str, output: str | None = None):
    unit = protect(text)
    return restore(output if output is not None else unit.text, unit)


def test_each_doubt_lowers_the_estimate() -> None:
    clean = estimate(Output("Trabajo decente.", words=2), _restored("Decent work."))
    unknown = estimate(Output("Trabajo Tchami.", unknown=1, words=2), _restored("Decent Tchami."))
    lost = estimate(Output("Vea el sitio.", words=3), _restored("See [the site](https://a.org).", "Vea el sitio."))
    pivot = estimate(Output("Trabalho decente.", words=2), _restored("Decent work."), hops=2)
    assert clean == Confidence(0.9)
    assert unknown.value < clean.value and unknown.reasons == ("1 unknown word",)
    assert lost.value < clean.value and "markup lost" in lost.reasons
    assert pivot.value < clean.value and pivot.reasons == ("pivot",)


def test_model_probability_is_the_start_for_a_neural_engine() -> None:
    sure = estimate(Output("Travail décent.", score=0.8), _restored("Decent work."))
    unsure = estimate(Output("Travail décent.", score=0.2), _restored("Decent work."))
    assert sure.value == 0.8 and unsure.value == 0.2
    assert unsure.reasons == ("model probability 0.20",)


def test_a_plain_string_from_an_engine_still_gets_an_estimate() -> None:
    restored = assess("Trabajo.", _restored("Work."), APERTIUM_PT)
    assert restored.confidence == round(0.9 * 0.85, 2)
    assert restored.doubts == ("pivot",)


def test_pseudo_localisation_gets_no_confidence() -> None:
    restored = assess("[Ŵöŕķ]", _restored("Work."), Provenance("pseudo", "pseudo", "1"))
    assert restored.confidence is None


def test_apertium_marks_are_counted_and_taken_off() -> None:
    assert unmark("El *x0x trabaja con *Tchami y #Gerente @foo", "x") == ("El x0x trabaja con Tchami y Gerente foo", 2)
    # English left as it is counts; a name passing through does not.
    assert unmark("Los *xqzvw de *Blorptown", "x") == ("Los xqzvw de Blorptown", 1)
    # A hashtag of the source is no mark.
    assert unmark("Ver #ESS y *tchami", "See #SSE and tchami") == ("Ver #ESS y tchami", 1)


def test_apertium_reports_unknown_words() -> None:
    from test_engines import config

    units = [protect("Decent work for all."), protect("The xqzvw cooperative of blorptown grew in Geneva.")]
    with open_engine(probe("apertium", "en", "es"), config()) as engine:
        known, unknown = list(engine.translate(units))
    assert isinstance(known, Output) and known.unknown == 0 and "*" not in known
    assert unknown.unknown == 2 and "*" not in unknown and "xqzvw" in unknown
    assert unknown.words == 8


def test_argos_output_carries_the_model_probability(argos_home, tiny_packages) -> None:
    from test_engines import config

    install(tiny_packages["fr"])
    with open_engine(probe("argos", "en", "fr"), config()) as engine:
        [output] = list(engine.translate([protect("Decent work for all. Cooperatives grow.")]))
    assert isinstance(output, Output)
    assert output.score is not None and 0.0 < output.score <= 1.0


class _Result(SimpleNamespace):
    pass


def _model() -> inference._Model:
    model = object.__new__(inference._Model)
    model.prefix = ""
    model.decode = inference.detokenize
    return model


def test_argos_takes_the_best_hypothesis_that_keeps_every_placeholder() -> None:
    token = "\ue000"
    result = _Result(
        hypotheses=[["▁La", "▁resolución", "▁resolución"], ["▁La", f"▁{token}", "▁resolución"], ["▁La"]],
        scores=[-0.3, -0.9, -2.0],
    )
    text, score = _model().best(result, f"The {token} resolution")
    assert text == f"La {token} resolución"
    assert score == pytest.approx(math.exp(-0.9 / 3))


def test_argos_falls_back_to_the_top_hypothesis() -> None:
    result = _Result(hypotheses=[["▁Uno"], ["▁Dos"]], scores=[-0.1, -0.2])
    assert _model().best(result, "One \ue000")[0] == "Uno"


def test_argos_prefers_a_hypothesis_that_doubles_no_word() -> None:
    result = _Result(hypotheses=[["▁cooperativas", "▁cooperativas"], ["▁cooperativas", "▁mineras"]], scores=[-0.1, -0.2])
    assert _model().best(result, "mining cooperatives")[0] == "cooperativas mineras"


# --- written into the catalogs, read back by the review queue -------------------------

@pytest.fixture
def translated(sample_project: Path) -> Project:
    project = Project.open(sample_project)
    extract(project)
    update(project)
    translate_project(project, langs=("es", "pt"), engines=("apertium",))
    return project


def test_every_suggestion_carries_its_confidence(translated: Project) -> None:
    for lang in ("es", "pt"):
        for _lang, _slug, path in translated.po_paths((lang,)):
            for entry in catalogs.load_catalog(path):
                if entry.msgid and not entry.obsolete:
                    value, _reasons = confidence_of(entry.comment)
                    assert value is not None and 0.0 <= value <= 1.0, entry.comment
                    if lang == "pt":
                        assert "pivot" in _reasons


def test_the_review_queue_starts_where_the_machine_was_least_sure(translated: Project) -> None:
    queue = review_queue(translated, "es")
    values = [item.confidence for item in queue]
    assert values == sorted(values) and len(set(values)) > 3
    assert queue[0].path.suffix == ".po" and queue[0].line > 0 and queue[0].reason
    # The msgstr really is at the line given.
    lines = queue[0].path.read_text(encoding="utf-8").splitlines()
    assert lines[queue[0].line - 1].startswith("msgstr")


def test_entries_without_a_confidence_come_first(translated: Project) -> None:
    path = translated.po_path("es", "untfsse-46th-meeting")
    po = catalogs.load_catalog(path)
    entry = next(e for e in po if e.msgid and not e.obsolete)
    entry.comment = "\n".join(l for l in entry.comment.split("\n") if "confidence" not in l)
    catalogs.save_catalog(path, po)
    queue = review_queue(translated, "es")
    assert (queue[0].msgid, queue[0].confidence, queue[0].reason) == (entry.msgid, None, NO_ESTIMATE)


def test_review_command_text_and_json(translated: Project) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["-C", str(translated.root), "review", "--lang", "es"])
    assert text.exit_code == 0, text.output
    first = text.output.splitlines()[0]
    assert ".po:" in first and first.split()[0].replace(".", "").isdigit()
    out = runner.invoke(main, ["-C", str(translated.root), "review", "--lang", "es", "--format", "json"])
    data = json.loads(out.output)["entries"]
    assert [e["confidence"] for e in data] == sorted(e["confidence"] for e in data)
    assert data[0]["path"].startswith("locales/es/") and data[0]["line"] > 0
    bad = runner.invoke(main, ["-C", str(translated.root), "review", "--lang", "xx"])
    assert bad.exit_code == 2


def test_review_html_shows_confidence_coloured(translated: Project) -> None:
    out = CliRunner().invoke(main, ["-C", str(translated.root), "review", "--lang", "pt", "--format", "html"])
    assert out.exit_code == 0, out.output
    page = out.output
    assert page.startswith("<!DOCTYPE html>") and "Review queue: pt" in page
    values = [float(v) for v in __import__("re").findall(r'data-confidence="([\d.]+)"', page)]
    assert values and values == sorted(values)
    assert "pivot" in page and "locales/pt/" in page


def test_words_a_glossary_term_replaces_do_not_count_as_unknown() -> None:
    marked = '<b id="0"><span id="1">Cooperativas de #programa</span></b> y *xqz'
    assert unmark(marked, "x") == ('<b id="0"><span id="1">Cooperativas de programa</span></b> y xqz', 2)
    assert unmark(marked, "x", replaced=frozenset({1}))[1] == 1
