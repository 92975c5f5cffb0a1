"""TBX (ISO 30042), the terminology exchange format of CAT tools, read and written.

Export writes TBX-Basic in the ``martif`` form that Translate Toolkit, Weblate
and CAT tools read: one ``termEntry`` per concept, one ``langSet`` per language,
one ``tig`` per form. Import also reads the 2019 form (``tbx`` / ``conceptEntry``
/ ``langSec`` / ``termSec``). Everything in the YAML file has a place in the TBX
file, so YAML → TBX → YAML gives the same glossary:

========================  ====================================================
YAML                      TBX
========================  ====================================================
``id``                    ``termEntry/@id``
``definition``, ``note``  ``descrip[@type="definition"]``, ``note``
``policy``                ``admin[@type="x-policy"]``; ``keep`` also as
                          ``descrip[@type="Translation needed"]`` = ``no``
                          (Translate Toolkit) and ``termNote[@type=
                          "translationNote"]`` = ``no`` (Weblate)
``pos``                   ``termNote[@type="partOfSpeech"]`` of every term
``term``                  ``tig`` with ``administrativeStatus`` preferred
``plural``                ``tig`` with ``grammaticalNumber`` plural
``variants``              ``tig`` with ``administrativeStatus`` admitted
term ``note``             ``note`` in the preferred ``tig``
========================  ====================================================

TBX is parsed by :mod:`.safexml`, which refuses entity declarations and
external references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ... import __version__
from ...errors import GlossaryError, brief
from ..concept import Concept, PartOfSpeech, Policy, Term
from ..model import Glossary
from .common import Imported, Incoming, lang_code
from .safexml import parse_xml

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_POS_TO_TBX = {PartOfSpeech.PROPER_NOUN: "properNoun"}
_POS_FROM_TBX = {"propernoun": PartOfSpeech.PROPER_NOUN, "adj": PartOfSpeech.ADJECTIVE}
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_REJECTED = ("deprecated", "superseded", "obsolete", "forbidden")


# -- reading -----------------------------------------------------------------


def parse_tbx(data: bytes, *, path: Path, source: str, known: Sequence[str]) -> Imported:
    """Concepts of a TBX document (2008 ``martif`` or 2019 ``tbx`` form)."""
    root, lines = parse_xml(data, path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(
            f"not a TBX file: the root element is <{_local(root.tag)}>",
            path=path, line=lines.get(root), hint="TBX files start with <martif> or <tbx>",
        )
    file_source = lang_code(root.get(_XML_LANG) or source, path, lines.get(root), known)
    if file_source != source:
        raise GlossaryError(
            f"the file's source language is {brief(file_source)}, the glossary's is {brief(source)}",
            path=path, line=lines.get(root),
        )
    seen_langs: dict[str, None] = {source: None}
    concepts = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        concepts.append(_tbx_entry(entry, lines, path, known, seen_langs))
    return Imported(path, source, tuple(seen_langs), tuple(concepts))


def _tbx_entry(entry: Any, lines: dict, path: Path, known: Sequence[str], seen: dict) -> Incoming:
    line = lines.get(entry)
    definition = note = None
    policy = None
    untranslatable = False
    terms: dict[str, Term] = {}
    pos: PartOfSpeech | None = None
    for child in _flatten_groups(entry):
        tag, kind = _local(child.tag), child.get("type", "")
        text = _text(child)
        if tag == "descrip" and kind == "definition":
            definition = text
        elif tag == "descrip" and kind.lower() == "translation needed":
            untranslatable = text.lower() == "no"
        elif tag == "note":
            note = text
        elif tag == "admin" and kind == "x-policy":
            try:
                policy = Policy(text)
            except ValueError:
                raise GlossaryError(
                    f"unknown policy {brief(text)}", path=path, line=lines.get(child),
                    hint=f"one of: {', '.join(p.value for p in Policy)}",
                ) from None
        elif tag in ("langSet", "langSec"):
            lang = lang_code(child.get(_XML_LANG, ""), path, lines.get(child), known)
            if lang in terms:
                raise GlossaryError(
                    f"two language sections for {brief(lang)} in one entry",
                    path=path, line=lines.get(child),
                )
            term, term_pos, keep = _tbx_language(child)
            untranslatable = untranslatable or keep
            if term is not None:
                terms[lang] = term
                seen.setdefault(lang, None)
                pos = pos or term_pos
    if policy is None and untranslatable:
        policy = Policy.KEEP
    return Incoming(terms, entry.get("id"), policy, pos, definition, note, line)


def _flatten_groups(node: Any) -> Iterable[Any]:
    """Children of ``node``, with ``descripGrp`` and ``adminGrp`` opened up."""
    for child in node:
        if _local(child.tag) in ("descripGrp", "adminGrp"):
            yield from child
        else:
            yield child


def _tbx_language(section: Any) -> tuple[Term | None, PartOfSpeech | None, bool]:
    """The term of one ``langSet``, its part of speech, and whether it is marked untranslatable."""
    preferred: list[tuple[str, str]] = []  # (text, note)
    plurals: list[str] = []
    variants: list[str] = []
    notes = [_text(n) for n in section if _local(n.tag) == "note"]
    pos = None
    keep = False
    for group in section:
        if _local(group.tag) not in ("tig", "ntig", "termSec"):
            continue
        term_text = ""
        status = number = ""
        group_notes = []
        for node in group.iter():
            tag, kind = _local(node.tag), node.get("type", "")
            if tag == "term":
                term_text = " ".join(_text(node).split())
            elif tag == "termNote" and kind == "administrativeStatus":
                status = _text(node)
            elif tag == "termNote" and kind == "grammaticalNumber":
                number = _text(node).lower()
            elif tag == "termNote" and kind == "partOfSpeech":
                pos = pos or _pos(_text(node))
            elif tag == "termNote" and kind == "translationNote":
                keep = keep or _text(node).lower() == "no"
            elif tag == "note":
                group_notes.append(_text(node))
        if not term_text or status.lower().startswith(_REJECTED):
            continue
        admitted = bool(status) and not status.lower().startswith("preferred")
        if admitted:
            variants.append(term_text)
        elif number == "plural":
            plurals.append(term_text)
        else:
            preferred.append((term_text, " ".join(group_notes)))
    if not preferred and not plurals and not variants:
        return None, pos, keep
    if preferred:
        text, note = preferred[0]
        variants = [t for t, _ in preferred[1:]] + variants
    else:  # only variants or plurals given: promote the first
        text, note = (plurals or variants)[0], ""
        (plurals if plurals else variants).pop(0)
    plural = plurals[0] if plurals else None
    variants = list(dict.fromkeys(plurals[1:] + variants))
    note = note or " ".join(notes)
    return Term(text, plural, tuple(variants), note), pos, keep


def _pos(value: str) -> PartOfSpeech:
    """A TBX part of speech; values outside TBX-Basic's list count as ``other``."""
    key = value.strip().lower()
    if key in _POS_FROM_TBX:
        return _POS_FROM_TBX[key]
    try:
        return PartOfSpeech(key)
    except ValueError:
        return PartOfSpeech.OTHER


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


