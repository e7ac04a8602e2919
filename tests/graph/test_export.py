"""Exports read back by networkx and igraph, with PageRank run on each: ``weight`` is
non-negative and gives the report's PageRank, the signed weight has its own name, nodes carry
their measures and bloc, and GEXF is dynamic (Gephi's timeline) with each tie's dates."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from test_analysis import FACTS
from test_reports import store_path  # noqa: F401 - the fixture store of the hand-worked facts

from diplograph.graph.analysis import state_graph
from diplograph.graph.cli import app
from diplograph.graph.export import EDGE_COLUMNS, NODE_COLUMNS, export_graph
from diplograph.graph.reports import centrality_report

runner = CliRunner()


@pytest.fixture(scope="module")
def report_pagerank() -> dict[str, float]:
    return centrality_report(FACTS).pagerank


def _exported(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"g.{fmt}"
    assert export_graph(state_graph(FACTS), path, fmt, facts=FACTS) is None
    return path


def _networkx(path: Path, fmt: str) -> nx.DiGraph:
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    nodes = pd.read_csv(path.with_name(path.stem + ".nodes.csv"), keep_default_na=False)
    edges = pd.read_csv(path, keep_default_na=False)
    G = nx.from_pandas_edgelist(edges, "source", "target", edge_attr=True, create_using=nx.DiGraph)
    nx.set_node_attributes(G, nodes.set_index("id").to_dict("index"))
    return G


def _igraph(path: Path, fmt: str) -> igraph.Graph:
    if fmt == "graphml":
        return igraph.Graph.Read_GraphML(str(path))
    if fmt == "csv":
        nodes = pd.read_csv(path.with_name(path.stem + ".nodes.csv"), keep_default_na=False)
        edges = pd.read_csv(path, keep_default_na=False)
        return igraph.Graph.DataFrame(edges, directed=True, vertices=nodes, use_vids=False)
    return igraph.Graph.from_networkx(_networkx(path, fmt))  # igraph has no GEXF or node-link reader


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_networkx_reads_the_export_and_its_pagerank_is_the_reports(tmp_path, fmt, report_pagerank):
    G = _networkx(_exported(tmp_path, fmt), fmt)
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 14
    weights = [float(w) for *_, w in G.edges(data="weight")]
    assert min(weights) == 0.0 and max(weights) == pytest.approx(8.0)  # USA->RUS sanctions weigh 0, not -8
    assert float(G["USA"]["RUS"]["signedWeight"]) == pytest.approx(-8.0)
    assert float(G["USA"]["RUS"]["negative"]) == pytest.approx(8.0)
    assert float(G["RUS"]["VEN"]["weight"]) == pytest.approx(6.12)
    pr = nx.pagerank(G, weight="weight", tol=1e-12, max_iter=10_000)
    assert pr == pytest.approx(report_pagerank, abs=1e-9)
    assert float(G.nodes["VEN"]["pagerank"]) == pytest.approx(report_pagerank["VEN"], abs=1e-9)
    assert G.nodes["VEN"]["kind"] == "State" and G.nodes["VEN"]["country"] == "VEN"
    assert int(G.nodes["RUS"]["bloc"]) == int(G.nodes["VEN"]["bloc"]) != int(G.nodes["USA"]["bloc"])
    assert G["RUS"]["VEN"]["start"] == "2019-04-01" and G["RUS"]["VEN"]["end"] == "2019-05-01"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_igraph_reads_the_export_and_runs_pagerank(tmp_path, fmt, report_pagerank):
    g = _igraph(_exported(tmp_path, fmt), fmt)
    names = {"graphml": "id", "csv": "name"}.get(fmt, "_nx_name")
    names = g.vs[names]
    assert g.is_directed() and g.vcount() == 6 and g.ecount() == 14
    assert min(g.es["weight"]) == 0.0
    pr = dict(zip(names, g.pagerank(weights="weight", directed=True)))
    assert pr == pytest.approx(report_pagerank, abs=1e-6)
    assert sorted(set(g.vs["bloc"])) == [1, 2]


def test_gexf_is_dynamic_with_dated_ties(tmp_path):
    root = ET.parse(_exported(tmp_path, "gexf")).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    edges = {(e.get("source"), e.get("target")): e for e in graph.iter(f"{{{ns['g']}}}edge")}
    assert (edges[("USA", "VEN")].get("start"), edges[("USA", "VEN")].get("end")) == ("2019-10-01", "2019-10-01")
    nodes = {n.get("id"): n for n in graph.iter(f"{{{ns['g']}}}node")}
    assert (nodes["VEN"].get("start"), nodes["VEN"].get("end")) == ("2019-04-01", "2019-10-01")


def test_csv_columns(tmp_path):
    path = _exported(tmp_path, "csv")
    assert path.read_text().splitlines()[0].split(",") == ["source", "target", "sourceName", "targetName", *EDGE_COLUMNS, "factKeys"]
    assert path.with_name("g.nodes.csv").read_text().splitlines()[0].split(",") == ["id", *NODE_COLUMNS]


def test_cli_export_actor_level_gives_countries(store_path, tmp_path):  # noqa: F811
    out = runner.invoke(app, ["export", "--store", str(store_path), "--format", "json", "--level", "actors"])
    assert out.exit_code == 0, out.output
    nodes = {n["id"]: n for n in json.loads(out.stdout)["nodes"]}
    assert nodes["vladimir-putin"]["country"] == "RUS" and nodes["vladimir-putin"]["kind"] == "Leader"
    assert nodes["EU"]["kind"] == "Organization" and nodes["EU"]["country"] is None
