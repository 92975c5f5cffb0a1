"""Dates for machine translation: each English date hidden from the engine, its target form put back.

Recognition and rendering are :mod:`sselocale.source.dates` (the ``dates``
check uses them too); this module turns them into placeholder spans, so an
engine never sees "31 March 2021" and the suggestion reads "31 de marzo de 2021".

    >>> [s.replacement for s in date_spans("Held on 31 March 2021.", "es")]
    ['31 de marzo de 2021']
"""

from __future__ import annotations

from ..source.dates import find_dates, render
from .placeholders import FixedSpan, Kind


def date_spans(text: str, lang: str) -> list[FixedSpan]:
    """One :class:`FixedSpan` (kind :attr:`Kind.DATE`) per date found in ``text``."""
    return [
        FixedSpan(m.start, m.end, render(m, lang), f"date {m.text}", Kind.DATE)
        for m in find_dates(text)
    ]
