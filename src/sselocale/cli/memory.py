"""The ``tm`` command group: the translation memory's figures, and TMX export and import."""

from __future__ import annotations

import json
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


def register(group: click.Group) -> None:
    """Add the ``tm`` command group to ``group``."""
    group.add_command(tm)


@click.group()
def tm() -> None:
    """The translation memory: reviewed translations reused across the portal.

    Every reviewed entry of every catalog, per language, plus the TMX files in
    locales/tm/, fills units before any engine in `translate` and `sync`, and
    gives new or changed units their best match in `update`. Matches are
    fuzzy (awaiting review) with a comment naming where they come from.

    \b
    Example:
      sselocale tm stats
      sselocale tm export portal.tmx --lang fr
    """


@tm.command()
@lang_option
@article_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_context
@reports_errors
def stats(ctx: Context, langs: tuple[str, ...], articles: tuple[str, ...], fmt: str) -> None:
    """Entries in the memory per language, and what it would fill.

    The leverage counts the untranslated units that the memory would fill
    with an exact match (placeables adapted included), a fuzzy match at or
    above `memory.threshold`, or sentence by sentence, and the source words of
    each: the review work saved.

    \b
    Example:
      sselocale tm stats
      sselocale tm stats --lang fr --format json
    """
    from ..memory.leverage import leverage

    project = ctx.project
    slugs = split_list(articles)
    results = []
    for lang in project.languages(split_list(langs)):
        paths = [path for _lang, _slug, path in project.po_paths((lang,), slugs)]
        results.append(leverage(project.config, lang, paths))
    if fmt == "json":
        payload = {"threshold": project.config.memory.threshold,
                   "languages": {r.lang: r.as_dict() for r in results}}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for r in results:
        click.echo(
            f"{r.lang}: {r.entries} entries ({r.sentences} sentence pairs); {r.pending} pending units "
            f"({r.pending_words} words): {r.exact} exact ({r.exact_words} words), "
            f"{r.fuzzy} fuzzy ≥ {project.config.memory.threshold}% ({r.fuzzy_words} words), "
            f"{r.by_sentence} by sentence ({r.by_sentence_words} words)"
        )


@tm.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@pass_context
@reports_errors
def export(ctx: Context, file: Path, langs: tuple[str, ...]) -> None:
    """Write the memory to FILE as TMX 1.4b (OmegaT, Weblate, Translate Toolkit read it).

    One translation unit per reviewed source text and language, with the
    unit it was reviewed in as its `x-origin` property.

    \b
    Example:
      sselocale tm export portal.tmx
      sselocale tm export portal-fr.tmx --lang fr
    """
    from ..memory.exchange import export as export_memory

    project = ctx.project
    counts = export_memory(project.config, ctx.cwd / file, project.languages(split_list(langs)))
    detail = ", ".join(f"{lang} {n}" for lang, n in counts.items())
    click.echo(f"{file}: {sum(counts.values())} translation units ({detail})")


@tm.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
@reports_errors
def import_(ctx: Context, file: Path) -> None:
    """Add a TMX file to the memory (copied into locales/tm/, to commit).

    The whole file is checked first (safely: no entities, no external
    references); a malformed one is refused, naming the line, and nothing is
    written. Only the project's languages are kept. Importing a file of the
    same name again replaces it.

    \b
    Example:
      sselocale tm import shared-memory.tmx
    """
    from ..memory.exchange import import_file

    project = ctx.project
    imported = import_file(project.config, ctx.cwd / file)
    shown = imported.path.relative_to(project.root) if imported.path.is_relative_to(project.root) else imported.path
    detail = ", ".join(f"{lang} {n}" for lang, n in imported.pairs.items())
    verb = "replaced" if imported.replaced else "written"
    click.echo(f"{shown} {verb}: {sum(imported.pairs.values())} translation pairs ({detail})")
