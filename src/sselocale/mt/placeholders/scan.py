"""Find inline Markdown, URLs, e-mail addresses and numbers in a unit.

Each rule is a small function tried at every candidate position (see
:class:`~.spans.Scan`); :data:`RULES` is their order, which is the whole of
the precedence between them. :func:`markup_spans` is the entry point.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...source.variables import VARIABLE
from .spans import Rule, Scan, Span, pair_emphasis
from .tokens import TOKEN_PATTERN, Kind

_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)(?=\n)")
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>"
)
_HTML = re.compile(
    r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*"
    # Attribute names as HTML reads them, so that ``@click`` and ``v-on:click`` (Vue) are kept too.
    r"(?:\s+[^\s\"'<>/=`]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.S,
)
#: An HTML entity or numeric character reference: ``&mdash;``, ``&#8212;``, ``&#x2014;``.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
#: Raw inline HTML whose text is code, not prose: kept whole with its tags.
_RAW_CODE = re.compile(r"<(code|kbd|samp)(?:\s[^<>]*)?>.*?</\1\s*>", re.S | re.I)
#: Site syntax in running text: Hugo shortcodes, Liquid tags and output, heading anchors and
#: attribute lists (``{{< ref "x" >}}``, ``{% link a.md %}``, ``{{ site.title }}``, ``{#id}``, ``{: .note}``).
_SITE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{.*?\}\}|\{%.*?%\}|\{#[\w.:-]+\}|\{:[^{}\n]*\}", re.S)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\ue000-\uf8ff]+", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _pattern(pattern: re.Pattern[str], kind: Kind, label: Callable[[str], str]) -> Rule:
    def rule(text: str, pos: int, scan: Scan) -> int | None:
        match = pattern.match(text, pos)
        if match is None or match.end() == pos:
            return None
        scan.spans.append(Span(pos, match.end(), kind, label(match.group(0))))
        return match.end()

    return rule


def _code_span(text: str, pos: int, scan: Scan) -> int | None:
    if text[pos] != "`":
        return None
    run = _run_length(text, pos, "`")
    fence = text[pos:pos + run]
    match = re.compile(rf"(?<!`){fence}(?!`)").search(text, pos + run)
    # An unmatched backtick run is literal text, but still not the engine's to move.
    end = match.end() if match else pos + run
    scan.spans.append(Span(pos, end, Kind.ATOM, f"code {text[pos:end]}"))
    return end


def _url(text: str, pos: int, scan: Scan) -> int | None:
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
    scan.spans.append(Span(pos, pos + len(url), Kind.ATOM, f"URL {url}"))
    return pos + len(url)


def _email(text: str, pos: int, scan: Scan) -> int | None:
    if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "._%+-"):
        return None
    match = _EMAIL.match(text, pos)
    if match is None:
        return None
    address = match.group(0).rstrip(".")
    scan.spans.append(Span(pos, pos + len(address), Kind.ATOM, f"e-mail {address}"))
    return pos + len(address)


def _number(text: str, pos: int, scan: Scan) -> int | None:
    if not text[pos].isdigit() or (pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_.,")):
        return None
    end = _NUMBER.match(text, pos).end()
    # "46th", "21st": a number glued to letters is a word; the engine inflects it.
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return None
    scan.spans.append(Span(pos, end, Kind.NUMBER, f"number {text[pos:end]}"))
    return end


def _link(text: str, pos: int, scan: Scan) -> int | None:
    """``[text](dest)``, ``![alt](src)``, ``[text][ref]``: the text stays translatable.

    A shortcut or collapsed reference (``[label]``, ``[label][]``) and a footnote
    reference (``[^note]``) are kept whole: their text is the label that finds
    the definition, and a translated label would find none.
    """
    opener = 2 if text.startswith("![", pos) else 1 if text[pos] == "[" else 0
    if not opener:
        return None
    close = _matching_bracket(text, pos + opener - 1)
    if close is None:
        return None
    tail = _link_tail(text, close + 1)
    collapsed = tail == close + 3 and text.startswith("[]", close + 1)
    # ``[^text](url)`` is a link (the link rule reads it before the footnote rule).
    footnote = text.startswith("[^", pos) and not text.startswith("(", close + 1)
    if tail is None or collapsed or footnote:
        end = tail if collapsed else close + 1
        label = "footnote" if footnote else "reference"
        scan.spans.append(Span(pos, end, Kind.ATOM, f"{label} {text[pos:end]}"))
        return end
    pair = scan.new_pair()
    dest = text[close + 1:tail]
    target = dest[1:-1].split()[0].strip("<>") if dest.startswith("(") and dest[1:-1].strip() else dest
    label = f"{'image' if opener == 2 else 'link'} {target}".rstrip()
    scan.spans.append(Span(pos, pos + opener, Kind.OPEN, label, pair))
    scan.run(text[:close], pos + opener)
    scan.spans.append(Span(close, tail, Kind.CLOSE, label, pair))
    return tail


#: A wiki link (Obsidian, Foam, Quartz, MediaWiki): ``[[Page#Heading|shown text]]``; an embed ``![[…]]``.
_WIKI = re.compile(r"(!?)\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]")


def _wiki_link(text: str, pos: int, scan: Scan) -> int | None:
    """A wiki link's shown text is translated; its target, and an embed or a bare link, are kept whole."""
    match = _WIKI.match(text, pos)
    if match is None:
        return None
    shown = match.group(3)
    if match.group(1) or shown is None or not shown.strip():
        scan.spans.append(Span(pos, match.end(), Kind.ATOM, f"wiki link {match.group(0)}"))
        return match.end()
    pair = scan.new_pair()
    label = f"link [[{match.group(2)}]]"
    scan.spans.append(Span(pos, match.start(3), Kind.OPEN, label, pair))
    scan.run(text[:match.end(3)], match.start(3))
    scan.spans.append(Span(match.end(3), match.end(), Kind.CLOSE, label, pair))
    return match.end()


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


