"""Exchange formats: TBX (ISO 30042) and CSV, so terminologists can work elsewhere.

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

TBX is parsed with defusedxml, which refuses entity declarations and external
references. Imports are all or nothing: the whole file is read and checked
before the glossary is touched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..errors import GlossaryError
from .model import (
    VARIANT_SEPARATOR,
    Concept,
    Glossary,
    PartOfSpeech,
    Policy,
    Term,
    slug_id,
)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_POS_TO_TBX = {PartOfSpeech.PROPER_NOUN: "properNoun"}
_POS_FROM_TBX = {"propernoun": PartOfSpeech.PROPER_NOUN, "adj": PartOfSpeech.ADJECTIVE}
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_REJECTED = ("deprecated", "superseded", "obsolete", "forbidden")
_CSV_FIXED = ("id", "pos", "policy", "definition", "note")
_CSV_TERM_FIELDS = ("", "plural", "variants", "note")


class Format(str, Enum):
    """Exchange file formats, chosen by ``--format`` or the file extension."""

    TBX = "tbx"
    CSV = "csv"

    @classmethod
    def of(cls, path: Path, given: str | None = None) -> "Format":
        name = (given or Path(path).suffix.lstrip(".")).lower()
        try:
            return cls(name)
        except ValueError:
            raise GlossaryError(
                f"unknown exchange format {name or '(no extension)'!r}",
                path=path,
                hint="use a .tbx or .csv file, or --format tbx|csv",
            ) from None


@dataclass(frozen=True, slots=True)
class Incoming:
    """One concept as read from an exchange file; None means "not in the file"."""

    terms: dict[str, Term]
    id: str | None = None
    policy: Policy | None = None
    pos: PartOfSpeech | None = None
    definition: str | None = None
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Imported:
    """An exchange file's content, before it is merged into a glossary."""

    path: Path
    source: str
    languages: tuple[str, ...]
    """Every language the file has terms in, source first."""
    concepts: tuple[Incoming, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The merged glossary, and what the import changed."""

    glossary: Glossary
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = field(default=())


# -- reading -----------------------------------------------------------------


def read_exchange(
    path: Path | str, *, fmt: str | None = None, source: str, languages: Sequence[str]
) -> Imported:
    """Read a TBX or CSV file; ``languages`` are those the project knows.

    A file that is not well formed, refuses to parse safely, or has terms in
    other languages raises :class:`GlossaryError` naming the file and line.
    """
    path = Path(path)
    kind = Format.of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read file: {exc.strerror}", path=path) from exc
    known = (source, *[lang for lang in languages if lang != source])
    if kind is Format.TBX:
        return parse_tbx(data, path=path, source=source, known=known)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError("CSV file is not valid UTF-8", path=path, line=line) from exc
    return parse_csv(text, path=path, source=source, known=known)


def parse_tbx(data: bytes, *, path: Path, source: str, known: Sequence[str]) -> Imported:
    """Concepts of a TBX document (2008 ``martif`` or 2019 ``tbx`` form)."""
    root, lines = _parse_xml(data, path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(
            f"not a TBX file: the root element is <{_local(root.tag)}>",
            path=path, line=lines.get(root), hint="TBX files start with <martif> or <tbx>",
        )
    file_source = _lang_code(root.get(_XML_LANG) or source, path, lines.get(root), known)
    if file_source != source:
        raise GlossaryError(
            f"the file's source language is {file_source!r}, the glossary's is {source!r}",
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
                    f"unknown policy {text!r}", path=path, line=lines.get(child),
                    hint=f"one of: {', '.join(p.value for p in Policy)}",
                ) from None
        elif tag in ("langSet", "langSec"):
            lang = _lang_code(child.get(_XML_LANG, ""), path, lines.get(child), known)
            if lang in terms:
                raise GlossaryError(
                    f"two language sections for {lang!r} in one entry",
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


def _parse_xml(data: bytes, path: Path) -> tuple[Any, dict]:
    """The document's root element and the line of every element."""
    from xml.etree.ElementTree import ParseError, TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    lines: dict[Any, int] = {}

    class _Builder(TreeBuilder):
        def start(self, tag, attrs):  # noqa: ANN001 - ElementTree's signature
            element = super().start(tag, attrs)
            lines[element] = parser.parser.CurrentLineNumber
            return element

    parser = DefusedXMLParser(target=_Builder())
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        message = str(exc).split(":")[0]
        raise GlossaryError(
            f"TBX file is not well-formed XML: {message}", path=path, line=line
        ) from exc
    except DefusedXmlException as exc:
        raise GlossaryError(
            "TBX file declares entities or external references, which are refused",
            path=path, line=parser.parser.CurrentLineNumber,
            hint="remove the <!ENTITY> declarations; TBX needs none",
        ) from exc
    return root, lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


#: Regional tags that name another variety than their primary language: the
#: project's ``pt`` is European Portuguese, and Argos calls Brazilian ``pb``.
_VARIETIES = {"pt-br": "pb"}


def _lang_code(value: str, path: Path, line: int | None, known: Sequence[str]) -> str:
    """A file's language tag as one of ``known``: ``pt-PT`` and ``PT`` are ``pt``."""
    tag = value.strip().replace("_", "-").lower()
    candidates = [tag, _VARIETIES.get(tag, "")]
    if tag not in _VARIETIES:
        candidates.append(tag.split("-")[0])
    for candidate in candidates:
        for lang in known:
            if candidate == lang.lower():
                return lang
    raise GlossaryError(
        f"unknown language {value!r}" if value else "a language section has no xml:lang",
        path=path,
        line=line,
        hint=f"the project's languages are {', '.join(known)}; "
        "add the language to sselocale.yaml first, or remove it from the file",
    )


def parse_csv(text: str, *, path: Path, source: str, known: Sequence[str]) -> Imported:
    """Concepts of a CSV file with a header row (see :func:`to_csv` for the columns)."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError("CSV file is empty", path=path, line=1) from None
    columns: list[tuple[str, str]] = []  # (field or language, term field)
    langs: dict[str, None] = {}
    for name in (h.strip() for h in header):
        if name in _CSV_FIXED:
            columns.append((name, ""))
            continue
        base, _, sub = name.partition("_")
        if sub not in _CSV_TERM_FIELDS:
            raise GlossaryError(
                f"unknown column {name!r}", path=path, line=1,
                hint=f"columns: {', '.join(_CSV_FIXED)}, LANG, LANG_plural, LANG_variants, LANG_note",
            )
        lang = _lang_code(base, path, 1, known)
        langs.setdefault(lang, None)
        columns.append((lang, sub))
    if source not in langs:
        raise GlossaryError(f"no {source!r} column", path=path, line=1,
                            hint="the source-language column names each concept")
    concepts = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise GlossaryError(f"{len(row)} cells for {len(columns)} columns", path=path, line=line)
        values: dict[tuple[str, str], str] = {
            col: " ".join(cell.split()) for col, cell in zip(columns, row)
        }
        concepts.append(_csv_concept(values, langs, path, line))
    return Imported(path, source, (source, *[lang for lang in langs if lang != source]), tuple(concepts))


def _csv_concept(values: dict, langs: Iterable[str], path: Path, line: int) -> Incoming:
    terms = {}
    for lang in langs:
        text = values.get((lang, ""), "")
        if not text:
            continue
        variants = values.get((lang, "variants"), "")
        terms[lang] = Term(
            text,
            values.get((lang, "plural")) or None,
            tuple(v.strip() for v in variants.split(VARIANT_SEPARATOR) if v.strip()),
            values.get((lang, "note"), ""),
        )

    def enum(kind: type, key: str):
        value = values.get((key, ""))
        if not value:
            return None
        try:
            return kind(value)
        except ValueError:
            raise GlossaryError(
                f"unknown {key} {value!r}", path=path, line=line,
                hint=f"one of: {', '.join(m.value for m in kind)}",
            ) from None

    return Incoming(
        terms,
        values.get(("id", "")) or None,
        enum(Policy, "policy"),
        enum(PartOfSpeech, "pos"),
        values.get(("definition", "")) if ("definition", "") in values else None,
        values.get(("note", "")) if ("note", "") in values else None,
        line,
    )


# -- merging -----------------------------------------------------------------


def merge(
    base: Glossary | None,
    imported: Imported,
    *,
    languages: Sequence[str],
    replace_all: bool = False,
) -> ImportResult:
    """``base`` updated with the imported concepts, validated as a whole.

    An imported concept updates the concept with its id (or, without an id,
    with its source term) language by language; the others are added at the
    end. A term the file gives without plural, variants or note keeps those
    it had. With ``replace_all``, concepts missing from the file are removed.
    ``languages`` are the target languages a new glossary must cover.
    """
    source = imported.source
    existing = list(base.concepts) if base else []
    by_id = {c.id: i for i, c in enumerate(existing)}
    by_term = {c.terms[source].text.casefold(): i for i, c in enumerate(existing)}
    merged: list[Concept | None] = list(existing)
    touched: set[int] = set()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for item in imported.concepts:
        if source not in item.terms:
            raise GlossaryError(
                f"an entry has no {source!r} term", path=imported.path, line=item.line,
                hint="every concept needs a source-language term",
            )
        index = by_id.get(item.id) if item.id else by_term.get(item.terms[source].text.casefold())
        if index is None and item.id is None:
            index = by_id.get(slug_id(item.terms[source].text))
        if index is not None and index in touched:
            raise GlossaryError(
                f"concept {existing[index].id!r} appears twice in the file",
                path=imported.path, line=item.line,
            )
        if index is None:
            concept = _new_concept(item, imported.path, {c.id for c in merged if c})
            merged.append(concept)
            touched.add(len(merged) - 1)
            by_id[concept.id] = len(merged) - 1
            added.append(concept.id)
            continue
        touched.add(index)
        old = existing[index]
        new = _updated(old, item, imported.path, source)
        merged[index] = new
        (unchanged if new == old else updated).append(old.id)
    removed = []
    if replace_all:
        for index, concept in enumerate(existing):
            if index not in touched:
                removed.append(concept.id)
                merged[index] = None
    targets = tuple(base.languages) if base else tuple(lang for lang in languages if lang != source)
    glossary = Glossary(source, targets, tuple(c for c in merged if c), path=base.path if base else None)
    return ImportResult(glossary, tuple(added), tuple(updated), tuple(unchanged), tuple(removed))


def _new_concept(item: Incoming, path: Path, taken: set[str]) -> Concept:
    concept_id = item.id or slug_id(item.terms[next(iter(item.terms))].text)
    if item.id is None:
        stem, n = concept_id, 2
        while concept_id in taken:
            concept_id, n = f"{stem}-{n}", n + 1
    return Concept(
        id=concept_id,
        terms=dict(item.terms),
        policy=item.policy or Policy.TRANSLATE,
        pos=item.pos or PartOfSpeech.NOUN,
        definition=item.definition or "",
        note=item.note or "",
        path=path,
        line=item.line,
    )


def _updated(old: Concept, item: Incoming, path: Path, source: str) -> Concept:
    terms = dict(old.terms)
    for lang, term in item.terms.items():
        before = terms.get(lang)
        if lang == source and before is not None and before.text.casefold() == term.text.casefold():
            # Source terms match case-insensitively: "Cooperative" in a tool's
            # export is the same term, not a new spelling.
            term = replace(term, text=before.text)
        if before is not None and before.text == term.text:
            # Tools that know only the preferred term (Weblate) send no plural,
            # variants or note: that is "not known here", not "delete".
            term = Term(
                term.text,
                term.plural or before.plural,
                term.variants or before.variants,
                term.note or before.note,
            )
        terms[lang] = term
    return replace(
        old,
        terms=terms,
        policy=item.policy or old.policy,
        pos=item.pos or old.pos,
        definition=old.definition if item.definition is None else item.definition,
        note=old.note if item.note is None else item.note,
        path=path,
        line=item.line,
    )


# -- writing -----------------------------------------------------------------


def write_exchange(glossary: Glossary, path: Path | str, *, fmt: str | None = None) -> None:
    """Export ``glossary`` to a TBX or CSV file."""
    from ..files import atomic_write

    path = Path(path)
    kind = Format.of(path, fmt)
    atomic_write(path, to_tbx(glossary) if kind is Format.TBX else to_csv(glossary))


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


def _tbx_concept(concept: Concept, langs: Sequence[str]) -> list[str]:
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


def to_csv(glossary: Glossary) -> str:
    """The glossary as CSV: id, pos, policy, definition, note, then four columns a language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    langs = glossary.all_languages
    writer.writerow(
        [*_CSV_FIXED, *(f"{lang}_{sub}" if sub else lang for lang in langs for sub in _CSV_TERM_FIELDS)]
    )
    for c in glossary.concepts:
        row = [c.id, c.pos.value, c.policy.value, c.definition, c.note]
        for lang in langs:
            t = c.terms.get(lang) or Term("")
            row += [t.text, t.plural or "", f" {VARIANT_SEPARATOR} ".join(t.variants), t.note]
        writer.writerow(row)
    return out.getvalue()
