"""Glossary terms for machine translation: the glossary's protections as placeholder spans.

The glossary stage says what to protect in a source text and what to put in
its place (:func:`sselocale.glossary.protections`); this module hands that to
the placeholder mechanism, so an engine never sees a protected term.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..glossary import project_glossary, protections
from ..source.workspace import Project
from .placeholders import FixedSpan

#: ``terms(text, lang, every_policy=False)``: the glossary spans to enforce in one source text.
Terms = Callable[..., Sequence[FixedSpan]]


def term_spans(project: Project) -> Terms | None:
    """Glossary protection for machine translation, or None without a glossary file.

    The callable maps (source text, target language) to :class:`FixedSpan`
    objects for :func:`~sselocale.mt.placeholders.protect`; engines that are no
    translators (pseudo) ask with ``every_policy=True`` for ``check-only`` terms too.
    """
    glossary = project_glossary(project)
    if glossary is None:
        return None

    def spans(text: str, lang: str, *, every_policy: bool = False) -> list[FixedSpan]:
        found = protections(glossary, text, lang, every_policy=every_policy)
        return [FixedSpan(p.start, p.end, p.replacement, p.label) for p in found]

    return spans
