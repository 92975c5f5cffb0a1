"""Sentence splitting before neural machine translation.

Argos models are trained on sentences, and a batch of sentences keeps padding
low, so every unit is cut into lines (hard breaks) and each line into sentences.
The splitter is pysbd, rule-based: nothing is ever downloaded. Pieces keep the
whitespace that follows them, so joining the translated pieces with it rebuilds
the layout of the unit.

    >>> pieces = split("It met in 2023. It agreed.", "en")
    >>> [p.text for p in pieces]
    ['It met in 2023.', 'It agreed.']
    >>> join(pieces, ["Il s'est réuni en 2023.", "Il a approuvé."])
    "Il s'est réuni en 2023. Il a approuvé."
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Languages pysbd has rules for; others are split with the English rules.
_PYSBD_LANGUAGES = frozenset(
    "am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh".split()
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A sentence, and the whitespace that followed it in the unit."""

    text: str
    after: str
    translate: bool
    """False when there is nothing to translate (no letters: a token, a number)."""


def split(text: str, lang: str) -> list[Piece]:
    """Cut ``text`` into sentences, line by line; ``join`` puts them back together."""
    pieces: list[Piece] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        newline = "\n" if number < len(lines) - 1 else ""
        body = line.lstrip()
        if len(body) < len(line):  # indentation belongs to the line, not to a sentence
            pieces.append(Piece(line[: len(line) - len(body)], "", False))
        sentences = _segmenter(lang).segment(body) if body.strip() else []
        if "".join(sentences) != body:  # never lose text to the splitter
            sentences = [body] if body else []
        if not sentences and newline:
            pieces.append(Piece("", newline, False))
        for index, sentence in enumerate(sentences):
            stripped = sentence.rstrip()
            after = sentence[len(stripped):] + (newline if index == len(sentences) - 1 else "")
            pieces.append(Piece(stripped, after, any(ch.isalpha() for ch in stripped)))
    return pieces


def join(pieces: list[Piece], translations: Iterable[str]) -> str:
    """The unit again, with the translations of the pieces to translate, in order."""
    translated = iter(translations)
    return "".join((next(translated).strip() if p.translate else p.text) + p.after for p in pieces)


@lru_cache(maxsize=8)
def _segmenter(lang: str):
    import pysbd

    code = lang.split("_")[0].split("-")[0].lower()
    return pysbd.Segmenter(language=code if code in _PYSBD_LANGUAGES else "en", clean=False)
