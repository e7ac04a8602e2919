"""``diplograph report centrality|blocs|actor|changes`` and ``diplograph export``.

Thin layers over :mod:`diplograph.graph.reports` and :mod:`diplograph.graph.analysis`: each
report command is a few lines around one report function; the options they share (format,
output, the analysis window and weighting, store, seed) are declared once, in
:data:`SHARED_OPTIONS`, and reach the report as one :class:`AnalysisOptions`.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from diplograph.graph.analysis import AnalysisOptions, EventRule, EventWeight
from diplograph.graph.cli.app import PlainHelpGroup
from diplograph.graph.cli.options import (
    EventRuleOption,
    EventWeightOption,
    HalfLifeOption,
    Neo4jOption,
    OrganizationsOption,
    OutputOption,
    SeedOption,
    SinceOption,
    StoreOption,
    UntilOption,
    check_outputs,
    counted,
    iso_date,
    output_console,
    say,
    writable_path,
    write_output,
)
from diplograph.graph.export import export_graph, export_input
from diplograph.graph.reports import (
    actor_report,
    blocs_report,
    centrality_report,
    Report,
    changes_report,
    render,
    write_plot,
)
from diplograph.graph.stores.base import GraphStore
from diplograph.graph.stores.fact_set import export_fact_set
from diplograph.graph.stores.opening import open_store

__all__ = ["register", "report_app"]

report_app = typer.Typer(
    cls=PlainHelpGroup,
    name="report",
    help="Reports on the state graph: centrality ranking with blocs, blocs, one actor, changes.",
    no_args_is_help=True,
)


class Format(str, Enum):
    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"
    json = "json"
    parquet = "parquet"


class Level(str, Enum):
    states = "states"
    actors = "actors"


def _window(value: Optional[str]) -> Optional[tuple[Optional[str], Optional[str]]]:
    if value is None:
        return None
    if ":" not in value:
        raise typer.BadParameter(f"{value!r} is not a window START:END (either may be empty)")
    a, b = value.split(":", 1)
    start, end = iso_date(a or None), iso_date(b or None)
    if start and end and start > end:  # ISO dates sort as strings
        raise typer.BadParameter(f"{value!r}: START is later than END (the window holds no day)")
    return start, end


TopOpt = Annotated[int, typer.Option("--top", min=1, help="Number of states (or rows) listed.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table, markdown, html (one self-contained file), json or csv.")]
PlotOpt = Annotated[Optional[Path], typer.Option("--plot", callback=writable_path, help="Also write the network picture alone (.png or .svg).", show_default=False)]


def _emit(report, fmt: Format, output: Optional[Path], seed: int, plot: Optional[Path]) -> None:
    if plot is not None:
        write_output(plot, lambda: write_plot(report, plot, seed=seed))
        say(f"network picture written to {plot}")
    if fmt is Format.table:
        def write_table() -> None:
            with output_console(output) as out:
                render(report, "table", console=out)
        write_output(output or Path("-"), write_table)
    else:
        text = render(report, fmt.value, seed=seed)
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(output, lambda: output.write_text(text, encoding="utf-8"))
    if output is not None:
        say(f"{report.kind} report ({fmt.value}) written to {output}")


#: The options every report command shares, declared once: (parameter, type with its typer
#: option, default). The commands' own options come first in ``--help``.
SHARED_OPTIONS = (
    ("fmt", FormatOpt, Format.table),
    ("output", OutputOption, None),
    ("half_life", HalfLifeOption, None),
    ("since", SinceOption, None),
    ("until", UntilOption, None),
    ("store", StoreOption, None),
    ("neo4j", Neo4jOption, None),
    ("seed", SeedOption, 0),
    ("organizations", OrganizationsOption, False),
    ("event_rule", EventRuleOption, EventRule.DAY),
    ("event_weight", EventWeightOption, EventWeight.ONE),
)


def analysis_options(half_life: Optional[float], since: Optional[str], until: Optional[str], organizations: bool,
                     event_rule: EventRule, event_weight: EventWeight) -> AnalysisOptions:
    """The :class:`AnalysisOptions` of the window and weighting options of a command.

    Raises
    ------
    typer.BadParameter
        If ``--since`` is later than ``--until`` (a usage error: one line, exit code 2).
    """
    try:
        return AnalysisOptions(since=since, until=until, half_life_days=half_life, organizations=organizations,
                               event_rule=event_rule, event_weight=event_weight)
    except ValueError:
        raise typer.BadParameter(f"{since} is later than --until {until}: the window holds no day", param_hint="'--since'") from None


def report_command(name: str, *, plot: bool) -> Callable:
    """Register ``build`` as ``diplograph report NAME`` with the shared options added.

    ``build(read, options, seed, **own)`` returns a :class:`Report`; ``read()`` gives the
    store, opened read-only (call it after checking ``own``): reports that count ties have
    the store count them, the others collect the facts of the window.
    The command renders the report as ``--format`` asks, to ``--output`` or standard output,
    and writes ``--plot`` when ``plot``.
    """

    def decorate(build: Callable) -> Callable:
        own = list(inspect.signature(build, eval_str=True).parameters.values())[3:]
        shared = [("plot", PlotOpt, None)] if plot else []
        extra = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=a, default=d) for n, a, d in (*SHARED_OPTIONS, *shared)]

        def command(**values) -> None:
            fmt, output, seed, plot_path = values.pop("fmt"), values.pop("output"), values.pop("seed"), values.pop("plot", None)
            store, neo4j = values.pop("store"), values.pop("neo4j")
            options = analysis_options(values.pop("half_life"), values.pop("since"), values.pop("until"), values.pop("organizations"),
                                       values.pop("event_rule"), values.pop("event_weight"))
            check_outputs([output, plot_path], store, neo4j)

            with ExitStack() as stack:

                def read() -> GraphStore:
                    return stack.enter_context(open_store(store, neo4j, readonly=True))

                report = build(read, options, seed, **values)
            _emit(report, fmt, output, seed, plot_path)

        command.__signature__ = inspect.Signature([*own, *extra])
        command.__annotations__ = {p.name: p.annotation for p in (*own, *extra)}
        command.__doc__ = build.__doc__
        command.__name__ = f"{name}_command"
        report_app.command(name)(command)
        return build

    return decorate


@report_command("centrality", plot=True)
def centrality_cmd(read, options: AnalysisOptions, seed: int, top: TopOpt = 20) -> Report:
    """Rank states by PageRank of their cooperative ties, with their blocs, brokers and the evidence behind the strongest ties."""
    return centrality_report(read(), options, top=top, seed=seed)


@report_command("blocs", plot=True)
def blocs_cmd(read, options: AnalysisOptions, seed: int, top: TopOpt = 20) -> Report:
    """Blocs that keep conflictual pairs apart, Louvain communities, structural balance and brokers."""
    return blocs_report(read(), options, top=top, seed=seed)


@report_command("actor", plot=False)
def actor_cmd(
    read, options: AnalysisOptions, seed: int,
    name: Annotated[str, typer.Argument(help="Actor id (RUS, vladimir-putin), name or alias.")],
) -> Report:
    """Every fact behind one actor's numbers: its weight, or why it does not count."""
    return actor_report(read(), name, options, seed=seed)


