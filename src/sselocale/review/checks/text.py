"""Checks on the translation as prose: left unchanged, whitespace, final punctuation, brackets.

Warnings for a reviewer: each may be right in some language, and a PO flag
silences it on one entry.
"""

from __future__ import annotations

import html
import re

from .analysis import Pair, listing
from .base import Severity, check

#: A source of at least this many words left as it is was probably not translated.
LONG_SOURCE_WORDS = 5
#: What no translator translates: raw code elements, HTML tags and entities, reference labels
#: (``[label]``, ``[label][]``, ``[text][label]``), wiki links' targets and embeds.
_NOT_PROSE = re.compile(
    r"<(code|kbd|samp)\b[^>]*>.*?</\1>|<[^<>]*>|&#?\w+;|\]\[[^\]]*\]"
    r"|!\[\[[^\[\]\n]*\]\]|\[\[[^\[\]|\n]*(?:\||\]\])|\[[^\[\]]*\](?:\[\])?(?![(\[])", re.S | re.I)


@check("unchanged", Severity.WARNING)
def unchanged(pair: Pair) -> str | None:
    """The translation is a long source text unchanged: probably left untranslated."""
    if pair.target.strip() != pair.source.strip():
        return None
    words = sum(1 for w in _NOT_PROSE.sub(" ", pair.src.prose).split() if any(c.isalpha() for c in w))
    if words < LONG_SOURCE_WORDS:
        return None
    return f"translation is identical to the source ({words} words)"


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped):]


@check("whitespace", Severity.WARNING, after=("po-invalid", "blank"))
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
#: A final abbreviation whose dot ends no sentence: Russian "г." / "гг." after a year.
_ABBREVIATED_END = re.compile(r"\d[\s\u00a0\u202f]*гг?\.$")
#: Entities among the closing characters of a text: ``&lt;type&gt;**``.
_ENTITY_END = re.compile(r"(?<!\\)&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});(?=[*_`)\]}»”’\"'\s]*$)")
#: A link's destination and title at the end of a text.
_LINK_END = re.compile(r"\]\((?:[^()]|\([^()]*\))*\)$")
_FINAL = {".": ".", "…": "…", "!": "!", "?": "?", ":": ":", ";": ";", "؟": "?", "。": ".", "！": "!", "？": "?"}


def final_punctuation(text: str) -> str:
    """The sentence-final mark of ``text`` (``.``, ``…``, ``!``, ``?``, ``:``, ``;``), or ``""``."""
    text = _ENTITY_END.sub(lambda m: html.unescape(m.group(0)), text)  # "&gt;" ends with ">", not ";"
    body = _LINK_END.sub("]", text.rstrip(" \t\n"))  # a link title's "!" ends no sentence
    body = body.rstrip(_CLOSERS.replace("`", ""))
    if body.endswith("`"):
        return ""  # a code span's last character is code, not a sentence's end
    body = body.rstrip(_CLOSERS)
    if body.endswith("..."):
        return "…"
    return _FINAL.get(body[-1:], "")


@check("end-punctuation", Severity.WARNING, after=("unsafe-html", "blank"))
def end_punctuation(pair: Pair) -> str | None:
    """The final punctuation differs from the source (. : ! ? …)."""
    source, target = final_punctuation(pair.source), final_punctuation(pair.target)
    if source == target:
        return None
    if not source and target == "." and _ABBREVIATED_END.search(pair.target.rstrip(_CLOSERS)):
        return None  # "декабрь 2023 г.": the dot is the abbreviation's, not a sentence's
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
    return f"unbalanced in the translation: {listing(target)}" if target else None
