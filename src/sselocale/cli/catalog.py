"""Commands of the localisation spine: init, extract, update, sync, build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._common import (
    Context,
    article_option,
    lang_option,
    pass_context,
    reports_errors,
    split_list,
)


#: Exit code of ``build`` when it skipped an article because its catalog is stale.
EXIT_STALE = 1


def register(group: click.Group) -> None:
    for command in (init, extract, update, sync, build):
        group.add_command(command)


@click.command()
@click.option(
    "--languages", default="fr,es,pt,ru", show_default=True, metavar="LANGS",
    help="Target languages, comma-separated ISO 639 codes.",
)
@pass_context
@reports_errors
def init(ctx: Context, languages: str) -> None:
    """Turn the current folder into an sselocale project.

    Creates sselocale.yaml, content/ (with a first article when empty),
    locales/ and glossary/. Existing files are never overwritten.

    \b
    Example:
      sselocale init
      sselocale -C my-portal init --languages fr,es
    """
    from ..project import init_project

    langs = split_list((languages,))
    created = init_project(ctx.cwd, languages=langs)
    for path in created:
        ctx.echo(f"created {_rel(path, ctx.cwd)}")
    ctx.echo("next: add articles to content/ and run `sselocale sync`")


@click.command()
@article_option
@pass_context
@reports_errors
def extract(ctx: Context, articles: tuple[str, ...]) -> None:
    """Write one template per article: locales/templates/<slug>.pot.

    \b
    Example:
      sselocale extract --article un-general-assembly-sse-resolution
    """
    from ..project import extract as do_extract

    changes = do_extract(ctx.project, slugs=split_list(articles))
    _report_changes(ctx, changes, "templates")


@click.command()
@lang_option
@article_option
@pass_context
@reports_errors
def update(ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...]) -> None:
    """Create or merge locales/<lang>/<slug>.po from the templates.

    Merging works like msgmerge: unchanged units keep their translation,
    changed units get the closest old translation marked fuzzy, removed units
    become obsolete (#~). Reviewed translations are never overwritten.

    \b
    Example:
      sselocale update --lang fr,es
    """
    from ..project import update as do_update

    project = ctx.project
    changes = do_update(
        project, langs=split_list(langs), slugs=split_list(articles), annotate=_annotator(project)
    )
    _report_changes(ctx, changes, "catalogs")


@click.command()
@lang_option
@article_option
@click.option("--no-translate", is_flag=True, help="Only extract and merge; no machine translation.")
@click.option("--refresh", is_flag=True, help="Also redo fuzzy machine translations.")
@pass_context
@reports_errors
def sync(ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], no_translate: bool, refresh: bool) -> None:
    """Extract, merge and machine-translate: the main job, in one step.

    Prints a summary per language: reviewed, fuzzy (awaiting review) and
    untranslated units.

    \b
    Example:
      sselocale sync
      sselocale sync --lang ru --no-translate
    """
    from ..project import extract as do_extract
    from ..project import update as do_update

    from ..project import verify_catalogs

    project = ctx.project
    slugs, langs_ = split_list(articles), split_list(langs)
    verify_catalogs(project, langs=langs_, slugs=slugs)  # before the first template is written
    templates = do_extract(project, slugs=slugs)
    annotate = _annotator(project)
    if annotate is None:
        _no_glossary(project)
    catalogs_ = do_update(project, langs=langs_, slugs=slugs, annotate=annotate)
    written = sum(c.written for c in (*templates, *catalogs_))
    click.echo(f"{len(templates)} templates, {len(catalogs_)} catalogs ({written} written)")
    if not no_translate:
        from .translate import run_translation

        run_translation(ctx, project, langs=langs_, slugs=slugs, refresh=refresh)
    _summary(ctx, project, langs_, slugs)


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
@pass_context
@reports_errors
def build(
    ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], include_fuzzy: bool, min_coverage: float,
    allow_stale: bool,
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

    results = do_build(
        ctx.project,
        langs=split_list(langs),
        slugs=split_list(articles),
        include_fuzzy=include_fuzzy,
        min_coverage=min_coverage,
        allow_stale=allow_stale,
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
    if stale:
        sys.exit(EXIT_STALE)


def _annotator(project):
    """Glossary hints for PO entries, when the glossary stage provides them."""
    from ..glossary.enforce import annotator

    return annotator(project)


def _no_glossary(project) -> None:
    """Say so when a run goes without terminology: the sync would silently be poorer."""
    path = _rel(project.config.paths.glossary, project.root)
    click.echo(
        f"warning: no glossary at {path}: no terminology is protected in machine translation "
        "or shown to translators (create it, or set paths.glossary in sselocale.yaml)",
        err=True,
    )


def _report_changes(ctx: Context, changes, what: str) -> None:
    for change in changes:
        if change.written:
            verb = "created" if change.created else "updated"
            ctx.echo(f"{verb} {_rel(change.path, ctx.project.root)}")
    written = sum(c.written for c in changes)
    click.echo(f"{len(changes)} {what}, {written} written, {len(changes) - written} unchanged")


def _summary(ctx: Context, project, langs: tuple[str, ...], slugs: tuple[str, ...]) -> None:
    from ..project import language_counts

    for lang, total in language_counts(project, langs=langs, slugs=slugs):
        click.echo(
            f"{lang}: {total.total} units, {total.translated} reviewed ({total.percent:.0f}%), "
            f"{total.fuzzy} fuzzy, {total.untranslated} untranslated"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)
