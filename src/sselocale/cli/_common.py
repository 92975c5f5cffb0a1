"""What every command shares: the project context, error reporting, common options."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..errors import SselocaleError

#: Exit codes: 0 success, 1 the release may not ship (check), 2 usage or input error.
EXIT_USAGE = 2


@dataclass
class Context:
    """Options of the main group, handed to every command."""

    directory: str | None = None
    quiet: bool = False
    _project: Any = field(default=None, repr=False)

    @property
    def cwd(self) -> Path:
        return Path(self.directory) if self.directory else Path.cwd()

    @property
    def project(self):
        from ..project import Project

        if self._project is None:
            if self.directory and not Path(self.directory).is_dir():
                raise SselocaleError(f"-C: no such folder: {self.directory}")
            self._project = Project.open(self.cwd)
        return self._project

    def echo(self, message: str = "", **kwargs: Any) -> None:
        if not self.quiet:
            click.echo(message, **kwargs)


pass_context = click.make_pass_decorator(Context)


def reports_errors(func: Callable) -> Callable:
    """Print a :class:`SselocaleError` once, as ``path:line: message``, and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SselocaleError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("interrupted: work saved up to the last finished file", err=True)
            sys.exit(130)

    return wrapper


def split_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept ``--lang fr --lang es`` as well as ``--lang fr,es``."""
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def lang_option(func: Callable) -> Callable:
    return click.option(
        "-l", "--lang", "langs", multiple=True, metavar="LANG",
        help="Only this language (repeat, or separate with commas). Default: all configured.",
    )(func)


def article_option(func: Callable) -> Callable:
    return click.option(
        "-a", "--article", "articles", multiple=True, metavar="SLUG",
        help="Only this article (repeat, or separate with commas). Default: all.",
    )(func)


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(Context).quiet = True
    return value


def _quiet_param() -> click.Option:
    return click.Option(
        ["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_quiet,
        help="No progress output; print only results and errors.",
    )


def quiet_everywhere(command: click.Command) -> None:
    """Give ``command`` (and a group's subcommands) ``-q``, so it works after any name."""
    if not any(isinstance(p, click.Option) and "--quiet" in p.opts for p in command.params):
        command.params.append(_quiet_param())
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            quiet_everywhere(sub)


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
