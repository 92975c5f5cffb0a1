"""How sure the machine was of a suggestion: one number from the engine's own signals.

A reviewer with hundreds of fuzzy entries starts where the machine was least
sure. The estimate (0–1) starts from what the engine says: the model's mean
token probability (CTranslate2 scores) for Argos, the share of words Apertium
knew (its ``*``, ``#`` and ``@`` marks) for Apertium. Then each thing restoring
had to repair takes some off: markup or a glossary term the engine dropped,
glossary terms inserted (their agreement is the reviewer's), a pivot through a
third language. The reasons are kept, so that ``sselocale review`` can say why.

It is a ranking aid, not a calibrated probability: entries are compared with
each other, and two engines' figures are close only in order of magnitude.

    >>> from sselocale.mt.engines.base import Output
    >>> from sselocale.mt.placeholders import protect, restore
    >>> unit = protect("Decent work for all.")
    >>> estimate(Output("Trabajo decente para todos.", unknown=0, words=4), restore("Trabajo decente para todos.", unit))
    Confidence(value=0.9, reasons=())
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .engines.base import Provenance
from .placeholders import Kind, Restored

#: Where a rule-based translation with every word known starts.
RULE_BASED = 0.9
#: Taken off per hidden piece the engine lost, per term inserted, and for a pivot.
LOST = 0.15
INSERTED = 0.03
MAX_INSERTED = 5
PIVOT = 0.85


@dataclass(frozen=True, slots=True)
class Confidence:
    """A suggestion's estimated quality, and what lowered it."""

    value: float
    reasons: tuple[str, ...] = ()

    def comment(self) -> str:
        """``confidence 0.62 (3 unknown words; markup lost)``: the PO comment's words."""
        why = f" ({'; '.join(self.reasons)})" if self.reasons else ""
        return f"confidence {self.value:.2f}{why}"


def estimate(output: str, restored: Restored, *, hops: int = 1, engine: str = "") -> Confidence:
    """The confidence of one machine translation (``output`` as the engine gave it)."""
    reasons: list[str] = []
    score = getattr(output, "score", None)
    unknown = getattr(output, "unknown", 0)
    words = getattr(output, "words", 0)
    if score is not None:
        value = float(score)
        if value < 0.5:
            reasons.append(f"model probability {value:.2f}")
    else:
        value = RULE_BASED
    if unknown:
        value *= max(0.0, 1 - unknown / max(words, unknown, 1))
        reasons.append(f"{unknown} unknown word{'s' if unknown != 1 else ''}")
    markup = [ph for ph in restored.lost if ph.kind is not Kind.TERM]
    terms = [ph for ph in restored.lost if ph.kind is Kind.TERM]
    if markup:
        value -= LOST * len(markup)
        reasons.append("markup lost")
    if terms:
        value -= LOST * len(terms)
        reasons.append("glossary term lost")
    if restored.inserted:
        # Each inserted term may need agreement; a long unit with many terms is not the worse for it.
        count = len(restored.inserted)
        value -= INSERTED * min(count, MAX_INSERTED)
        reasons.append(f"{count} glossary term{'s' if count != 1 else ''} inserted")
    if restored.stray:
        value -= LOST
        reasons.append("stray placeholders")
    if hops > 1:
        if score is None:  # a model's probability already multiplies its steps
            value *= PIVOT ** (hops - 1)
        reasons.append("pivot")
    return Confidence(round(min(1.0, max(0.0, value)), 2), tuple(reasons))


def assess(output: str, restored: Restored, provenance: Provenance) -> Restored:
    """``restored`` with its confidence and the reasons filled in (pseudo-localisation gets none)."""
    if provenance.engine == "pseudo":
        return restored
    hops = provenance.package.count("+") + 1 if provenance.package else 1
    found = estimate(output, restored, hops=hops, engine=provenance.engine)
    return replace(restored, confidence=found.value, doubts=found.reasons)


def comment(restored: Restored) -> str | None:
    """The words after ``machine translation:`` in the PO comment, or None when not assessed."""
    if restored.confidence is None:
        return None
    return Confidence(restored.confidence, restored.doubts).comment()
