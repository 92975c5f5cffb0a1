"""Machine translation engines, and the choice of one per language.

``sselocale.yaml`` lists engines in fallback order (``translation.engines``,
per language under ``translation.languages``). For each language the engines
are asked, cheaply and in that order, whether they can serve the pair; the
first that can is opened. Nothing heavy is imported until an engine is opened.

    >>> choice = choose(config, "fr")
    >>> choice.chosen.provenance.label if choice.chosen else choice.reasons
    'argos translate-en_fr 1.9'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module

from ...config import KNOWN_ENGINES, Config
from ...errors import EngineError
from .base import Engine, Hop, Offer, Provenance

__all__ = [
    "Choice", "Engine", "Hop", "Offer", "Provenance", "choose", "languages_without", "open_engine", "probe", "remedies",
]

#: Engine name → module; each module has ``probe(source, target)`` and ``load(offer, options)``.
MODULES = {"argos": "argos", "apertium": "apertium", "pseudo": "pseudo"}


@dataclass(frozen=True, slots=True)
class Choice:
    """The engines asked for one language, in fallback order, and what they said."""

    lang: str
    offers: tuple[Offer, ...]

    @property
    def chosen(self) -> Offer | None:
        """The first engine that can serve the language, or None."""
        return next((offer for offer in self.offers if offer.available), None)

    @property
    def reasons(self) -> str:
        """Why no engine serves the language: ``argos: …; apertium: …``."""
        return "; ".join(f"{o.engine}: {o.reason}" for o in self.offers if not o.available) or "no engine configured"


def _module(name: str):
    if name not in MODULES:
        raise EngineError(f"unknown engine {name!r}", hint=f"known engines: {', '.join(KNOWN_ENGINES)}")
    return import_module(f"{__name__}.{MODULES[name]}")


def probe(name: str, source: str, target: str) -> Offer:
    """What engine ``name`` can do for ``source``→``target``."""
    return _module(name).probe(source, target)


def choose(config: Config, lang: str, *, engines: Sequence[str] | None = None) -> Choice:
    """Ask the configured engines for ``lang`` in order (or ``engines``, when given)."""
    names = tuple(engines) if engines else config.translation.engines_for(lang)
    offers = (probe(name, config.source_language, lang) for name in names)
    return Choice(lang, tuple(_direct_only(o) if not config.translation.pivot_allowed(lang) else o for o in offers))


def _direct_only(offer: Offer) -> Offer:
    """``offer`` refused when it goes through a third language (``translation.pivots`` says no)."""
    if len(offer.hops) <= 1:
        return offer
    via = ", ".join(hop.target for hop in offer.hops[:-1])
    reason = f"only through {via}, and translation.pivots.{offer.target} is false"
    return Offer(offer.engine, offer.source, offer.target, reason=reason)


def remedies(config: Config, lang: str) -> list[str]:
    """What would serve ``lang``, engine by engine: ``argos: sselocale models install ru``."""
    from .apertium import remedy

    source = config.source_language
    return [
        f"argos: sselocale models install {lang} (offline: --from translate-{source}_{lang}-….argosmodel)",
        f"apertium: {remedy(source, lang)}",
    ]


def languages_without(config: Config, name: str) -> tuple[str, ...]:
    """The configured languages that engine ``name`` cannot serve."""
    return tuple(lang for lang in config.languages if not probe(name, config.source_language, lang).available)


def open_engine(offer: Offer, config: Config) -> Engine:
    """Load the engine that made ``offer`` (models are read here)."""
    return _module(offer.engine).load(offer, config.translation.argos)