# -- writing -----------------------------------------------------------------


def to_tbx(glossary: Glossary, *, title: str = "SSE terminology glossary") -> str:
    """The glossary as a TBX-Basic document (``martif``)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<martif type="TBX-Basic" xml:lang={quoteattr(glossary.source)}>',
        "  <martifHeader>",
        "    <fileDesc>",
        f"      <titleStmt><title>{escape(title)}</title></titleStmt>",
        f"      <sourceDesc><p>sselocale {escape(__version__)}</p></sourceDesc>",
        "    </fileDesc>",
        '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
        "  </martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for concept in glossary.concepts:
        out.extend(_tbx_concept(concept, glossary.all_languages))
    out += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(out)


#: Characters XML 1.0 cannot carry (control characters but tab and newlines, U+FFFE, U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _refuse_non_xml(concept: Concept) -> None:
    """A TBX file must be well-formed XML: refuse text it cannot carry, naming the concept."""
    texts = [concept.definition, concept.note]
    for term in concept.terms.values():
        texts += [term.text, term.plural or "", term.note, *term.variants]
    for text in texts:
        bad = _NOT_XML.search(text or "")
        if bad:
            raise GlossaryError(
                f"concept {concept.id!r}: character U+{ord(bad.group()):04X} cannot be written to TBX (XML 1.0)",
                hint="remove the control character from the glossary",
            )


def _tbx_concept(concept: Concept, langs: Sequence[str]) -> list[str]:
    _refuse_non_xml(concept)
    ind = " " * 6
    out = [f"{ind}<termEntry id={quoteattr(concept.id)}>"]
    if concept.definition:
        out.append(f'{ind}  <descrip type="definition">{escape(concept.definition)}</descrip>')
    if concept.policy is Policy.KEEP:
        out.append(f'{ind}  <descrip type="Translation needed">no</descrip>')
    if concept.note:
        out.append(f"{ind}  <note>{escape(concept.note)}</note>")
    out.append(f'{ind}  <admin type="x-policy">{concept.policy.value}</admin>')
    pos = _POS_TO_TBX.get(concept.pos, concept.pos.value)
    for lang in langs:
        term = concept.terms.get(lang)
        if term is None:
            continue
        out.append(f"{ind}  <langSet xml:lang={quoteattr(lang)}>")
        forms = [(term.text, _PREFERRED, "singular" if term.plural else "", term.note)]
        if term.plural:
            forms.append((term.plural, _PREFERRED, "plural", ""))
        forms += [(v, _ADMITTED, "", "") for v in term.variants]
        for text, status, number, note in forms:
            out.append(f"{ind}    <tig>")
            out.append(f"{ind}      <term>{escape(text)}</term>")
            out.append(f'{ind}      <termNote type="partOfSpeech">{pos}</termNote>')
            out.append(f'{ind}      <termNote type="administrativeStatus">{status}</termNote>')
            if number:
                out.append(f'{ind}      <termNote type="grammaticalNumber">{number}</termNote>')
            if concept.policy is Policy.KEEP and status == _PREFERRED:
                out.append(f'{ind}      <termNote type="translationNote">no</termNote>')
            if note:
                out.append(f"{ind}      <note>{escape(note)}</note>")
            out.append(f"{ind}    </tig>")
        out.append(f"{ind}  </langSet>")
    out.append(f"{ind}</termEntry>")
    return out
