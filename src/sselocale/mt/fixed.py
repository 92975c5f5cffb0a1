"""Everything hidden from the engine besides markup: glossary terms, dates and names.

One list of :class:`FixedSpan` per source text for
:func:`~sselocale.mt.placeholders.protect`. Glossary terms come first and win
where spans overlap; a name is never looked for inside a glossary term (of any
policy: ``keep`` is how the glossary forces a name), and dates go before names.
"""

from __future__ import annotations

from .dates import date_spans
from .names import name_spans
from .placeholders import FixedSpan, Kind
from .terms import Terms


def fixed_spans(text: str, lang: str, *, terms: Terms | None, every_term: bool = False) -> list[FixedSpan]:
    """The spans to hide in ``text`` when translating into ``lang``, without overlaps.

    >>> [(s.kind.value, s.replacement) for s in fixed_spans("Mr Guy Tchami spoke on 18 April.", "es", terms=None)]
    [('name', 'Guy Tchami'), ('date', '18 de abril')]
    """
    enforced = list(terms(text, lang, every_policy=every_term)) if terms is not None else []
    every = list(terms(text, lang, every_policy=True)) if terms is not None and not every_term else enforced
    out: list[FixedSpan] = list(enforced)
    taken = [(s.start, s.end) for s in every]

    def free(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in taken)

    for span in date_spans(text, lang):
        if free(span.start, span.end):
            out.append(span)
            taken.append((span.start, span.end))
    for start, end in name_spans(text, avoid=taken):
        name = text[start:end]
        out.append(FixedSpan(start, end, name, f"name {name}", Kind.NAME))
    return sorted(out, key=lambda s: s.start)
