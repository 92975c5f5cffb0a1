"""Commands for editors and CI: ``status`` (coverage), ``check`` (the release gate), ``review`` (the queue).

Neither imports the machine translation stack: they must stay fast in CI.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from ._common import (
    Context,
    article_option,
    is_terminal,
    lang_option,
    pass_context,
    reports_errors,
    split_list,
)

#: Exit code of ``check`` when the release may not ship.
EXIT_BLOCKED = 1


def register(group: click.Group) -> None:
    for command in (status, check, review):
        group.add_command(command)


@click.command()
@lang_option
@article_option
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["table", "json", "markdown", "html"]),
    default="table", show_default=True, help="Output format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="Write the report to FILE instead of standard output.",
)
@pass_context
@reports_errors
def status(
    ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], fmt: str, output: Path | None
) -> None:
    """Show how much is translated: per language and per article.

    Counts units reviewed (translated, not fuzzy), fuzzy (machine or outdated
    translations awaiting review), untranslated and obsolete, as msgfmt
    --statistics counts them, with percentages by units and by source words.
    Catalogs whose sources changed since the last sync are marked stale.

    \b
    Example:
      sselocale status
      sselocale status --lang fr,es --format json
      sselocale status --format html -o status.html
    """
    from ..review import reports

    report = reports.collect_status(ctx.project, langs=split_list(langs), slugs=split_list(articles))
    if fmt == "json":
        text = reports.status_json(report)
    elif fmt == "markdown":
        text = reports.status_markdown(report)
    elif fmt == "html":
        text = reports.status_html(report)
    else:
        color = output is None and is_terminal()
        longest = max((len(slug) for slug in report.articles), default=0)
        width = shutil.get_terminal_size().columns if color else max(120, longest + 100)
        text = reports.status_table(report, color=color, width=width)
    _emit(ctx, text, output)


@click.command()
@lang_option
@article_option
@click.option(
    "--min-coverage", type=click.FloatRange(0, 100), default=None, metavar="N",
    help="Demand N percent of reviewed units in every language (overrides sselocale.yaml).",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "github"]),
    default="text", show_default=True,
    help="text: grouped by file; json: for tools; github: workflow annotations.",
)
@click.option(
    "--skip", multiple=True, metavar="CHECK",
    help="Do not run this check (repeat, or separate with commas), e.g. --skip glossary-term.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
    help="Check with N processes (default: one per CPU; small portals use one).",
)
@pass_context
@reports_errors
def check(
    ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], min_coverage: float | None,
    fmt: str, skip: tuple[str, ...], output: Path | None, jobs: int | None,
) -> None:
    """May this release ship? Exit 0 if yes, 1 if not, 2 on bad input.

    Checks every translated and fuzzy entry (markup, placeholders, links,
    numbers, glossary terms, punctuation, brackets, unsafe HTML or URLs, the
    article's structure once rebuilt, PO validity) and the coverage each
    language must reach (release section of sselocale.yaml). Silence one check on one entry with a PO flag such as
    `#, ignore-numbers`; safety checks cannot be silenced. A catalog whose
    article, glossary or extraction settings changed since the last sync is
    stale, an error that only `sselocale sync` clears.

    Checks: stale, po-invalid, blank, unsafe-html, unsafe-url, structure, placeholders,
    markup, urls, numbers, unchanged, glossary-term, whitespace, end-punctuation,
    brackets, doubled-words, dates.

    \b
    Example:
      sselocale check
      sselocale check --lang fr --min-coverage 90
      sselocale check --format github     # in a GitHub Actions step
    """
    from ..review import reports
    from ..review.checks import select_checks
    from ..review.gate import run_checks

    project = ctx.project
    report = run_checks(
        project, langs=split_list(langs), slugs=split_list(articles), min_coverage=min_coverage,
        checks=select_checks(skip=split_list(skip)), jobs=jobs or len(os.sched_getaffinity(0)),
    )
    base = Path.cwd()
    if fmt == "json":
        text = reports.check_json(report, base=base)
    elif fmt == "github":
        text = reports.check_github(report, base=base, config=project.config.path)
    else:
        text = reports.check_text(report, base=base)
    _emit(ctx, text, output)
    if not report.ok:
        sys.exit(EXIT_BLOCKED)


@click.command()
@click.option("-l", "--lang", "lang", required=True, metavar="LANG", help="The language to review, e.g. es.")
@article_option
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
    help="text: one line per entry; json: for tools; html: a page with the suggestions.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="Write the list to FILE instead of standard output.",
)
@pass_context
@reports_errors
def review(ctx: Context, lang: str, articles: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """List the fuzzy entries of a language, the machine's least sure first.

    Each line gives the confidence the machine recorded (`machine
    translation: confidence 0.62` in the entry's comment), `file:line` of the
    msgstr, and what lowered it (unknown words, markup lost, glossary terms
    inserted, a pivot). Fuzzy entries without a confidence come first.

    \b
    Example:
      sselocale review --lang es
      sselocale review --lang fr --article coops --format json
      sselocale review --lang pt --format html -o review-pt.html
    """
    from ..review.queue import queue_json, queue_text, review_queue
    from ..review.reports import review_html

    project = ctx.project
    (code,) = project.languages((lang,))
    queue = review_queue(project, code, slugs=split_list(articles))
    base = Path.cwd()
    if fmt == "json":
        text = queue_json(queue, base=base)
    elif fmt == "html":
        text = review_html(queue, lang=code, base=base)
    else:
        text = queue_text(queue, base=base)
    _emit(ctx, text, output)


def _emit(ctx: Context, text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from ..files import atomic_write

    atomic_write(output, text)
    ctx.echo(f"wrote {output}", err=True)

