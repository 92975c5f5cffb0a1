"""Reports for a person at a terminal: the status as rich tables, the check grouped by file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..coverage import StatusReport
from .common import HEAD, numbers, relative, reviewed_cell, stale_lines

if TYPE_CHECKING:
    # Only for annotations: importing the gate would load every check into ``sselocale status``.
    from ..gate import CheckReport


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
    for head in HEAD:
        by_lang.add_column(head, justify="right")
    for lang in report.languages:
        cov = report.language(lang)
        cells = list(numbers(cov))
        cells[-2] = f"[{_style(cov.percent)}]{cells[-2]}[/]"
        by_lang.add_row(lang, *cells)
    console.print(by_lang)
    by_article = Table(title="by article", title_justify="left")
    by_article.add_column("article", no_wrap=True)
    by_article.add_column("lang")
    for head in HEAD:
        by_article.add_column(head, justify="right")
    for slug, row in zip(report.articles, report.cells):
        for i, (lang, cov) in enumerate(zip(report.languages, row)):
            cells = list(numbers(cov))
            cells[-2] = f"[{_style(cov.percent)}]{reviewed_cell(report, slug, lang, cells[-2])}[/]"
            by_article.add_row(slug if i == 0 else "", lang, *cells, end_section=i == len(row) - 1)
    console.print(by_article)
    if report.stale:
        console.print(f"[red]{len(report.stale)} stale catalogs[/]: the sources changed since the last sync, "
                      "so their counts are out of date (run `sselocale sync`):", soft_wrap=True)
        for line in stale_lines(report):
            console.print(f"  {line}", markup=False, soft_wrap=True)
    return out.getvalue()


def check_text(report: CheckReport, *, base: Path) -> str:
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
    lines.append(report.summary)
    lines.append(report.verdict)
    return "\n".join(lines) + "\n"
