"""The check that the project's glossary terms are translated as the glossary says.

Runs only when the project has a glossary; a translation left identical to
its source (see ``unchanged``) is not also reported for its terms.
"""

from __future__ import annotations

from .analysis import Pair, listing
from .base import Severity, check


@check("glossary-term", Severity.WARNING, after=("unchanged",))
def glossary_term(pair: Pair) -> str | None:
    """A glossary term of the source is missing from the translation."""
    if pair.glossary is None:
        return None
    missing = pair.glossary.missing_terms(pair.source, pair.target, pair.lang)
    if not missing:
        return None
    parts = []
    for match in missing:
        term = match.concept.terms.get(pair.lang)
        expected = f" → {term.text!r}" if term is not None else ""
        parts.append(f"{match.text!r}{expected}")
    return f"glossary term missing: {listing(parts)}"
