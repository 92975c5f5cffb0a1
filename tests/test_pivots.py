"""Pivots: French through Spanish with Debian's Apertium, a per-language setting, and what would serve Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.config import load_config
from sselocale.errors import ConfigError
from sselocale.mt.engines import choose, open_engine, probe, remedies
from sselocale.mt.placeholders import protect, restore
from sselocale.mt.translate import translate_project
from sselocale.po import catalogs
from sselocale.project import Project, extract, update

CONFIG = "project: P\nlanguages: [fr, es, pt, ru]\ntranslation:\n  engines: [apertium]\n"


def test_french_is_served_through_spanish_with_both_steps_named() -> None:
    offer = probe("apertium", "en", "fr")
    assert [hop.name for hop in offer.hops] == ["eng-spa", "es-fr"]
    assert offer.provenance.package == "eng-spa+es-fr"
    assert offer.note == "fr via es"


def test_real_french_through_spanish() -> None:
    from test_engines import config

    unit = protect("The **cooperatives** of the informal economy met in 2023.")
    with open_engine(probe("apertium", "en", "fr"), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert restored.lost == ()
    assert "**coopératives**" in restored.text and "2023" in restored.text
    assert "économie informelle" in restored.text


def test_french_suggestions_name_both_steps(sample_project: Path) -> None:
    (sample_project / "sselocale.yaml").write_text(CONFIG, encoding="utf-8")
    project = Project.open(sample_project)
    extract(project)
    update(project)
    [report] = translate_project(project, langs=("fr",), slugs=("untfsse-46th-meeting",))
    assert report.filled == report.pending > 0
    po = catalogs.load_catalog(project.po_path("fr", "untfsse-46th-meeting"))
    entry = next(e for e in po if e.msgid and not e.obsolete)
    assert "machine translation: apertium eng-spa+es-fr" in entry.comment
    assert "machine translation: fr via es" in entry.comment


def test_a_language_can_refuse_pivots(tmp_path: Path) -> None:
    path = tmp_path / "sselocale.yaml"
    path.write_text(CONFIG + "  pivots: {fr: false}\n", encoding="utf-8")
    config = load_config(path)
    assert config.translation.pivots == {"fr": False}
    fr = choose(config, "fr")
    assert fr.chosen is None
    assert fr.reasons == "apertium: only through es, and translation.pivots.fr is false"
    assert choose(config, "es").chosen is not None        # direct: unaffected
    assert choose(config, "pt").chosen is not None        # pivots allowed unless said otherwise


@pytest.mark.parametrize(("setting", "message", "line"), [
    ("  pivots: {fr: maybe}\n", "translation.pivots.fr: must be true or false", 5),
    ("  pivots:\n    xx: true\n", "translation.pivots.xx: 'xx' is not one of the configured languages", 6),
])
def test_a_bad_pivot_setting_names_its_line(tmp_path: Path, setting: str, message: str, line: int) -> None:
    path = tmp_path / "sselocale.yaml"
    path.write_text(CONFIG + setting, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert caught.value.line == line


def test_models_list_says_what_would_serve_russian(sample_project: Path) -> None:
    (sample_project / "sselocale.yaml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(sample_project), "models", "list"])
    assert result.exit_code == 0, result.output
    assert "en→fr: apertium eng-spa+es-fr" in result.output
    ru = [line for line in result.output.splitlines() if line.strip().startswith("to serve ru:")]
    assert ru == [("  to serve ru: argos: sselocale models install ru (offline: --from "
                   "translate-en_ru-….argosmodel); or apertium: Debian's Apertium has no route from en to ru")]
    config = Project.open(sample_project).config
    assert remedies(config, "fr")[1] == "apertium: apt-get install apertium-eng-spa apertium-fr-es"
