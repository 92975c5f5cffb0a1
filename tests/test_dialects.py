"""Site dialects: anchors, attribute lists, Liquid, shortcodes, containers and admonitions stay out of units.

The fixtures in tests/fixtures/dialects/ are pages of the Docusaurus, Hugo,
Jekyll, Material for MkDocs and VitePress documentation (see SOURCES.txt).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sselocale.cli import main
from sselocale.config import KNOWN_DIALECTS
from sselocale.mt.placeholders import protect
from sselocale.source.articles import read_article
from sselocale.source.dialects import DIALECTS, detect
from sselocale.source.rebuild import replace_units
from sselocale.source.units import Lines, UnitKind, segment

FIXTURES = Path(__file__).parent / "fixtures" / "dialects"
#: Lines that are site syntax, never prose.
SITE_LINE = re.compile(r"^\s*(?::::.*|!!! .*|\{%[^%]*%\}|\{\{[<%].*[>%]\}\}|\{:?[.#\w][^{}]*\})\s*$")


def article(path: Path):
    return read_article(path, root=path.parent)


def lines_in_units(art, units) -> set[int]:
    covered = set()
    for unit in units:
        loc = unit.location
        covered.update(range(loc.start, loc.end) if isinstance(loc, Lines) else ())
    return covered


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.stem)
def test_site_syntax_lines_are_in_no_unit(path: Path) -> None:
    art = article(path)
    lines = art.text.split("\n")
    site = {i for i, line in enumerate(lines) if SITE_LINE.match(line)}
    assert site, "each fixture shows its dialect's syntax"
    units = segment(art, dialect="auto")
    assert not site & lines_in_units(art, units)
    # As plain CommonMark, some of these lines were joined into a paragraph or taken as units.
    if path.stem != "mkdocs-offline-usage":
        plain = segment(art, dialect="commonmark")
        assert site & lines_in_units(art, plain) or {u.text for u in plain} != {u.text for u in units}


def test_a_container_title_is_a_unit_and_its_fence_is_kept(tmp_path: Path) -> None:
    art = article(FIXTURES / "vitepress-asset-handling.md")
    units = segment(art, dialect="vitepress")
    titles = [u for u in units if u.kind is UnitKind.BLOCK_TITLE]
    assert [u.text for u in titles] == ["Linked files are not treated as assets"]
    rebuilt = replace_units(art, units, {titles[0].text: "Les fichiers liés ne sont pas des ressources"})
    assert "\n::: tip Les fichiers liés ne sont pas des ressources\nPDFs or other" in rebuilt
    assert "\n:::\n" in rebuilt


def test_an_admonition_title_and_body_are_units(tmp_path: Path) -> None:
    art = article(FIXTURES / "mkdocs-offline-usage.md")
    units = segment(art, dialect="mkdocs")
    title = next(u for u in units if u.kind is UnitKind.BLOCK_TITLE)
    assert title.text == "Automatically bundle all external assets"
    body = next(u for u in units if u.text.startswith("The [built-in privacy plugin]"))
    rebuilt = replace_units(art, units, {title.text: 'Tout "regrouper"', body.text: "Le [built-in privacy plugin] aide."})
    assert '!!! tip "Tout \u201dregrouper\u201d"\n\n    Le [built-in privacy plugin] aide.\n' in rebuilt
    # As CommonMark, the indented body is a code block: no unit.
    assert not any(u.text.startswith("The [built-in privacy plugin]") for u in segment(art, dialect="commonmark"))


def test_liquid_raw_blocks_and_attribute_lines_are_not_translated() -> None:
    art = article(FIXTURES / "jekyll-environments.md")
    units = segment(art, dialect="jekyll")
    assert not any("{% if" in u.text and u.text.startswith("{%") for u in units)
    note = next(u for u in units if u.text.startswith("To switch part"))
    assert note.line == 46  # the paragraph after `{: .note}`, which stays out of it
    plain = next(u for u in segment(art, dialect="commonmark") if "To switch part" in u.text)
    assert plain.text.startswith("{: .note}")


def test_heading_anchors_stay_out_of_the_heading_unit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("## Install {#install}\n\n### Setup {: .wide }\n\nText {#not-a-heading}.\n", encoding="utf-8")
    art = article(path)
    units = segment(art, dialect="hugo")
    assert [u.text for u in units] == ["Install", "Setup", "Text {#not-a-heading}."]
    rebuilt = replace_units(art, units, {"Install": "Installer", "Setup": "Réglages"})
    assert rebuilt.startswith("## Installer {#install}\n\n### Réglages {: .wide }\n")
    assert [u.text for u in segment(art, dialect="commonmark")][:1] == ["Install {#install}"]


def test_shortcodes_on_their_own_lines_and_code_shortcodes_are_kept_out(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "Intro text.\n{{< figure src=\"a.png\" >}}\n\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\n"
        "{{% notice tip %}}\nA tip.\n{{% /notice %}}\n",
        encoding="utf-8",
    )
    units = segment(article(path), dialect="hugo")
    assert [u.text for u in units] == ["Intro text.", "A tip."]


def test_an_unclosed_raw_block_does_not_hide_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("{% raw %}\n\nStill prose.\n", encoding="utf-8")
    assert [u.text for u in segment(article(path), dialect="jekyll")] == ["Still prose."]


def test_site_syntax_inside_code_blocks_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("```md\n::: tip Shown as an example\n:::\n```\n", encoding="utf-8")
    assert segment(article(path), dialect="vitepress") == []


def test_the_engine_never_sees_inline_site_syntax() -> None:
    art = article(FIXTURES / "jekyll-environments.md")
    for unit in segment(art, dialect="jekyll"):
        hidden = protect(unit.text).text
        assert "{{" not in hidden and "{%" not in hidden, unit.text


def test_every_dialect_is_known_to_the_configuration() -> None:
    assert set(KNOWN_DIALECTS) == set(DIALECTS)


@pytest.mark.parametrize(("marker", "dialect"), [("mkdocs.yml", "mkdocs"), ("hugo.toml", "hugo"),
                                                 ("_config.yml", "jekyll"), ("docusaurus.config.js", "docusaurus")])
def test_the_dialect_is_detected_from_the_site_files(tmp_path: Path, marker: str, dialect: str) -> None:
    assert detect(tmp_path) == "auto"
    (tmp_path / marker).write_text("", encoding="utf-8")
    assert detect(tmp_path) == dialect


def test_an_unknown_dialect_is_an_error_naming_its_line(tmp_path: Path) -> None:
    (tmp_path / "sselocale.yaml").write_text("languages: [fr]\ndialect: markdown-extra\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "extract"])
    assert result.exit_code == 2
    assert "sselocale.yaml:2: dialect: unknown dialect 'markdown-extra'" in result.output


def test_a_configured_dialect_shapes_the_units(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("::: tip Title\nBody.\n:::\n", encoding="utf-8")
    for dialect, expected in (("commonmark", 1), ("vitepress", 2)):
        (tmp_path / "sselocale.yaml").write_text(f"languages: [fr]\ndialect: {dialect}\n", encoding="utf-8")
        assert CliRunner().invoke(main, ["-C", str(tmp_path), "extract"]).exit_code == 0
        template = (tmp_path / "locales" / "templates" / "a.pot").read_text(encoding="utf-8")
        assert template.count("msgid \"") - 1 == expected, template
