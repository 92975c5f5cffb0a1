"""The scanner's machinery: the spans it finds, the loop that applies the rules, emphasis pairing.

The rules themselves (what counts as markup) are in :mod:`.scan`; they get a
:class:`Scan` to add spans to, and a link rule scans its text through it, so
this module knows nothing of Markdown and the rules nothing of the loop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .tokens import Kind


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of markup found in the source: ``text[start:end]``."""

    start: int
    end: int
    kind: Kind
    label: str
    pair: int | None = None
    """Spans with the same ``pair`` number are the two halves of one pair."""
    can_open: bool = False
    """An emphasis delimiter run that may open (left-flanking)."""
    can_close: bool = False


class Scan:
    """The spans found so far, the next pair number, and the rules that find them."""

    def __init__(self, rules: Sequence[tuple[str, Rule]], candidate: re.Pattern[str]) -> None:
        self.spans: list[Span] = []
        self.pairs = 0
        self.rules = rules
        """Tried in order at every position; the first rule that matches wins."""
        self.candidate = candidate
        """Where a rule may match; the positions in between are skipped."""

    def new_pair(self) -> int:
        self.pairs += 1
        return self.pairs

    def run(self, text: str, pos: int) -> None:
        """Apply the rules from ``pos`` to the end of ``text``."""
        while pos < len(text):
            candidate = self.candidate.search(text, pos)
            if candidate is None:
                return
            pos = candidate.start()
            for _name, rule in self.rules:
                resume = rule(text, pos, self)
                if resume is not None:
                    pos = resume
                    break
            else:
                pos += 1


#: A rule looks at ``text`` at ``pos``; when it recognises markup there, it adds
#: spans and returns where scanning resumes, otherwise None.
Rule = Callable[[str, int, Scan], "int | None"]


def pair_emphasis(spans: list[Span], scan: Scan) -> list[Span]:
    """Pair emphasis delimiter runs: a closer takes the nearest opener of the same run.

    Runs left without a partner stay whole atoms: a literal asterisk must survive too.
    """
    result = list(spans)
    openers: list[int] = []
    for index, span in enumerate(spans):
        if not (span.can_open or span.can_close):
            continue
        run = span.label
        match = next((i for i in reversed(openers) if result[i].label == run), None) if span.can_close else None
        if match is not None:
            del openers[openers.index(match):]
            pair = scan.new_pair()
            opener = result[match]
            result[match] = Span(opener.start, opener.end, Kind.OPEN, opener.label, pair)
            result[index] = Span(span.start, span.end, Kind.CLOSE, span.label, pair)
        elif span.can_open:
            openers.append(index)
    return result
