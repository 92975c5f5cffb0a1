"""The check that a catalog's translations keep their article's structure.

The article is rebuilt as ``build`` rebuilds it (:func:`sselocale.source.rebuild.replace_units`)
and its skeleton compared with the source's (:mod:`sselocale.source.skeleton`):
headings and levels, list nesting and kind, table shape, block quotes, code
blocks, thematic breaks, and links and images by target. A translated first
table cell starting with ``- ``, a msgstr of only whitespace or a lazy line
such as ``2024. …`` can end a table, empty a block or break out of a list.
``build`` refuses such a translation; this check names it.
"""

from __future__ import annotations

from ...po.fastread import Entry
from ...po.state import State, state
from ...source.safety import errors as safety_errors
from ...source.skeleton import structure_breakers
from .base import ArticleSource, Severity, check


@check("structure", Severity.ERROR, silenceable=False, catalog=True)
def structure(entries: list[Entry], source: ArticleSource | None = None) -> list[tuple[int, str]]:
    """A translation that changes the article's structure: headings, lists, tables, links, blocks."""
    if source is None:
        return []
    by_msgid: dict[str, Entry] = {}
    for entry in entries:
        if (entry.obsolete or entry.is_header or entry.msgid_plural or entry.msgctxt is not None
                or state(entry) not in (State.TRANSLATED, State.FUZZY)):
            continue
        by_msgid.setdefault(entry.msgid, entry)
    translations = {msgid: e.msgstr for msgid, e in by_msgid.items() if e.msgstr}
    allowed = source.allowed_hosts
    breakers, sound = structure_breakers(source.article, source.units, translations, allowed)
    found: dict[int, str] = {}
    # An unsafe translation is reported by unsafe-html or unsafe-url (and refused by
    # build before its structure is judged): not again here.
    for unit in [u for u in breakers if not safety_errors(u.text, translations[u.text], allowed)]:
        entry = by_msgid[unit.text]
        found.setdefault(entry.msgstr_line, (
            f"the translation changes the structure of {unit.reference} (headings, lists, tables, "
            f"links or blocks): `build` keeps the source text"))
    if not sound:
        first = min((by_msgid[u.text].msgstr_line for u in source.units if u.text in translations),
                    default=1)
        found.setdefault(first, "the translations together change the article's structure "
                                "(headings, lists, tables, links or blocks)")
    return sorted(found.items())
