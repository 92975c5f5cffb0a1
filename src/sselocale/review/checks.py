"""Quality checks on translations, and the release gate of ``sselocale check``.

Each check is a small function registered with :func:`check`: an id, a
severity, a title (the first line of its docstring), and the checks whose
failure makes it redundant on the same entry. An entry with a broken link is
not also reported for unbalanced brackets; a translation left identical to its
source is not also reported for missing glossary terms.

Checks look at translated and fuzzy entries only: an untranslated unit has
nothing to check. A translator silences one check on one entry with a flag
``#, ignore-<id>`` (``#, ignore-numbers``); the finding is still reported, as
silenced, and does not block the release. The checks that protect the site
(``unsafe-html``, ``unsafe-url``) and PO validity cannot be silenced.

The gate: every selected language must reach its minimum coverage of reviewed
units (``release`` in ``sselocale.yaml``, or ``--min-coverage``), and no
unsilenced error may remain.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CatalogError
from ..po import validate as pocheck
from ..po.fastread import Entry
from ..po.state import State, state
from .reports import Coverage, coverage, template_entries

if TYPE_CHECKING:
    from ..source.workspace import Project


class Severity(str, Enum):
    """How much a finding matters: errors block a release, warnings are for review."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Check:
    """One registered check."""

    id: str
    """Also names the PO flag that silences it: ``ignore-<id>``."""
    severity: Severity
    title: str
    run: Callable[..., Any]
    """``run(pair) -> message | None``, or for a catalog check ``run(entries) -> [(line, message)]``."""
    after: tuple[str, ...] = ()
    """Not run on an entry where one of these checks already failed."""
    silenceable: bool = True
    catalog: bool = False
    """Whether it looks at a whole catalog rather than at one entry's text."""
    structural: bool = False
    """Whether it only compares the tokens :func:`signature` collects, so that it
    cannot fail when source and translation have the same signature."""

    @property
    def flag(self) -> str:
        return f"ignore-{self.id}"


_REGISTRY: list[Check] = []


def check(
    id: str, severity: Severity, *, after: tuple[str, ...] = (), silenceable: bool = True,
    catalog: bool = False, structural: bool = False,
) -> Callable:
    """Register the decorated function as a check; its docstring's first line is its title."""

    def register(func: Callable) -> Callable:
        title = (func.__doc__ or id).strip().splitlines()[0]
        _REGISTRY.append(Check(id, severity, title, func, after, silenceable, catalog, structural))
        return func

    return register


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one catalog entry (or in the catalog as a whole)."""

    check: str
    severity: Severity
    message: str
    path: Path
    line: int
    """The line of the entry's msgstr, where msgfmt and editors point."""
    lang: str
    slug: str
    msgid: str = ""
    silenced: bool = False

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR and not self.silenced


# --- what the checks look at ---------------------------------------------------------

_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_DEST = re.compile(
    r"\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>@\s]+@[^<>\s]+)>")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]{}\"'«»“”„]+|\bwww\.[^\s<>()\[\]{}\"'«»“”„]+")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_TAIL = ".,;:!?"


@dataclass(frozen=True, slots=True)
class Text:
    """A unit's text taken apart: code spans, link targets, and the prose around them."""

    code: tuple[str, ...]
    links: tuple[str, ...]
    """Link destinations, bare URLs and e-mail addresses."""
    prose: str
    """The text without code spans and URLs; link destinations left as ``]()``."""


def analyse(text: str) -> Text:
    """Take ``text`` apart (see :class:`Text`)."""
    code: list[str] = []
    links: list[str] = []
    if "`" in text:
        code = [m.group(0) for m in _CODE.finditer(text)]
        text = _CODE.sub(" ", text)
    if "](" in text:
        links += [m.group(1) for m in _LINK_DEST.finditer(text)]
        text = _LINK_DEST.sub("]()", text)
    if "<" in text:
        links += [m.group(1).removeprefix("mailto:") for m in _AUTOLINK.finditer(text)]
        text = _AUTOLINK.sub(" ", text)
    if "://" in text or "www." in text:
        links += [m.group(0).rstrip(_URL_TAIL) for m in _URL.finditer(text)]
        text = _URL.sub(" ", text)
    if "@" in text:
        links += [m.group(0).rstrip(_URL_TAIL) for m in _EMAIL.finditer(text)]
        text = _EMAIL.sub(" ", text)
    return Text(tuple(code), tuple(links), text)


