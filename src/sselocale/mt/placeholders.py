"""Hide markup from machine translation, and put it back afterwards.

A unit is Markdown: links, emphasis, code spans, images, inline HTML, URLs,
e-mail addresses and numbers sit in the prose. Engines should translate only
the prose, so :func:`protect` replaces each of these with a *token*, one
private-use character (U+E000 onwards) that no engine knows and every engine
carries over as an unknown word. Paired markup (``**…**``, ``[…](url)``) becomes
an opening and a closing token, so the words in between are still translated.

:func:`restore` puts the source markup back where the engine left the tokens,
and reports what the engine dropped instead of failing: the unit is still filled,
and the caller writes what was lost into the PO comment.

Extra spans can be hidden with :class:`FixedSpan`: that is how glossary terms are
enforced. The source words go to the engine as one token, and the term's
target-language form is inserted at restore (capitalised at a sentence start).

    >>> p = protect("See the [ILO site](https://ilo.org) in **2024**.")
    >>> restore(p.text, p).text
    'See the [ILO site](https://ilo.org) in **2024**.'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

#: First code point of the tokens (Unicode Private Use Area).
TOKEN_BASE = 0xE000
TOKEN_LIMIT = 0xF8FF
_TOKEN = re.compile("[\ue000-\uf8ff]")


class Kind(str, Enum):
    """What a placeholder stands for; decides how it is restored and reported."""

    OPEN = "open"
    """Opening half of paired markup: ``**``, ``[``, ``![``."""
    CLOSE = "close"
    """Closing half: ``**``, ``](url)``."""
    ATOM = "atom"
    """Markup that is kept whole: code span, URL, e-mail, HTML tag, escape."""
    NUMBER = "number"
    BREAK = "break"
    """A hard line break (two spaces or a backslash before the newline)."""
    TERM = "term"
    """A :class:`FixedSpan`: source words replaced by a given target form."""


@dataclass(frozen=True, slots=True)
class FixedSpan:
    """A span of the source text to hide from the engine and replace at restore.

    ``text[start:end]`` is not translated; ``replacement`` (the glossary's
    target-language term) is inserted in its place. ``label`` names it in reports.
    """

    start: int
    end: int
    replacement: str
    label: str


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One hidden piece of the source text."""

    token: str
    """The character that stands for it in the text sent to an engine."""
    kind: Kind
    source: str
    """The hidden source text."""
    replacement: str
    """What :func:`restore` inserts: the source itself, or a glossary term's target form."""
    label: str
    """How reports name it: ``link https://…``, ``number 2013``, ``travail décent``."""
    partner: int | None = None
    """Index of the other half of a pair (:attr:`Kind.OPEN` / :attr:`Kind.CLOSE`)."""


@dataclass(frozen=True, slots=True)
class Protected:
    """A unit ready for an engine: prose with tokens, and what the tokens stand for."""

    source: str
    text: str
    placeholders: tuple[Placeholder, ...]

    def placeholder(self, token: str) -> Placeholder | None:
        index = ord(token) - TOKEN_BASE
        return self.placeholders[index] if 0 <= index < len(self.placeholders) else None

    @property
    def prose(self) -> str:
        """The text with every token removed, for engines that check there is something to translate."""
        return _TOKEN.sub("", self.text)


@dataclass(frozen=True, slots=True)
class Restored:
    """An engine's output with the markup put back."""

    text: str
    lost: tuple[Placeholder, ...] = ()
    """Placeholders the engine dropped (a pair is lost whole when either half is)."""
    inserted: tuple[Placeholder, ...] = ()
    """:attr:`Kind.TERM` placeholders whose replacement went in."""
    stray: int = 0
    """Tokens in the output that stand for nothing (removed)."""


def token(index: int) -> str:
    if TOKEN_BASE + index > TOKEN_LIMIT:
        raise ValueError("too many placeholders in one unit")
    return chr(TOKEN_BASE + index)


# --- finding markup ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Span:
    """A piece of markup found in the source: ``text[start:end]``."""

    start: int
    end: int
    kind: Kind
    label: str
    pair: int | None = None
    """Spans with the same ``pair`` number are the two halves of one pair."""
    can_open: bool = False
    """An emphasis delimiter run that may open (left-flanking)."""
    can_close: bool = False


class _Scan:
    """The spans found so far, and the next pair number."""

    def __init__(self) -> None:
        self.spans: list[_Span] = []
        self.pairs = 0

    def new_pair(self) -> int:
        self.pairs += 1
        return self.pairs


#: A rule looks at ``text`` at ``pos``; when it recognises markup there, it adds
#: spans and returns where scanning resumes, otherwise None.
_Rule = Callable[[str, int, _Scan], "int | None"]

_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)(?=\n)")
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>"
)
_HTML = re.compile(
    r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.S,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\ue000-\uf8ff]+", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _pattern(pattern: re.Pattern[str], kind: Kind, label: Callable[[str], str]) -> _Rule:
    def rule(text: str, pos: int, scan: _Scan) -> int | None:
        match = pattern.match(text, pos)
        if match is None or match.end() == pos:
            return None
        scan.spans.append(_Span(pos, match.end(), kind, label(match.group(0))))
        return match.end()

    return rule


