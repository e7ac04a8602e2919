"""The ``diplograph`` Typer app: one-line errors for every command.

Errors that diplograph raises on purpose (:class:`DiplographError`) print as one line on
standard error, ``error: <file>:<line>: <what>``, with exit code 1; usage errors exit 2.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from diplograph.graph.cli.options import Verbosity, console, err_console, report_error, set_verbosity
from diplograph.graph.model.errors import DiplographError

__all__ = ["app"]


def _plain_metavars(command: click.Command) -> None:
    """Help shows what a value is, not Python types: flags show nothing (typer prints
    ``<bool>``), choices ``[a|b]``, other options their name (``--store STORE``,
    ``--since SINCE``), unless the option gives its own ``metavar``; every sub-command too."""
    for param in command.params:
        if not hasattr(param, "is_flag") or param.metavar is not None:  # options only, typer's or click's
            continue
        if param.is_flag or param.count:
            param.metavar = ""
        elif getattr(param, "type_descriptor", None) is not None and param.type_descriptor.is_choice:
            param.metavar = "[" + "|".join(str(getattr(c, "value", c)) for c in param.type_descriptor.choices) + "]"
        else:
            param.metavar = param.name.upper() + ("..." if param.multiple else "")
    for sub in getattr(command, "commands", {}).values():
        _plain_metavars(sub)


class PlainHelpGroup(TyperGroup):
    """A command group whose commands' help shows plain metavars (:func:`_plain_metavars`),
    the ``--help`` flag and the completion options included; ``cls`` of every typer app of
    the CLI."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_metavars(self)

    def get_params(self, ctx: click.Context):  # noqa: D102 - click's own signature
        params = super().get_params(ctx)  # typer adds the completion options after __init__
        for param in params:
            if getattr(param, "is_flag", False):
                param.metavar = ""
        return params

    def resolve_command(self, ctx: click.Context, args: list[str]):  # noqa: D102 - click's own signature
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            help_option = command.get_help_option(ctx)  # made on first use, then kept by the command
            if help_option is not None:
                help_option.metavar = ""
        return name, command, rest


class _OneLineErrors(PlainHelpGroup):
    """Turns a :class:`DiplographError` from any command into one line and exit code 1, and
    an interrupt (Ctrl-C) into one line and exit code 130 (128 + SIGINT, the shell's code)."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click's own signature
        try:
            return super().invoke(ctx)
        except DiplographError as error:
            report_error(error)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("interrupted: what was stored is kept; run the same command again to go on "
                              "(stored articles and rows are skipped)", markup=False)
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=_OneLineErrors,
    name="diplograph",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        console.print(f"diplograph {version('diplograph')}", markup=False)
        raise typer.Exit()


@app.callback()
def main_options(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing but errors and the output asked for (no progress bar, no summary).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say more: which store is used, what is skipped and why.")] = False,
    show_version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """A graph database of geopolitical relations: articles and event data in, actors and typed relations out.

    Give -q or -v before the command: diplograph -q load articles/.
    """
    if quiet and verbose:
        raise typer.BadParameter("give -q/--quiet or -v/--verbose, not both")
    set_verbosity(Verbosity.QUIET if quiet else Verbosity.VERBOSE if verbose else Verbosity.NORMAL)
