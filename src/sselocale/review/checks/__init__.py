"""Quality checks on translations: the registry, and the run over one catalog.

Each check is a small function made a :class:`Check` by :func:`.base.check`:
an id, a severity, a title (the first line of its docstring), and the checks
whose failure makes it redundant on the same entry. An entry with a broken link
is not also reported for unbalanced brackets; a translation left identical to
its source is not also reported for missing glossary terms. The checks live in
one module per family; :data:`CHECKS` lists them in the order they run.

Checks look at translated and fuzzy entries only: an untranslated unit has
nothing to check. A translator silences one check on one entry with a flag
``#, ignore-<id>`` (``#, ignore-numbers``); the finding is still reported, as
silenced, and does not block the release. The checks that protect the site
(``unsafe-html``, ``unsafe-url``, ``structure``) and PO validity cannot be silenced.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...errors import SselocaleError
from ...po.fastread import Entry
from ...po.state import State, state
from . import fluency, markup, numbers, safety, structure, terms, text, validity
from .analysis import Pair, signature
from .base import ArticleSource, Check, Finding, Severity

__all__ = ["CHECKS", "ArticleSource", "Check", "Finding", "Pair", "Severity", "check_catalog", "select_checks", "signature"]

#: Every check, in the order they run (and reports list their findings).
CHECKS: tuple[Check, ...] = (
    validity.po_invalid,
    validity.blank,
    safety.unsafe_html,
    safety.unsafe_url,
    structure.structure,
    markup.placeholders,
    markup.markup,
    markup.urls,
    numbers.numbers,
    text.unchanged,
    terms.glossary_term,
    text.whitespace,
    text.end_punctuation,
    text.brackets,
    fluency.doubled_words,
    fluency.dates,
)

# A check made in a family module but left out of CHECKS would silently never run.
_unlisted = {c.id for family in (validity, safety, structure, markup, numbers, text, terms, fluency)
             for c in vars(family).values() if isinstance(c, Check)} - {c.id for c in CHECKS}
if _unlisted:
    raise ImportError(f"checks not listed in CHECKS: {', '.join(sorted(_unlisted))}")


def select_checks(ids: Iterable[str] = (), *, skip: Iterable[str] = ()) -> tuple[Check, ...]:
    """The checks named by ``ids`` (all when empty) less those in ``skip``; unknown ids are an error."""
    ids, skip = tuple(ids), tuple(skip)
    known = [c.id for c in CHECKS]
    for name in (*ids, *skip):
        if name not in known:
            raise SselocaleError(f"unknown check {name!r}", hint=f"known checks: {', '.join(known)}")
    return tuple(c for c in CHECKS if (not ids or c.id in ids) and c.id not in skip)


# --- one catalog ---------------------------------------------------------------------

def _forms(entry: Entry) -> list[tuple[str, str]]:
    """``(source, translation)`` pairs of an entry: one, or one per filled plural form."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    return [(entry.msgid if i == 0 else entry.msgid_plural, translation)
            for i, translation in sorted(entry.msgstr_plural.items()) if translation]


def check_catalog(
    entries: list[Entry],
    *,
    path: Path,
    lang: str,
    slug: str = "",
    glossary: Any = None,
    checks: tuple[Check, ...] = CHECKS,
    source: ArticleSource | None = None,
    allowed_hosts: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Run ``checks`` over the parsed catalog ``entries`` of ``path``, in file order.

    ``source`` (the article and its units) lets the ``structure`` check rebuild
    the article; without it that check finds nothing. ``allowed_hosts`` are
    hosts any translation may link to (``release.allowed_hosts``).
    """
    findings: list[Finding] = []
    failed_lines: dict[int, str] = {}
    for chk in checks:
        if chk.catalog:
            for line, message in chk.run(entries, source):
                failed_lines.setdefault(line, chk.id)
                findings.append(Finding(chk.id, chk.severity, message, path, line, lang, slug))
    pair_checks = [c for c in checks if not c.catalog]
    for entry in entries:
        if entry.obsolete or entry.is_header or state(entry) not in (State.TRANSLATED, State.FUZZY):
            continue
        failed: set[str] = {
            failed_lines[line] for line in (entry.line, entry.msgstr_line)
            if line in failed_lines
        }
        for source, target in _forms(entry):
            pair = Pair(source, target, lang, glossary, allowed_hosts)
            same = source == target or signature(source) == signature(target)
            for chk in pair_checks:
                if (same and chk.structural) or chk.id in failed:
                    continue
                if chk.after and any(a in failed for a in chk.after):
                    continue
                message = chk.run(pair)
                if message is None:
                    continue
                failed.add(chk.id)
                flagged = chk.flag in entry.flags
                if flagged and not chk.silenceable:
                    message += f" (#, {chk.flag} cannot silence this check)"
                findings.append(Finding(
                    chk.id, chk.severity, message, path, entry.msgstr_line, lang, slug,
                    msgid=entry.msgid, silenced=flagged and chk.silenceable,
                ))
    findings.sort(key=lambda f: f.line)
    return findings