@dataclass(frozen=True, slots=True)
class Language:
    """What the checks need to know about a target language."""

    code: str
    decimal: str
    group: str


@lru_cache(maxsize=32)
def language(code: str) -> Language:
    """Number symbols of ``code`` from Babel's CLDR data."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Language(code, ".", ",")
    return Language(code, get_decimal_symbol(locale), get_group_symbol(locale))


class Pair:
    """A source text and one translation of it, as the checks see them."""

    __slots__ = ("source", "target", "lang", "glossary", "_source", "_target")

    def __init__(self, source: str, target: str, lang: str, glossary: Any = None) -> None:
        self.source = source
        self.target = target
        self.lang = lang
        self.glossary = glossary
        self._source: Text | None = None
        self._target: Text | None = None

    @property
    def src(self) -> Text:
        if self._source is None:
            self._source = analyse(self.source)
        return self._source

    @property
    def tgt(self) -> Text:
        if self._target is None:
            self._target = analyse(self.target)
        return self._target


def _listing(items: Iterable[str]) -> str:
    return ", ".join(items)


def _difference(source: Sequence[str], target: Sequence[str]) -> tuple[list[str], list[str]]:
    """What the source has that the target lacks, and the reverse (as multisets)."""
    if len(source) == len(target) and sorted(source) == sorted(target):
        return [], []
    a, b = Counter(source), Counter(target)
    return list((a - b).elements()), list((b - a).elements())


# Everything a structural check compares: code, links, tags, entities, script
# schemes, placeholders, numbers as written, emphasis runs, link brackets and
# hard breaks. Most translations carry exactly the source's tokens, and for them
# the structural checks can be skipped; the others run every check in full.
# Every alternative starts with one of a few characters, so that the regex engine
# skips plain prose quickly; URLs and e-mail addresses, which start with any
# letter, are collected separately and only when the text can hold one.
_TOKENS = re.compile(
    r"`+[^`]*`+|\]\([^)]*\)?|\]\[|!\[|<[^<>]*>?|&#?\w+;|\{[^{}]*\}?|%\(\w+\)\w|%\w|[\ue000-\uf8ff]"
    r"|\d+(?:[.,\s\u00a0\u202f\u2009'’]\d+)*|\*+|_+|(?<=  )\n|\\\n"
)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w.-]+")
_SCHEME = re.compile(r"(?i)(?:java|vb)\s*script\s*:|data\s*:")
_BRACKETS = re.compile(r"[()\[\]{}«»“”„‹›\"]")


_NUMBER_SEPARATOR = re.compile(r"[^\d]")


def _number_shape(token: str) -> str:
    """``1,000.5`` and ``1 000,5`` alike: the digits, and where separators stand between them."""
    if token.isdigit():
        return token
    digits = _NUMBER_SEPARATOR.sub("", token)
    cuts, count = [], 0
    for part in _NUMBER_SEPARATOR.split(token)[:-1]:
        count += len(part)
        cuts.append(str(count))
    return f"{digits}@{','.join(cuts)}"


def signature(text: str) -> tuple[list[str], list[str]]:
    """The tokens structural checks compare (sorted), and the brackets and quotes in order.

    Numbers keep their digits and the places of their separators, not the
    separators themselves, so ``12.5`` and ``12,5`` have the same signature.
    """
    tokens = [_number_shape(t) if t[0].isdigit() else t for t in _TOKENS.findall(text)]
    if "://" in text or "www." in text or "@" in text:
        tokens += _ADDRESS.findall(text)
    if ":" in text:
        tokens += [re.sub(r"\s+", "", t).lower() for t in _SCHEME.findall(text)]
    return sorted(tokens), _BRACKETS.findall(text)


# --- the checks, in the order they run -----------------------------------------------

@check("po-invalid", Severity.ERROR, silenceable=False, catalog=True)
def po_invalid(entries: list[Entry]) -> list[tuple[int, str]]:
    """Invalid PO: what `msgfmt --check` rejects (see sselocale.pocheck)."""
    return [(p.line, p.message) for p in pocheck.problems(entries)]


_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|<!--|<!\[CDATA\[|<![A-Za-z]+|<\?")


def _tags(prose: str) -> list[str]:
    if "<" not in prose:
        return []
    return [f"<{m.group(1).lower()}>" if m.group(1) else m.group(0) for m in _TAG.finditer(prose)]


@check("unsafe-html", Severity.ERROR, silenceable=False, structural=True)
def unsafe_html(pair: Pair) -> str | None:
    """Raw HTML in the translation that the source does not have: it would reach the published page."""
    added = _difference(_tags(pair.src.prose), _tags(pair.tgt.prose))[1]
    if added:
        shown = [t for t in added if not t.startswith("</")] or added
        return f"raw HTML not in the source: {_listing(dict.fromkeys(shown))}"
    return None


_SCRIPT_URL = re.compile(
    r"(?i)\b((?:java|vb)\s*script)\s*:|\b(data):[a-z]+/[a-z0-9.+-]+[;,]"
    r"|(?:\]\(|\bhref\s*=|\bsrc\s*=)\s*[\"'<]?\s*(data)\s*:"
)


def _script_urls(text: str) -> list[str]:
    """Schemes of script and data URLs in ``text`` (outside code spans), entities decoded."""
    if ":" not in text:
        return []
    text = html.unescape(_CODE.sub(" ", text))
    return [re.sub(r"\s+", "", next(g for g in m.groups() if g)).lower() + ":"
            for m in _SCRIPT_URL.finditer(text)]


@check("unsafe-url", Severity.ERROR, silenceable=False, structural=True)
def unsafe_url(pair: Pair) -> str | None:
    """A `javascript:` or `data:` URL in the translation that the source does not have."""
    added = _difference(_script_urls(pair.source), _script_urls(pair.target))[1]
    if added:
        return f"script or data URL not in the source: {_listing(dict.fromkeys(added))}"
    return None


_PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}|\{[A-Za-z_][\w.]*\}|\$\{[A-Za-z_]\w*\}|%\([A-Za-z_]\w*\)[sdif]"
    r"|(?<![%\w])%[sdif](?!\w)|[\ue000-\uf8ff]"
)


_TOKEN = re.compile("[\ue000-\uf8ff]")


def _placeholders(text: Text) -> list[str]:
    found = list(text.code)
    if "{" in text.prose or "%" in text.prose or _TOKEN.search(text.prose):
        found += [m.group(0) for m in _PLACEHOLDER.finditer(text.prose)]
    return found


def _shown(token: str) -> str:
    if len(token) == 1 and "\ue000" <= token <= "\uf8ff":
        return f"U+{ord(token):04X} (a machine translation token)"
    return token


@check("placeholders", Severity.ERROR, after=("unsafe-html",), structural=True)
def placeholders(pair: Pair) -> str | None:
    """Code spans and placeholders must come through unchanged: they are not prose."""
    missing, added = _difference(_placeholders(pair.src), _placeholders(pair.tgt))
    parts = []
    if missing:
        parts.append(f"missing {_listing(map(_shown, missing))}")
    if added:
        parts.append(f"not in the source {_listing(map(_shown, added))}")
    return "code or placeholder " + "; ".join(parts) if parts else None


_DELIMITER_RUN = re.compile(r"\*+|_+")


def _markup(prose: str) -> dict[str, int]:
    counts = {"links": 0, "images": 0, "bold markers": 0, "emphasis markers": 0, "line breaks": 0}
    if "](" in prose or "][" in prose:
        images = prose.count("![")
        counts["images"] = images
        counts["links"] = prose.count("](") + prose.count("][") - images
    if "*" in prose or "_" in prose:
        for m in _DELIMITER_RUN.finditer(prose):
            run = m.group(0)
            if run[0] == "_":
                before = prose[m.start() - 1 : m.start()]
                after = prose[m.end() : m.end() + 1]
                if before.isalnum() and after.isalnum():
                    continue
            counts["bold markers"] += len(run) // 2
            counts["emphasis markers"] += len(run) % 2
    if "\n" in prose:
        counts["line breaks"] = prose.count("  \n") + prose.count("\\\n")
    return counts


@check("markup", Severity.WARNING, after=("unsafe-html", "unsafe-url"), structural=True)
def markup(pair: Pair) -> str | None:
    """Inline Markdown (links, images, bold, emphasis, line breaks) differs from the source."""
    source, target = _markup(pair.src.prose), _markup(pair.tgt.prose)
    changes = [f"{name} {source[name]} → {target[name]}" for name in source if source[name] != target[name]]
    return f"markup differs from the source: {_listing(changes)}" if changes else None


@check("urls", Severity.WARNING, after=("unsafe-url",), structural=True)
def urls(pair: Pair) -> str | None:
    """A link, URL or e-mail address was added, removed or changed."""
    missing, added = _difference(pair.src.links, pair.tgt.links)
    if len(missing) == 1 and len(added) == 1:
        return f"link changed: {missing[0]} → {added[0]}"
    parts = []
    if missing:
        parts.append(f"removed {_listing(missing)}")
    if added:
        parts.append(f"added {_listing(added)}")
    return "links " + "; ".join(parts) if parts else None


_SPACES = " \u00a0\u202f\u2009"
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=32)
def _number_pattern(groups: str, decimals: str) -> re.Pattern:
    g, d = re.escape(groups), re.escape(decimals)
    return re.compile(
        rf"(?<![\w.,])(?:(\d{{1,3}}(?:[{g}]\d{{3}})+)|(\d+))(?:([{d}])(\d+))?"
    )


def _canonical(digits: str, fraction: str = "") -> str:
    whole = digits.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def numbers_in(prose: str, *, groups: str, decimals: str) -> list[tuple[str, frozenset[str]]]:
    """``(as written, possible values)`` of each number in ``prose``.

    A number written ``1.000`` or ``12,500`` may be grouped or decimal when
    both readings are allowed, so it carries both values.
    """
    if not _DIGIT.search(prose):
        return []
    out = []
    for m in _number_pattern(groups, decimals).finditer(prose):
        grouped, plain, point, fraction = m.groups()
        if grouped:
            digits = "".join(c for c in grouped if c.isdigit())
            values = {_canonical(digits, fraction or "")}
            separators = {c for c in grouped if not c.isdigit()}
            if not point and len(separators) == 1 and grouped.count(next(iter(separators))) == 1:
                sep = next(iter(separators))
                if sep in decimals:
                    head, tail = grouped.split(sep)
                    values.add(_canonical(head, tail))
        else:
            values = {_canonical(plain, fraction or "")}
        out.append((m.group(0), frozenset(values)))
    return out


@check("numbers", Severity.WARNING, after=("unsafe-html", "unsafe-url", "placeholders"), structural=True)
def numbers(pair: Pair) -> str | None:
    """Numbers differ from the source (locale formatting such as 1 000 or 12,5 is accepted)."""
    if not _DIGIT.search(pair.source) and not _DIGIT.search(pair.target):
        return None
    source_lang = language("en")
    target_lang = language(pair.lang)
    source = numbers_in(pair.src.prose, groups=source_lang.group, decimals=source_lang.decimal)
    target = numbers_in(
        pair.tgt.prose,
        groups="".join(dict.fromkeys(target_lang.group + _SPACES + ".,'’")),
        decimals="".join(dict.fromkeys(target_lang.decimal + ".,")),
    )
    unmatched = list(target)
    missing = []
    for written, values in source:
        value = next(iter(values))
        for i, (_, candidates) in enumerate(unmatched):
            if value in candidates:
                del unmatched[i]
                break
        else:
            missing.append(written)
    parts = []
    if missing:
        parts.append(f"missing {_listing(missing)}")
    if unmatched:
        parts.append(f"not in the source {_listing(w for w, _ in unmatched)}")
    return "numbers differ: " + "; ".join(parts) if parts else None


#: A source of at least this many words left as it is was probably not translated.
LONG_SOURCE_WORDS = 5


@check("unchanged", Severity.WARNING)
def unchanged(pair: Pair) -> str | None:
    """The translation is a long source text unchanged: probably left untranslated."""
    if pair.target.strip() != pair.source.strip():
        return None
    words = sum(1 for w in pair.src.prose.split() if any(c.isalpha() for c in w))
    if words < LONG_SOURCE_WORDS:
        return None
    return f"translation is identical to the source ({words} words)"


@check("glossary-term", Severity.WARNING, after=("unchanged",))
def glossary_term(pair: Pair) -> str | None:
    """A glossary term of the source is missing from the translation."""
    if pair.glossary is None:
        return None
    missing = pair.glossary.missing_terms(pair.source, pair.target, pair.lang)
    if not missing:
        return None
    parts = []
    for match in missing:
        term = match.concept.terms.get(pair.lang)
        expected = f" → {term.text!r}" if term is not None else ""
        parts.append(f"{match.text!r}{expected}")
    return f"glossary term missing: {_listing(parts)}"


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped):]


@check("whitespace", Severity.WARNING, after=("po-invalid",))
def whitespace(pair: Pair) -> str | None:
    """Leading or trailing whitespace differs from the source."""
    (s_lead, s_trail), (t_lead, t_trail) = _edges(pair.source), _edges(pair.target)
    parts = []
    if s_lead != t_lead:
        parts.append(f"leading whitespace {s_lead!r} → {t_lead!r}")
    if s_trail != t_trail:
        parts.append(f"trailing whitespace {s_trail!r} → {t_trail!r}")
    return "; ".join(parts) if parts else None


_CLOSERS = "*_`)]}»”’\"'“›\u00a0\u202f\u2009 \t\n"
_FINAL = {".": ".", "…": "…", "!": "!", "?": "?", ":": ":", ";": ";", "؟": "?", "。": ".", "！": "!", "？": "?"}


def final_punctuation(text: str) -> str:
    """The sentence-final mark of ``text`` (``.``, ``…``, ``!``, ``?``, ``:``, ``;``), or ``""``."""
    body = text.rstrip(_CLOSERS)
    if body.endswith("..."):
        return "…"
    return _FINAL.get(body[-1:], "")


@check("end-punctuation", Severity.WARNING, after=("unsafe-html",))
def end_punctuation(pair: Pair) -> str | None:
    """The final punctuation differs from the source (. : ! ? …)."""
    source, target = final_punctuation(pair.source), final_punctuation(pair.target)
    if source == target:
        return None
    return (f"final punctuation differs: the source ends with {source or 'no mark'!r}, "
            f"the translation with {target or 'no mark'!r}")


def _balanced(text: str, opener: str, closers: str) -> bool:
    depth = 0
    for c in text:
        if c == opener:
            depth += 1
        elif c in closers:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def unbalanced(prose: str) -> list[str]:
    """The kinds of brackets and quotes ``prose`` opens and does not close (or the reverse).

    Quotes follow the language's style: « », “ ” (English, French, Spanish,
    Portuguese) and „ “ (Russian inner quotes, German).
    """
    out = []
    for opener, closers, name in (("(", ")", "( )"), ("[", "]", "[ ]"), ("{", "}", "{ }"), ("«", "»", "« »")):
        if (opener in prose or closers in prose) and not _balanced(prose, opener, closers):
            out.append(name)
    if "„" in prose:
        if not _balanced(prose, "„", "“”"):
            out.append("„ “")
    elif ("“" in prose or "”" in prose) and not _balanced(prose, "“", "”"):
        out.append("“ ”")
    if prose.count('"') % 2:
        out.append('" "')
    return out


@check("brackets", Severity.WARNING, after=("markup", "placeholders"), structural=True)
def brackets(pair: Pair) -> str | None:
    """Brackets or quotes are unbalanced in the translation (and were balanced in the source)."""
    target = unbalanced(pair.tgt.prose)
    if not target:
        return None
    target = [kind for kind in target if kind not in unbalanced(pair.src.prose)]
    return f"unbalanced in the translation: {_listing(target)}" if target else None


CHECKS: tuple[Check, ...] = tuple(_REGISTRY)


def select_checks(ids: Iterable[str] = (), *, skip: Iterable[str] = ()) -> tuple[Check, ...]:
    """The checks named by ``ids`` (all when empty) less those in ``skip``; unknown ids are an error."""
    ids, skip = tuple(ids), tuple(skip)
    known = [c.id for c in CHECKS]
    for name in (*ids, *skip):
        if name not in known:
            from ..errors import SselocaleError

            raise SselocaleError(f"unknown check {name!r}", hint=f"known checks: {', '.join(known)}")
    return tuple(c for c in CHECKS if (not ids or c.id in ids) and c.id not in skip)


# --- one catalog ---------------------------------------------------------------------

def _forms(entry: Entry) -> list[tuple[str, str]]:
    """``(source, translation)`` pairs of an entry: one, or one per filled plural form."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    return [(entry.msgid if i == 0 else entry.msgid_plural, text)
            for i, text in sorted(entry.msgstr_plural.items()) if text]


