"""YAML written by users, read with limits: nesting depth, alias expansion, bad values.

Every YAML file the tool reads (``sselocale.yaml``, front matter, the glossary)
goes through :func:`load`, because ruamel.yaml on its own

- composes nested collections by recursion, in C for the fast loader: a file
  nested 100,000 levels deep overflows the C stack and kills the process
  before any ``RecursionError`` could be caught;
- expands aliases: nine lines of ``&anchor`` and ``*alias`` ("billion laughs")
  stand for 9⁹ values, and whatever walks or prints them never finishes;
- raises a bare ``ValueError`` for a value that looks like a date but is not
  one (``2023-02-30``), with no line.

So the parser's events (libyaml's parser when installed: iterative and fast)
are counted first, and a document nested deeper than :data:`MAX_DEPTH` or whose
aliases stand for more than :data:`MAX_ALIAS_NODES` values is refused before
anything is composed. A value that cannot be built is reported at its line.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import SselocaleError, brief

#: Deepest nesting of collections accepted; real files need a handful of levels.
MAX_DEPTH = 64
#: Most values that aliases may stand for in one document; reusing a few values is fine.
MAX_ALIAS_NODES = 10_000

_ALIAS_HINT = "an alias (*name) may repeat a value, not multiply it: write the values out"
_VALUE_HINT = "correct the value, or quote it to keep it as text"


def load(
    text: str,
    *,
    error: type[SselocaleError],
    path: str | Path | None,
    what: str = "invalid YAML",
    first_line: int = 1,
    yaml: Any = None,
) -> Any:
    """The document in ``text``, read by ``yaml`` (default: a round-trip loader).

    Every problem is an ``error`` naming ``path`` and the line, ``what`` first:
    ``path:line: what: problem``. ``first_line`` is the file line of the text's
    first line (2 for front matter, which follows a ``---`` fence).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import (
        MarkedYAMLError,
        YAMLError,
        YAMLFutureWarning,
        YAMLWarning,
    )

    if yaml is None:
        yaml = YAML(typ="rt")
    yaml.Constructor = _guarded(yaml.Constructor)
    try:
        with warnings.catch_warnings():
            # Library code never prints; ruamel.yaml warns on stderr (a reused anchor, say).
            warnings.simplefilter("ignore", YAMLWarning)
            warnings.simplefilter("ignore", YAMLFutureWarning)
            _check_events(text, rescan=yaml.Parser)
            return yaml.load(text)
    except _Refused as exc:
        raise error(f"{what}: {exc.problem}", path=path, line=exc.line + first_line,
                    hint=exc.hint) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or str(exc).splitlines()[0]
        context = exc.context_mark
        if exc.context and context is not None and mark is not None and context.line != mark.line:
            problem += f" ({exc.context} at line {context.line + first_line})"
        raise error(f"{what}: {problem}", path=path, line=line, hint=getattr(exc, "hint", None)) from exc
    except YAMLError as exc:
        raise error(f"{what}: {exc}", path=path, line=first_line - 1 or None) from exc
    except RecursionError as exc:  # the event count should have refused it first
        raise error(f"{what}: nested too deeply", path=path) from exc


class _Refused(Exception):
    def __init__(self, problem: str, line: int, hint: str | None = None) -> None:
        super().__init__(problem)
        self.problem, self.line, self.hint = problem, line, hint


def _check_events(text: str, *, rescan: Any) -> None:
    """Refuse ``text`` if it nests too deep or its aliases expand too far.

    Events are counted as they come, so a refusal happens before the parser
    reads on. libyaml is used when installed; where it stops on a syntax error,
    the events are counted again with ``rescan`` (the parser of the real load),
    which either reports the same error or reads on.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    fast = YAML(typ="safe")
    try:
        _count(fast.parse(text))
        return
    except YAMLError:
        if rescan is fast.Parser:
            return  # the real load stops at the same error, after the events counted
    reader = YAML(typ="rt")
    reader.Parser = rescan
    try:
        _count(reader.parse(text))
    except YAMLError:
        return  # the real load reports it


def _count(events: Iterable[Any]) -> None:
    """Depth and alias expansion over a stream of parser events."""
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        DocumentStartEvent,
        ScalarEvent,
    )

    sizes: dict[str, int] = {}  # anchor -> values it stands for
    stack: list[list[Any]] = []  # [values so far, anchor] of each open collection
    expanded = 0
    for event in events:
        if isinstance(event, CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark.line)
            stack.append([1, event.anchor])
            continue
        if isinstance(event, ScalarEvent):
            size, anchor = 1, event.anchor
        elif isinstance(event, CollectionEndEvent):
            size, anchor = stack.pop()
        elif isinstance(event, AliasEvent):
            size, anchor = sizes.get(event.anchor, 1), None
            expanded += size
            if expanded > MAX_ALIAS_NODES:
                raise _Refused(f"aliases expand to more than {MAX_ALIAS_NODES} values",
                               event.start_mark.line, _ALIAS_HINT)
        else:
            if isinstance(event, DocumentStartEvent):
                sizes.clear()
            continue
        if anchor:
            sizes[anchor] = size
        if stack:
            stack[-1][0] += size


#: What ruamel.yaml raises, besides its own errors, for a value it cannot build:
#: ``2023-02-30`` (ValueError), ``!!float ""`` (IndexError), ``!!omap x`` (AttributeError)...
_BUILD_ERRORS = (ValueError, ArithmeticError, TypeError, AttributeError, LookupError)


def _guarded(constructor: type) -> type:
    """``constructor``, reporting a value it cannot build as a YAML error at the value's line.

    A mapping or sequence is built in two steps, the second one later, from a
    generator; the generator is wrapped too, so its errors have a line as well.
    """
    if getattr(constructor, "_guarded", False):
        return constructor

    def construct_non_recursive_object(self: Any, node: Any, tag: str | None = None) -> Any:
        pending = len(self.state_generators)
        try:
            data = super(guarded, self).construct_non_recursive_object(node, tag)
        except _BUILD_ERRORS as exc:
            raise _bad_value(node, tag, exc) from exc
        self.state_generators[pending:] = [_at(node, tag, g) for g in self.state_generators[pending:]]
        return data

    guarded = type(f"Guarded{constructor.__name__}", (constructor,), {
        "_guarded": True, "construct_non_recursive_object": construct_non_recursive_object,
    })
    return guarded


def _at(node: Any, tag: str | None, generator: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from generator
    except _BUILD_ERRORS as exc:
        raise _bad_value(node, tag, exc) from exc


def _bad_value(node: Any, tag: str | None, exc: Exception) -> Exception:
    from ruamel.yaml.constructor import ConstructorError

    kind = (tag or node.tag or "").rsplit(":", 1)[-1] or "value"
    kind = {"timestamp": "date", "int": "integer", "map": "mapping", "seq": "sequence"}.get(kind, kind)
    value = f"{brief(node.value)} is not" if isinstance(node.value, str) else "this is not"
    detail = " ".join(str(exc).split())
    detail = detail if len(detail) <= 80 else detail[:79] + "…"
    bad = ConstructorError(None, None, f"{value} a valid {kind} ({detail})", node.start_mark)
    bad.hint = _VALUE_HINT
    return bad
