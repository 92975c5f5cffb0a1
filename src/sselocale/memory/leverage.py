"""What the memory holds and what it would fill: the figures of ``sselocale tm stats``.

"Pending" units are those ``translate`` would fill (untranslated, singular);
each is looked up as ``translate`` looks it up, and counted as exact (exact
or placeable matches), fuzzy (at or above the threshold) or by sentences.
Words are source words (as ``msgfmt --statistics`` and Poedit count them): the
review work a match saves, in full for an exact match, in part for the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..config import Config
from ..po import fastread
from ..po.state import State, state
from .index import load
from .reuse import plan

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Leverage:
    """The memory of one language and what it would do for the pending units."""

    lang: str
    entries: int
    """Distinct source texts in the memory."""
    sentences: int
    """Sentence pairs cut from multi-sentence entries."""
    pending: int
    """Untranslated units in the selected catalogs."""
    pending_words: int
    exact: int
    """Units with an exact match (placeables adapted included)."""
    exact_words: int
    fuzzy: int
    """Units with a fuzzy match at or above the threshold."""
    fuzzy_words: int
    by_sentence: int
    """Units some or all of whose sentences the memory has."""
    by_sentence_words: int

    def as_dict(self) -> dict:
        return asdict(self)


def words(text: str) -> int:
    return len(_WORD.findall(text))


def pending_texts(paths: Iterable[Path]) -> list[str]:
    """The source text of every untranslated singular unit of the catalogs, one per entry."""
    out = []
    for path in paths:
        for entry in fastread.read_entries(path):
            if entry.msgid and not entry.msgid_plural and state(entry) is State.UNTRANSLATED:
                out.append(entry.msgid)
    return out


def leverage(config: Config, lang: str, catalogs: Iterable[Path]) -> Leverage:
    """The memory of ``lang`` and its leverage on the untranslated units of ``catalogs``."""
    memory = load(config, lang)
    texts = pending_texts(catalogs)
    offered = plan(memory, dict.fromkeys(texts), source_lang=config.source_language,
                   threshold=config.memory.threshold, accept_exact=config.memory.accept_exact)
    tally = {"exact": [0, 0], "placeable": [0, 0], "fuzzy": [0, 0], "sentences": [0, 0]}
    for text in texts:
        kind = offered.kinds.get(text)
        if kind is not None:
            tally[kind][0] += 1
            tally[kind][1] += words(text)
    return Leverage(
        lang=lang,
        entries=len(memory.units),
        sentences=len(memory.sentences),
        pending=len(texts),
        pending_words=sum(words(t) for t in texts),
        exact=tally["exact"][0] + tally["placeable"][0],
        exact_words=tally["exact"][1] + tally["placeable"][1],
        fuzzy=tally["fuzzy"][0],
        fuzzy_words=tally["fuzzy"][1],
        by_sentence=tally["sentences"][0],
        by_sentence_words=tally["sentences"][1],
    )
