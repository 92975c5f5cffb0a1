"""What the memory offers the units waiting for a translation, and how it is written.

For each pending source text (see :func:`plan`):

- a whole match (exact, placeable or fuzzy at or above the threshold) fills
  the entry with the memory's translation: fuzzy, unless the configuration
  accepts exact matches as reviewed;
- failing that, a paragraph's sentences are looked up one by one; the
  sentences found are kept, and only the others go to the engine
  (:class:`Partial`); when every sentence is found no engine is needed.

Every fill says where it came from in ``#.`` lines starting ``translation
memory`` (which travel with the msgstr through merges, like machine
provenance), e.g. ``translation memory: 100%, content/x.md:12`` or, for a fuzzy
match, ``translation memory: 87%, content/x.md:12, source: …`` so the reviewer
sees what differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..po.comments import (
    DERIVED_PREFIXES,
    PROVENANCE_PREFIXES,
    checksum_line,
    comment_lines,
)
from ..po.merge import Offered
from ..po.state import FUZZY
from .index import Memory
from .model import Kind, Match
from .segments import Sentence, split

#: The head of every comment line the memory writes.
PROVENANCE = "translation memory"


@dataclass(frozen=True, slots=True)
class Fill:
    """A translation to write into an entry, with the provenance lines that explain it."""

    text: str
    lines: tuple[str, ...]
    fuzzy: bool = True

    def apply(self, entry: Any) -> None:
        """Write into ``entry`` (never a reviewed one: the caller checks it is pending)."""
        entry.msgstr = self.text
        if self.fuzzy and FUZZY not in entry.flags:
            entry.flags.append(FUZZY)
        elif not self.fuzzy and FUZZY in entry.flags:
            entry.flags.remove(FUZZY)
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        lines = [line for line in comment_lines(entry.comment) if line]
        base = [l for l in lines if not l.startswith(PROVENANCE_PREFIXES + DERIVED_PREFIXES)]
        derived = [l for l in lines if l.startswith(DERIVED_PREFIXES)]
        # A fuzzy fill records its text like a machine suggestion, so `--refresh` may redo it
        # while no one has touched it; a reviewed one is the reviewer's.
        record = [checksum_line(self.text)] if self.fuzzy else []
        entry.comment = "\n".join(base + list(self.lines) + record + derived)


@dataclass(frozen=True, slots=True)
class Partial:
    """A paragraph some of whose sentences the memory has."""

    sentences: tuple[Sentence, ...]
    found: tuple[Match | None, ...]

    @property
    def missing(self) -> list[str]:
        """The sentences for the engine, in order."""
        return [s.text for s, m in zip(self.sentences, self.found) if m is None]

    def join(self, translations: Iterable[str]) -> str:
        """The paragraph: memory sentences and, in the gaps, the engine's ``translations`` in order."""
        given = iter(translations)
        return "".join(
            (m.target if m is not None else next(given).strip()) + s.after
            for s, m in zip(self.sentences, self.found)
        ).strip()

    def lines(self, machine: str = "machine translation") -> list[str]:
        """One line per sentence taken from the memory, and one naming the sentences the engine wrote."""
        out = [f"{PROVENANCE}: sentence {n}: {describe(m)}"
               for n, m in enumerate(self.found, start=1) if m is not None]
        gaps = [str(n) for n, m in enumerate(self.found, start=1) if m is None]
        if gaps:
            label = "sentence" if len(gaps) == 1 else "sentences"
            out.append(f"{PROVENANCE}: {label} {', '.join(gaps)}: {machine}")
        return out

    def fill(self, translations: Iterable[str] = (), machine_lines: Iterable[str] = ()) -> Fill:
        return Fill(self.join(translations), tuple(self.lines() + list(machine_lines)))


@dataclass
class Plan:
    """What the memory offers each pending text of one language."""

    whole: dict[str, Fill] = field(default_factory=dict)
    """Texts the memory fills without an engine."""
    partial: dict[str, Partial] = field(default_factory=dict)
    """Texts some of whose sentences the memory fills; the rest go to the engine."""
    kinds: dict[str, str] = field(default_factory=dict)
    """How each text was matched: exact, placeable, fuzzy or sentences (for the summary)."""


def describe(match: Match) -> str:
    """``100%, content/x.md:12`` and what a reviewer needs to see the difference."""
    text = f"{match.score}%, {match.pair.origin}"
    if match.kind is Kind.PLACEABLE:
        changed = "; ".join(f"{old} → {new}" for old, new in match.changes)
        text += f", placeables replaced: {changed}"
    elif match.kind is Kind.FUZZY:
        text += f", source: {match.pair.source}".replace("\n", "\\n")
    return text


def whole_fill(match: Match, *, accept_exact: bool) -> Fill:
    """The fill for a whole-unit match."""
    return Fill(match.target, (f"{PROVENANCE}: {describe(match)}",),
                fuzzy=not (accept_exact and match.kind is Kind.EXACT))


def plan(memory: Memory, texts: Iterable[str], *, source_lang: str, threshold: int, accept_exact: bool) -> Plan:
    """Look up every text as a whole, then by sentences."""
    out = Plan()
    if not memory.pairs:
        return out
    for text in texts:
        match = memory.best(text, threshold=threshold)
        if match is not None:
            out.whole[text] = whole_fill(match, accept_exact=accept_exact)
            out.kinds[text] = match.kind.value
            continue
        partial = by_sentence(memory, text, source_lang=source_lang, threshold=threshold)
        if partial is None:
            continue
        out.kinds[text] = "sentences"
        if partial.missing:
            out.partial[text] = partial
        else:
            out.whole[text] = partial.fill()
    return out


def by_sentence(memory: Memory, text: str, *, source_lang: str, threshold: int) -> Partial | None:
    """The sentences of ``text`` the memory has, when it has one or more of two or more."""
    sentences = split(text, source_lang)
    if len(sentences) < 2:
        return None
    index = memory.sentence_index
    units = memory.units
    found = tuple(index.best(s.text, threshold=threshold) or units.best(s.text, threshold=threshold)
                  for s in sentences)
    if all(m is None for m in found):
        return None
    return Partial(tuple(sentences), found)


def offer(config: Any, lang: str, texts: Iterable[str]) -> Plan:
    """What the project's memory of ``lang`` offers ``texts``, under the project's settings."""
    from .index import load

    settings = config.memory
    return plan(load(config, lang), texts, source_lang=config.source_language,
                threshold=settings.threshold, accept_exact=settings.accept_exact)


def suggester(config: Any, lang: str) -> Callable[[str], Offered | None]:
    """What ``update`` asks for a unit its catalog has no entry for (the memory is read on first use)."""
    from .index import load

    memory: list = []

    def suggest(msgid: str) -> Offered | None:
        if not memory:
            memory.append(load(config, lang))
        if not memory[0].pairs:
            return None
        match = memory[0].best(msgid, threshold=config.memory.threshold)
        if match is None:
            return None
        fill = whole_fill(match, accept_exact=config.memory.accept_exact)
        record = [checksum_line(fill.text)] if fill.fuzzy else []
        return Offered(fill.text, match.pair.source, match.score, [*fill.lines, *record], fill.fuzzy)

    return suggest
