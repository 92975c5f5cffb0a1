"""CSV, for terminologists who work in a spreadsheet: one row per concept.

The columns are ``id``, ``pos``, ``policy``, ``definition``, ``note``, then
four a language: ``LANG``, ``LANG_plural``, ``LANG_variants`` (separated by
``|``) and ``LANG_note``. Named ``csvfmt`` so that it is never mistaken for the
standard library's :mod:`csv`, which it uses.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (``=HYPERLINK(…)``): export neutralises such
a cell with a leading ``'``, as OWASP advises, and import takes it off again,
so a round trip gives the glossary back unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...errors import GlossaryError, brief
from ..concept import VARIANT_SEPARATOR, PartOfSpeech, Policy, Term
from ..model import Glossary
from .common import Imported, Incoming, lang_code

_CSV_FIXED = ("id", "pos", "policy", "definition", "note")
#: First characters a spreadsheet reads as the start of a formula; ``'`` itself
#: is escaped too, so that every neutralised cell reads back exactly.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(cell: str) -> str:
    """``cell`` safe to open in a spreadsheet: a formula-like start gets a leading ``'``."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def restore(cell: str) -> str:
    """The value :func:`neutralise` was given."""
    return cell[1:] if cell.startswith("'") else cell
_CSV_TERM_FIELDS = ("", "plural", "variants", "note")


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
                f"unknown column {brief(name)}", path=path, line=1,
                hint=f"columns: {', '.join(_CSV_FIXED)}, LANG, LANG_plural, LANG_variants, LANG_note",
            )
        lang = lang_code(base, path, 1, known)
        langs.setdefault(lang, None)
        columns.append((lang, sub))
    if source not in langs:
        raise GlossaryError(f"no {brief(source)} column", path=path, line=1,
                            hint="the source-language column names each concept")
    concepts = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise GlossaryError(f"{len(row)} cells for {len(columns)} columns", path=path, line=line)
        values: dict[tuple[str, str], str] = {
            col: " ".join(restore(cell).split()) for col, cell in zip(columns, row)
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
                f"unknown {key} {brief(value)}", path=path, line=line,
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
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()
