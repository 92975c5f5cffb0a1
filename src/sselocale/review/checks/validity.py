"""The checks that a catalog is valid: what ``msgfmt --check`` would reject, and blank translations.

``po-invalid`` is a catalog check, run before the others: an entry it
reports is not also checked for whitespace. ``blank`` refuses a msgstr of
only whitespace, which gettext counts as translated but which says nothing.
"""

from __future__ import annotations

from ...po import validate as pocheck
from ...po.fastread import Entry
from .base import Severity, check


@check("po-invalid", Severity.ERROR, silenceable=False, catalog=True)
def po_invalid(entries: list[Entry], source: object = None) -> list[tuple[int, str]]:
    """Invalid PO: what `msgfmt --check` rejects (see sselocale.po.validate)."""
    return [(p.line, p.message) for p in pocheck.problems(entries)]



@check("blank", Severity.ERROR, silenceable=False)
def blank(pair) -> str | None:
    """A translation of only whitespace: it would count as translated, and `build` keeps the source text."""
    if pair.target and not pair.target.strip() and pair.source.strip():
        return "the translation is only whitespace: `build` keeps the source text"
    return None
