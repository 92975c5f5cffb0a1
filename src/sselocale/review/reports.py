"""Coverage of the catalogs, and the renderings of ``status`` and ``check``.

Coverage counts units the way :func:`sselocale.po.state.state` (and so GNU
``msgfmt --statistics``) classifies them, and weighs them by source words: a
unit's words are the words of its msgid. A catalog that does not exist yet
counts as its template, every unit untranslated.

Renderers are pure: a report in, text out. The CLI decides where it goes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..po.state import Counts, State, state

if TYPE_CHECKING:
    from ..source.articles import Article
    from ..source.workspace import Project
    from .checks import CheckReport

def source_words(text: str) -> int:
    """Words of a source text, counted as translators count them: runs between spaces.

    >>> source_words("The ILO's **110th** session (2022) — decent work")
    8
    """
    return len(text.split())


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one catalog, or of a sum of catalogs, is translated."""

    counts: Counts = field(default_factory=Counts)
    words: int = 0
    """Source words of the active units."""
    words_translated: int = 0
    """Source words of the reviewed (translated, not fuzzy) units."""

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def percent(self) -> float:
        """Reviewed units over all units ×100; an empty catalog is complete."""
        return self.counts.percent

    @property
    def words_percent(self) -> float:
        return 100.0 if self.words == 0 else 100.0 * self.words_translated / self.words

    def shipped_percent(self, *, count_fuzzy: bool) -> float:
        """Units that may be published over all units ×100 (fuzzy ones too, if they count)."""
        if self.total == 0:
            return 100.0
        shipped = self.counts.translated + (self.counts.fuzzy if count_fuzzy else 0)
        return 100.0 * shipped / self.total

    def __add__(self, other: "Coverage") -> "Coverage":
        return Coverage(
            self.counts + other.counts,
            self.words + other.words,
            self.words_translated + other.words_translated,
        )


def coverage(entries: Iterable[Any]) -> Coverage:
    """Coverage of catalog entries (:mod:`sselocale.pofast` or polib ones); the header is skipped."""
    tally = {State.TRANSLATED: 0, State.FUZZY: 0, State.UNTRANSLATED: 0, State.OBSOLETE: 0}
    words = words_translated = 0
    for entry in entries:
        if entry.msgid == "" and not entry.obsolete:
            continue
        kind = state(entry)
        tally[kind] += 1
        if kind is State.OBSOLETE:
            continue
        n = source_words(entry.msgid)
        words += n
        if kind is State.TRANSLATED:
            words_translated += n
    return Coverage(Counts(**tally), words, words_translated)


