"""Commands of the localisation spine: init, extract, update, sync."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import raise_all
from ..workers import default_jobs
from ._common import (
    Context,
    article_option,
    jobs_option,
    lang_option,
    pass_context,
    reports_errors,
    split_list,
)


def register(group: click.Group) -> None:
    for command in (init, extract, update, sync):
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
    from ..scaffold import init_project

    langs = split_list((languages,))
    created = init_project(ctx.cwd, languages=langs)
    for path in created:
        ctx.echo(f"created {_rel(path, ctx.cwd)}")
    ctx.echo("next: add articles to content/ and run `sselocale sync`")


@click.command()
@article_option
@jobs_option
@pass_context
@reports_errors
def extract(ctx: Context, articles: tuple[str, ...], jobs: int | None) -> None:
    """Write one template per article: locales/templates/<slug>.pot.

    \b
    Example:
      sselocale extract --article un-general-assembly-sse-resolution
    """
    from ..project import extract as do_extract

    errors: list = []
    changes = do_extract(ctx.project, slugs=split_list(articles), errors=errors, jobs=jobs or default_jobs())
    _report_changes(ctx, changes, "templates")
    raise_all(errors)


@click.command()
@lang_option
@article_option
@jobs_option
@pass_context
@reports_errors
def update(ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], jobs: int | None) -> None:
    """Create or merge locales/<lang>/<slug>.po from the templates.

    Merging works like msgmerge: unchanged units keep their translation,
    changed units get the closest old translation marked fuzzy, removed units
    become obsolete (#~). Reviewed translations are never overwritten.

    \b
    Example:
      sselocale update --lang fr,es
    """
    from ..project import update as do_update

    project, errors = ctx.project, []
    changes = do_update(
        project, langs=split_list(langs), slugs=split_list(articles), annotate=_annotator(project), errors=errors,
        jobs=jobs or default_jobs(),
    )
    _report_changes(ctx, changes, "catalogs")
    raise_all(errors)


@click.command()
@lang_option
@article_option
@click.option("--no-translate", is_flag=True, help="Only extract and merge; no machine translation.")
@click.option("--refresh", is_flag=True, help="Also redo fuzzy machine translations.")
@jobs_option
@pass_context
@reports_errors
def sync(ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], no_translate: bool, refresh: bool,
         jobs: int | None) -> None:
    """Extract, merge and machine-translate: the main job, in one step.

    Prints a summary per language: reviewed, fuzzy (awaiting review) and
    untranslated units.

    \b
    Example:
      sselocale sync
      sselocale sync --lang ru --no-translate
    """
    from ..project import extract as do_extract, sound_articles, update as do_update

    project, langs_, errors, jobs = ctx.project, split_list(langs), [], jobs or default_jobs()
    # A broken article, or one with a damaged catalog, is left alone; the others go on.
    sound = sound_articles(project, langs=langs_, slugs=split_list(articles), errors=errors)
    slugs = tuple(a.slug for a in sound)
    templates = do_extract(project, slugs=slugs, errors=errors, jobs=jobs) if slugs else []
    annotate = _annotator(project)
    if annotate is None:
        _no_glossary(project)
    catalogs_ = do_update(project, langs=langs_, slugs=slugs, annotate=annotate, errors=errors,
                          jobs=jobs) if slugs else []
    written = sum(c.written for c in (*templates, *catalogs_))
    click.echo(f"{len(templates)} templates, {len(catalogs_)} catalogs ({written} written)")
    if not no_translate and slugs:
        from .translate import run_translation

        run_translation(ctx, project, langs=langs_, slugs=slugs, refresh=refresh)
    if slugs:
        _summary(ctx, project, langs_, slugs)
    raise_all(errors)


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


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)
