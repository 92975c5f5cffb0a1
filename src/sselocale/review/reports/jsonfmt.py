"""Reports as JSON, for tools: ``status --format json`` and ``check --format json``.

Named ``jsonfmt`` rather than ``json`` so that it is never mistaken for the standard module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..coverage import Coverage, StatusReport
from .common import relative

if TYPE_CHECKING:
    # Only for annotations: importing the gate would load every check into ``sselocale status``.
    from ..gate import CheckReport


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
    """``{"languages": {lang: {...}}, "articles": {slug: {lang: {...}}}, "stale": [...]}``.

    ``stale`` lists the catalogs that no longer match their sources (their
    counts are those of the last sync): ``{"article", "lang", "file", "source",
    "reason", "message"}`` each.
    """
    data = {
        "languages": {lang: coverage_dict(report.language(lang)) for lang in report.languages},
        "articles": {
            slug: {lang: coverage_dict(cov) for lang, cov in zip(report.languages, row)}
            for slug, row in zip(report.articles, report.cells)
        },
        "stale": [
            {"article": st.slug, "lang": st.lang, "file": st.catalog, "source": st.article,
             "reason": st.reason.value, "message": st.message}
            for st in report.stale
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def check_json(report: CheckReport, *, base: Path) -> str:
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
