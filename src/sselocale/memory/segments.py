"""Sentences of a unit, for reuse below the paragraph.

A paragraph edited in one sentence no longer matches as a whole; its other
sentences still do. Reviewed paragraphs are cut into sentences on both sides,
and paired when both sides have the same number of sentences (the usual case
for news prose, and the one a pairing by position gets right). Splitting is
pysbd's, rule-based, as for machine translation.

    >>> [s.text for s in split("It met in 2023. It agreed.", "en")]
    ['It met in 2023.', 'It agreed.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Pair

#: Languages pysbd has rules for; others are split with the English rules.
_PYSBD_LANGUAGES = frozenset("am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh".split())
#: A cheap test that a text may hold more than one sentence (pysbd is slow; most units are one sentence).
_MAYBE_SEVERAL = re.compile(r"[.!?…:;][\"'»”)\]]*\s+\S")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a unit and the whitespace that followed it."""

    text: str
    after: str


def split(text: str, lang: str) -> list[Sentence]:
    """The sentences of ``text``; joining ``text + after`` of each gives ``text`` back."""
    if "\n" in text or not _MAYBE_SEVERAL.search(text):
        return [Sentence(text.rstrip(), text[len(text.rstrip()):])]
    parts = _segmenter(lang).segment(text)
    if "".join(parts) != text:  # never lose text to the splitter
        return [Sentence(text.rstrip(), text[len(text.rstrip()):])]
    return [Sentence(p.rstrip(), p[len(p.rstrip()):]) for p in parts if p.strip()] or [Sentence(text, "")]


def sentence_pairs(pair: Pair, source_lang: str, target_lang: str) -> list[Pair]:
    """``pair`` cut into sentence pairs, when both sides have the same number (two or more) of sentences."""
    sources = split(pair.source, source_lang)
    if len(sources) < 2:
        return []
    targets = split(pair.target, target_lang)
    if len(targets) != len(sources):
        return []
    return [
        Pair(s.text, t.text, f"{pair.origin}, sentence {n}")
        for n, (s, t) in enumerate(zip(sources, targets), start=1)
        if s.text and t.text
    ]


@lru_cache(maxsize=8)
def _segmenter(lang: str):
    import pysbd

    code = lang.split("_")[0].split("@")[0].lower()
    return pysbd.Segmenter(language=code if code in _PYSBD_LANGUAGES else "en", clean=False)
