"""Pseudo-localisation: an engine for checking layouts and the workflow, not a language.

Every letter becomes an accented look-alike, each unit grows by about a third
(translations into French, Spanish, Portuguese and Russian run longer than
English) and is wrapped in brackets, so that truncated or untranslated text
stands out on a page. Markup tokens pass through untouched, and so do the
whitespace around the text and its final punctuation, which stay outside the
brackets as a real translation would keep them: ``sselocale check`` on a
pseudo-translated project finds only what it would find in a real one.

    >>> pseudo_text("Decent work.")
    '⟦Ðéçéñţ ŵöŕķ ····⟧.'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from ... import __version__
from ..placeholders import Protected
from .base import Engine, Hop, Offer

NAME = "pseudo"
#: How much longer a pseudo-translation is than its source.
EXPANSION = 0.35

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçðéƒĝĥíĵķļɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĻṀÑÖÞǪŔŠŢÜṼŴẊÝŽ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)


def probe(source: str, target: str) -> Offer:
    """Pseudo-localisation serves every pair."""
    hop = Hop(source, target, NAME, __version__)
    return Offer(NAME, source, target, (hop,), reason="pseudo-localisation, not a translation")


#: Opening whitespace and quotes, the text, then final punctuation, closing quotes and whitespace.
_EDGES = re.compile(r"^([\s\"'“‘«(\[¿¡]*)(.*?)([\s.:;!?…。！？؟\"'”’»)\]]*)$", re.S)
#: Final punctuation inside closing markup (``_Done._``, ``**Note:**``): the sentence's all the same.
_MARKED_END = re.compile(r"[.:;!?…。！？؟]+[\"'”’»)\]]*[\ue000-\uf8ff][\s.:;!?…。！？؟\"'”’»)\]\ue000-\uf8ff]*$")


def pseudo_text(text: str) -> str:
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return text
    lead, core, tail = _EDGES.match(text).groups()
    marked = _MARKED_END.search(core)
    if marked and marked.start():
        core, tail = core[: marked.start()], core[marked.start():] + tail
    padding = "·" * max(1, math.ceil(letters * EXPANSION))
    return f"{lead}⟦{core.translate(_TABLE)} {padding}⟧{tail}"


class PseudoEngine(Engine):
    """Accented, lengthened, bracketed copies of the source."""

    every_term = True

    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        for unit in units:
            yield pseudo_text(unit.text)


def load(offer: Offer, options: object = None) -> Engine:
    return PseudoEngine(offer)
