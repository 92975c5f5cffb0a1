"""Does glossary enforcement make machine translation use the SSE terms?

Translates every unit of ``content/`` with the Apertium engine (English to
Spanish by default), once as is and once with the glossary's terms protected
(:func:`sselocale.mt.terms.term_spans` through the placeholder mechanism), and
prints side by side, in one run:

- term adherence: of all glossary term occurrences in the source, the share
  whose accepted target form appears in the translation (counted per
  occurrence, by the same stem-aware comparison as the review check), overall
  and by policy;
- the time Apertium took, and the markup the engine lost, in each run;
- the occurrences still missed with enforcement, for the terminologist.

    python3 benchmarks/bench_glossary.py [--lang es] [--misses 15]

Target: at least 95 % adherence with enforcement. Needs Apertium with the
``eng-spa`` data (``scripts/install.sh``); ``--lang pt`` goes through Spanish.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 95.0


@dataclass
class Run:
    """One translation of every unit, and how well it kept the glossary's terms."""

    name: str
    seconds: float = 0.0
    found: Counter = field(default_factory=Counter)
    """Policy → term occurrences in the source."""
    kept: Counter = field(default_factory=Counter)
    """Policy → occurrences whose target form is in the translation."""
    lost_markup: int = 0
    misses: list = field(default_factory=list)

    def share(self, policy: str | None = None) -> float:
        found = sum(self.found.values()) if policy is None else self.found[policy]
        kept = sum(self.kept.values()) if policy is None else self.kept[policy]
        return 100.0 * kept / found if found else float("nan")


def translate(engine, texts: list[str], spans, lang: str, name: str) -> tuple[Run, list[str]]:
    from sselocale.mt.placeholders import protect, restore

    run = Run(name)
    protected = [protect(t, fixed=spans(t, lang) if spans else ()) for t in texts]
    started = time.perf_counter()
    outputs = list(engine.translate(protected))
    run.seconds = time.perf_counter() - started
    restored = [restore(out, p) for out, p in zip(outputs, protected)]
    run.lost_markup = sum(len(r.lost) for r in restored)
    return run, [r.text for r in restored]


def score(run: Run, glossary, texts: list[str], translations: list[str], lang: str) -> None:
    from sselocale.glossary.matching import target_count

    for source, translation in zip(texts, translations):
        per_concept = Counter(m.concept.id for m in glossary.find(source))
        for match in glossary.find(source):
            if match.concept.id not in per_concept:
                continue
            concept = match.concept
            wanted = per_concept.pop(concept.id)
            got = min(wanted, target_count(concept, translation, lang))
            run.found[concept.policy.value] += wanted
            run.kept[concept.policy.value] += got
            if got < wanted:
                run.misses.append((concept.id, concept.term(lang).text, source, translation))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="es", help="target language (default: es)")
    parser.add_argument("--misses", type=int, default=15, help="how many remaining misses to list")
    args = parser.parse_args()

    from sselocale.mt.engines import open_engine, probe
    from sselocale.glossary import load_glossary
    from sselocale.mt.terms import term_spans
    from sselocale.project import Project

    project = Project.open(REPO)
    glossary = load_glossary(project.config.paths.glossary, languages=project.config.languages)
    offer = probe("apertium", project.config.source_language, args.lang)
    if not offer.available:
        print(f"cannot run: {offer.reason} (install it with scripts/install.sh)", file=sys.stderr)
        return 2
    texts = list(dict.fromkeys(u.text for a in project.articles for u in project.units(a)))
    spans = term_spans(project)
    runs = []
    with open_engine(offer, project.config) as engine:
        for name, fixed in (("without", None), ("with enforcement", spans)):
            run, translations = translate(engine, texts, fixed, args.lang, name)
            score(run, glossary, texts, translations, args.lang)
            runs.append(run)

    plain, enforced = runs
    policies = sorted(plain.found)
    print(
        f"Glossary term adherence, {offer.provenance.label} {project.config.source_language}→{args.lang}, "
        f"content/ ({len(project.articles)} articles, {len(texts)} distinct units, "
        f"{len(glossary.concepts)} concepts)"
    )
    print(f"{'':34}{'without':>12}{'with enforcement':>20}")
    rows = [("term occurrences kept (all)", None)] + [(f"  {p} terms", p) for p in policies]
    for label, policy in rows:
        found = sum(plain.found.values()) if policy is None else plain.found[policy]
        cells = [f"{r.share(policy):5.1f} % of {found}" for r in runs]
        print(f"{label:34}{cells[0]:>12}{cells[1]:>20}")
    print(f"{'Apertium time (s)':34}{plain.seconds:>12.2f}{enforced.seconds:>20.2f}")
    print(f"{'markup placeholders lost':34}{plain.lost_markup:>12}{enforced.lost_markup:>20}")
    verdict = "met" if enforced.share() >= TARGET else "NOT met"
    print(f"target ≥ {TARGET:.0f} % with enforcement: {verdict} ({enforced.share():.1f} %)")
    if enforced.misses and args.misses:
        print(f"\nmissed with enforcement (first {min(args.misses, len(enforced.misses))} of {len(enforced.misses)} units):")
        for concept_id, expected, source, translation in enforced.misses[: args.misses]:
            print(f"- {concept_id} → {expected!r}\n    en: {source[:110]}\n    {args.lang}: {translation[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
