"""The release gate of ``sselocale check``: run the checks over a release and decide.

Every selected language must reach its minimum coverage of reviewed units
(``release`` in ``sselocale.yaml``, or ``--min-coverage``), and no unsilenced
error may remain. A stale catalog (:mod:`sselocale.po.freshness`: the sources
changed and ``sync`` was not run) is such an error, check id ``stale``.
Large releases are checked by several worker processes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import CatalogError
from ..po.freshness import Stale, stale_catalogs
from .checks import CHECKS, ArticleSource, Check, Finding, Severity, check_catalog, select_checks
from ..statefile import StateFile
from .coverage import Coverage, coverage, template_entries
from .memo import check_inputs, load_checked, save_checked

if TYPE_CHECKING:
    from ..source.workspace import Project


@dataclass(frozen=True, slots=True)
class Gate:
    """One language's coverage against the minimum the release demands; one per language in a report."""

    lang: str
    coverage: Coverage
    required: float
    count_fuzzy: bool

    @property
    def percent(self) -> float:
        """Shipped units over all units, to 0.1; never rounded up to a minimum it misses."""
        exact = self.coverage.shipped_percent(count_fuzzy=self.count_fuzzy)
        shown = round(exact, 1)
        return math.floor(exact * 10) / 10 if shown >= self.required > exact else shown

    @property
    def passed(self) -> bool:
        return self.coverage.shipped_percent(count_fuzzy=self.count_fuzzy) >= self.required


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything ``sselocale check`` found, and whether the release may ship.

    What :func:`run_checks` returns and the check renderers of
    :mod:`sselocale.review.reports` take.
    """

    findings: tuple[Finding, ...]
    gates: tuple[Gate, ...]
    files: int
    count_fuzzy: bool

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.blocking)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING and not f.silenced)

    @property
    def silenced(self) -> int:
        return sum(1 for f in self.findings if f.silenced)

    @property
    def ok(self) -> bool:
        return self.errors == 0 and all(g.passed for g in self.gates)

    @property
    def verdict(self) -> str:
        if self.ok:
            return "the release may ship"
        reasons = []
        stale = sum(1 for f in self.findings if f.check == STALE)
        if self.errors:
            among = f" ({plural(stale, 'stale catalog')}: run `sselocale sync`)" if stale else ""
            reasons.append(plural(self.errors, "error") + among)
        reasons += [f"{g.lang} under {g.required:g}%" for g in self.gates if not g.passed]
        return f"the release may not ship: {', '.join(reasons)}"

    @property
    def summary(self) -> str:
        """``1 error, 2 warnings, 0 silenced in 3 catalogs``: what every format ends with."""
        return (f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}, "
                f"{self.silenced} silenced in {plural(self.files, 'catalog')}")


#: The check id of a stale catalog's finding; it cannot be silenced or skipped.
STALE = "stale"


def stale_finding(stale: Stale) -> Finding:
    """A stale catalog as a blocking finding on line 1 of its PO file."""
    return Finding(STALE, Severity.ERROR, stale.message, stale.path, 1, stale.lang, stale.slug)


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


#: Fewer articles than this per worker process are not worth starting one for.
_MIN_ARTICLES_PER_JOB = 50

_worker: tuple[Any, Any, Any] = (None, None, None)


def _init_worker(project: Project, glossary: Any, state: StateFile) -> None:
    global _worker
    _worker = (project, glossary, state)


def _check_in_worker(slugs: list[str], languages: tuple[str, ...], ids: tuple[str, ...],
                     stale: frozenset[tuple[str, str]]):
    return _check_articles(*_worker, slugs, languages, ids, stale)


def _check_articles(
    project: Project, glossary: Any, state: StateFile, slugs: list[str], languages: tuple[str, ...],
    ids: tuple[str, ...], stale: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[list[Finding], dict[str, Coverage], int, dict]:
    """Findings, coverage per language, catalogs read and state records for some articles.

    ``stale`` holds ``(lang, slug)`` pairs. A catalog whose findings the state
    holds for its inputs as they are now (:mod:`.memo`) is not checked again.
    """
    from ..po import fastread as pofast

    checks = select_checks(ids)
    findings: list[Finding] = []
    totals = {lang: Coverage() for lang in languages}
    files, done = 0, {}
    # Article by article, so that what a language-independent step learns about
    # a source text (the glossary's matches) is still at hand for the next language.
    rebuilds = any(c.id == "structure" for c in checks)
    for article in project.select(tuple(slugs)):
        for lang in languages:
            path = project.po_path(lang, article.slug)
            if not path.exists():
                totals[lang] += coverage(template_entries(project, article))
                continue
            files += 1
            key, inputs = f"{lang}/{article.slug}", check_inputs(project, article, lang, ids, (lang, article.slug) in stale)
            known = load_checked(state, key, inputs)
            if known is not None:
                findings += known[0]
                totals[lang] += known[1]
                continue
            try:
                entries = pofast.read_entries(path, unique=False)
            except CatalogError as exc:
                findings.append(Finding("po-invalid", Severity.ERROR, exc.message, path, exc.line or 1,
                                        lang, article.slug))
                totals[lang] += coverage(template_entries(project, article))
                continue
            # Duplicate entries are refused, as by every command: no coverage can be computed.
            pofast.check_unique(entries, path)
            cov = coverage(entries)
            totals[lang] += cov
            allowed = project.config.release.allowed_hosts
            source = (ArticleSource(article, project.units(article), allowed)
                      if rebuilds and (lang, article.slug) not in stale else None)
            found = check_catalog(entries, path=path, lang=lang, slug=article.slug,
                                  glossary=glossary, checks=checks, source=source, allowed_hosts=allowed)
            findings += found
            done[("check", key)] = save_checked(state, key, inputs, found, cov)
    return findings, totals, files, done


def load_project_glossary(project: Project) -> Any:
    """The project's glossary, or None when it has none (or no glossary stage is installed)."""
    path = project.config.paths.glossary
    if not path.is_file():
        return None
    try:
        from ..glossary import load_glossary
    except ImportError:
        return None
    return load_glossary(path, languages=project.config.languages)


