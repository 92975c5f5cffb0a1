"""The renderings of ``status`` and ``check``, one module per format.

Renderers are pure: a report in, text out. The CLI decides where it goes.
What the status reports render (:class:`StatusReport`, from
:func:`collect_status`) is re-exported here from :mod:`..coverage`, so that
``reports.collect_status`` and ``reports.status_json`` sit side by side.
"""

from __future__ import annotations

from ..coverage import Coverage, StatusReport, collect_status, coverage
from .common import relative
from .github import check_github
from .htmlfmt import heat_colour, review_html, status_html
from .jsonfmt import check_json, coverage_dict, status_json
from .markdown import status_markdown
from .terminal import check_text, status_table

__all__ = [
    "Coverage", "StatusReport", "check_github", "check_json", "check_text", "collect_status",
    "coverage", "coverage_dict", "heat_colour", "relative", "review_html", "status_html", "status_json",
    "status_markdown", "status_table",
]
