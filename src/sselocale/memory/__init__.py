"""The translation memory: reviewed work reused across the portal, and TMX in and out.

``index`` builds the memory of a language from every reviewed catalog entry
and imported TMX file (cached under ``.sselocale/``); ``match`` finds exact,
placeable and fuzzy matches; ``placeables`` adapts numbers, dates, URLs and
code; ``segments`` pairs sentences; ``reuse`` says what the memory offers the
pending units and how a fill is written; ``tmx`` reads and writes TMX 1.4b;
``leverage`` counts what the memory would fill.
"""

from .index import Memory, load
from .match import Matcher
from .model import Kind, Match, Pair
from .reuse import PROVENANCE, Fill, Partial, Plan, plan

__all__ = ["PROVENANCE", "Fill", "Kind", "Match", "Matcher", "Memory", "Pair", "Partial", "Plan", "load", "plan"]