def _delimiter(text: str, pos: int, scan: Scan) -> int | None:
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
        Span(pos, end, Kind.ATOM, f"emphasis {text[pos:end]}", can_open=left, can_close=right)
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
RULES: tuple[tuple[str, Rule], ...] = (
    ("token character", _pattern(TOKEN_PATTERN, Kind.ATOM, lambda s: "private-use character")),
    ("hard break", _pattern(_HARD_BREAK, Kind.BREAK, lambda s: "line break")),
    ("escape", _pattern(_ESCAPE, Kind.ATOM, lambda s: f"escape {s}")),
    ("code span", _code_span),
    ("autolink", _pattern(_AUTOLINK, Kind.ATOM, lambda s: f"URL {s[1:-1]}")),
    ("site syntax", _pattern(_SITE, Kind.ATOM, lambda s: f"site syntax {s}")),
    ("variable", _pattern(VARIABLE, Kind.ATOM, lambda s: f"variable {s}")),
    ("raw HTML code", _pattern(_RAW_CODE, Kind.ATOM, lambda s: f"HTML {s}")),
    ("HTML tag", _pattern(_HTML, Kind.ATOM, lambda s: f"HTML {s}")),
    ("entity", _pattern(_ENTITY, Kind.ATOM, lambda s: f"entity {s}")),
    ("wiki link", _wiki_link),
    ("link or image", _link),
    ("URL", _url),
    ("e-mail", _email),
    ("emphasis", _delimiter),
    ("number", _number),
)


#: Characters where a rule may match: markup characters and word starts (URLs,
#: e-mail addresses and numbers all begin a word).
_CANDIDATE = re.compile(r"[\\`<\[!*_&{$% \ue000-\uf8ff]|(?<![^\W_])\w")


def markup_spans(text: str) -> list[Span]:
    """Every piece of markup in ``text``, in order, with pairs numbered."""
    scan = Scan(RULES, _CANDIDATE)
    scan.run(text, 0)
    return pair_emphasis(sorted(scan.spans, key=lambda s: s.start), scan)