def check_catalog(
    entries: list[Entry],
    *,
    path: Path,
    lang: str,
    slug: str = "",
    glossary: Any = None,
    checks: tuple[Check, ...] = CHECKS,
) -> list[Finding]:
    """Run ``checks`` over the parsed catalog ``entries`` of ``path``, in file order."""
    findings: list[Finding] = []
    failed_lines: dict[int, str] = {}
    for chk in checks:
        if chk.catalog:
            for line, message in chk.run(entries):
                failed_lines.setdefault(line, chk.id)
                findings.append(Finding(chk.id, chk.severity, message, path, line, lang, slug))
    pair_checks = [c for c in checks if not c.catalog]
    for entry in entries:
        if entry.obsolete or entry.is_header or state(entry) not in (State.TRANSLATED, State.FUZZY):
            continue
        failed: set[str] = {
            failed_lines[line] for line in (entry.line, entry.msgstr_line)
            if line in failed_lines
        }
        for source, target in _forms(entry):
            pair = Pair(source, target, lang, glossary)
            same = source == target or signature(source) == signature(target)
            for chk in pair_checks:
                if (same and chk.structural) or chk.id in failed:
                    continue
                if chk.after and any(a in failed for a in chk.after):
                    continue
                message = chk.run(pair)
                if message is None:
                    continue
                failed.add(chk.id)
                flagged = chk.flag in entry.flags
                if flagged and not chk.silenceable:
                    message += f" (#, {chk.flag} cannot silence this check)"
                findings.append(Finding(
                    chk.id, chk.severity, message, path, entry.msgstr_line, lang, slug,
                    msgid=entry.msgid, silenced=flagged and chk.silenceable,
                ))
    findings.sort(key=lambda f: f.line)
    return findings


