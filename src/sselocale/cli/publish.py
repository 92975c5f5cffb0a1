"""The command that publishes: build, the translated articles a site serves."""

from __future__ import annotations

import sys

import click

from ..errors import raise_all
from ..workers import default_jobs
from ._common import Context, article_option, jobs_option, lang_option, pass_context, reports_errors, split_list

#: Exit code of ``build`` when it skipped an article because its catalog is stale.
EXIT_STALE = 1


def register(group: click.Group) -> None:
    group.add_command(build)


@click.command()
@lang_option
@article_option
@click.option("--include-fuzzy", is_flag=True, help="Publish fuzzy (unreviewed) translations too.")
@click.option(
    "--min-coverage", type=click.FloatRange(0, 100), default=0, show_default=True, metavar="N",
    help="Skip a language/article whose translated units are under N percent.",
)
@click.option("--allow-stale", is_flag=True,
              help="Build articles whose catalogs are stale (changed sources, no sync) anyway.")
@jobs_option
@pass_context
@reports_errors
def build(
    ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], include_fuzzy: bool, min_coverage: float,
    allow_stale: bool, jobs: int | None,
) -> None:
    """Write translated articles to build/<lang>/<slug>.md.

    Each unit is replaced by its reviewed translation; fuzzy and missing ones
    fall back to the source text. The front matter gets `lang` and a date
    written out for the language. An article whose catalog is stale (its
    source changed since the last sync) is skipped and the exit code is 1,
    unless --allow-stale.

    \b
    Example:
      sselocale build --lang fr --min-coverage 80
    """
    from ..project import build as do_build

    errors: list = []
    results = do_build(
        ctx.project, errors=errors,
        langs=split_list(langs),
        slugs=split_list(articles),
        include_fuzzy=include_fuzzy,
        min_coverage=min_coverage,
        allow_stale=allow_stale,
        jobs=jobs or default_jobs(),
    )
    skipped = [r for r in results if r.path is None]
    for r in skipped:
        if r.stale is None:
            ctx.echo(f"skipped {r.lang}/{r.slug}: {r.coverage:.0f}% translated, under {min_coverage:g}%")
    stale = [r.stale for r in skipped if r.stale is not None]
    for s in stale:
        # Always shown, even with -q: the build is incomplete and exits 1.
        click.echo(f"skipped {s.lang}/{s.slug}: {s.message} (or build with --allow-stale)", err=True)
    for result in results:
        for r in result.refused:
            reasons = "; ".join(r.reasons)
            click.echo(
                f"{r.unit.source}:{r.line}: {result.lang}: {'' if r.structure else 'unsafe '}"
                f"translation not published "
                f"(source text kept): {reasons}",
                err=True,
            )
    built = len(results) - len(skipped)
    written = sum(r.written for r in results)
    click.echo(f"built {_plural(built, 'article')} ({written} changed), skipped {len(skipped)}")
    raise_all(errors)
    if stale:
        sys.exit(EXIT_STALE)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
