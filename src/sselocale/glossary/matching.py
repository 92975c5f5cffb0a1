"""Finding glossary terms: in English source text, and in translations.

Source side (:class:`TermIndex`): whole words, case-insensitive (acronyms
excepted), every listed form (plurals, variants), longest match first, inside
inline Markdown (``*decent work*``, link text) but never inside a URL, a link
destination, a code span or an HTML tag.

Target side (:func:`target_present`): a translation is free to inflect, so
words are compared by Snowball stem, one by one for multi-word terms; ``keep``
terms must appear exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .concept import Concept, Policy

_WORD = re.compile(r"[^\W_]+")
#: Stand-in for masked characters: neither a word character nor a separator.
_MASK = "\x00"
_MASKED = re.compile(
    "|".join(
        (
            r"(?<!(?<!\\)\\)(?P<ticks>`+)(?!`)(?s:.*?)(?<!`)(?P=ticks)(?!`)",  # code spans
            r"\]\([^)]*\)",  # inline link and image destinations
            r"!\[\[[^\[\]\n]*\]\]|\[\[[^\[\]|\n]*(?:\||\]\])",  # wiki embeds, links' targets: [[Page|shown]]
            r"(?m:^[ \t]{0,3}\[[^\]\n]+\]:.*$)",  # reference definitions
            r"<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>",  # autolinks
            r"</?[A-Za-z][^<>\n]*>",  # HTML tags
            r"\b[a-zA-Z][a-zA-Z0-9+.-]*://\S+",  # bare URLs
            r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
            # Bare domain names (unsse.org, ica.coop): lower case only, so that
            # sentence ends and initials ("U.N.") are not taken for domains.
            r"\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s)\]]*)?",
        )
    )
)
_SEPARATORS = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014]\s*"), "-"),
    (re.compile(r"['\u2019]"), "'"),
    (re.compile(r"['\u2019]\s+"), "' "),
)
#: Snowball algorithm for each language code the project may use.
STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian",
    "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "nb": "norwegian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pb": "portuguese",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
#: Shorter stems than this are too unspecific to accept a word that merely starts with them.
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of a glossary term in a text."""

    start: int
    end: int
    """``text[start:end]`` is the matched term."""
    concept: Concept = field(repr=False)
    text: str
    """The words as they stand in the text (``Cooperatives``)."""
    form: str
    """The glossary form that matched (``cooperatives``)."""
    plural: bool
    """Whether the matched form is a plural one."""


@dataclass(frozen=True, slots=True)
class _Form:
    concept: Concept
    text: str
    words: tuple[str, ...]
    """Words as written; compared exactly when ``exact``, else casefolded."""
    seps: tuple[str, ...]
    exact: bool
    plural: bool


class TermIndex:
    """Source-side matcher over a set of concepts, keyed by each form's first word."""

    def __init__(self, concepts: Iterable[Concept], source: str) -> None:
        self._by_first: dict[str, list[_Form]] = {}
        for concept in concepts:
            term = concept.terms[source]
            for text in term.forms:
                parsed = parse_form(text)
                if parsed is None:
                    continue
                words, seps = parsed
                # Acronyms are matched as written: "ILO" is a term, "ilo" (or "coop",
                # "un") in running text is another word.
                exact = not any(ch.islower() for ch in text)
                form = _Form(
                    concept, text, tuple(w if exact else w.casefold() for w in words),
                    seps, exact, _is_plural(text, term.text, term.plural),
                )
                self._by_first.setdefault(words[0].casefold(), []).append(form)
        for forms in self._by_first.values():
            forms.sort(key=lambda f: len(f.text), reverse=True)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order; where matches overlap, the longest wins."""
        masked = mask(text)
        words = [(m.start(), m.end()) for m in _WORD.finditer(masked)]
        folded = [text[s:e].casefold() for s, e in words]
        candidates: list[tuple[int, int, _Form]] = []
        for i, first in enumerate(folded):
            for form in self._by_first.get(first, ()):
                end = _match_at(form, i, words, folded, masked)
                if end is not None:
                    candidates.append((words[i][0], end, form))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int, _Form]] = []
        for cand in candidates:
            if all(cand[1] <= s or cand[0] >= e for s, e, _ in taken):
                taken.append(cand)
        taken.sort(key=lambda c: c[0])
        return [
            Match(s, e, f.concept, text[s:e], f.text, f.plural) for s, e, f in taken
        ]


def _match_at(
    form: _Form, i: int, words: list[tuple[int, int]], folded: list[str], masked: str
) -> int | None:
    """End offset of ``form`` matched from word ``i``, or None."""
    n = len(form.words)
    if i + n > len(words):
        return None
    for k in range(n):
        s, e = words[i + k]
        got = masked[s:e] if form.exact else folded[i + k]
        if got != form.words[k]:
            return None
        if k and _separator(masked[words[i + k - 1][1] : s]) != form.seps[k - 1]:
            return None
    return words[i + n - 1][1]


def parse_form(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Words of a form and the normalised separators between them.

    None when the form has no words or something other than spaces, hyphens
    or apostrophes between two of them (such a form could never match).
    """
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not spans:
        return None
    words = tuple(text[s:e] for s, e in spans)
    seps = tuple(_separator(text[a[1] : b[0]]) for a, b in zip(spans, spans[1:]))
    if any(sep is None for sep in seps):
        return None
    return words, seps  # type: ignore[return-value]