# --- the release gate ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Gate:
    """One language's coverage against the minimum the release demands."""

    lang: str
    coverage: Coverage
    required: float
    count_fuzzy: bool

    @property
    def percent(self) -> float:
        """Shipped units over all units, to 0.1; never rounded up to a minimum it misses."""
        exact = self.coverage.shipped_percent(count_fuzzy=self.count_fuzzy)
        shown = round(exact, 1)
        return math.floor(exact * 10) / 10 if shown >= self.required > exact else shown

    @property
    def passed(self) -> bool:
        return self.coverage.shipped_percent(count_fuzzy=self.count_fuzzy) >= self.required


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything ``sselocale check`` found, and whether the release may ship."""

    findings: tuple[Finding, ...]
    gates: tuple[Gate, ...]
    files: int
    count_fuzzy: bool

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.blocking)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING and not f.silenced)

    @property
    def silenced(self) -> int:
        return sum(1 for f in self.findings if f.silenced)

    @property
    def ok(self) -> bool:
        return self.errors == 0 and all(g.passed for g in self.gates)

    @property
    def verdict(self) -> str:
        if self.ok:
            return "the release may ship"
        reasons = []
        if self.errors:
            reasons.append(plural(self.errors, "error"))
        reasons += [f"{g.lang} under {g.required:g}%" for g in self.gates if not g.passed]
        return f"the release may not ship: {', '.join(reasons)}"


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


#: Fewer articles than this per worker process are not worth starting one for.
_MIN_ARTICLES_PER_JOB = 50

_worker: tuple[Any, Any] = (None, None)


def _init_worker(project: "Project", glossary: Any) -> None:
    global _worker
    _worker = (project, glossary)


def _check_in_worker(slugs: list[str], languages: tuple[str, ...], ids: tuple[str, ...]):
    return _check_articles(*_worker, slugs, languages, ids)


def _check_articles(
    project: "Project", glossary: Any, slugs: list[str], languages: tuple[str, ...], ids: tuple[str, ...]
) -> tuple[list[Finding], dict[str, Coverage], int]:
    """Findings, coverage per language and catalogs read for some articles."""
    from ..po import fastread as pofast

    checks = select_checks(ids)
    findings: list[Finding] = []
    totals = {lang: Coverage() for lang in languages}
    files = 0
    # Article by article, so that what a language-independent step learns about
    # a source text (the glossary's matches) is still at hand for the next language.
    for article in project.select(tuple(slugs)):
        for lang in languages:
            path = project.po_path(lang, article.slug)
            if not path.exists():
                totals[lang] += coverage(template_entries(project, article))
                continue
            files += 1
            try:
                entries = pofast.read_entries(path)
            except CatalogError as exc:
                findings.append(Finding("po-invalid", Severity.ERROR, exc.message, path, exc.line or 1,
                                        lang, article.slug))
                totals[lang] += coverage(template_entries(project, article))
                continue
            totals[lang] += coverage(entries)
            findings += check_catalog(entries, path=path, lang=lang, slug=article.slug,
                                      glossary=glossary, checks=checks)
    return findings, totals, files


def load_project_glossary(project: "Project") -> Any:
    """The project's glossary, or None when it has none (or no glossary stage is installed)."""
    path = project.config.paths.glossary
    if not path.is_file():
        return None
    try:
        from ..glossary import load_glossary
    except ImportError:
        return None
    return load_glossary(path, languages=project.config.languages)


