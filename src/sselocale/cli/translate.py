"""Commands of the machine translation stage: translate, models list, models install."""

from __future__ import annotations

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
from ._progress import progress_bar, sigterm_interrupts


def register(group: click.Group) -> None:
    group.add_command(translate)
    group.add_command(models)


@click.command()
@lang_option
@article_option
@click.option("--refresh", is_flag=True, help="Also redo fuzzy entries that came from machine translation.")
@click.option(
    "-e", "--engine", "engine", type=click.Choice(["argos", "apertium", "pseudo"]), default=None,
    help="Use this engine for every language instead of the configured fallback list.",
)
@click.option(
    "--shard", metavar="K/N", callback=lambda _c, _p, v: _parse_shard(v),
    help="Take only shard K of N of the articles (by a hash of the slug), so that N runners share a portal.",
)
@pass_context
@reports_errors
def translate(ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], refresh: bool, engine: str | None,
              shard: tuple[int, int] | None) -> None:
    """Machine-translate untranslated units of the PO files, offline.

    Results are written as fuzzy suggestions with a comment naming the engine,
    package and version; reviewed translations are never changed. Each article
    is saved when it is done, so an interrupted run can simply be started again.
    A language that no engine serves is left to translators (see the summary).

    \b
    Example:
      sselocale translate --lang fr,es
      sselocale translate --refresh --article untfsse-46th-meeting
      sselocale translate --engine pseudo --lang ru   # pseudo-localisation
      sselocale translate --shard 2/4                 # the second of four CI runners
    """
    slugs = split_list(articles)
    if shard is not None:
        from ..workers import shard as share

        slugs = tuple(share([a.slug for a in ctx.project.select(slugs)], *shard))
        click.echo(f"shard {shard[0]}/{shard[1]}: {len(slugs)} articles", err=True)
        if not slugs:
            return
    run_translation(ctx, ctx.project, langs=split_list(langs), slugs=slugs, refresh=refresh, engine=engine)


def _parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise click.BadParameter(f"{value!r} is not K/N with 1 <= K <= N, such as 2/4", param_hint="--shard")
    return int(k), int(n)


def run_translation(ctx: Context, project, *, langs, slugs, refresh, engine: str | None = None) -> list:
    """Translate, with a progress bar on stderr unless quiet, and print a summary."""
    from ..mt.terms import term_spans
    from ..mt.translate import translate_project

    with progress_bar(ctx.quiet) as progress, sigterm_interrupts():
        reports = translate_project(
            project,
            langs=langs,
            slugs=slugs,
            refresh=refresh,
            terms=term_spans(project),
            engines=(engine,) if engine else None,
            progress=progress,
        )
    for report in reports:
        click.echo(summary_line(report))
    return reports


def summary_line(report) -> str:
    """One line per language for the end of a run."""
    if report.pending == 0:
        return f"{report.lang}: nothing to translate"
    memory = f", {report.memory} from the translation memory" if report.memory else ""
    if report.provenance is None and not report.unserved:
        return f"{report.lang}: {report.filled} of {report.pending} units filled from the translation memory"
    if report.provenance is None:
        return (
            f"{report.lang}: {report.pending - report.filled} units left for translators, no engine "
            f"({report.unserved}); see `sselocale models list`{memory}"
        )
    rate = report.filled / report.seconds if report.seconds > 0 else 0.0
    line = (
        f"{report.lang}: {report.filled} of {report.pending} units machine-translated with "
        f"{report.provenance.label} ({report.catalogs_written} "
        f"file{'' if report.catalogs_written == 1 else 's'} written, {rate:.1f} units/s){memory}"
    )
    notes = []
    if report.lost:
        notes.append(f"{report.lost} lost some markup")
    if report.terms:
        notes.append(f"{report.terms} with glossary terms inserted")
    return line + (f"; {', '.join(notes)}, see their comments" if notes else "")


@click.group()
def models() -> None:
    """Machine translation models: which are installed, and installing Argos packages.

    \b
    Example:
      sselocale models list
      sselocale models install fr es pt ru
      sselocale models install --from translate-en_fr-1_9.argosmodel
    """


@models.command("list")
@pass_context
@reports_errors
def models_list(ctx: Context) -> None:
    """Show, for each configured language, the engines in fallback order and what they offer.

    \b
    Example:
      sselocale models list
    """
    from ..mt.engines import choose, languages_without, remedies

    config = ctx.project.config
    for lang in config.languages:
        choice = choose(config, lang)
        chosen = choice.chosen
        click.echo(f"{config.source_language}→{lang}: {chosen.provenance.label if chosen else 'no engine'}")
        for offer in choice.offers:
            if offer.available:
                note = f" ({offer.note})" if offer.note else ""
                click.echo(f"  {offer.engine:<9} installed  {offer.provenance.package} {offer.provenance.version}{note}")
            else:
                click.echo(f"  {offer.engine:<9} missing    {offer.reason}")
        if chosen is None:
            click.echo(f"  to serve {lang}: " + "; or ".join(remedies(config, lang)))
    without_argos = languages_without(config, "argos")
    if without_argos:
        click.echo(f"install Argos packages with: sselocale models install {' '.join(without_argos)}")


@models.command("install")
@click.argument("langs", nargs=-1, metavar="[LANGS]...")
@click.option(
    "--from", "archives", multiple=True, metavar="FILE.argosmodel",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Install a package file instead of downloading (repeat for several).",
)
@pass_context
@reports_errors
def models_install(ctx: Context, langs: tuple[str, ...], archives: tuple[Path, ...]) -> None:
    """Install Argos Translate packages from the package index, or from files.

    Without LANGS, installs packages for every configured language that has
    none. Downloading needs network access; offline, copy the .argosmodel file
    over and use --from.

    \b
    Example:
      sselocale models install fr es pt ru
      sselocale models install --from translate-en_fr-1_9.argosmodel
    """
    from ..mt.engines import argos, languages_without

    if archives:
        for archive in archives:
            package = argos.install_archive(archive)
            click.echo(f"installed {package.name} {package.version} in {package.path}")
        return
    config = ctx.project.config
    wanted = split_list(langs) or languages_without(config, "argos")
    if not wanted:
        click.echo("every configured language has an Argos package")
        return
    unknown = []
    for lang, package in argos.install_languages(config.source_language, wanted):
        if package is None:
            unknown.append(lang)
        else:
            click.echo(f"installed {package.name} {package.version} in {package.path}")
    if unknown:
        click.echo(
            f"no package in the index for {config.source_language}→{', '.join(unknown)}; "
            "those languages use the next engine in the fallback list"
        )
