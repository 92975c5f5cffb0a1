"""Replace the markup of a unit by tokens, so that an engine translates only the prose.

Glossary terms to enforce come in as :class:`~.tokens.FixedSpan` objects and are
hidden the same way, unless they clash with markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from .scan import markup_spans
from .spans import Span
from .tokens import FixedSpan, Kind, Placeholder, Protected, token


def protect(text: str, *, fixed: Sequence[FixedSpan] = ()) -> Protected:
    """Replace markup, URLs, e-mail addresses, numbers and ``fixed`` spans by tokens.

    A fixed span that overlaps markup (other than a number inside it) or an
    earlier fixed span is ignored: markup must survive, and the first term wins.

    >>> p = protect("The **ILO** was founded in 1919.")
    >>> [ph.label for ph in p.placeholders]
    ['emphasis **', 'emphasis **', 'number 1919']
    """
    spans = markup_spans(text)
    terms = _accepted_terms(text, spans, fixed)
    if terms:
        spans = [s for s in spans if not any(t.start <= s.start and s.end <= t.end for t in terms)]
        spans += [Span(t.start, t.end, t.kind, t.label) for t in terms]
        spans.sort(key=lambda s: s.start)
    replacement = {(t.start, t.end): t.replacement for t in terms}
    first_half: dict[int, int] = {}
    partners: dict[int, int] = {}
    for index, span in enumerate(spans):
        if span.pair is not None:
            if span.pair in first_half:
                partners[index] = first_half[span.pair]
                partners[first_half[span.pair]] = index
            else:
                first_half[span.pair] = index
    placeholders = []
    pieces = []
    pos = 0
    for index, span in enumerate(spans):
        source = text[span.start:span.end]
        placeholders.append(
            Placeholder(
                token=token(index),
                kind=span.kind,
                source=source,
                replacement=replacement.get((span.start, span.end), source),
                label=span.label,
                partner=partners.get(index),
            )
        )
        pieces += [text[pos:span.start], token(index)]
        pos = span.end
    pieces.append(text[pos:])
    return Protected(source=text, text="".join(pieces), placeholders=tuple(placeholders))


def _accepted_terms(text: str, spans: list[Span], fixed: Sequence[FixedSpan]) -> list[FixedSpan]:
    accepted: list[FixedSpan] = []
    for term in sorted(fixed, key=lambda t: (t.start, t.start - t.end)):
        if not 0 <= term.start < term.end <= len(text):
            continue
        if any(term.start < a.end and a.start < term.end for a in accepted):
            continue
        if not any(_clashes(term, s) for s in spans):
            accepted.append(term)
    return accepted


def _clashes(term: FixedSpan, span: Span) -> bool:
    overlaps = span.start < term.end and term.start < span.end
    inside = term.start <= span.start and span.end <= term.end
    return overlaps and not (span.kind is Kind.NUMBER and inside)
