"""Coverage reports: JSON, Markdown and terminal renderings, and the HTML page in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sselocale.po import fastread as pofast
from sselocale.review import reports
from sselocale.po.catalogs import Counts
from sselocale.project import Project

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
PORTAL = FIXTURES / "portal"
EXPECTED = FIXTURES / "expected"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """A copy of the two-article fixture portal (fr complete-ish, es with problems)."""
    root = tmp_path / "portal"
    shutil.copytree(PORTAL, root)
    return root


@pytest.fixture
def report(portal: Path) -> reports.StatusReport:
    return reports.collect_status(Project.open(portal))


def test_status_json_has_exactly_the_documented_shape(report: reports.StatusReport) -> None:
    data = json.loads(reports.status_json(report))
    assert list(data) == ["languages", "articles", "stale"]
    assert data["stale"] == []
    keys = ["total", "translated", "fuzzy", "untranslated", "obsolete", "percent", "words"]
    for cell in [*data["languages"].values(), *(c for a in data["articles"].values() for c in a.values())]:
        assert list(cell) == keys
        assert list(cell["words"]) == ["total", "translated"]
        assert cell["percent"] == pytest.approx(100 * cell["translated"] / cell["total"])
        assert cell["total"] == cell["translated"] + cell["fuzzy"] + cell["untranslated"]
    assert list(data["articles"]) == ["coop-day", "sse-resolution"]
    assert list(data["articles"]["coop-day"]) == ["fr", "es"]


def test_status_json_matches_the_expected_file(report: reports.StatusReport) -> None:
    assert json.loads(reports.status_json(report)) == json.loads((EXPECTED / "status.json").read_text())


def test_status_counts_agree_with_msgfmt(report: reports.StatusReport, portal: Path) -> None:
    from test_pofast import msgfmt_statistics

    for lang in report.languages:
        for slug in report.articles:
            path = portal / "locales" / lang / f"{slug}.po"
            if not path.exists():
                path = portal / "locales" / "templates" / f"{slug}.pot"
            counts = report.cell(slug, lang).counts
            assert (counts.translated, counts.fuzzy, counts.untranslated) == msgfmt_statistics(path)


def test_missing_catalog_counts_its_template_or_its_article(portal: Path) -> None:
    assert not (portal / "locales" / "es" / "sse-resolution.po").exists()
    from_template = reports.collect_status(Project.open(portal)).cell("sse-resolution", "es")
    (portal / "locales" / "templates" / "sse-resolution.pot").unlink()
    from_article = reports.collect_status(Project.open(portal)).cell("sse-resolution", "es")
    assert from_template == from_article
    assert from_article.counts == Counts(untranslated=5)


def test_status_markdown_matches_the_expected_file(report: reports.StatusReport) -> None:
    assert reports.status_markdown(report) == (EXPECTED / "status.md").read_text(encoding="utf-8")


def test_status_table_shows_every_language_and_article(report: reports.StatusReport) -> None:
    text = reports.status_table(report, color=False, width=120)
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│")]
    assert ["fr", "11", "7", "2", "2", "1", "63.6%", "58.5%"] in rows
    assert ["sse-resolution", "fr", "5", "2", "1", "2", "0", "40.0%", "30.2%"] in rows
    assert ["", "es", "5", "0", "0", "5", "0", "0.0%", "0.0%"] in rows
    assert "\x1b[" not in text
    assert "\x1b[" in reports.status_table(report, color=True, width=120)


def test_words_are_counted_between_spaces() -> None:
    entries = [pofast.Entry(msgid="Decent work for all.", msgstr="Travail décent pour tous.", msgstr_line=1),
               pofast.Entry(msgid="The **SSE** in 2023", msgstr="", msgstr_line=2)]
    cov = reports.coverage(entries)
    assert (cov.words, cov.words_translated, cov.words_percent) == (8, 4, 50.0)


def test_empty_selection_is_complete() -> None:
    assert reports.Coverage().percent == 100.0 and reports.Coverage().words_percent == 100.0


def test_heat_colour_runs_from_red_to_green() -> None:
    assert reports.heat_colour(0) == "hsl(0, 70%, 78%)"
    assert reports.heat_colour(50) == "hsl(60, 70%, 78%)"
    assert reports.heat_colour(100) == "hsl(120, 70%, 78%)"


# --- the HTML page, in headless Chromium ------------------------------------------------

# Added to a copy of the page only: it records errors and layout facts into the DOM,
# which --dump-dom then prints. The page itself carries no script.
_PROBE = """<script>
window.__errors = [];
window.addEventListener("error", (e) => window.__errors.push(String(e.message || e.type)), true);
</script>"""
_REPORT = """<script>
window.addEventListener("load", () => {
  const probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({
    errors: window.__errors,
    resources: performance.getEntriesByType("resource").map((r) => r.name),
    pageWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    heatmapFits: document.querySelector("table.heatmap").getBoundingClientRect().right <= window.innerWidth,
    cells: document.querySelectorAll("table.heatmap td.cell").length,
  });
  document.body.appendChild(probe);
});
</script>"""


class _Cells(HTMLParser):
    """Heatmap cells (their data attributes and text) and the probe's JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict] = []
        self.probe = ""
        self._cell: dict | None = None
        self._in_probe = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and attrs.get("class") == "cell":
            self._cell = {**attrs, "text": ""}
        self._in_probe = self._in_probe or attrs.get("id") == "probe"

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append(self._cell)
            self._cell = None
        if tag == "pre":
            self._in_probe = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        if self._in_probe:
            self.probe += data


def _chromium_dom(page: Path, profile: Path, *, width: int) -> tuple[str, str]:
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--window-size={width},900", "--virtual-time-budget=3000",
         "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_html_report_loads_in_chromium_with_the_right_numbers(
    report: reports.StatusReport, tmp_path: Path, width: int
) -> None:
    html = reports.status_html(report)
    assert "<script" not in html and "http" not in html.split("<body>")[0]
    page = tmp_path / "status.html"
    page.write_text(html.replace("<head>", "<head>" + _PROBE, 1).replace("</body>", _REPORT + "</body>"),
                    encoding="utf-8")
    dom, log = _chromium_dom(page, tmp_path / "profile", width=width)
    parsed = _Cells()
    parsed.feed(dom)
    probe = json.loads(parsed.probe)
    assert probe["errors"] == [] and "Uncaught" not in log
    assert probe["resources"] == []
    assert probe["pageWidth"] <= probe["viewportWidth"]
    assert probe["heatmapFits"]
    expected = [(slug, lang, report.cell(slug, lang)) for slug in report.articles for lang in report.languages]
    expected += [("", lang, report.language(lang)) for lang in report.languages]
    assert probe["cells"] == len(parsed.cells) == len(expected)
    for cell, (slug, lang, cov) in zip(parsed.cells, expected):
        assert (cell["data-article"], cell["data-lang"]) == (slug, lang)
        assert float(cell["data-percent"]) == round(cov.percent, 1)
        assert (int(cell["data-translated"]), int(cell["data-total"])) == (cov.counts.translated, cov.total)
        assert cell["text"] == f"{cov.percent:.0f}%{cov.counts.translated}/{cov.total}"
        assert f"background:{reports.heat_colour(cov.percent)}" in cell["style"]
