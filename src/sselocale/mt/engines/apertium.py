"""Apertium: rule-based translation through the Debian packages' modes.

Modes are named by the language data (``eng-spa``, ``es-pt``), so language
codes are matched under both their two- and three-letter names. A pair with no
mode of its own goes through one intermediate language when two modes chain
(English to Portuguese: ``eng-spa`` then ``es-pt``).

Units travel as HTML (``apertium -f html``): Apertium never translates inside
tags, and keeps an inline tag where its words were. Paired markup becomes
``<b id=N>…</b>``, numbers ``<span id=N>`` around their digits, and anything
else (code, URLs, glossary terms, dates, names) a span around a neutral
stand-in word that Apertium does not know and passes through unchanged. Terms
are not sent as their source words: Apertium reorders words but not tags, so a
tag around "cooperatives" in "mining cooperatives" ended up around "mineras",
and the inserted term doubled one word and dropped the other.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from ...errors import EngineError
from ..placeholders import Kind, Protected
from .apertium_html import from_html, to_html
from .base import Engine, Hop, Offer, Output

__all__ = ["ApertiumEngine", "from_html", "load", "probe", "route", "to_html", "unmark"]

NAME = "apertium"
MODES_DIR = Path("/usr/share/apertium/modes")
#: Units per Apertium run: each run reloads the transducers (about 0.1 s).
CHUNK = 200
#: Three-letter names that Apertium's newer language data uses.
ISO3 = {
    "en": "eng", "es": "spa", "pt": "por", "fr": "fra", "ru": "rus", "ca": "cat",
    "gl": "glg", "it": "ita", "de": "deu", "nl": "nld", "ro": "ron", "oc": "oci",
    "eu": "eus", "ar": "ara", "uk": "ukr", "pl": "pol", "sv": "swe", "da": "dan",
}


def names(lang: str) -> tuple[str, ...]:
    """The names a language may have in a mode: ``pt`` and ``por``."""
    code = lang.replace("-", "_")
    return (code, ISO3[code]) if code in ISO3 else (code,)


@lru_cache(maxsize=1)
def installed_modes() -> tuple[str, ...]:
    """Mode names that ``apertium -l`` lists; empty when Apertium is not installed."""
    exe = shutil.which("apertium")
    if exe is None:
        return ()
    try:
        listed = subprocess.run([exe, "-l"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(line.strip() for line in listed.stdout.splitlines() if line.strip())


def _mode(source: str, target: str, modes: Sequence[str]) -> str | None:
    for a in names(source):
        for b in names(target):
            if f"{a}-{b}" in modes:
                return f"{a}-{b}"
    return None


def _pivots(modes: Sequence[str]) -> list[str]:
    """Languages that could stand between two others, as two-letter codes where known."""
    return sorted({_code(part) for mode in modes for part in mode.split("-")})


def route(source: str, target: str, modes: Sequence[str]) -> list[str]:
    """Modes that take ``source`` to ``target``: one, or two through a pivot, or none."""
    direct = _mode(source, target, modes)
    if direct:
        return [direct]
    for pivot in _pivots(modes):
        if pivot in (source, target):
            continue
        first, second = _mode(source, pivot, modes), _mode(pivot, target, modes)
        if first and second:
            return [first, second]
    return []


#: Debian packages that give English a route to a language (directly or through Spanish).
DEBIAN_ROUTES = {
    "es": ("apertium-eng-spa",),
    "pt": ("apertium-eng-spa", "apertium-es-pt"),
    "fr": ("apertium-eng-spa", "apertium-fr-es"),
    "ca": ("apertium-eng-cat",),
    "gl": ("apertium-en-gl",),
}


def remedy(source: str, target: str) -> str:
    """What would let Apertium serve ``source``→``target``: the Debian packages, or that none exists."""
    packages = DEBIAN_ROUTES.get(target) if source == "en" else None
    if packages:
        return f"apt-get install {' '.join(packages)}"
    return f"Debian's Apertium has no route from {source} to {target}"


def mode_version(mode: str) -> str:
    """Version of the Debian package that holds a mode's data, or ``""``."""
    try:
        text = (MODES_DIR / f"{mode}.mode").read_text(encoding="utf-8")
    except OSError:
        return ""
    match = re.search(r"/(apertium-[a-z0-9_-]+)/", text)
    dpkg = shutil.which("dpkg-query")
    if match is None or dpkg is None:
        return ""
    found = subprocess.run(
        [dpkg, "-W", "-f=${Version}", match.group(1)], capture_output=True, text=True
    )
    return found.stdout.strip() if found.returncode == 0 else ""


