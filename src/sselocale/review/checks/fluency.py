"""Checks on what machine translation tends to break in prose: dates, doubled words.

Warnings for a reviewer. A date of the source must be in the translation in the
target language's way (day, month name of the language, year); a word written
twice in a row that the source does not write twice is usually an engine's or
a term insertion's slip ("la resolución resolución").
"""

from __future__ import annotations

from ...source.dates import find_dates, present, render
from ...source.doubles import new_doubles
from .analysis import Pair, listing
from .base import Severity, check

#: Words a language does write twice in a row (French reflexives: "nous nous engageons").
NATURAL_DOUBLES = {
    "fr": frozenset({"nous", "vous"}),
    "pt": frozenset({"que"}),  # "o que que" is colloquial, not a slip
}


@check("doubled-words", Severity.WARNING, after=("placeholders",))
def doubled_words(pair: Pair) -> str | None:
    """A word is written twice in a row in the translation, and not in the source."""
    natural = NATURAL_DOUBLES.get(pair.lang.split("_")[0], frozenset())
    found = [w for w in new_doubles(pair.src.prose, pair.tgt.prose) if w not in natural]
    if not found:
        return None
    return f"doubled word not in the source: {listing([f'{w} {w}' for w in dict.fromkeys(found)])}"


@check("dates", Severity.WARNING, after=("placeholders",))
def dates(pair: Pair) -> str | None:
    """A date of the source is missing from the translation, or not written the target language's way."""
    lang = pair.lang
    if lang.split("_")[0] == "en":
        return None
    missing = [m for m in find_dates(pair.source)
               if not present(m, pair.target, lang) and not _in_kept_label(pair.source, pair.target, m)]
    if not missing:
        return None
    wanted = [f"{m.text!r} (expected like {render(m, lang)!r})" for m in missing]
    return f"date not in the {lang} form: {listing(wanted)}"


def _in_kept_label(source: str, target: str, mention) -> bool:
    """Whether the date is in a ``[label]`` that finds a link, kept as written (it cannot be translated)."""
    opening = source.rfind("[", 0, mention.start)
    closing = source.find("]", mention.end)
    if opening < 0 or closing < 0 or "]" in source[opening:mention.start] or "[" in source[mention.end:closing]:
        return False
    if source.startswith("(", closing + 1):
        return False  # an inline link: its text is translated
    return source[opening:closing + 1] in target
