"""The SSE terminology glossary: data, file formats, matching and enforcement.

Other stages use:

- :func:`load_glossary` to read ``glossary/sse.yaml``;
- :meth:`Glossary.find` and :meth:`Glossary.missing_terms` (the review check);
- :func:`protections` to protect terms during machine translation
  (:mod:`sselocale.mt.terms` turns them into placeholder spans).

Nothing here imports a machine translation library.
"""

from .concept import Concept, PartOfSpeech, Policy, Term
from .enforce import Protection, hint_line, hints, project_glossary, protections
from .matching import Match
from .model import Glossary
from .store import load_glossary, parse_glossary, render_glossary, save_glossary

__all__ = [
    "Concept",
    "Glossary",
    "Match",
    "PartOfSpeech",
    "Policy",
    "Protection",
    "Term",
    "hint_line",
    "hints",
    "load_glossary",
    "parse_glossary",
    "project_glossary",
    "protections",
    "render_glossary",
    "save_glossary",
]
