"""Words written twice in a row ("la resolución resolución").

Used by the ``doubled-words`` check and by the Argos engine, which prefers a
hypothesis that doubles no word over one that does; kept with the source, below both.

    >>> doubled("la resolución resolución y el el acuerdo; 10 10")
    ['resolución', 'el']
"""

from __future__ import annotations

import re

_PUNCTUATION = ".,;:!?…\"'“”‘’«»()[]{}*_`"
_DOUBLE = re.compile(r"(?<![\w'’-])(\w+(?:[-'’]\w+)*)\s+(\1)(?![\w'’-])", re.IGNORECASE)


def doubled(text: str) -> list[str]:
    """Words written twice in a row in ``text``, lower case, in order (numbers are not words)."""
    # Most texts double nothing: a split settles them without the backreference search.
    words = [w.strip(_PUNCTUATION) for w in text.lower().split()]
    if not any(a and a == b for a, b in zip(words, words[1:])):
        return []
    out = []
    pos = 0
    while True:
        match = _DOUBLE.search(text, pos)
        if match is None:
            return out
        word = match.group(1)
        if not word.isdigit() and word.lower() == match.group(2).lower():
            out.append(word.lower())
        pos = match.start(2)


def new_doubles(source: str, target: str) -> list[str]:
    """Doubles of ``target`` beyond those the source has (a source's "very very" may become "muy muy")."""
    src = doubled(source)
    tgt = doubled(target)
    fresh = [w for w in tgt if w not in src]
    allowance = max(0, len(src) - (len(tgt) - len(fresh)))
    return fresh[allowance:]
