"""What ``check`` and ``status`` learnt about a catalog, kept in the state file until it changes.

A catalog's findings depend on the catalog, its article, the glossary, the
configuration, the checks asked for and whether it is stale; its coverage on
the catalog alone. Both are noted in :mod:`sselocale.statefile` under a hash
of exactly those inputs, so a no-op ``check`` or ``status`` reads hashes, not
catalogs, and any change to one of them makes the work run again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..statefile import StateFile, fingerprint
from ..statefile import digest as state_digest
from .checks import Finding, Severity
from .coverage import Coverage, coverage_note, from_note


def check_inputs(project: Any, article: Any, lang: str, ids: tuple[str, ...], stale: bool) -> str:
    """The hash of everything a catalog's findings are made from."""
    config = project.config
    return state_digest(
        fingerprint(project.po_path(lang, article.slug)), fingerprint(article.path),
        fingerprint(config.paths.glossary), fingerprint(config.path), lang, ",".join(ids), str(stale),
    )


def save_checked(state: StateFile, key: str, inputs: str, findings: list[Finding], cov: Coverage) -> dict:
    note = {"findings": [_finding(f) for f in findings], "coverage": coverage_note(cov)}
    return state.record("check", key, inputs, [], note)


def load_checked(state: StateFile, key: str, inputs: str) -> tuple[list[Finding], Coverage] | None:
    """The findings and coverage noted for ``key`` from ``inputs``; None when they must be found again."""
    note = state.fresh("check", key, inputs, [])
    try:
        return [_unfinding(f) for f in note["findings"]], from_note(note["coverage"])
    except (TypeError, KeyError, ValueError):
        return None


def _finding(f: Finding) -> dict:
    return {"check": f.check, "severity": f.severity.value, "message": f.message, "path": str(f.path),
            "line": f.line, "lang": f.lang, "slug": f.slug, "msgid": f.msgid, "silenced": f.silenced}


def _unfinding(d: dict) -> Finding:
    return Finding(d["check"], Severity(d["severity"]), d["message"], Path(d["path"]), int(d["line"]),
                   d["lang"], d["slug"], d["msgid"], bool(d["silenced"]))