def run_checks(
    project: "Project",
    *,
    langs: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
    min_coverage: float | None = None,
    checks: tuple[Check, ...] = CHECKS,
    jobs: int = 1,
) -> CheckReport:
    """Check the release: its articles (``slugs``, else ``release.articles``, else all) in ``langs``.

    With ``jobs`` > 1 the articles are shared among that many worker processes;
    the report is the same, in the same order.
    """
    release = project.config.release
    languages = project.languages(langs)
    articles = project.select(slugs or release.articles)
    ids = tuple(c.id for c in checks)
    glossary = load_project_glossary(project) if "glossary-term" in ids else None
    jobs = max(1, min(jobs, len(articles) // _MIN_ARTICLES_PER_JOB))
    if jobs == 1:
        parts = [_check_articles(project, glossary, [a.slug for a in articles], languages, ids)]
    else:
        import multiprocessing

        size = -(-len(articles) // jobs)
        chunks = [[a.slug for a in articles[i : i + size]] for i in range(0, len(articles), size)]
        context = multiprocessing.get_context("fork")
        # Forked workers inherit the project and the glossary already loaded.
        with context.Pool(jobs, initializer=_init_worker, initargs=(project, glossary)) as pool:
            parts = pool.starmap(_check_in_worker, [(chunk, languages, ids) for chunk in chunks])
    findings: list[Finding] = []
    totals = {lang: Coverage() for lang in languages}
    files = 0
    for part_findings, part_totals, part_files in parts:
        findings += part_findings
        files += part_files
        for lang, cov in part_totals.items():
            totals[lang] += cov
    order = {lang: i for i, lang in enumerate(languages)}
    findings.sort(key=lambda f: (order[f.lang], str(f.path), f.line))
    gates = [
        Gate(lang, totals[lang],
             min_coverage if min_coverage is not None else release.min_coverage_for(lang),
             release.count_fuzzy)
        for lang in languages
    ]
    return CheckReport(tuple(findings), tuple(gates), files, release.count_fuzzy)
