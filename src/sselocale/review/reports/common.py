"""What several report formats share: the coverage columns, stale catalogs, and paths as the reader gives them."""

from __future__ import annotations

from pathlib import Path

from ..coverage import Coverage, StatusReport

#: The columns of a coverage row, after the language (or article) it is for.
HEAD = ("units", "reviewed", "fuzzy", "untranslated", "obsolete", "reviewed %", "words reviewed %")


def numbers(cov: Coverage) -> tuple[str, ...]:
    """The cells of a coverage row, in the order of :data:`HEAD`."""
    c = cov.counts
    return (str(c.total), str(c.translated), str(c.fuzzy), str(c.untranslated), str(c.obsolete),
            f"{cov.percent:.1f}%", f"{cov.words_percent:.1f}%")


def stale_lines(report: StatusReport) -> list[str]:
    """One line per stale catalog: ``locales/fr/x.po: stale: …: run `sselocale sync```."""
    return [f"{s.catalog}: {s.message}" for s in report.stale]


def reviewed_cell(report: StatusReport, slug: str, lang: str, text: str) -> str:
    """A reviewed-% cell of the article table, marked when its catalog is stale."""
    return f"{text} stale" if report.is_stale(slug, lang) else text


def relative(path: Path | None, base: Path) -> str:
    """``path`` relative to ``base`` when it lies below it, else as it is."""
    if path is None:
        return ""
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)