def _separator(between: str) -> str | None:
    """``" "``, ``"-"``, ``"'"`` or ``"' "`` for the text between two words; None otherwise."""
    for pattern, name in _SEPARATORS:
        if pattern.fullmatch(between):
            return name
    return None


def _is_plural(form: str, singular: str, plural: str | None) -> bool:
    if form == plural:
        return True
    if form == singular:
        return False
    # A variant is taken as plural when it ends in -s and the preferred term does
    # not ("co-operatives" next to "cooperative"); plural variants need no own field.
    last = form.split()[-1].casefold()
    return last.endswith("s") and not singular.split()[-1].casefold().endswith("s")


def mask(text: str) -> str:
    """``text`` with URLs, link destinations, code spans and HTML tags blanked out.

    Offsets are unchanged, so positions found in the result apply to ``text``.
    """
    return _MASKED.sub(lambda m: _MASK * (m.end() - m.start()), text)


# -- target side ---------------------------------------------------------------


class Translation:
    """A translation split into words once, for checking many concepts against it."""

    __slots__ = ("lang", "raw", "words", "_stems", "_by_initial")

    def __init__(self, text: str, lang: str) -> None:
        self.lang = lang
        self.raw = [m.group() for m in _WORD.finditer(mask(text))]
        self.words = [_normal(w) for w in self.raw]
        self._stems: dict[int, str | None] = {}
        # Inflected forms share their first letter: only words that begin like
        # a form can start it, which spares most words the (pure Python) stemmer.
        self._by_initial: dict[str, list[int]] = {}
        for index, word in enumerate(self.words):
            self._by_initial.setdefault(word[:1], []).append(index)

    def count(self, concept: Concept) -> int:
        """How many times accepted forms of ``concept`` occur (see :func:`target_count`)."""
        runs: set[tuple[int, int]] = set()
        for form in _target_forms(concept, self.lang):
            runs.update((i, i + len(form.words)) for i in self._starts(form))
        count, end = 0, -1
        for start, stop in sorted(runs, key=lambda r: (r[0], r[0] - r[1])):
            if start >= end:
                count, end = count + 1, stop
        return count

    def _starts(self, form: "_TargetForm") -> list[int]:
        words = self.raw if form.keep else self.words
        n = len(form.words)
        found = []
        for i in self._by_initial.get(_normal(form.words[0][:1]), ()):
            if i + n > len(words):
                break
            for k in range(n):
                word, wanted = words[i + k], form.words[k]
                if word == wanted:
                    continue
                if form.exact or word[:1] != wanted[:1]:
                    break
                if not _inflected(word, self._stem(i + k), wanted, form.stems[k]):
                    break
            else:
                found.append(i)
        return found

    def _stem(self, index: int) -> str | None:
        if index not in self._stems:
            self._stems[index] = stem(self.words[index], self.lang)
        return self._stems[index]


@dataclass(frozen=True, slots=True)
class _TargetForm:
    words: tuple[str, ...]
    stems: tuple[str | None, ...]
    exact: bool
    """Compared word for word: names (``keep``) and acronyms are not inflected."""
    keep: bool
    """Compared as written, case included."""


