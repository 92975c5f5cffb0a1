"""The glossary at work: terms protected during MT, and hints in PO comments.

:func:`protections` decides, for one source text and one target language, which
words the engine must not see and what goes in their place. :func:`hints` gives
translators the ``#. glossary: decent work → travail décent`` lines. Both are
pure; :func:`sselocale.mt.terms.term_spans` binds them to a project for the translation stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .concept import PartOfSpeech, Policy
from .matching import Match
from .model import Glossary

#: Start of every PO comment line the glossary writes (``catalogs.DERIVED_PREFIXES``).
HINT_PREFIX = "glossary:"
#: Languages whose nouns and adjectives take case endings: an inserted term stays
#: in the nominative, so the reviewer is asked to make it agree.
DECLINING = frozenset({"ru", "uk", "be", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "fi", "et", "hu"})
_DECLINABLE = (PartOfSpeech.NOUN, PartOfSpeech.PROPER_NOUN, PartOfSpeech.ADJECTIVE)
_AGREEMENT = "nominative; check case agreement"
_OPENERS = " \t\n*_[(\"'“‘«¿¡"
_SENTENCE_END = (".", "!", "?", "…")


@dataclass(frozen=True, slots=True)
class Protection:
    """Source words to hide from the engine, and the target form to put back."""

    start: int
    end: int
    replacement: str
    label: str
    """How reports and comments name it: ``decent work → travail décent``."""
    match: Match


def protections(glossary: Glossary, text: str, lang: str, *, every_policy: bool = False) -> list[Protection]:
    """What to protect in ``text`` when translating into ``lang``.

    ``translate`` terms become their target form, in the plural when the source
    was plural, in capitals when the source was written in capitals, and with a
    capital at the start of a sentence; ``keep`` terms stay as written;
    ``check-only`` terms are left to the engine, unless ``every_policy`` (an
    engine that is no translator, such as pseudo-localisation, gets every term
    a reviewer would expect).

    >>> from sselocale.glossary.concept import Concept, Term
    >>> g = Glossary("en", ("fr",), (Concept("coop", {"en": Term("cooperative", "cooperatives"),
    ...     "fr": Term("coopérative", "coopératives")}),))
    >>> [p.replacement for p in protections(g, "Cooperatives grow.", "fr")]
    ['Coopératives']
    """
    out = []
    for match in glossary.find(text):
        policy = match.concept.policy
        if policy is Policy.CHECK_ONLY and not every_policy:
            continue
        if policy is Policy.KEEP:
            replacement = match.text
        else:
            replacement = adapt_case(target_form(match, lang), match, text)
        out.append(Protection(match.start, match.end, replacement, _label(match, lang), match))
    return out


def target_form(match: Match, lang: str) -> str:
    """The glossary's ``lang`` form for a match: plural for a plural source."""
    term = match.concept.term(lang)
    return term.plural if match.plural and term.plural else term.text


def adapt_case(form: str, match: Match, text: str) -> str:
    """``form`` with the capitalisation the matched source words call for."""
    letters = [ch for ch in match.text if ch.isalpha()]
    glossary_caps = not any(ch.islower() for ch in match.form)
    if len(letters) > 1 and all(ch.isupper() for ch in letters) and not glossary_caps:
        return form.upper()  # a heading in capitals stays in capitals
    if match.text[:1].isupper() and not match.form[:1].isupper() and _sentence_start(text, match.start):
        return form[:1].upper() + form[1:]
    return form


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(_OPENERS)
    return not before or before.endswith(_SENTENCE_END)


def hint_line(match: Match, lang: str) -> str:
    """The PO comment line for one glossary term: ``glossary: decent work → travail décent``.

    The term note follows in parentheses; Russian (and other declining
    languages) get a reminder that the term is given in the nominative.
    """
    concept = match.concept
    term = concept.term(lang)
    extras = []
    if concept.policy is Policy.KEEP:
        extras.append("do not translate")
    elif _declines(match, lang):
        extras.append(_AGREEMENT)
    if term.note:
        extras.append(term.note)
    tail = f" ({'; '.join(extras)})" if extras else ""
    return f"{HINT_PREFIX} {match.form} → {target_form(match, lang)}{tail}"


def _declines(match: Match, lang: str) -> bool:
    """Whether the inserted term may need another case ending (acronyms never do)."""
    form = target_form(match, lang)
    return (
        lang.split("-")[0] in DECLINING
        and match.concept.pos in _DECLINABLE
        and any(ch.islower() for ch in form)
    )


def hints(glossary: Glossary, text: str, lang: str) -> list[str]:
    """One :func:`hint_line` per concept found in ``text``, in order of first occurrence."""
    lines: list[str] = []
    seen: set[str] = set()
    for match in glossary.find(text):
        if match.concept.id not in seen:
            seen.add(match.concept.id)
            lines.append(hint_line(match, lang))
    return lines


def _label(match: Match, lang: str) -> str:
    return hint_line(match, lang).removeprefix(HINT_PREFIX).strip()


def project_glossary(project: Any) -> Glossary | None:
    """The project's glossary, checked against its languages; None when there is no file."""
    from .store import load_glossary

    path = project.config.paths.glossary
    if not path.is_file():
        return None
    return load_glossary(path, languages=project.config.languages)


def annotator(project: Any) -> Callable[[str, str], list[str]] | None:
    """``annotate(lang, msgid) -> comment lines`` for ``update``, or None without a glossary.

    The lines read ``glossary: decent work → travail décent``, one per glossary
    term found in the msgid.
    """
    loaded = project_glossary(project)
    if loaded is None:
        return None

    def annotate(lang: str, msgid: str) -> list[str]:
        return hints(loaded, msgid, lang)

    return annotate
