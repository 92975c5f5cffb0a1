"""The status report as Markdown, for a pull-request comment."""

from __future__ import annotations

from collections.abc import Iterable

from ..coverage import StatusReport
from .common import HEAD, numbers, reviewed_cell


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def status_markdown(report: StatusReport) -> str:
    """Two tables for a pull-request comment: per language, then articles × languages."""
    lines = [f"## Translation status: {report.project}", ""]
    lines.append(_md_row(("language", *HEAD)))
    lines.append(_md_row(("---",) + ("---:",) * len(HEAD)))
    for lang in report.languages:
        lines.append(_md_row((f"**{lang}**", *numbers(report.language(lang)))))
    lines += ["", "### Reviewed units by article", ""]
    lines.append(_md_row(("article", *report.languages)))
    lines.append(_md_row(("---",) + ("---:",) * len(report.languages)))
    for slug, row in zip(report.articles, report.cells):
        cells = [reviewed_cell(report, slug, lang, f"{cov.percent:.0f}% ({cov.counts.translated}/{cov.total})")
                 for lang, cov in zip(report.languages, row)]
        lines.append(_md_row((slug, *cells)))
    totals = [f"**{report.language(lang).percent:.0f}%**" for lang in report.languages]
    lines.append(_md_row(("**all articles**", *totals)))
    if report.stale:
        lines += ["", f"### Stale catalogs: {len(report.stale)}", "",
                  "The sources changed since the last sync; run `sselocale sync`.", ""]
        lines += [f"- `{st.catalog}`: {st.message}" for st in report.stale]
    return "\n".join(lines) + "\n"
