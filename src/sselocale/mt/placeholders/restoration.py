"""Put the source markup back where an engine left the tokens, and report what it dropped.

Restoring never fails: a unit is still filled when an engine loses markup, and
:class:`~.tokens.Restored` says what was lost so that the caller can write it
into the PO comment.
"""

from __future__ import annotations

from .tokens import TOKEN_BASE, TOKEN_PATTERN, Kind, Placeholder, Protected, Restored

_SENTENCE_END = tuple(".!?…")
#: What may stand between a sentence end and the first word of the next sentence.
_OPENING = "*_[(!\"'“‘«¿¡ \t\n"


def restore(output: str, protected: Protected) -> Restored:
    """Put the source markup back in an engine's ``output``.

    Engines may move, repeat or drop tokens. A pair keeps its first opening and
    its last closing token (Apertium repeats inline tags around each word, which
    splits one emphasis into several); any other placeholder keeps its first
    occurrence. A pair with a missing half is dropped whole so that the Markdown
    stays well formed, and reported as lost with every other missing placeholder.
    """
    placeholders = protected.placeholders
    positions: dict[int, list[int]] = {}
    stray = 0
    for match in TOKEN_PATTERN.finditer(output):
        index = ord(match.group(0)) - TOKEN_BASE
        if index < len(placeholders):
            positions.setdefault(index, []).append(match.start())
        else:
            stray += 1
    keep, lost = _choose(placeholders, positions)
    out: list[str] = []
    inserted: list[Placeholder] = []
    hug = False
    for pos, ch in enumerate(output):
        if not TOKEN_PATTERN.match(ch):
            if hug and ch in " \t":
                continue
            hug = False
            out.append(ch)
            continue
        index = keep.get(pos)
        if index is None:
            if out and out[-1] == " " and output[pos + 1:pos + 2] in ("", *" .,;:!?"):
                out.pop()  # a removed token leaves one space, not two, and none before punctuation
            continue
        ph = placeholders[index]
        value = ph.replacement
        if ph.kind in (Kind.TERM, Kind.DATE):
            if _at_sentence_start("".join(out)):
                value = value[:1].upper() + value[1:]
            if ph.kind is Kind.TERM:
                inserted.append(ph)
        elif ph.kind is Kind.CLOSE:
            # "** word **" is no emphasis in Markdown: the halves hug the words.
            while out and out[-1] in " \t":
                out.pop()
        out.append(value)
        hug = ph.kind is Kind.OPEN
    return Restored(
        text="".join(out),
        lost=tuple(placeholders[i] for i in sorted(lost)),
        inserted=tuple(inserted),
        stray=stray,
    )


def _choose(
    placeholders: tuple[Placeholder, ...], positions: dict[int, list[int]]
) -> tuple[dict[int, int], set[int]]:
    """Which occurrence of each token to restore (position → index), and what is lost."""
    keep: dict[int, int] = {}
    lost: set[int] = set()
    for index, ph in enumerate(placeholders):
        found = positions.get(index, [])
        if ph.partner is None:
            if found:
                keep[found[0]] = index
            else:
                lost.add(index)
        elif ph.kind is Kind.OPEN:
            other = positions.get(ph.partner, [])
            if found and other:
                # Engines may swap the halves; the first token opens, the last closes.
                both = sorted(found + other)
                keep[both[0]] = index
                keep[both[-1]] = ph.partner
            else:
                lost |= {index, ph.partner}
    return keep, lost


def _at_sentence_start(before: str) -> bool:
    before = before.rstrip(_OPENING)
    return not before or before.endswith(_SENTENCE_END)
