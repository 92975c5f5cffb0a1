"""The check report as GitHub Actions workflow commands: annotations on the pull request."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .common import relative

if TYPE_CHECKING:
    # Only for annotations: importing the gate would load every check into ``sselocale status``.
    from ..gate import CheckReport


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_github(report: CheckReport, *, base: Path, config: Path | None = None) -> str:
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
    lines.append(f"{report.summary}: {report.verdict}")
    return "\n".join(lines) + "\n"