@report_command("changes", plot=False)
def changes_cmd(
    read, options: AnalysisOptions, seed: int,
    window_a: Annotated[Optional[str], typer.Option("--window-a", help="Earlier window START:END (default: the first half of the dated facts, up to their median date).", show_default=False)] = None,
    window_b: Annotated[Optional[str], typer.Option("--window-b", help="Later window START:END (default: the second half, from the day after the median date).", show_default=False)] = None,
    top: TopOpt = 10,
) -> Report:
    """Who rose and who fell: rank and score (PageRank x states) of each state in two time windows, with each window's own figures."""
    wa, wb = _window(window_a), _window(window_b)
    if (wa is None) != (wb is None):
        raise typer.BadParameter("give both --window-a and --window-b, or neither")
    return changes_report(read(), options, window_a=wa, window_b=wb, top=top, seed=seed)


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="graphml, gexf (Gephi), csv (edges in --output, nodes in <stem>.nodes.csv beside it; needs --output), json (node-link) or parquet (every fact, actor and article as a fact set in the new folder --output; docs/fact-set.md).")] = ExportFormat.graphml,
    # checked below, not by a callback: a file, or for parquet a new folder
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output (parquet: this new folder).", show_default=False)] = None,
    level: Annotated[Level, typer.Option("--level", help="states (leaders and firms count for their state) or actors (every actor a node).")] = Level.states,
    half_life: HalfLifeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    organizations: OrganizationsOption = False,
    event_rule: EventRuleOption = EventRule.DAY,
    event_weight: EventWeightOption = EventWeight.ONE,
    seed: SeedOption = 0,
) -> None:
    """Export the graph for Gephi, igraph or a spreadsheet: weight >= 0 (the cooperative weight PageRank follows), signedWeight, measures and blocs on the nodes, dated ties; or every fact as a Parquet fact set."""
    if fmt is ExportFormat.parquet:
        _export_fact_set(output, since, until, store, neo4j)
        return
    options = analysis_options(half_life, since, until, organizations, event_rule, event_weight)
    nodes_file = output.with_name(output.stem + ".nodes.csv") if output is not None and fmt is ExportFormat.csv else None
    check_outputs([output, nodes_file], store, neo4j)
    with open_store(store, neo4j, readonly=True) as graph_store:
        G = export_input(graph_store, options, "state" if level is Level.states else "actor")
    text = None

    def write() -> None:
        nonlocal text
        text = export_graph(G, output, fmt.value, seed=seed)

    write_output(output or Path("-"), write)
    if text is not None:
        sys.stdout.write(text)
    else:
        say(f"{counted(G.number_of_nodes(), 'node')} and {counted(G.number_of_edges(), 'tie')} written to {output}")


def _export_fact_set(output: Path | None, since: str | None, until: str | None, store, neo4j: str | None) -> None:
    """``export --format parquet -o DIR``: the whole store as a fact set."""
    if output is None or since or until:
        raise typer.BadParameter("parquet writes the whole store into a new folder: give --output DIR, no --since/--until", param_hint="--format")
    with open_store(store, neo4j, readonly=True) as graph_store:
        written = write_output(output, lambda: export_fact_set(graph_store, output))
    say(f"{counted(written.facts, 'fact')} and {counted(written.articles, 'article')} written to {output}")


def register(app: typer.Typer) -> None:
    """Add ``report`` (with its sub-commands) and ``export`` to the diplograph app."""
    app.add_typer(report_app, name="report")
    app.command("export")(export)
