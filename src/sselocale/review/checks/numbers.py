"""The check that numbers come through, written the way the target language writes them.

``1,000.5`` in English may be ``1 000,5`` in French: a number matches when
one of the values it may be read as is the source's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .analysis import Pair, language, listing
from .base import Severity, check

_SPACES = " \u00a0\u202f\u2009"
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=32)
def _number_pattern(groups: str, decimals: str) -> re.Pattern:
    g, d = re.escape(groups), re.escape(decimals)
    return re.compile(
        # After a letter, a digit, "." or ",", digits are part of a word or number;
        # after "_" they may follow emphasis ("__13 février__").
        rf"(?<![^\W_])(?<![.,])(?:(\d{{1,3}}(?:[{g}]\d{{3}})+)|(\d+))(?:([{d}])(\d+))?"
    )


def _canonical(digits: str, fraction: str = "") -> str:
    whole = digits.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def numbers_in(prose: str, *, groups: str, decimals: str) -> list[tuple[str, frozenset[str]]]:
    """``(as written, possible values)`` of each number in ``prose``.

    A number written ``1.000`` or ``12,500`` may be grouped or decimal when
    both readings are allowed, so it carries both values.
    """
    if not _DIGIT.search(prose):
        return []
    out = []
    for m in _number_pattern(groups, decimals).finditer(prose):
        grouped, plain, point, fraction = m.groups()
        if grouped:
            digits = "".join(c for c in grouped if c.isdigit())
            values = {_canonical(digits, fraction or "")}
            separators = {c for c in grouped if not c.isdigit()}
            if not point and len(separators) == 1 and grouped.count(next(iter(separators))) == 1:
                sep = next(iter(separators))
                if sep in decimals:
                    head, tail = grouped.split(sep)
                    values.add(_canonical(head, tail))
        else:
            values = {_canonical(plain, fraction or "")}
        out.append((m.group(0), frozenset(values)))
    return out


@check("numbers", Severity.WARNING, after=("unsafe-html", "unsafe-url", "placeholders"), structural=True)
def numbers(pair: Pair) -> str | None:
    """Numbers differ from the source (locale formatting such as 1 000 or 12,5 is accepted)."""
    if not _DIGIT.search(pair.source) and not _DIGIT.search(pair.target):
        return None
    source_lang = language("en")
    target_lang = language(pair.lang)
    source = numbers_in(pair.src.prose, groups=source_lang.group, decimals=source_lang.decimal)
    target = numbers_in(
        pair.tgt.prose,
        groups="".join(dict.fromkeys(target_lang.group + _SPACES + ".,'’")),
        decimals="".join(dict.fromkeys(target_lang.decimal + ".,")),
    )
    unmatched = list(target)
    missing = []
    for written, values in source:
        value = next(iter(values))
        for i, (_, candidates) in enumerate(unmatched):
            if value in candidates:
                del unmatched[i]
                break
        else:
            missing.append(written)
    parts = []
    if missing:
        parts.append(f"missing {listing(missing)}")
    if unmatched:
        parts.append(f"not in the source {listing(w for w, _ in unmatched)}")
    return "numbers differ: " + "; ".join(parts) if parts else None