def run_checks(
    project: Project,
    *,
    langs: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
    min_coverage: float | None = None,
    checks: tuple[Check, ...] = CHECKS,
    jobs: int = 1,
) -> CheckReport:
    """Check the release: its articles (``slugs``, else ``release.articles``, else all) in ``langs``.

    With ``jobs`` > 1 the articles are shared among that many worker processes;
    the report is the same, in the same order.
    """
    release = project.config.release
    languages = project.languages(langs)
    articles = project.select(slugs or release.articles)
    ids = tuple(c.id for c in checks)
    glossary = load_project_glossary(project) if "glossary-term" in ids else None
    jobs = max(1, min(jobs, len(articles) // _MIN_ARTICLES_PER_JOB))
    stale = stale_catalogs(project, langs=languages, slugs=[a.slug for a in articles])
    # A stale catalog's units are not the article's any more: not rebuilt (nor segmented).
    skip = frozenset((s.lang, s.slug) for s in stale)
    state = StateFile.load(project.config.root)
    if jobs == 1:
        parts = [_check_articles(project, glossary, state, [a.slug for a in articles], languages, ids, skip)]
    else:
        import multiprocessing

        size = -(-len(articles) // jobs)
        chunks = [[a.slug for a in articles[i : i + size]] for i in range(0, len(articles), size)]
        context = multiprocessing.get_context("fork")
        # Forked workers inherit the project and the glossary already loaded.
        with context.Pool(jobs, initializer=_init_worker, initargs=(project, glossary, state)) as pool:
            parts = pool.starmap(_check_in_worker, [(chunk, languages, ids, skip) for chunk in chunks])
    findings = [stale_finding(s) for s in stale]
    totals = {lang: Coverage() for lang in languages}
    files = 0
    for part_findings, part_totals, part_files, records in parts:
        findings += part_findings
        files += part_files
        state.merge(records)
        for lang, cov in part_totals.items():
            totals[lang] += cov
    state.save()
    order = {lang: i for i, lang in enumerate(languages)}
    findings.sort(key=lambda f: (order[f.lang], str(f.path), f.line))
    gates = [
        Gate(lang, totals[lang],
             min_coverage if min_coverage is not None else release.min_coverage_for(lang),
             release.count_fuzzy)
        for lang in languages
    ]
    return CheckReport(tuple(findings), tuple(gates), files, release.count_fuzzy)
