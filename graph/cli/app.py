"""The ``diplograph`` Typer app: one-line errors for every command.

Errors that diplograph raises on purpose (:class:`DiplographError`) print as one line on
standard error, ``error: <file>:<line>: <what>``, with exit code 1; usage errors exit 2.
"""

from __future__ import annotations

import click
import typer
from typer.core import TyperGroup

from diplograph.graph.cli.options import report_error
from diplograph.graph.model.errors import DiplographError

__all__ = ["app"]


class _OneLineErrors(TyperGroup):
    """Turns a :class:`DiplographError` from any command into one line and exit code 1."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click's own signature
        try:
            return super().invoke(ctx)
        except DiplographError as error:
            report_error(error)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_OneLineErrors,
    name="diplograph",
    help="A graph database of geopolitical relations: articles and event data in, actors and typed relations out.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
