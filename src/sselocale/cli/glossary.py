"""The ``glossary`` command group: validate, look up, import and export the terminology."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._common import Context, pass_context, reports_errors

FORMATS = ("tbx", "csv")


def register(group: click.Group) -> None:
    """Add the ``glossary`` command group to ``group``."""
    group.add_command(glossary)


@click.group()
def glossary() -> None:
    """Check, look up, import and export the SSE terminology glossary.

    The glossary lives in glossary/sse.yaml (`paths.glossary` in
    sselocale.yaml). Its terms are protected during machine translation,
    listed in PO comments for translators, and checked by `sselocale check`.

    \b
    Example:
      sselocale glossary validate
      sselocale glossary lookup "decent work"
    """


@glossary.command()
@pass_context
@reports_errors
def validate(ctx: Context) -> None:
    """Check the glossary: languages, duplicate terms, policies.

    Every concept needs a term in the source language and in every configured
    language; no two concepts may claim the same source term; policies and
    parts of speech must be known values. Errors name the file and line, and
    exit with status 2.

    \b
    Example:
      sselocale glossary validate
    """
    from collections import Counter

    loaded = _load(ctx)
    policies = Counter(c.policy.value for c in loaded.concepts)
    detail = ", ".join(f"{n} {name}" for name, n in sorted(policies.items()))
    click.echo(
        f"{_rel(loaded.path, ctx.project.root)}: {len(loaded.concepts)} concepts in "
        f"{', '.join(loaded.all_languages)} ({detail}): OK"
    )


@glossary.command()
@click.argument("term")
@pass_context
@reports_errors
def lookup(ctx: Context, term: str) -> None:
    """Show the concept for TERM in every language.

    TERM is a concept id or a term in any language, any case; failing that,
    the concepts whose terms occur in TERM are shown. Exits with status 1 when
    nothing matches.

    \b
    Example:
      sselocale glossary lookup cooperatives
      sselocale glossary lookup "travail décent"
    """
    import difflib

    loaded = _load(ctx)
    found = loaded.lookup(term) or list(dict.fromkeys(m.concept for m in loaded.find(term)))
    if not found:
        forms = {f: c for c in loaded.concepts for t in c.terms.values() for f in t.forms}
        close = difflib.get_close_matches(term, list(forms), n=3, cutoff=0.7)
        message = f"no glossary concept for {term!r}"
        if close:
            message += "; did you mean " + " or ".join(repr(f) for f in close) + "?"
        click.echo(message, err=True)
        sys.exit(1)
    for index, concept in enumerate(found):
        if index:
            click.echo()
        click.echo(_describe(concept, loaded.all_languages))


@glossary.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from the file extension.")
@click.option("--replace", "replace_all", is_flag=True, help="Remove concepts that are not in FILE.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@pass_context
@reports_errors
def import_(ctx: Context, file: Path, fmt: str | None, replace_all: bool, dry_run: bool) -> None:
    """Merge a TBX or CSV file into the glossary.

    Concepts are matched by id (or by source term); a matched concept takes
    the file's terms language by language, and new concepts are added at the
    end. Comments and layout of the YAML file are kept. The whole file is
    checked first: on any error nothing is written.

    \b
    Example:
      sselocale glossary import reviewed-terms.tbx
      sselocale glossary import terms.csv --dry-run
    """
    from ..glossary import load_glossary, save_glossary
    from ..glossary.exchange import merge, read_exchange

    project = ctx.project
    config = project.config
    path = config.paths.glossary
    base = load_glossary(path, languages=config.languages) if path.exists() else None
    source = base.source if base else config.source_language
    languages = (*config.languages, *(base.languages if base else ()))
    imported = read_exchange(file, fmt=fmt, source=source, languages=languages)
    result = merge(base, imported, languages=config.languages, replace_all=replace_all)
    written = False if dry_run else save_glossary(result.glossary, path)
    parts = [f"{len(result.added)} added", f"{len(result.updated)} updated",
             f"{len(result.unchanged)} unchanged"]
    if replace_all:
        parts.append(f"{len(result.removed)} removed")
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {file}: {', '.join(parts)}")
    for label, ids in (("added", result.added), ("updated", result.updated), ("removed", result.removed)):
        for concept_id in ids:
            ctx.echo(f"  {label} {concept_id}")
    if not dry_run:
        ctx.echo(f"{'wrote' if written else 'unchanged'} {_rel(path, project.root)}")


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from the file extension.")
@pass_context
@reports_errors
def export(ctx: Context, file: Path, fmt: str | None) -> None:
    """Write the glossary to a TBX or CSV file.

    TBX is TBX-Basic (ISO 30042), which Weblate, Translate Toolkit and CAT
    tools read; CSV has one row per concept and four columns per language
    (term, plural, variants separated by |, note).

    \b
    Example:
      sselocale glossary export sse-glossary.tbx
      sselocale glossary export sse-glossary.csv
    """
    from ..glossary.exchange import write_exchange

    loaded = _load(ctx)
    write_exchange(loaded, file, fmt=fmt)
    click.echo(f"exported {len(loaded.concepts)} concepts to {file}")


def _load(ctx: Context):
    from ..glossary import load_glossary

    config = ctx.project.config
    return load_glossary(config.paths.glossary, languages=config.languages)


def _describe(concept, langs: tuple[str, ...]) -> str:
    lines = [f"{concept.id} ({concept.pos.value}, {concept.policy.value})"]
    for text in (concept.definition, concept.note):
        if text:
            lines.append(f"  {text}")
    width = max(len(lang) for lang in langs)
    for lang in langs:
        term = concept.terms.get(lang)
        if term is None:
            continue
        line = f"  {lang.ljust(width)}  {term.text}"
        if term.plural:
            line += f"; plural {term.plural}"
        if term.variants:
            line += f"; also {', '.join(term.variants)}"
        if term.note:
            line += f" ({term.note})"
        lines.append(line)
    return "\n".join(lines)


def _rel(path, root) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, TypeError):
        return str(path)