def template_entries(project: "Project", article: "Article") -> list[Any]:
    """What a missing catalog counts as: the article's template, from disk or made afresh."""
    from ..po import catalogs
    from ..po import fastread as pofast

    path = project.template_path(article.slug)
    if path.exists():
        return pofast.read_entries(path)
    return list(catalogs.make_template(project.units(article), header={}))


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Coverage of every selected article in every selected language."""

    project: str
    languages: tuple[str, ...]
    articles: tuple[str, ...]
    cells: tuple[tuple[Coverage, ...], ...]
    """One row per article, one coverage per language in the order of :attr:`languages`."""

    def language(self, lang: str) -> Coverage:
        column = self.languages.index(lang)
        return sum((row[column] for row in self.cells), Coverage())

    def cell(self, slug: str, lang: str) -> Coverage:
        return self.cells[self.articles.index(slug)][self.languages.index(lang)]

    @property
    def total(self) -> Coverage:
        return sum((self.language(lang) for lang in self.languages), Coverage())


def collect_status(
    project: "Project", *, langs: tuple[str, ...] = (), slugs: tuple[str, ...] = ()
) -> StatusReport:
    """Read every catalog of the selection, one file at a time."""
    from ..po import fastread as pofast

    languages = project.languages(langs)
    articles = project.select(slugs)
    rows = []
    for article in articles:
        row = []
        for lang in languages:
            path = project.po_path(lang, article.slug)
            entries = pofast.read_entries(path) if path.exists() else template_entries(project, article)
            row.append(coverage(entries))
        rows.append(tuple(row))
    return StatusReport(
        project=project.config.project,
        languages=tuple(languages),
        articles=tuple(a.slug for a in articles),
        cells=tuple(rows),
    )


# --- JSON ----------------------------------------------------------------------------

def coverage_dict(cov: Coverage) -> dict[str, Any]:
    c = cov.counts
    return {
        "total": c.total,
        "translated": c.translated,
        "fuzzy": c.fuzzy,
        "untranslated": c.untranslated,
        "obsolete": c.obsolete,
        "percent": cov.percent,
        "words": {"total": cov.words, "translated": cov.words_translated},
    }


def status_json(report: StatusReport) -> str:
    """``{"languages": {lang: {...}}, "articles": {slug: {lang: {...}}}}``."""
    data = {
        "languages": {lang: coverage_dict(report.language(lang)) for lang in report.languages},
        "articles": {
            slug: {lang: coverage_dict(cov) for lang, cov in zip(report.languages, row)}
            for slug, row in zip(report.articles, report.cells)
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- Markdown ------------------------------------------------------------------------

_HEAD = ("units", "reviewed", "fuzzy", "untranslated", "obsolete", "reviewed %", "words reviewed %")


def _numbers(cov: Coverage) -> tuple[str, ...]:
    c = cov.counts
    return (str(c.total), str(c.translated), str(c.fuzzy), str(c.untranslated), str(c.obsolete),
            f"{cov.percent:.1f}%", f"{cov.words_percent:.1f}%")


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def status_markdown(report: StatusReport) -> str:
    """Two tables for a pull-request comment: per language, then articles × languages."""
    lines = [f"## Translation status: {report.project}", ""]
    lines.append(_md_row(("language", *_HEAD)))
    lines.append(_md_row(("---",) + ("---:",) * len(_HEAD)))
    for lang in report.languages:
        lines.append(_md_row((f"**{lang}**", *_numbers(report.language(lang)))))
    lines += ["", "### Reviewed units by article", ""]
    lines.append(_md_row(("article", *report.languages)))
    lines.append(_md_row(("---",) + ("---:",) * len(report.languages)))
    for slug, row in zip(report.articles, report.cells):
        cells = [f"{cov.percent:.0f}% ({cov.counts.translated}/{cov.total})" for cov in row]
        lines.append(_md_row((slug, *cells)))
    totals = [f"**{report.language(lang).percent:.0f}%**" for lang in report.languages]
    lines.append(_md_row(("**all articles**", *totals)))
    return "\n".join(lines) + "\n"


# --- terminal ------------------------------------------------------------------------

def _style(percent: float) -> str:
    return "green" if percent >= 100 else "yellow" if percent >= 50 else "red"


def status_table(report: StatusReport, *, color: bool, width: int = 100) -> str:
    """The report as rich tables, rendered to text (with ANSI colours if ``color``)."""
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    out = StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    by_lang = Table(title=f"{report.project}: by language", title_justify="left")
    by_lang.add_column("language")
    for head in _HEAD:
        by_lang.add_column(head, justify="right")
    for lang in report.languages:
        cov = report.language(lang)
        cells = list(_numbers(cov))
        cells[-2] = f"[{_style(cov.percent)}]{cells[-2]}[/]"
        by_lang.add_row(lang, *cells)
    console.print(by_lang)
    by_article = Table(title="by article", title_justify="left")
    by_article.add_column("article", no_wrap=True)
    by_article.add_column("lang")
    for head in _HEAD:
        by_article.add_column(head, justify="right")
    for slug, row in zip(report.articles, report.cells):
        for i, (lang, cov) in enumerate(zip(report.languages, row)):
            cells = list(_numbers(cov))
            cells[-2] = f"[{_style(cov.percent)}]{cells[-2]}[/]"
            by_article.add_row(slug if i == 0 else "", lang, *cells, end_section=i == len(row) - 1)
    console.print(by_article)
    return out.getvalue()


# --- HTML ----------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; padding: 1rem; color: #1b1b1b; background: #fafafa; line-height: 1.4; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.summary { margin: 0 0 1rem; color: #444; }
.scroll { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: .35rem .5rem; border: 1px solid #ddd; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #eee; position: sticky; top: 0; }
.heatmap th[scope=row] { position: sticky; left: 0; background: #fff; max-width: 14rem;
  overflow: hidden; text-overflow: ellipsis; }
.heatmap td { min-width: 4.5rem; color: #111; }
.heatmap td small { display: block; font-size: .75rem; color: #333; }
.heatmap tfoot th, .heatmap tfoot td { font-weight: bold; border-top: 2px solid #999; }
.legend { display: flex; gap: .5rem; flex-wrap: wrap; font-size: .85rem; margin: .5rem 0; }
.legend span { padding: .1rem .4rem; border-radius: .2rem; }
@media (max-width: 600px) { body { padding: .5rem; } th, td { padding: .3rem .35rem; font-size: .85rem; } }
"""


def heat_colour(percent: float) -> str:
    """Red at 0 %, amber at 50 %, green at 100 %: a background light enough for dark text."""
    hue = round(1.2 * max(0.0, min(100.0, percent)))
    return f"hsl({hue}, 70%, 78%)"


def _cell(cov: Coverage, *, slug: str, lang: str, tag: str = "td") -> str:
    e = html.escape
    c = cov.counts
    title = (f"{c.translated} reviewed, {c.fuzzy} fuzzy, {c.untranslated} untranslated of {c.total}; "
             f"{cov.words_translated}/{cov.words} words")
    return (
        f'<{tag} class="cell" data-article="{e(slug)}" data-lang="{e(lang)}" '
        f'data-percent="{cov.percent:.1f}" data-translated="{c.translated}" data-fuzzy="{c.fuzzy}" '
        f'data-total="{c.total}" style="background:{heat_colour(cov.percent)}" title="{e(title)}">'
        f"{cov.percent:.0f}%<small>{c.translated}/{c.total}</small></{tag}>"
    )


