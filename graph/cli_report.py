"""``diplograph report centrality|blocs|actor|changes`` and ``diplograph export``.

Thin layers over :mod:`diplograph.graph.report` and :mod:`diplograph.graph.analysis`: each
command opens the store, collects the facts in the window, builds the report and renders it.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_options import Neo4jOption, StoreOption, check_output_path, err_console
from .model import iso_day

__all__ = ["register", "report_app"]

report_app = typer.Typer(
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


def _iso(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return iso_day(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _window(value: Optional[str]) -> Optional[tuple[Optional[str], Optional[str]]]:
    if value is None:
        return None
    if ":" not in value:
        raise typer.BadParameter(f"{value!r} is not a window START:END (either may be empty)")
    a, b = value.split(":", 1)
    return _iso(a or None), _iso(b or None)


TopOpt = Annotated[int, typer.Option("--top", min=1, help="Number of states (or rows) listed.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table, markdown, html (one self-contained file), json or csv.")]
def _writable(value: Optional[Path]) -> Optional[Path]:
    """Check an output file before any work (a folder, a missing folder, no permission: one line)."""
    return None if value is None else check_output_path(value)


OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", callback=_writable, help="Write to this file instead of standard output.", show_default=False)]
HalfLifeOpt = Annotated[Optional[float], typer.Option("--half-life", min=0.001, help="Half-life of a fact's weight, in days (default: no decay).", show_default=False)]
SinceOpt = Annotated[Optional[str], typer.Option("--since", callback=_iso, help="First date counted (YYYY-MM-DD, inclusive).", show_default=False)]
UntilOpt = Annotated[Optional[str], typer.Option("--until", callback=_iso, help="Last date counted (YYYY-MM-DD, inclusive).", show_default=False)]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of Louvain, the signed partition, sampled betweenness and the layout.")]
OrgOpt = Annotated[bool, typer.Option("--organizations", help="Keep organisations (EU, NATO, ...) as nodes besides states.")]
PlotOpt = Annotated[Optional[Path], typer.Option("--plot", callback=_writable, help="Also write the network picture alone (.png or .svg).", show_default=False)]


def _emit(report, fmt: Format, output: Optional[Path], seed: int, plot: Optional[Path]) -> None:
    from rich.console import Console

    from .report import render, write_plot

    if plot is not None:
        write_plot(report, plot, seed=seed)
        err_console.print(f"network picture written to {plot}")
    if fmt is Format.table:
        if output is None:
            render(report, "table", console=Console(highlight=False, width=max(Console().width, 120)))
        else:
            with output.open("w", encoding="utf-8") as fh:
                render(report, "table", console=Console(file=fh, width=160, highlight=False, color_system=None))
    else:
        text = render(report, fmt.value, seed=seed)
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
    if output is not None:
        err_console.print(f"{report.kind} report ({fmt.value}) written to {output}")


def _input(store, neo4j, since, until, organizations):
    from .report import collect
    from .stores import open_store

    with open_store(store, neo4j, readonly=True) as graph_store:
        return collect(graph_store, since=since, until=until, organizations=organizations)


@report_app.command("centrality")
def centrality_cmd(
    top: TopOpt = 20,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    half_life: HalfLifeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    seed: SeedOpt = 0,
    organizations: OrgOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Rank states by PageRank of their cooperative ties, with their blocs, brokers and the evidence behind the strongest ties."""
    from .report import centrality_report

    inp = _input(store, neo4j, since, until, organizations)
    report = centrality_report(inp, top=top, half_life_days=half_life, since=since, until=until, seed=seed, organizations=organizations)
    _emit(report, fmt, output, seed, plot)


