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

#: Exit codes: 0 success, 1 the release may not ship (check), 2 usage or input error,
#: 70 a bug in sselocale (EX_SOFTWARE from sysexits.h), 130 interrupted, 141 output closed.
EXIT_USAGE = 2
EXIT_BUG = 70
#: What a shell reports for a process killed by SIGPIPE: the output's reader left.
EXIT_PIPE = 141
#: Where a bug is reported; the message asks for the command and the error line.
BUG_REPORTS = "the sselocale maintainers"


@dataclass
class Context:
    """Options of the main group, handed to every command."""

    directory: str | None = None
    """Set only for ``init -C DIR`` with DIR not made yet; otherwise ``-C`` changed the working folder."""
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


def enter_directory(ctx: click.Context, directory: str | None) -> str | None:
    """``-C DIR``: work in DIR, as ``git -C`` does, so every relative path is DIR's.

    The working folder is changed back when the command ends (tests run
    commands in-process). ``init`` may name a folder that does not exist yet:
    it creates it, so that one is handed back to be used as it is.
    """
    if directory is None:
        return None
    if not os.path.isdir(directory):
        if ctx.invoked_subcommand == "init" and not os.path.exists(directory):
            return directory
        click.echo(f"error: -C: no such folder: {directory}", err=True)
        ctx.exit(EXIT_USAGE)
    previous = os.getcwd()
    try:
        os.chdir(directory)
    except OSError as exc:
        click.echo(f"error: -C: cannot work in {directory}: {exc.strerror}", err=True)
        ctx.exit(EXIT_USAGE)
    ctx.call_on_close(lambda: os.chdir(previous))
    return None


def reports_errors(func: Callable) -> Callable:
    """Print a :class:`SselocaleError` once, as ``path:line: message``, and exit 2.

    Any other exception is a bug in sselocale, not a problem with the input and
    not a failed release: it exits 70 with one line saying so (the traceback too
    with ``SSELOCALE_DEBUG=1``). click's own exceptions pass through to click.
    """

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
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _stop_writing()
            sys.exit(EXIT_PIPE)
        except Exception as exc:  # noqa: BLE001  (the last resort: say it is a bug, with the cause)
            report_bug(exc)
            sys.exit(EXIT_BUG)

    wrapper.reports_errors = True  # type: ignore[attr-defined]  (copied onto outer wrappers)
    return wrapper


def _stop_writing() -> None:
    """The reader of standard output went away (``| head``): no bug, and nothing more to say.

    Standard output goes to /dev/null, so that Python's final flush does not fail again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests run in-process)
        pass


def report_bug(exc: BaseException) -> None:
    """Say that ``exc`` is a bug in sselocale, and where to report it."""
    from .. import __version__

    if os.environ.get("SSELOCALE_DEBUG", "") not in ("", "0"):
        import traceback

        click.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)
    detail = " ".join(str(exc).split())
    detail = detail if len(detail) <= 300 else detail[:299] + "…"
    click.echo(f"error: internal error (a bug in sselocale {__version__}): {type(exc).__name__}: {detail}", err=True)
    click.echo(
        f"  hint: this is not a problem with your files; please report it to {BUG_REPORTS} with the command "
        "you ran and this message (SSELOCALE_DEBUG=1 shows the traceback)",
        err=True,
    )


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


def jobs_option(func: Callable) -> Callable:
    return click.option(
        "-j", "--jobs", type=click.IntRange(1, 256), default=None, metavar="N",
        help="Share the articles among N processes. Default: one per CPU.",
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