def status_html(report: StatusReport) -> str:
    """One self-contained page: totals per language and a heatmap of articles × languages."""
    e = html.escape
    total = report.total
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Translation status: {e(report.project)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Translation status: {e(report.project)}</h1>",
        f'<p class="summary">{len(report.articles)} articles, {len(report.languages)} languages: '
        f"{total.counts.translated} of {total.total} units reviewed ({total.percent:.1f}%), "
        f"{total.counts.fuzzy} fuzzy, {total.counts.untranslated} untranslated.</p>",
        "<h2>By language</h2>",
        '<div class="scroll"><table class="totals"><thead><tr><th scope="col">language</th>',
        *(f'<th scope="col">{e(h)}</th>' for h in _HEAD),
        "</tr></thead><tbody>",
    ]
    for lang in report.languages:
        cov = report.language(lang)
        parts.append(f'<tr data-lang="{e(lang)}"><th scope="row">{e(lang)}</th>')
        parts.extend(f"<td>{e(v)}</td>" for v in _numbers(cov))
        parts.append("</tr>")
    parts += [
        "</tbody></table></div>",
        "<h2>Reviewed units by article</h2>",
        '<div class="legend" aria-hidden="true">',
        *(f'<span style="background:{heat_colour(p)}">{p}%</span>' for p in (0, 25, 50, 75, 100)),
        "</div>",
        '<div class="scroll"><table class="heatmap"><thead><tr><th scope="col">article</th>',
        *(f'<th scope="col">{e(lang)}</th>' for lang in report.languages),
        "</tr></thead><tbody>",
    ]
    for slug, row in zip(report.articles, report.cells):
        parts.append(f'<tr><th scope="row" title="{e(slug)}">{e(slug)}</th>')
        parts.extend(_cell(cov, slug=slug, lang=lang) for lang, cov in zip(report.languages, row))
        parts.append("</tr>")
    parts.append('</tbody><tfoot><tr><th scope="row">all articles</th>')
    parts.extend(_cell(report.language(lang), slug="", lang=lang) for lang in report.languages)
    parts.append("</tr></tfoot></table></div></body></html>")
    return "\n".join(parts) + "\n"


# --- check reports -------------------------------------------------------------------

def relative(path: Path | None, base: Path) -> str:
    """``path`` relative to ``base`` when it lies below it, else as it is."""
    if path is None:
        return ""
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def check_text(report: "CheckReport", *, base: Path) -> str:
    """Findings grouped by file, each as ``file:line: severity: [id] message``, then the gate."""
    lines: list[str] = []
    current = None
    for f in report.findings:
        where = relative(f.path, base)
        if where != current:
            if current is not None:
                lines.append("")
            lines.append(where)
            current = where
        label = f"{f.severity.value} silenced by #, ignore-{f.check}" if f.silenced else f.severity.value
        lines.append(f"  {where}:{f.line}: {label}: [{f.check}] {f.message}")
    if lines:
        lines.append("")
    fuzzy = "fuzzy counted as translated" if report.count_fuzzy else "fuzzy not counted"
    lines.append(f"coverage (reviewed units, {fuzzy}):")
    for gate in report.gates:
        verdict = "ok" if gate.passed else "FAIL"
        lines.append(f"  {gate.lang}: {gate.percent:.1f}% of {gate.coverage.total} units, "
                     f"needs {gate.required:g}%  {verdict}")
    lines.append("")
    lines.append(_summary(report))
    lines.append(report.verdict)
    return "\n".join(lines) + "\n"


def _summary(report: "CheckReport") -> str:
    from .checks import plural

    return (f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}, "
            f"{report.silenced} silenced in {plural(report.files, 'catalog')}")


def check_json(report: "CheckReport", *, base: Path) -> str:
    data = {
        "ok": report.ok,
        "summary": {"errors": report.errors, "warnings": report.warnings,
                    "silenced": report.silenced, "catalogs": report.files},
        "coverage": {
            gate.lang: {"percent": round(gate.percent, 2), "required": gate.required,
                        "count_fuzzy": report.count_fuzzy, "passed": gate.passed,
                        **coverage_dict(gate.coverage)}
            for gate in report.gates
        },
        "findings": [
            {"file": relative(f.path, base), "line": f.line, "check": f.check,
             "severity": f.severity.value, "silenced": f.silenced, "message": f.message,
             "lang": f.lang, "article": f.slug, "msgid": f.msgid}
            for f in report.findings
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_github(report: "CheckReport", *, base: Path, config: Path | None = None) -> str:
    """GitHub Actions workflow commands: one annotation per finding and per failed language."""
    lines = []
    for f in report.findings:
        if f.silenced:
            continue
        where = _escape_property(relative(f.path, base))
        props = f"file={where},line={f.line},title={_escape_property(f.check)}"
        lines.append(f"::{f.severity.value} {props}::{_escape_data(f.message)}")
    for gate in report.gates:
        if not gate.passed:
            where = f"file={_escape_property(relative(config, base))}," if config else ""
            message = (f"{gate.lang}: {gate.percent:.1f}% of units reviewed, "
                       f"the release needs {gate.required:g}%")
            lines.append(f"::error {where}title=coverage::{_escape_data(message)}")
    lines.append(f"{_summary(report)}: {report.verdict}")
    return "\n".join(lines) + "\n"

