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


def write(tmp_path: Path, text: str):
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    return article(path)


def test_an_alert_marker_stays_on_its_line_and_its_title_is_a_unit(tmp_path: Path) -> None:
    art = write(tmp_path, "> [!NOTE]\n> Useful information.\n\n> [!tip]- A folded title\n> Body text.\n")
    units = segment(art, dialect="auto")
    assert [(u.kind, u.text) for u in units] == [
        (UnitKind.BLOCKQUOTE, "Useful information."), (UnitKind.BLOCK_TITLE, "A folded title"),
        (UnitKind.BLOCKQUOTE, "Body text."),
    ]
    rebuilt = replace_units(art, units, {"Useful information.": "Information utile.",
                                         "A folded title": "Un titre replié", "Body text.": "Le corps."})
    assert rebuilt == "> [!NOTE]\n> Information utile.\n\n> [!tip]- Un titre replié\n> Le corps.\n"
    # As CommonMark, the marker is joined to the text: the site would no longer see an alert.
    assert segment(art, dialect="commonmark")[0].text == "[!NOTE] Useful information."


def test_alert_syntax_inside_a_quote_paragraph_or_a_code_block_is_text(tmp_path: Path) -> None:
    art = write(tmp_path, "> Some text\n> [!NOTE] is how an alert starts.\n\n```md\n> [!WARNING] Shown\n```\n")
    assert [u.text for u in segment(art, dialect="auto")] == ["Some text [!NOTE] is how an alert starts."]


def test_a_definition_is_a_unit_of_its_own_and_keeps_its_marker(tmp_path: Path) -> None:
    art = write(tmp_path, "Cooperative\n: An enterprise owned by its members.\n\n: One member, one vote.\n\n"
                          "Intro.\n\n: not under a term\n")
    units = segment(art, dialect="hugo")
    assert [u.text for u in units][:3] == ["Cooperative", "An enterprise owned by its members.", "One member, one vote."]
    rebuilt = replace_units(art, units, {"Cooperative": "Coopérative",
                                         "An enterprise owned by its members.": "Une entreprise de ses membres.",
                                         "One member, one vote.": "Une personne, une voix."})
    assert rebuilt.startswith("Coopérative\n: Une entreprise de ses membres.\n\n: Une personne, une voix.\n")
    assert [u.text for u in segment(art, dialect="commonmark")][0] == "Cooperative : An enterprise owned by its members."
    # Two blank lines above, it defines nothing: a paragraph as written.
    art = write(tmp_path, "Intro.\n\n\n: a colon paragraph\n")
    assert [u.text for u in segment(art, dialect="hugo")] == ["Intro.", ": a colon paragraph"]


def test_an_abbreviation_line_is_kept_and_its_expansion_is_a_unit(tmp_path: Path) -> None:
    art = write(tmp_path, "The ILO counts cooperatives.\n\n*[ILO]: International Labour Organization\n")
    units = segment(art, dialect="mkdocs")
    assert [(u.kind, u.text) for u in units] == [
        (UnitKind.PARAGRAPH, "The ILO counts cooperatives."),
        (UnitKind.BLOCK_TITLE, "International Labour Organization"),
    ]
    rebuilt = replace_units(art, units, {"International Labour Organization": "Organisation internationale du Travail"})
    assert rebuilt.endswith("\n*[ILO]: Organisation internationale du Travail\n")
    assert [u.text for u in segment(art, dialect="commonmark")][1] == "*[ILO]: International Labour Organization"


@pytest.mark.parametrize(("dialect", "text"), [
    ("hugo", '{{< figure\n  src="a.png"\n  alt="A picture"\n>}}\n'),
    ("hugo", "{{% notice\n   tip %}}\n"),
    ("jekyll", '{% include note.html\n   content="Inside a tag" %}\n'),
    ("jekyll", "{{ page.title\n   | upcase }}\n"),
])
def test_a_tag_written_over_several_lines_is_no_unit(tmp_path: Path, dialect: str, text: str) -> None:
    art = write(tmp_path, f"Before.\n\n{text}\nAfter.\n")
    units = segment(art, dialect=dialect)
    assert [u.text for u in units] == ["Before.", "After."]
    assert replace_units(art, units, {"Before.": "Avant.", "After.": "Après."}) == f"Avant.\n\n{text}\nAprès.\n"


def test_a_tag_that_never_closes_hides_nothing(tmp_path: Path) -> None:
    art = write(tmp_path, "{{< figure src=\"a.png\"\n\nStill prose.\n")
    assert "Still prose." in [u.text for u in segment(art, dialect="hugo")]


def test_mdc_components_and_their_props_are_no_units(tmp_path: Path) -> None:
    """Nuxt Content's block components: ``::name{props}`` … ``::``, props also as a ``---`` YAML block."""
    text = ('::read-more{to="/docs/4.x/guide"}\nRead more about server components.\n::\n\n'
            "::card-group\n  ::card\n  ---\n  icon: i-simple-icons-github\n  title: Nuxt Vercel ISR\n  ---\n"
            "  An example application.\n  ::\n::\n")
    art = write(tmp_path, text)
    units = segment(art, dialect="auto")
    assert [u.text for u in units] == ["Read more about server components.", "An example application."]
    rebuilt = replace_units(art, units, {"Read more about server components.": "Plus sur les composants serveur.",
                                         "An example application.": "Un exemple d'application."})
    assert rebuilt == text.replace("Read more about server components.", "Plus sur les composants serveur.").replace(
        "An example application.", "Un exemple d'application.")
    # As CommonMark, the component line joins the text, and the props become a heading.
    assert any(u.kind is UnitKind.HEADING for u in segment(art, dialect="commonmark"))


def test_a_footnote_definition_keeps_its_label_out_of_the_unit(tmp_path: Path) -> None:
    """An engine writing "[^1] : Texte" (French spacing) would end the footnote: the label is no unit's."""
    text = "A claim[^1] and another[^note].\n\n[^1]: The source of it.\n[^note]: A longer note\n    that goes on.\n"
    art = write(tmp_path, text)
    units = segment(art, dialect="auto")
    assert [u.text for u in units] == ["A claim[^1] and another[^note].", "The source of it.",
                                       "A longer note that goes on."]
    rebuilt = replace_units(art, units, {"The source of it.": "Ibid.", "A longer note that goes on.": "Une note\nplus longue."})
    assert rebuilt.endswith("\n[^1]: Ibid.\n[^note]: Une note\n         plus longue.\n")
    from sselocale.source.skeleton import skeleton

    assert skeleton(rebuilt) == skeleton(text)  # "[^1]: Ibid." is a footnote, not a link definition
    assert [u.text for u in segment(art, dialect="commonmark")][1].startswith("[^1]: The source of it.")
