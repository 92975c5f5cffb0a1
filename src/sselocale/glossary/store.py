"""The glossary file: ``glossary/sse.yaml``, read and rewritten with ruamel.yaml.

Reading validates everything and names the line of the first problem.
Rewriting goes through the round-trip document: a concept whose data did not
change keeps its text, comments, quoting and flow style byte for byte, so an
import that changes one term changes one line.

The file looks like this::

    source_language: en
    languages: [fr, es, pt, ru]
    concepts:
      - id: decent-work
        pos: noun
        policy: translate          # translate | keep | check-only
        definition: Productive work in conditions of freedom, equity, security and dignity.
        en: decent work
        fr: travail décent
        pt: {term: trabalho digno, note: "Brazil: trabalho decente"}
        ...

A term is a string or a mapping with ``term`` and optional ``plural``,
``variants`` (a list) and ``note``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import safeyaml
from ..errors import GlossaryError, brief
from ..files import write_if_changed
from .concept import Concept, PartOfSpeech, Policy, Term
from .model import Glossary

_HEADER_KEYS = ("source_language", "languages", "concepts")
_CONCEPT_KEYS = ("id", "pos", "policy", "definition", "note")
_TERM_KEYS = ("term", "plural", "variants", "note")
_NEW_FILE_COMMENT = """\
SSE terminology glossary (sselocale).
Each concept: id, pos, policy (translate | keep | check-only), definition,
note, and a term per language: a string, or {term, plural, variants, note}."""


def load_glossary(path: Path | str, *, languages: Sequence[str] | None = None) -> Glossary:
    """Read and validate a YAML glossary.

    ``languages`` are the target languages the caller needs (the project's);
    the glossary must cover each of them. Raises :class:`GlossaryError` with the
    file and line of a YAML error, a missing language, a source term claimed by
    two concepts, or an unknown policy or part of speech.
    """
    path = Path(path)
    if path.exists() and not path.is_file():  # a FIFO would block the read
        raise GlossaryError("the glossary is not a regular file", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GlossaryError(
            "glossary file not found", path=path,
            hint="create it, or import one with `sselocale glossary import FILE`",
        ) from exc
    except UnicodeDecodeError as exc:
        raise GlossaryError("glossary is not valid UTF-8", path=path) from exc
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror}", path=path) from exc
    return parse_glossary(text, path=path, languages=languages)


def parse_glossary(
    text: str, *, path: Path | None = None, languages: Sequence[str] | None = None
) -> Glossary:
    """The glossary in ``text`` (see :func:`load_glossary`); ``path`` is for messages.

    The document is first read with the fast safe loader; only when something is
    wrong is it read again, more slowly, keeping line numbers for the message.
    """
    try:
        return _parse_document(_load_document(text, path, fast=True), path, languages)
    except GlossaryError:
        pass
    return _parse_document(_load_document(text, path), path, languages)


def _parse_document(doc: Any, path: Path | None, languages: Sequence[str] | None) -> Glossary:
    reader = _Node(doc, path, 1, "the glossary")
    reader.check_keys(_HEADER_KEYS)
    source = reader.string("source_language", default="en")
    targets = tuple(reader.string_list("languages"))
    if source in targets:
        reader.fail("languages", f"the source language {brief(source)} is also listed as a target")
    if len(set(targets)) != len(targets):
        reader.fail("languages", "a language is listed twice")
    for lang in languages or ():
        if lang not in targets and lang != source:
            reader.fail(
                "languages",
                f"the project translates into {brief(lang)} but the glossary has no {brief(lang)} terms",
                hint=f"add {brief(lang)} to `languages` and a {brief(lang)} term to every concept",
            )
    items = reader.data.get("concepts")
    if not isinstance(items, list):
        reader.fail("concepts", "`concepts` must be a list of concepts")
    known_langs = (source, *targets)
    concepts = []
    for index, item in enumerate(items):
        line = _item_line(items, index, reader.line_of("concepts"))
        concepts.append(_concept(_Node(item, path, line, f"concept {index + 1}"), known_langs))
    try:
        return Glossary(source, targets, tuple(concepts), path=path)
    except GlossaryError as exc:
        if exc.path is None:
            exc.path = path
        raise


def _concept(node: "_Node", langs: tuple[str, ...]) -> Concept:
    concept_id = node.string("id")
    node.where = f"concept {brief(concept_id)}"
    node.check_keys((*_CONCEPT_KEYS, *langs), what="field or glossary language")
    policy = node.enum("policy", Policy, default=Policy.TRANSLATE)
    pos = node.enum("pos", PartOfSpeech, default=None)
    terms = {}
    for lang in langs:
        if lang in node.data:
            terms[lang] = _term(node, lang)
    return Concept(
        id=concept_id,
        terms=terms,
        policy=policy,
        pos=pos,
        definition=node.string("definition", default=""),
        note=node.string("note", default=""),
        path=node.path,
        line=node.line,
    )


def _term(node: "_Node", lang: str) -> Term:
    value = node.data.get(lang)
    if isinstance(value, str):
        return Term(_clean(value))
    if not isinstance(value, dict):
        node.fail(lang, "must be a term (a string) or a mapping with `term`")
    sub = _Node(value, node.path, node.value_line(lang), f"{node.where}, {brief(lang)} term")
    sub.check_keys(_TERM_KEYS)
    plural = sub.string("plural", default="")
    return Term(
        text=sub.string("term"),
        plural=plural or None,
        variants=tuple(sub.string_list("variants", default=[])),
        note=sub.string("note", default=""),
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


class _Node:
    """Typed access to one mapping of the document, with line numbers for errors."""

    def __init__(self, data: Any, path: Path | None, line: int, where: str) -> None:
        self.path = path
        self.line = line
        self.where = where
        if not isinstance(data, dict):
            raise GlossaryError(f"{where} must be a mapping", path=path, line=line)
        self.data = data

    def line_of(self, key: str) -> int:
        try:
            return self.data.lc.key(key)[0] + 1
        except (AttributeError, KeyError, TypeError):
            return self.line

    def value_line(self, key: str) -> int:
        try:
            return self.data.lc.value(key)[0] + 1
        except (AttributeError, KeyError, TypeError):
            return self.line_of(key)

    def fail(self, key: str, message: str, *, hint: str | None = None):
        raise GlossaryError(f"{self.where}: {message}", path=self.path, line=self.line_of(key), hint=hint)

    def check_keys(self, known: Sequence[str], *, what: str = "field") -> None:
        for key in self.data:
            if key not in known:
                self.fail(str(key), f"unknown {what} {brief(key)}", hint=f"known: {', '.join(known)}")

    def string(self, key: str, *, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise GlossaryError(f"{self.where}: `{key}` is required", path=self.path, line=self.line)
        if not isinstance(value, str) or (default is None and not value.strip()):
            self.fail(key, f"`{key}` must be a non-empty string, not {brief(value)}")
        return _clean(value)

    def string_list(self, key: str, *, default: list[str] | None = None) -> list[str]:
        value = self.data.get(key, default)
        if value is None:
            raise GlossaryError(f"{self.where}: `{key}` is required", path=self.path, line=self.line)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(key, f"`{key}` must be a list of non-empty strings")
        return [_clean(v) for v in value]

    def enum(self, key: str, kind: type, *, default: Any):
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise GlossaryError(
                    f"{self.where}: `{key}` is required", path=self.path, line=self.line,
                    hint=f"one of: {', '.join(m.value for m in kind)}",
                )
            return default
        try:
            return kind(value)
        except ValueError:
            raise GlossaryError(
                f"{self.where}: unknown {key} {brief(value)}",
                path=self.path, line=self.value_line(key),
                hint=f"one of: {', '.join(m.value for m in kind)}",
            ) from None


def _item_line(items: Any, index: int, default: int) -> int:
    try:
        return items.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return default


# -- writing -----------------------------------------------------------------


def save_glossary(glossary: Glossary, path: Path | str) -> bool:
    """Write ``glossary`` to ``path``, editing the existing file in place.

    Returns whether the file changed.
    """
    path = Path(path)
    previous = path.read_text(encoding="utf-8") if path.exists() else None
    return write_if_changed(path, render_glossary(glossary, previous=previous))


def render_glossary(glossary: Glossary, *, previous: str | None = None) -> str:
    """The YAML text of ``glossary``, as an edit of ``previous`` when given."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml()
    doc = yaml.load(previous) if previous and previous.strip() else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
        doc.yaml_set_start_comment(_NEW_FILE_COMMENT)
    _put(doc, "source_language", glossary.source, _HEADER_KEYS)
    if list(doc.get("languages") or []) != list(glossary.languages):
        langs = CommentedSeq(glossary.languages)
        langs.fa.set_flow_style()
        _put(doc, "languages", langs, _HEADER_KEYS)
    items = doc.get("concepts")
    if not isinstance(items, CommentedSeq):
        items = CommentedSeq()
        _put(doc, "concepts", items, _HEADER_KEYS)
    _update_items(items, glossary)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _update_items(items: Any, glossary: Glossary) -> None:
    from ruamel.yaml.comments import CommentedMap

    wanted = [c.id for c in glossary.concepts]
    keep = set(wanted)
    for index in reversed(range(len(items))):
        node = items[index]
        if not (isinstance(node, CommentedMap) and node.get("id") in keep):
            del items[index]
    by_id = {node["id"]: node for node in items}
    if [i for i in wanted if i in by_id] != [node["id"] for node in items]:
        # The order changed: rebuild the list (comments between items may move).
        items[:] = [by_id[i] for i in wanted if i in by_id]
    order = glossary.all_languages
    for position, concept in enumerate(glossary.concepts):
        node = by_id.get(concept.id)
        if node is None:
            node = CommentedMap()
            items.insert(position, node)
        _update_concept(node, concept, order)


def _update_concept(node: Any, concept: Concept, langs: tuple[str, ...]) -> None:
    keys = (*_CONCEPT_KEYS, *langs)
    _put(node, "id", concept.id, keys)
    _put(node, "pos", concept.pos.value, keys)
    _put(node, "policy", concept.policy.value, keys)
    _put_optional(node, "definition", concept.definition, keys)
    _put_optional(node, "note", concept.note, keys)
    for lang in langs:
        if lang in concept.terms:
            _put(node, lang, _term_value(node.get(lang), concept.terms[lang]), keys)
        elif lang in node:
            del node[lang]


def _term_value(old: Any, term: Term) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    simple = term.plural is None and not term.variants and not term.note
    if simple and not isinstance(old, dict):
        return term.text
    node = old if isinstance(old, CommentedMap) else CommentedMap()
    if not isinstance(old, CommentedMap):
        node.fa.set_flow_style()
    _put(node, "term", term.text, _TERM_KEYS)
    _put_optional(node, "plural", term.plural or "", _TERM_KEYS)
    if term.variants:
        if list(node.get("variants") or []) != list(term.variants):
            seq = CommentedSeq(term.variants)
            seq.fa.set_flow_style()
            _put(node, "variants", seq, _TERM_KEYS)
    elif "variants" in node:
        del node["variants"]
    _put_optional(node, "note", term.note, _TERM_KEYS)
    return node


def _put(node: Any, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``node[key]``, leaving an equal value (and its quoting) untouched."""
    if key in node:
        if node[key] is not value and node[key] != value:
            node[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in node if k in order and order.index(k) < rank)
    node.insert(position, key, value)


def _put_optional(node: Any, key: str, value: str, order: Sequence[str]) -> None:
    if value:
        _put(node, key, value, order)
    elif key in node:
        del node[key]


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load_document(text: str, path: Path | None, *, fast: bool = False) -> Any:
    from ruamel.yaml import YAML

    doc = safeyaml.load(text, error=GlossaryError, path=path, yaml=YAML(typ="safe") if fast else _yaml())
    if doc is None:
        raise GlossaryError("the glossary is empty", path=path, line=1,
                            hint="it needs `languages` and `concepts`")
    return doc