@lru_cache(maxsize=4096)
def _target_forms(concept: Concept, lang: str) -> tuple[_TargetForm, ...]:
    keep = concept.policy is Policy.KEEP
    out = []
    for form in concept.term(lang).forms:
        words = _WORD.findall(form)
        if not words:
            continue
        if not keep:
            words = [_normal(w) for w in words]
        acronym = not any(ch.islower() for ch in form)
        out.append(_TargetForm(tuple(words), tuple(stem(w, lang) for w in words), keep or acronym, keep))
    return tuple(out)


#: Text that :func:`mask` might change; without any of it, masking is a no-op.
_MAYBE_MASKED = re.compile(r"[`<\]@]|://|\.[a-z]{2}")


def quick_present(concept: Concept, translation: str, lang: str, *, normal: str | None = None) -> bool:
    """Whether an accepted form stands in ``translation`` exactly as listed (case aside).

    A fast, conservative test: True only where :meth:`Translation.count` would
    find the concept too; False means "look closer", not "absent". ``normal``
    is ``translation`` already case-folded by :func:`quick_text`, when checking
    several concepts against one translation.
    """
    keep, pattern = _quick_pattern(concept, lang)
    if pattern is None:
        return False
    if keep:  # names are compared as written, case included
        masked = mask(translation) if _MAYBE_MASKED.search(translation) else translation
        return pattern.search(masked) is not None
    return pattern.search(quick_text(translation) if normal is None else normal) is not None


def quick_text(translation: str) -> str:
    """``translation`` masked (see :func:`mask`) and folded, for :func:`quick_present`."""
    if _MAYBE_MASKED.search(translation):
        translation = mask(translation)
    return _normal(translation)


@lru_cache(maxsize=4096)
def _quick_pattern(concept: Concept, lang: str) -> tuple[bool, re.Pattern[str] | None]:
    forms = [f.words for f in _target_forms(concept, lang)]
    if not forms:
        return False, None
    keep = concept.policy is Policy.KEEP
    alternatives = sorted(
        (r"[\W_]+".join(re.escape(w if keep else _normal(w)) for w in words) for words in forms),
        key=len,
        reverse=True,
    )
    return keep, re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


def target_present(concept: Concept, translation: str, lang: str) -> bool:
    """Whether ``translation`` contains an accepted ``lang`` form of ``concept``."""
    return Translation(translation, lang).count(concept) > 0


def target_count(concept: Concept, translation: str, lang: str) -> int:
    """How many times accepted ``lang`` forms of ``concept`` occur in ``translation``.

    Occurrences do not overlap; where forms overlap ("cooperativa" within
    "cooperativa de plataforma") the run that starts first counts once.
    """
    return Translation(translation, lang).count(concept)


def same_word(word: str, wanted: str, lang: str) -> bool:
    """Whether ``word`` (lower case) is an inflected form of ``wanted`` in ``lang``.

    Equal Snowball stems count, and so does a word that begins with the other's
    stem: Snowball stems "кооператив" to "кооперат" but "кооперативов" to
    "кооператив", and Portuguese "sociais" to "soc".

    >>> same_word("кооперативов", "кооператив", "ru")
    True
    >>> same_word("coopératives", "coopérative", "fr")
    True
    """
    return word == wanted or _inflected(word, stem(word, lang), wanted, stem(wanted, lang))


def _inflected(word: str, word_stem: str | None, wanted: str, wanted_stem: str | None) -> bool:
    if word_stem is None or wanted_stem is None:
        return False
    if word_stem == wanted_stem:
        return True
    if min(len(word_stem), len(wanted_stem)) < _MIN_STEM:
        return False
    return word.startswith(wanted_stem) or wanted.startswith(word_stem)


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str | None:
    """The Snowball stem of a lower-case word, None where ``lang`` has no stemmer."""
    stemmer = _stemmer(lang.split("-")[0].split("_")[0].lower())
    return None if stemmer is None else stemmer.stemWord(word)


@lru_cache(maxsize=None)
def _stemmer(code: str):
    name = STEMMERS.get(code)
    if name is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(name)


def _normal(word: str) -> str:
    # Russian print often drops the diaeresis (трехсторонний for трёхсторонний).
    return word.casefold().replace("ё", "е")
