"""What machine suggestions look like to a reviewer: terms, doubled words, dates, units served.

Translates, per language, the units of the sample articles (``content/``) and
the paragraphs of the reference pages (``../shared/reference/*.txt``) with the
engine the project would choose (Apertium here: en→es, en→es→pt, en→es→fr),
three times:

- without the glossary;
- with the glossary as enforced now (terms kept whole; Apertium gets a term as
  its words only where its tag stays on them, else as a stand-in it passes through);
- with the glossary enforced the old way (Apertium always gets the term's words
  in a tag, and the term is put where the tag lands), to show what changed.

and prints, per language and corpus: units served, term adherence (units with
a translate-policy term whose translation has every term, as ``check`` sees
it), units with a doubled word the source does not have (each variant), and
dates localised (source dates written the language's way in the suggestion),
and names kept as written (each with dates and names protected, and without).

    python3 benchmarks/bench_mt_quality.py [--lang es,pt,fr,ru] [--json]

Targets: adherence ≥ 95 %, doubled words with the glossary ≤ without.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from sselocale.glossary.concept import Policy
from sselocale.glossary.store import load_glossary
from sselocale.mt.engines import apertium, choose, open_engine
from sselocale.mt.fixed import fixed_spans
from sselocale.mt.placeholders import Kind, protect, restore
from sselocale.source.dates import find_dates, present
from sselocale.source.doubles import new_doubles
from sselocale.source.units import segment
from sselocale.source.workspace import Project

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"


def content_units(project: Project) -> list[str]:
    units: list[str] = []
    for article in project.select():
        units += [u.text for u in segment(article, fields=project.config.front_matter)]
    return list(dict.fromkeys(units))


def reference_units() -> list[str]:
    units: list[str] = []
    for path in sorted(REFERENCE.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n"):
            block = block.strip()
            if sum(ch.isalpha() for ch in block) >= 12:
                units.append(block)
    return list(dict.fromkeys(units))


@contextmanager
def old_enforcement():
    """Apertium as it was: the term's words in a tag, the term put wherever the tag lands."""
    saved = apertium.attached
    apertium.attached = lambda *args: True
    try:
        yield
    finally:
        apertium.attached = saved


def translate(engine, units: list[str], lang: str, terms, *, drop: tuple[Kind, ...] = ()) -> list[str]:
    spans = [[s for s in fixed_spans(u, lang, terms=terms) if s.kind not in drop] for u in units]
    protected = [protect(u, fixed=found) for u, found in zip(units, spans)]
    return [restore(out, p).text for out, p in zip(engine.translate(protected), protected)]


def measure(project: Project, glossary, lang: str, units: list[str]) -> dict:
    choice = choose(project.config, lang)
    if choice.chosen is None:
        return {"units": len(units), "served": 0, "engine": None, "why": choice.reasons}

    def terms(text, target, every_policy=False):
        from sselocale.glossary import protections
        from sselocale.mt.placeholders import FixedSpan

        found = protections(glossary, text, target, every_policy=every_policy)
        return [FixedSpan(p.start, p.end, p.replacement, p.label) for p in found]

    engine = open_engine(choice.chosen, project.config)
    try:
        plain = translate(engine, units, lang, None)
        enforced = translate(engine, units, lang, terms)
        with old_enforcement():
            old = translate(engine, units, lang, terms)
        unprotected = translate(engine, units, lang, terms, drop=(Kind.NAME, Kind.DATE))
    finally:
        engine.close()
    with_terms = [i for i, u in enumerate(units)
                  if any(m.concept.policy is not Policy.CHECK_ONLY for m in glossary.find(u))]
    adherent = sum(not glossary.missing_terms(units[i], enforced[i], lang) for i in with_terms)
    dates = [(i, m) for i, u in enumerate(units) for m in find_dates(u)]
    names = [(i, u[s.start:s.end]) for i, u in enumerate(units)
             for s in fixed_spans(u, lang, terms=terms) if s.kind is Kind.NAME]
    return {
        "engine": choice.chosen.provenance.label,
        "units": len(units),
        "served": sum(bool(t.strip()) for t in enforced),
        "units_with_terms": len(with_terms),
        "adherence": round(100 * adherent / len(with_terms), 1) if with_terms else None,
        "doubled_without_glossary": sum(bool(new_doubles(u, t)) for u, t in zip(units, plain)),
        "doubled_with_glossary": sum(bool(new_doubles(u, t)) for u, t in zip(units, enforced)),
        "doubled_with_glossary_old": sum(bool(new_doubles(u, t)) for u, t in zip(units, old)),
        "dates": len(dates),
        "dates_localised": sum(present(m, enforced[i], lang) for i, m in dates),
        "names": [name for _i, name in names],
        "names_intact": sum(name in enforced[i] for i, name in names),
        "names_intact_unprotected": sum(name in unprotected[i] for i, name in names),
        "dates_localised_unprotected": sum(present(m, unprotected[i], lang) for i, m in dates),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="es,pt,fr,ru")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    project = Project.open(REPO)
    glossary = load_glossary(project.config.paths.glossary, languages=project.config.languages)
    corpora = {"content": content_units(project), "reference": reference_units()}
    results = {lang: {name: measure(project, glossary, lang, units) for name, units in corpora.items()}
               for lang in args.lang.split(",")}
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for lang, per in results.items():
        for name, r in per.items():
            if r["engine"] is None:
                print(f"{lang} {name:<9} served 0/{r['units']}: {r['why']}")
                continue
            print(f"{lang} {name:<9} {r['engine']}: served {r['served']}/{r['units']}; "
                  f"adherence {r['adherence']}% of {r['units_with_terms']}; doubled words: "
                  f"without glossary {r['doubled_without_glossary']}, with {r['doubled_with_glossary']} "
                  f"(old enforcement {r['doubled_with_glossary_old']}); dates localised "
                  f"{r['dates_localised']}/{r['dates']} (unprotected {r['dates_localised_unprotected']}); names kept {r['names_intact']}/{len(r['names'])} "
                  f"(unprotected {r['names_intact_unprotected']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
