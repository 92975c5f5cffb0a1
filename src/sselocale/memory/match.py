"""Finding the best reviewed translation for a text: exact, placeable or fuzzy.

Exact matches and matches that differ only in placeables are dictionary
lookups. Fuzzy matching compares the text with a few candidates only: a cheap
prefilter gathers, through an inverted index of words, the sources that share
one of the text's rarest words and whose length allows the threshold, and
hands them to rapidfuzz, which computes the similarity (``fuzz.ratio``: the normalised Indel distance, in percent, as
difflib's ratio and msgmerge's measure it) in C.

    >>> matcher = Matcher([Pair("Cooperatives create decent work.", "Les coopératives créent du travail décent.", "a.md:3")])
    >>> match = matcher.best("Cooperatives create decent jobs.", threshold=75)
    >>> (match.kind.value, match.score, match.target)
    ('fuzzy', 90, 'Les coopératives créent du travail décent.')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from .model import Kind, Match, Pair
from .placeables import MARK, skeleton, substitute

_WORD = re.compile(r"\w+")
#: The first, cheap round of the prefilter: the text's 3 rarest words, 300 candidates at most.
FIRST_ROUND = (3, 300)
#: How many words the last round counts, for a text whose rarest words all changed.
LAST_ROUND_WORDS = 16
#: How many postings the last round counts at most (the commonest words are left out first).
LAST_ROUND_BUDGET = 80_000
#: How many of a text's rarest words the prefilter looks up when the first round finds nothing.
RAREST = 6
#: How many candidates at most the prefilter gathers (rarest words first): bounds a lookup's cost.
POSTINGS_BUDGET = 3000


def words(text: str) -> set[str]:
    """The distinct lower-case words of ``text``."""
    return set(_WORD.findall(text.lower()))


class Matcher:
    """An index over memory pairs; the first pair given for a source text wins."""

    def __init__(self, pairs: Iterable[Pair]) -> None:
        self.pairs: list[Pair] = []
        self._exact: dict[str, int] = {}
        self._skeletons: dict[str, list[int]] = {}
        self._postings: dict[str, list[int]] = {}
        self._lengths: list[int] = []
        for pair in pairs:
            if not pair.source.strip() or not pair.target.strip() or pair.source in self._exact:
                continue
            index = len(self.pairs)
            self.pairs.append(pair)
            self._exact[pair.source] = index
            self._lengths.append(len(pair.source))
            shape = skeleton(pair.source)
            if MARK in shape:
                self._skeletons.setdefault(shape, []).append(index)
            for word in words(pair.source):
                self._postings.setdefault(word, []).append(index)

    def __len__(self) -> int:
        return len(self.pairs)

    def best(self, text: str, *, threshold: int) -> Match | None:
        """The best match for ``text`` at or above ``threshold`` percent, or None."""
        index = self._exact.get(text)
        if index is not None:
            pair = self.pairs[index]
            return Match(pair, 100, Kind.EXACT, pair.target)
        shape = skeleton(text)
        for index in self._skeletons.get(shape, ()) if MARK in shape else ():
            pair = self.pairs[index]
            adapted = substitute(pair.target, pair.source, text)
            if adapted is not None:
                return Match(pair, 100, Kind.PLACEABLE, adapted.text, adapted.changes)
        return self.fuzzy(text, threshold=threshold)

    def fuzzy(self, text: str, *, threshold: int) -> Match | None:
        """The most similar source at or above ``threshold`` percent (below 100), or None.

        The sources sharing the text's few rarest words are compared first; only
        when none of them reaches the threshold is the wider candidate set
        compared, and last the sources that share most of its words.
        """
        lists = sorted((self._postings[w] for w in words(text) if w in self._postings), key=len)
        found = None
        for rarest, budget in FIRST_ROUND, (RAREST, POSTINGS_BUDGET):
            candidates = self._candidates(text, lists[:rarest], budget, threshold)
            if candidates:
                found = process.extractOne(
                    text, [self.pairs[i].source for i in candidates], scorer=fuzz.ratio, score_cutoff=threshold
                )
            if found is not None or len(lists) <= rarest:
                break
        if found is None and len(lists) > FIRST_ROUND[0]:
            candidates = self._sharing_most(text, lists, threshold)
            if candidates:
                found = process.extractOne(
                    text, [self.pairs[i].source for i in candidates], scorer=fuzz.ratio, score_cutoff=threshold
                )
        if found is None:
            return None
        _source, score, position = found
        pair = self.pairs[candidates[position]]
        # A different text is never shown as 100%: the reviewer must see that it differs.
        return Match(pair, min(99, math.floor(score)), Kind.FUZZY, pair.target)

    def _sharing_most(self, text: str, lists: list[list[int]], threshold: int) -> list[int]:
        """The last round, for a text whose rare words all changed: sources sharing most of its common words."""
        # Words in a quarter of the memory or more ("the", "of") say little and cost most.
        common = len(self.pairs) // 4
        used = []
        read = 0
        for postings in lists:
            if len(postings) > common or len(used) == LAST_ROUND_WORDS or read + len(postings) > LAST_ROUND_BUDGET:
                break
            used.append(postings)
            read += len(postings)
        counts: Counter[int] = Counter()
        for postings in used:
            counts.update(postings)
        # A source that similar keeps at least half of the text's words (it may lose the rare ones).
        need = max(2, math.ceil(len(used) / 2))
        bound = threshold / (200 - threshold)
        low, high = len(text) * bound, len(text) / bound
        lengths = self._lengths
        sharing = [i for i, n in counts.items() if n >= need]
        return [i for i in sharing if low <= lengths[i] <= high][:POSTINGS_BUDGET]

    def _candidates(self, text: str, lists: list[list[int]], budget: int, threshold: int) -> list[int]:
        """Memory sources that may reach ``threshold``: they share one of its rarest words and have a fitting length.

        A source at least 75% similar keeps most of the text's words, so it
        shares at least one of its rarest (``lists``, the postings of those
        words, rarest first); their union, ``budget`` at most, goes to rapidfuzz.
        """
        found: set[int] = set()
        for postings in lists:
            if found and len(found) + len(postings) > budget:
                break
            found.update(postings)
        # ratio = 2·common / (len a + len b) ≥ t  implies  shorter / longer ≥ t / (2 − t).
        bound = threshold / (200 - threshold)
        low, high = len(text) * bound, len(text) / bound if bound else math.inf
        lengths = self._lengths
        return [i for i in found if low <= lengths[i] <= high]