def _code_span(text: str, pos: int, scan: _Scan) -> int | None:
    if text[pos] != "`":
        return None
    run = _run_length(text, pos, "`")
    fence = text[pos:pos + run]
    match = re.compile(rf"(?<!`){fence}(?!`)").search(text, pos + run)
    # An unmatched backtick run is literal text, but still not the engine's to move.
    end = match.end() if match else pos + run
    scan.spans.append(_Span(pos, end, Kind.ATOM, f"code {text[pos:end]}"))
    return end


def _url(text: str, pos: int, scan: _Scan) -> int | None:
    if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "/@"):
        return None
    match = _URL.match(text, pos)
    if match is None:
        return None
    url = match.group(0)
    # As GFM's autolinks do: trailing punctuation belongs to the sentence, and a
    # closing parenthesis to the URL only when the URL opened one.
    while True:
        if url[-1] in ".,:;!?\"'*_~":
            url = url[:-1]
        elif url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    if url.lower() in ("www", "www.") or url.lower().rstrip("/").endswith(":"):
        return None
    scan.spans.append(_Span(pos, pos + len(url), Kind.ATOM, f"URL {url}"))
    return pos + len(url)


def _email(text: str, pos: int, scan: _Scan) -> int | None:
    if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "._%+-"):
        return None
    match = _EMAIL.match(text, pos)
    if match is None:
        return None
    address = match.group(0).rstrip(".")
    scan.spans.append(_Span(pos, pos + len(address), Kind.ATOM, f"e-mail {address}"))
    return pos + len(address)


