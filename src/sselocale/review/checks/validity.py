"""The check that a catalog is valid PO: what ``msgfmt --check`` would reject.

A catalog check, run before the others: an entry it reports is not also
checked for whitespace.
"""

from __future__ import annotations

from ...po import validate as pocheck
from ...po.fastread import Entry
from .base import Severity, check


@check("po-invalid", Severity.ERROR, silenceable=False, catalog=True)
def po_invalid(entries: list[Entry], source: object = None) -> list[tuple[int, str]]:
    """Invalid PO: what `msgfmt --check` rejects (see sselocale.po.validate)."""
    return [(p.line, p.message) for p in pocheck.problems(entries)]