@report_app.command("blocs")
def blocs_cmd(
    top: TopOpt = 20,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    half_life: HalfLifeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    seed: SeedOpt = 0,
    organizations: OrgOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Blocs that keep conflictual pairs apart, Louvain communities, structural balance and brokers."""
    from .report import blocs_report

    inp = _input(store, neo4j, since, until, organizations)
    report = blocs_report(inp, top=top, half_life_days=half_life, since=since, until=until, seed=seed, organizations=organizations)
    _emit(report, fmt, output, seed, plot)


@report_app.command("actor")
def actor_cmd(
    name: Annotated[str, typer.Argument(help="Actor id (RUS, vladimir-putin), name or alias.")],
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    half_life: HalfLifeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    seed: SeedOpt = 0,
    organizations: OrgOpt = False,
) -> None:
    """Every fact behind one actor's numbers: its weight, or why it does not count."""
    from .report import actor_report

    inp = _input(store, neo4j, since, until, organizations)
    report = actor_report(inp, name, half_life_days=half_life, since=since, until=until, seed=seed, organizations=organizations)
    _emit(report, fmt, output, seed, None)


@report_app.command("changes")
def changes_cmd(
    window_a: Annotated[Optional[str], typer.Option("--window-a", help="Earlier window START:END (default: the first half of the dated facts, up to their median date).", show_default=False)] = None,
    window_b: Annotated[Optional[str], typer.Option("--window-b", help="Later window START:END (default: the second half, from the day after the median date).", show_default=False)] = None,
    top: TopOpt = 10,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    half_life: HalfLifeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    seed: SeedOpt = 0,
    organizations: OrgOpt = False,
) -> None:
    """Who rose and who fell: PageRank and rank of each state in two time windows."""
    from .report import changes_report

    wa, wb = _window(window_a), _window(window_b)
    if (wa is None) != (wb is None):
        raise typer.BadParameter("give both --window-a and --window-b, or neither")
    inp = _input(store, neo4j, since, until, organizations)
    report = changes_report(inp, window_a=wa, window_b=wb, top=top, half_life_days=half_life, since=since, until=until,
                            seed=seed, organizations=organizations)
    _emit(report, fmt, output, seed, None)


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="graphml, gexf (Gephi), csv (edges in --output, nodes in <stem>.nodes.csv beside it; needs --output), json (node-link) or parquet (every fact, actor and article as a fact set in the new folder --output; docs/fact-set.md).")] = ExportFormat.graphml,
    output: OutputOpt = None,
    level: Annotated[Level, typer.Option("--level", help="states (leaders and firms count for their state) or actors (every actor a node).")] = Level.states,
    half_life: HalfLifeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    organizations: OrgOpt = False,
) -> None:
    """Export the signed, weighted graph (ties aggregated from facts, with their fact keys) for Gephi and other
    tools, or every fact as a Parquet fact set."""
    from .analysis import actor_graph, state_graph
    from .report import export_graph
    from .stores import open_store

    if fmt is ExportFormat.parquet:
        from .fact_set import export_fact_set

        if output is None or since or until:
            raise typer.BadParameter("parquet writes the whole store into a new folder: give --output DIR, no --since/--until", param_hint="--format")
        with open_store(store, neo4j, readonly=True) as graph_store:
            written = export_fact_set(graph_store, output)
        err_console.print(f"{written.facts} facts and {written.articles} articles written to {output}")
        return
    with open_store(store, neo4j, readonly=True) as graph_store:
        facts = list(graph_store.iter_facts(since=since, until=until))
    kw = dict(half_life_days=half_life, since=since, until=until)
    G = state_graph(facts, organizations=organizations, **kw) if level is Level.states else actor_graph(facts, **kw)
    text = export_graph(G, output, fmt.value)
    if text is not None:
        sys.stdout.write(text)
    else:
        err_console.print(f"{G.number_of_nodes()} nodes and {G.number_of_edges()} ties written to {output}")


def register(app: typer.Typer) -> None:
    """Add ``report`` (with its sub-commands) and ``export`` to the diplograph app."""
    app.add_typer(report_app, name="report")
    app.command("export")(export)
