"""Units as inline HTML for Apertium, and Apertium's HTML back to text with tokens.

Paired markup goes as ``<b id=N>…</b>``, numbers as ``<span id=N>`` around
their digits, anything else as a span around a stand-in word ``xNx``. Apertium
keeps a tag where its words were, but may move words across it: a number's
digits out of their span ("em 403 <span/>"), or a translated word into it
("<span>hace</span> 3 días"); :func:`from_html` puts the token back where the
number went and keeps the word.
"""

from __future__ import annotations

import html
import re

from ..placeholders import Kind, Protected, token


def to_html(unit: Protected, *, words: bool = False) -> str:
    """The unit as inline HTML that Apertium carries markup through.

    With ``words``, glossary terms go as their source words inside their span,
    so that Apertium makes the words around them agree; the caller then checks
    that each span still holds the term (:func:`.apertium.attached`).
    """
    nested = _well_nested(unit)
    out: list[str] = []
    for ch in unit.text:
        ph = unit.placeholder(ch)
        if ph is None:
            out.append(html.escape(ch, quote=False))
            continue
        index = ord(ch) - ord(token(0))
        if ph.kind is Kind.OPEN and index in nested:
            out.append(f'<b id="{index}">')
        elif ph.kind is Kind.CLOSE and index in nested:
            out.append("</b>")
        elif ph.kind is Kind.BREAK:
            out.append(f'<br id="{index}">')
        elif ph.kind is Kind.NUMBER or (words and ph.kind is Kind.TERM):
            out.append(f'<span id="{index}">{html.escape(ph.source, quote=False)}</span>')
        else:
            out.append(f'<span id="{index}">x{index}x</span>')
    return "".join(out)


def _well_nested(unit: Protected) -> set[int]:
    """Indices of pair halves that nest properly, so they can be HTML elements."""
    stack: list[int] = []
    good: set[int] = set()
    for ch in unit.text:
        ph = unit.placeholder(ch)
        if ph is None or ph.partner is None:
            continue
        index = ord(ch) - ord(token(0))
        if ph.kind is Kind.OPEN:
            stack.append(index)
        elif stack and stack[-1] == ph.partner:
            good |= {stack.pop(), index}
        elif ph.partner in stack:
            del stack[stack.index(ph.partner):]
    return good


_TAG = re.compile(r"<(/?)([a-zA-Z]+)([^>]*)>")
_ID = re.compile(r'id="(\d+)"')


def from_html(text: str, unit: Protected) -> str:
    """Apertium's HTML output back to text with tokens."""
    out: list[str] = []
    open_ids: list[int] = []
    skipping = False
    span: tuple[int, int] | None = None  # the open span's index and where its content starts
    pos = 0
    for match in _TAG.finditer(text):
        if not skipping:
            out.append(html.unescape(text[pos:match.start()]))
        pos = match.end()
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        found = _ID.search(attrs)
        index = int(found.group(1)) if found else None
        if name == "b" and not closing and index is not None:
            open_ids.append(index)
            out.append(token(index))
        elif name == "b" and closing and open_ids:
            partner = unit.placeholders[open_ids.pop()].partner
            if partner is not None:
                out.append(token(partner))
        elif name == "span" and not closing and index is not None:
            out.append(token(index))
            skipping = True
            span = (index, match.end())
        elif name == "span" and closing:
            skipping = False
            if span is not None:
                ph = unit.placeholders[span[0]]
                held = html.unescape(text[span[1]:match.start()]).strip()
                if not held or ph.kind is not Kind.TERM:
                    pos = _take_leaked(out, text, pos, (ph.source, f"x{span[0]}x"), held)
            span = None
        elif name == "br" and index is not None:
            out.append(token(index))
    if not skipping:
        out.append(html.unescape(text[pos:]))
    return "".join(out)


def _take_leaked(out: list[str], text: str, pos: int, copies: tuple[str, ...], held: str) -> int:
    """Where Apertium moved a span's content beside it, the token goes there.

    ``out`` ends with the span's token; ``held`` is what the span came back
    holding. Beside an emptied span the copy is dropped ("em 403 <span/>");
    beside one holding something else, the token takes the copy's place and
    the held words stay as text ("<span>hace</span> 3" → "hace 403").
    Returns where reading goes on.
    """
    if held in copies:
        return pos
    before = out[-2] if len(out) >= 2 else ""
    for copy in copies:
        kept = before.rstrip()
        if kept.endswith(copy) and not kept[:-len(copy)][-1:].isalnum():
            if held:  # the token where the copy was, the held words where the token was
                out[-2:] = [kept[: -len(copy)] + out[-1] + before[len(kept):], held]
            else:
                out[-2] = kept[: -len(copy)]
            return pos
        after = re.match(r"(\s*)" + re.escape(html.escape(copy, quote=False)) + r"(?!\w)", text[pos:])
        if after:
            if held:
                out[-1:] = [held, after.group(1), out[-1]]
            return pos + after.end()
    return pos