def probe(source: str, target: str) -> Offer:
    modes = installed_modes()
    if not modes:
        return Offer(NAME, source, target, reason="apertium is not installed")
    found = route(source, target, modes)
    if not found:
        return Offer(NAME, source, target, reason=f"no Apertium mode for {source}→{target}")
    codes = [source, *(_code(mode.split("-", 1)[1]) for mode in found)]
    hops = tuple(
        Hop(a, b, mode, mode_version(mode)) for a, b, mode in zip(codes, codes[1:], found)
    )
    note = f"{target} via {codes[1]}" if len(found) > 1 else ""
    return Offer(NAME, source, target, hops, note=note)


def _code(name: str) -> str:
    """``spa`` → ``es``: the two-letter code of a mode's language name where known."""
    return next((k for k, v in ISO3.items() if v == name), name)


# --- HTML round trip ----------------------------------------------------------

#: Apertium's marks before a word: ``*`` unknown, ``#`` not generated, ``@`` not in the bilingual dictionary.
_MARK = re.compile(r"(?:(?<=^)|(?<=[\s>(\[\"'¿¡«—–/#@-]))([*#@])(?=\w)")
#: The same marks wherever they stand ("32*GB", ":*benin:", "import.*meta"), for text without such characters.
_MARK_ANYWHERE = re.compile(r"([*#@])(?=\w)")
#: The stand-in words of hidden spans (``x3x``): Apertium marks them unknown, by design.
_STAND_IN = re.compile(r"x\d+x")
_WORDS = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*")


def unmark(text: str, source: str, *, replaced: frozenset[int] = frozenset()) -> tuple[str, int]:
    """Apertium's output for one unit without its marks, and how many words were marked.

    A mark character the source (the text the engine was given) does not hold is
    a mark wherever it stands, even glued to the word before (``32*GB``); one the
    source holds is a mark only at a word's start, and ``#`` and ``@`` not at all
    (a hashtag stays a hashtag). An unknown word with a capital (a name, an
    acronym) passes through as it should and is not counted; nor are the
    stand-ins of hidden spans, nor words in the spans of ``replaced`` placeholders
    (glossary terms, whose words give way to the glossary's). An unknown
    lower-case word is English left as it is.

    >>> unmark('El *x0x y *Tchami #Gerente de *mining', "The x Tchami Manager")
    ('El x0x y Tchami Gerente de mining', 2)
    >>> unmark("DDR4 32*GB, :*benin:", "DDR4 32GB, :benin:")
    ('DDR4 32GB, :benin:', 1)
    """
    count = 0

    def strip(match: re.Match[str]) -> str:
        nonlocal count
        mark = match.group(1)
        if mark != "*" and mark in source:
            return mark
        following = match.string[match.end():match.end() + 1]
        if mark != "*" or (following.islower() and not _STAND_IN.match(match.string, match.end())):
            count += 1
        return ""

    def anywhere(match: re.Match[str]) -> str:
        return strip(match) if match.group(1) not in source else match.group(0)

    def both(text: str) -> str:
        return _MARK.sub(strip, _MARK_ANYWHERE.sub(anywhere, text))

    stripped = both(text)
    if replaced:
        count = 0
        both(_SPAN.sub(lambda m: "" if int(m.group(1)) in replaced else m.group(0), text))
    return stripped, count


#: Apertium leaves two spaces where it drops a word ("que  estuvo").
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_UNIT = re.compile(r'<p id="([ut]\d+)">(.*?)</p>', re.S)
_SPAN = re.compile(r'<span id="(\d+)">(.*?)</span>', re.S)


def _term_ids(unit: Protected) -> frozenset[int]:
    return frozenset(i for i, ph in enumerate(unit.placeholders) if ph.kind is Kind.TERM)