def _number(text: str, pos: int, scan: _Scan) -> int | None:
    if not text[pos].isdigit() or (pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_.,")):
        return None
    end = _NUMBER.match(text, pos).end()
    # "46th", "21st": a number glued to letters is a word; the engine inflects it.
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return None
    scan.spans.append(_Span(pos, end, Kind.NUMBER, f"number {text[pos:end]}"))
    return end


def _link(text: str, pos: int, scan: _Scan) -> int | None:
    """``[text](dest)``, ``![alt](src)``, ``[text][ref]``: the text stays translatable."""
    opener = 2 if text.startswith("![", pos) else 1 if text[pos] == "[" else 0
    if not opener:
        return None
    close = _matching_bracket(text, pos + opener - 1)
    tail = _link_tail(text, close + 1) if close is not None else None
    if tail is None:
        return None
    pair = scan.new_pair()
    dest = text[close + 1:tail]
    target = dest[1:-1].split()[0].strip("<>") if dest.startswith("(") and dest[1:-1].strip() else dest
    label = f"{'image' if opener == 2 else 'link'} {target}".rstrip()
    scan.spans.append(_Span(pos, pos + opener, Kind.OPEN, label, pair))
    _scan_range(text[:close], pos + opener, scan)
    scan.spans.append(_Span(close, tail, Kind.CLOSE, label, pair))
    return tail


def _matching_bracket(text: str, start: int) -> int | None:
    depth = 0
    index = start
    while index < len(text):
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "`":  # brackets inside code spans do not count
            run = _run_length(text, index, "`")
            end = text.find("`" * run, index + run)
            index = end + run if end >= 0 else index + run
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _link_tail(text: str, pos: int) -> int | None:
    """End of ``(dest "title")`` or ``[ref]`` right after a link's text."""
    if text.startswith("[", pos):
        end = text.find("]", pos)
        return end + 1 if end >= 0 and "\n" not in text[pos:end] else None
    if not text.startswith("(", pos):
        return None
    depth = 0
    index = pos
    while index < len(text) and text[index] != "\n":
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return index + 1
        index += 1
    return None


def _delimiter(text: str, pos: int, scan: _Scan) -> int | None:
    """A run of ``*`` or ``_`` that can open or close emphasis (CommonMark's flanking rules)."""
    ch = text[pos]
    if ch not in "*_":
        return None
    end = pos + _run_length(text, pos, ch)
    before = text[pos - 1] if pos > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
    right = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
    if ch == "_":  # no intraword emphasis with underscores: snake_case stays prose
        left, right = left and (not right or _is_punct(before)), right and (not left or _is_punct(after))
    if not (left or right):
        return None
    scan.spans.append(
        _Span(pos, end, Kind.ATOM, f"emphasis {text[pos:end]}", can_open=left, can_close=right)
    )
    return end


def _run_length(text: str, pos: int, ch: str) -> int:
    end = pos
    while end < len(text) and text[end] == ch:
        end += 1
    return end - pos


def _is_punct(ch: str) -> bool:
    return not ch.isalnum() and not ch.isspace()


#: Tried in order at every position; the first rule that matches wins. Code
#: spans come early because nothing inside them is markup; numbers come last
#: because digits are only a number when nothing else claims them.
RULES: tuple[tuple[str, _Rule], ...] = (
    ("token character", _pattern(_TOKEN, Kind.ATOM, lambda s: "private-use character")),
    ("hard break", _pattern(_HARD_BREAK, Kind.BREAK, lambda s: "line break")),
    ("escape", _pattern(_ESCAPE, Kind.ATOM, lambda s: f"escape {s}")),
    ("code span", _code_span),
    ("autolink", _pattern(_AUTOLINK, Kind.ATOM, lambda s: f"URL {s[1:-1]}")),
    ("HTML tag", _pattern(_HTML, Kind.ATOM, lambda s: f"HTML {s}")),
    ("link or image", _link),
    ("URL", _url),
    ("e-mail", _email),
    ("emphasis", _delimiter),
    ("number", _number),
)


#: Characters where a rule may match: markup characters and word starts (URLs,
#: e-mail addresses and numbers all begin a word).
_CANDIDATE = re.compile(r"[\\`<\[!*_ \ue000-\uf8ff]|(?<![^\W_])\w")


def _scan_range(text: str, pos: int, scan: _Scan) -> None:
    """Apply :data:`RULES` from ``pos`` to the end of ``text``."""
    while pos < len(text):
        candidate = _CANDIDATE.search(text, pos)
        if candidate is None:
            return
        pos = candidate.start()
        for _name, rule in RULES:
            resume = rule(text, pos, scan)
            if resume is not None:
                pos = resume
                break
        else:
            pos += 1


def _pair_emphasis(spans: list[_Span], scan: _Scan) -> list[_Span]:
    """Pair emphasis delimiter runs: a closer takes the nearest opener of the same run.

    Runs left without a partner stay whole atoms: a literal asterisk must survive too.
    """
    result = list(spans)
    openers: list[int] = []
    for index, span in enumerate(spans):
        if not (span.can_open or span.can_close):
            continue
        run = span.label
        match = next((i for i in reversed(openers) if result[i].label == run), None) if span.can_close else None
        if match is not None:
            del openers[openers.index(match):]
            pair = scan.new_pair()
            opener = result[match]
            result[match] = _Span(opener.start, opener.end, Kind.OPEN, opener.label, pair)
            result[index] = _Span(span.start, span.end, Kind.CLOSE, span.label, pair)
        elif span.can_open:
            openers.append(index)
    return result


def markup_spans(text: str) -> list[_Span]:
    """Every piece of markup in ``text``, in order, with pairs numbered."""
    scan = _Scan()
    _scan_range(text, 0, scan)
    return _pair_emphasis(sorted(scan.spans, key=lambda s: s.start), scan)


# --- protect ------------------------------------------------------------------

def protect(text: str, *, fixed: Sequence[FixedSpan] = ()) -> Protected:
    """Replace markup, URLs, e-mail addresses, numbers and ``fixed`` spans by tokens.

    A fixed span that overlaps markup (other than a number inside it) or an
    earlier fixed span is ignored: markup must survive, and the first term wins.

    >>> p = protect("The **ILO** was founded in 1919.")
    >>> [ph.label for ph in p.placeholders]
    ['emphasis **', 'emphasis **', 'number 1919']
    """
    spans = markup_spans(text)
    terms = _accepted_terms(text, spans, fixed)
    if terms:
        spans = [s for s in spans if not any(t.start <= s.start and s.end <= t.end for t in terms)]
        spans += [_Span(t.start, t.end, Kind.TERM, t.label) for t in terms]
        spans.sort(key=lambda s: s.start)
    replacement = {(t.start, t.end): t.replacement for t in terms}
    first_half: dict[int, int] = {}
    partners: dict[int, int] = {}
    for index, span in enumerate(spans):
        if span.pair is not None:
            if span.pair in first_half:
                partners[index] = first_half[span.pair]
                partners[first_half[span.pair]] = index
            else:
                first_half[span.pair] = index
    placeholders = []
    pieces = []
    pos = 0
    for index, span in enumerate(spans):
        source = text[span.start:span.end]
        placeholders.append(
            Placeholder(
                token=token(index),
                kind=span.kind,
                source=source,
                replacement=replacement.get((span.start, span.end), source),
                label=span.label,
                partner=partners.get(index),
            )
        )
        pieces += [text[pos:span.start], token(index)]
        pos = span.end
    pieces.append(text[pos:])
    return Protected(source=text, text="".join(pieces), placeholders=tuple(placeholders))


def _accepted_terms(text: str, spans: list[_Span], fixed: Sequence[FixedSpan]) -> list[FixedSpan]:
    accepted: list[FixedSpan] = []
    for term in sorted(fixed, key=lambda t: (t.start, t.start - t.end)):
        if not 0 <= term.start < term.end <= len(text):
            continue
        if any(term.start < a.end and a.start < term.end for a in accepted):
            continue
        if not any(_clashes(term, s) for s in spans):
            accepted.append(term)
    return accepted


def _clashes(term: FixedSpan, span: _Span) -> bool:
    overlaps = span.start < term.end and term.start < span.end
    inside = term.start <= span.start and span.end <= term.end
    return overlaps and not (span.kind is Kind.NUMBER and inside)


# --- restore ------------------------------------------------------------------

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
    for match in _TOKEN.finditer(output):
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
        if not _TOKEN.match(ch):
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
        if ph.kind is Kind.TERM:
            if _at_sentence_start("".join(out)):
                value = value[:1].upper() + value[1:]
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
