"""The ``sselocale`` command: parse options, call the library, format results.

Commands live in one module per group; each module's ``register(group)`` adds
its commands. Heavy libraries (the MT stack) are imported inside commands, so
``sselocale --help``, ``status`` and ``check`` stay fast.
"""

from __future__ import annotations

import click

from .. import __version__
from . import catalog, glossary, memory, publish, review, translate
from ._common import Context, enter_directory, quiet_everywhere

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Run as if started in DIR (like git -C).",
    metavar="DIR",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and results, no progress.")
@click.version_option(__version__, prog_name="sselocale")
@click.pass_context
def main(ctx: click.Context, directory: str | None, quiet: bool) -> None:
    """Translate social and solidarity economy articles through gettext PO files.

    \b
    A typical day:
      sselocale sync            # extract units, merge PO files, machine-translate
      sselocale status          # what is translated, reviewed, missing
      sselocale check           # may this release ship? (exit 1 if not)
      sselocale build           # write translated articles to build/<lang>/

    Run `sselocale COMMAND --help` for the options and an example of each command.
    """
    ctx.obj = Context(directory=enter_directory(ctx, directory), quiet=quiet)


for _module in (catalog, publish, translate, glossary, review, memory):
    _module.register(main)
for _command in main.commands.values():
    quiet_everywhere(_command)