def _plain(text: str) -> tuple[str, ...]:
    """The content words of a piece of Apertium's HTML: lower case, sorted, articles and particles left out."""
    words = re.findall(r"[^\W\d_]+", html.unescape(re.sub(r"<[^>]*>", " ", text)).lower())
    return tuple(sorted(w for w in words if len(w) > 3 or w.isupper()))


def attached(output: str, unit: Protected, alone: dict[str, tuple[str, ...]]) -> bool:
    """Whether every glossary term's span in Apertium's ``output`` holds the term's own translation.

    Apertium moves words, not tags: "mining <span>cooperatives</span>" comes
    back "cooperativas <span>mineras</span>", and the term put in the span's
    place would double one word and drop the other.
    """
    spans = {int(m.group(1)): _plain(m.group(2)) for m in _SPAN.finditer(output)}
    # "ONU la asamblea General" in context, "ONU Asamblea General" alone: the same words.
    for index, ph in enumerate(unit.placeholders):
        if ph.kind is Kind.TERM and spans.get(index) != alone.get(ph.source):
            return False
    return True


class ApertiumEngine(Engine):
    """Runs the Apertium pipeline on chunks of units."""

    def __init__(self, offer: Offer, *, chunk: int = CHUNK) -> None:
        super().__init__(offer)
        self.chunk = chunk
        self.exe = shutil.which("apertium")
        if self.exe is None:
            raise EngineError("apertium is not installed", hint="apt-get install apertium")

    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        for start in range(0, len(units), self.chunk):
            batch = units[start:start + self.chunk]
            # First with glossary terms as words (agreement around them), alone too,
            # to see where Apertium put each; units where a term's tag moved to
            # another word go again with stand-ins, which Apertium leaves in place.
            terms = sorted({ph.source for u in batch for ph in u.placeholders if ph.kind is Kind.TERM})
            texts = {f"u{i}": to_html(u, words=True) for i, u in enumerate(batch)}
            texts |= {f"t{k}": html.escape(term, quote=False) for k, term in enumerate(terms)}
            done, unknown = self._hops(texts, batch)
            alone = {term: _plain(done.get(f"t{k}", "")) for k, term in enumerate(terms)}
            again = {f"u{i}": to_html(u) for i, u in enumerate(batch) if not attached(done.get(f"u{i}", ""), u, alone)}
            if again:
                redone, more = self._hops(again, batch)
                done |= redone
                unknown |= more
            for i, unit in enumerate(batch):
                # A unit Apertium lost entirely comes back empty: the stage leaves it.
                text = _SPACES.sub(" ", from_html(done.get(f"u{i}", ""), unit)).strip()
                yield Output(text, unknown=unknown.get(f"u{i}", 0), words=len(_WORDS.findall(unit.prose)))

    def _hops(self, texts: dict[str, str], batch: Sequence[Protected]) -> tuple[dict[str, str], dict[str, int]]:
        """Every text through the route's modes, marks taken off (and counted) after each."""
        unknown = dict.fromkeys(texts, 0)
        for hop in self.offer.hops:
            document = "\n".join(f'<p id="{key}">{text}</p>' for key, text in texts.items())
            found = {m.group(1): m.group(2) for m in _UNIT.finditer(self._run(hop.name, document))}
            texts = {}
            for key, text in found.items():
                unit = batch[int(key[1:])] if key.startswith("u") else None
                source, terms = (unit.text, _term_ids(unit)) if unit is not None else ("", frozenset())
                texts[key], marks = unmark(text, source, replaced=terms)
                # A word unknown to the first step is usually unknown to the next one too.
                unknown[key] = max(unknown.get(key, 0), marks)
        return texts, unknown

    def _run(self, mode: str, document: str) -> str:
        try:
            done = subprocess.run(
                [self.exe, "-f", "html", mode],
                input=document,
                capture_output=True,
                text=True,
                timeout=600,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise EngineError(f"apertium {mode} failed: {exc}") from exc
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()[-1:] or ["no message"]
            raise EngineError(f"apertium {mode} failed: {detail[0]}")
        return done.stdout


def load(offer: Offer, options: object = None) -> Engine:
    return ApertiumEngine(offer)
