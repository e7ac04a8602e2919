"""Tests of graph/reports/ and the ``report``/``export`` commands on a fixture SQLite store
built from the hand-worked facts of test_analysis.py; the HTML report is opened in headless
Chromium (skipped only where no Chromium is installed)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner


from browser import find_chromium, open_page  # noqa: E402
from test_analysis import FACTS  # noqa: E402

from diplograph.graph.cli import app  # noqa: E402
from diplograph.graph.model.errors import ReportError  # noqa: E402
from diplograph.graph.model.records import Article, Fact  # noqa: E402
from diplograph.graph.reports import (  # noqa: E402
    actor_report,
    blocs_report,
    centrality_report,
    changes_report,
    collect,
    render,
    write_plot,
)
from diplograph.graph.export import export_graph, export_input  # noqa: E402
from diplograph.graph.stores.sqlite_store import SQLiteStore  # noqa: E402
from diplograph.graph.analysis import AnalysisOptions, state_graph  # noqa: E402
from locations import ROOT

runner = CliRunner()


def with_sentence(fact: Fact) -> Fact:
    text = f"{fact.subject.name} {fact.relation.value.lower().replace('_', ' ')} {fact.object.name}."
    return Fact(
        fact.subject, fact.relation, fact.object, date=fact.date, article_id=fact.article_id, sentence=text,
        sentence_index=fact.sentence_index, confidence=fact.confidence, extractor="test-fixture 1",
    )


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "graph.sqlite"
    by_article: dict[str, list[Fact]] = {}
    for fact in FACTS:
        by_article.setdefault(fact.article_id, []).append(with_sentence(fact))
    with SQLiteStore(path) as store:
        for article_id, facts in by_article.items():
            f = facts[0]
            article = Article(
                id=article_id, text=" ".join(x.sentence for x in facts), title=f"Report {article_id}", date=f.date,
                source="Example Wire", url=f"https://news.example.org/{article_id}",
            )
            store.write_article(article, facts)
    return path


@pytest.fixture()
def inp(store_path):
    with SQLiteStore(store_path) as store:
        return collect(store)


def test_centrality_json_from_store(inp):
    data = json.loads(render(centrality_report(inp), "json"))
    assert data["report"] == "centrality" and data["schemaVersion"] == 1
    # ranks worked out in test_analysis.test_centrality_ranks_and_degrees_by_hand
    assert [(r["rank"], r["id"], r["bloc"]) for r in data["states"]] == [
        (1, "RUS", 1), (2, "CHN", 1), (3, "FRA", 2), (4, "VEN", 1), (5, "USA", 2), (6, "GBR", 2)
    ]
    assert data["states"][0]["pagerank"] == 0.240309
    assert data["states"][4]["cooperativeIn"] == 11.4 and data["states"][4]["conflictualOut"] == 16.0
    assert data["summary"] == {
        "facts": 19, "factsUsed": 12,
        "excluded": {"neutral": 2, "organization": 1, "noState": 1, "leaderNotForState": 1, "selfLoop": 1,
                     "duplicateMention": 1, "duplicateEvent": 0},
        "nodes": 6, "states": 6, "organizations": 0, "ties": 14,
        "cooperativeTies": 10, "conflictualTies": 4, "firstDate": "2019-01-10", "lastDate": "2019-12-01",
    }
    assert [b["members"][0]["id"] for b in data["blocs"]] == ["RUS", "FRA"]
    assert data["balance"]["share"] == 0.8
    assert [b["id"] for b in data["brokers"][:2]] == ["FRA", "CHN"]
    # strongest tie: FRA<->USA agreement (8 each way, one symmetric fact, listed once)
    tie = data["ties"][0]
    assert (tie["source"], tie["target"], tie["weight"], tie["mutual"]) == ("FRA", "USA", 8.0, True)
    conflictual = [t for t in data["ties"] if t["class"] == "conflictual"]
    assert conflictual[0]["target"] in ("RUS", "VEN") and conflictual[0]["weight"] == -8.0
    # 10 cooperative edges, 3 of them symmetric pairs listed once; 4 conflictual
    assert [t["class"] for t in data["ties"]] == ["cooperative"] * 7 + ["conflictual"] * 4
    ev = tie["evidence"][0]
    assert ev["sentence"] == "France agrees with United States."
    assert ev["article"] == {"id": "a2", "title": "Report a2", "date": "2019-02-01", "source": "Example Wire",
                             "url": "https://news.example.org/a2"}
    assert ev["key"] == tie["factKeys"][0] == FACTS[1].key
    # a leader's fact behind RUS->VEN, traceable by key
    rus_ven = next(t for t in data["ties"] if (t["source"], t["target"]) == ("RUS", "VEN"))
    assert sorted(rus_ven["factKeys"]) == sorted([FACTS[3].key, FACTS[4].key])
    assert {e["subject"]["id"] for e in rus_ven["evidence"]} == {"RUS", "vladimir-putin"}


def test_centrality_csv_and_markdown_exact(inp):
    report = centrality_report(inp, top=3)
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert rows[0] == ["rank", "id", "name", "bloc", "community", "pagerank", "eigenvector", "betweenness",
                       "cooperativeOut", "cooperativeIn", "conflictualOut", "conflictualIn", "facts"]
    assert rows[1] == ["1", "RUS", "Russia", "1", "1", "0.240309", "0.459663", "0.15", "13.52", "10.8", "2.0", "8.0", "7"]
    assert len(rows) == 4
    md = render(report, "markdown")
    assert "| 1 | RUS | Russia | 1 | 0.2403 | 0.4597 | 0.1500 | 13.52 | 10.80 | 2.00 | 8.00 | 7 |" in md
    assert "| FRA | <-> | USA | 8.00 | 8.00 | 0.00 | 1 |" in md
    assert md.startswith("# diplograph centrality report\n\n- 12 of 19 facts used (sqlite store), 6 states, 14 ties")


def test_blocs_report(inp):
    data = blocs_report(inp).data
    assert [(b["bloc"], [m["id"] for m in b["members"]]) for b in data["blocs"]] == [(1, ["RUS", "CHN", "VEN"]), (2, ["FRA", "USA", "GBR"])]
    # inside bloc 1: RUS->VEN 6.12, CHN->VEN 6.4, RUS<->CHN 7.4 x 2, VEN->RUS 3.4 = 30.72
    assert data["blocs"][0]["internalPositive"] == 30.72
    # between: bloc 2 -> bloc 1: USA sanctions 16 negative, FRA->CHN 6.4 positive
    assert {"from": 2, "to": 1, "positive": 6.4, "negative": 16.0} in data["betweenBlocs"]
    assert data["frustration"] == 12.8
    rows = list(csv.reader(io.StringIO(render(blocs_report(inp), "csv"))))
    assert rows[:3] == [["bloc", "id", "name"], ["1", "RUS", "Russia"], ["1", "CHN", "China"]]


def test_blocs_report_shows_louvain_communities_in_every_format(inp):
    report = blocs_report(inp)
    communities = [[m["id"] for m in c] for c in report.data["communities"]]
    # the two camps of the fixture, joined by no cooperative tie but FRA<->CHN
    assert sorted(sorted(c) for c in communities) == [["CHN", "RUS", "VEN"], ["FRA", "GBR", "USA"]]
    rows = [f"| {i} | 3 | {', '.join(c)} |" for i, c in enumerate(communities, start=1)]
    markdown = render(report, "markdown")
    assert "Louvain communities (cooperative ties)" in markdown and all(row in markdown for row in rows)
    assert f"Newman modularity {report.data['modularity']:.4f}" in markdown
    html = render(report, "html")
    assert "<h2>Louvain communities (cooperative ties)</h2>" in html and f"<td>{', '.join(communities[0])}</td>" in html


def test_a_window_says_how_many_undated_facts_it_leaves_out(store_path):
    # facts 13-17 of the fixture are undated: a window reads none of them, and says so
    options = AnalysisOptions(since="2019-06-01")
    with SQLiteStore(store_path, readonly=True) as store:
        assert store.undated_facts() == 5
        counted = centrality_report(store, options)  # the store counts the ties
        read = actor_report(collect(store, options), "RUS", options)  # the facts are read
        whole = centrality_report(store)
    for report in (counted, read):
        assert report.data["summary"]["excluded"]["undatedOutOfWindow"] == 5
    assert "5 undated, so outside --since/--until" in render(counted, "markdown")
    assert "undatedOutOfWindow" not in whole.data["summary"]["excluded"]


def test_actor_report_traces_every_number(inp):
    data = actor_report(inp, "Russia").data
    assert data["actor"]["id"] == "RUS" and data["countsFor"] == "RUS" and data["scope"] == "node"
    counted = [f for f in data["facts"] if f["counted"]]
    # RUS facts: supports VEN, Putin supports Maduro, cooperates with CHN, VEN supports RUS,
    # USA sanctions RUS, RUS opposes USA
    assert [(f["subject"]["id"], f["relation"], f["weight"], f["direction"]) for f in counted] == [
        ("RUS", "SUPPORTS", 3.4, "out"),
        ("vladimir-putin", "SUPPORTS", 2.72, "out"),
        ("RUS", "COOPERATES_WITH", 7.4, "both"),
        ("VEN", "SUPPORTS", 3.4, "in"),
        ("USA", "SANCTIONS", -8.0, "in"),
        ("RUS", "OPPOSES", -2.0, "out"),
    ]
    numbers = data["numbers"]
    for k in ("cooperativeOut", "cooperativeIn", "conflictualOut", "conflictualIn"):
        assert data["totals"][k] == pytest.approx(numbers[k])
    assert data["totals"] == {"cooperativeOut": 13.52, "cooperativeIn": 10.8, "conflictualOut": 2.0, "conflictualIn": 8.0}
    reasons = {f["relation"]: f["reason"] for f in data["facts"] if not f["counted"]}
    assert reasons == {"LEADS": "LEADS is not a signed tie", "RETREATS": "RETREATS is not a signed tie",
                       "SUPPORTS": "self-loop", "SANCTIONS": "European Union is an organisation: use --organizations to count it",
                       "COOPERATES_WITH": f"duplicate mention in the same article (counted as {FACTS[6].key[:12]})"}
    assert counted[1]["article"]["title"] == "Report a5"
    # by id and by alias-free name, case-insensitive
    assert actor_report(inp, "rus").data["actor"]["id"] == "RUS"
    with pytest.raises(Exception, match="no actor matches 'Atlantis'"):
        actor_report(inp, "Atlantis")


def test_actor_report_of_a_leader_lists_own_facts(inp):
    report = actor_report(inp, "Vladimir Putin")
    data = report.data
    assert data["actor"]["id"] == "vladimir-putin" and data["countsFor"] == "RUS" and data["scope"] == "own"
    # Putin's own facts only: he supports Maduro (3.4 x 0.8, for RUS -> VEN), leads Russia
    # (structural), supports Russia (a self-loop once he counts for RUS)
    assert [(f["relation"], f["object"]["id"], f["counted"], f["weight"] if f["counted"] else f["reason"]) for f in data["facts"]] == [
        ("SUPPORTS", "nicolas-maduro", True, 2.72),
        ("LEADS", "RUS", False, "LEADS is not a signed tie"),
        ("SUPPORTS", "RUS", False, "self-loop"),
    ]
    assert data["totals"] == {"cooperativeOut": 2.72, "cooperativeIn": 0.0, "conflictualOut": 0.0, "conflictualIn": 0.0}
    assert data["numbers"]["cooperativeOut"] == 13.52  # Russia's, all of its facts
    md = render(report, "markdown")
    assert "## Facts of Vladimir Putin (vladimir-putin), counted for RUS" in md
    assert "## Numbers of RUS (all of its facts, not only these)" in md
    # an organisation without --organizations counts for nothing, and says how to count it
    eu = actor_report(inp, "EU").data
    assert eu["countsFor"] is None and [f["reason"] for f in eu["facts"]] == [
        "European Union is an organisation: use --organizations to count it"]
    eu = actor_report(FACTS, "EU", AnalysisOptions(organizations=True)).data
    assert eu["countsFor"] == "EU" and eu["totals"]["conflictualOut"] == 8.0


def test_actor_report_opposition_leader(inp):
    # the store keeps Guaidó's title; his facts count for no state, with the reason said
    data = actor_report(inp, "Juan Guaidó").data
    assert data["actor"]["kind"] == "Leader" and data["countsFor"] is None and data["numbers"] is None
    assert [(f["subject"]["id"], f["counted"], f["reason"]) for f in data["facts"]] == [
        ("USA", False, "Juan Guaidó (Opposition leader) does not act for VEN")
    ]


def test_changes_report(inp):
    data = changes_report(inp, window_a=("2019-01-01", "2019-02-28"), window_b=("2019-03-01", "2019-12-31")).data
    # window a holds only GBR->USA, USA<->FRA: GBR = 0.15/3 = 0.05, USA = 0.05 + 0.85 (FRA + GBR),
    # FRA = 0.05 + 0.85 USA, so USA = 0.135 / 0.2775 = 0.486486; the East is absent from a.
    # rose and fell by rank among the states of both windows; the East entered, GBR left
    assert data["rose"] == [] and [r["id"] for r in data["fell"]] == ["USA", "FRA"]
    assert [r["id"] for r in data["entered"]] == ["RUS", "CHN", "VEN"] and [r["id"] for r in data["left"]] == ["GBR"]
    fell = data["fell"][0]
    assert (fell["id"], fell["rankA"], fell["rankB"], fell["rankChange"], fell["pagerankA"]) == ("USA", 1, 5, -4, 0.486486)
    assert fell["scoreA"] == pytest.approx(0.486486 * 3, abs=1e-5) and fell["scoreChange"] < 0  # rank and score agree
    # each window's own figures, not the whole store's
    assert data["windowA"] == {"since": "2019-01-01", "until": "2019-02-28", "facts": 2, "states": 3, "ties": 3}
    assert data["windowB"] == {"since": "2019-03-01", "until": "2019-12-31", "facts": 10, "states": 5, "ties": 11}
    for r in data["rose"] + data["fell"]:
        assert (r["rankChange"] > 0) == (r in data["rose"])
    # default: the 12 counted facts, one a month, split after the 6th (2019-06-01)
    default = changes_report(inp).data
    assert (default["windowA"]["since"], default["windowA"]["until"], default["windowA"]["facts"]) == ("2019-01-10", "2019-06-01", 6)
    assert (default["windowB"]["since"], default["windowB"]["until"], default["windowB"]["facts"]) == ("2019-06-02", "2019-12-01", 6)


def test_changes_default_split_at_the_median_date():
    from test_analysis import GBR, RUS, USA, f

    from diplograph.graph.model.vocabulary import RelationType as R

    # four counted facts, three in the first days of January: the median splits 2 / 2 (cut
    # after 2019-01-02); the middle of the range (2019-07-01) would have split 3 / 1. The
    # neutral fact of 2019-06-01 does not count and does not move the cut.
    facts = [f(USA, R.SUPPORTS, GBR, 1, date="2019-01-01"), f(GBR, R.SUPPORTS, USA, 2, date="2019-01-02"),
             f(USA, R.SANCTIONS, RUS, 3, date="2019-01-03"), f(RUS, R.OPPOSES, USA, 4, date="2019-12-31"),
             f(USA, R.RETREATS, RUS, 5, date="2019-06-01")]
    data = changes_report(facts).data
    assert (data["windowA"]["since"], data["windowA"]["until"]) == ("2019-01-01", "2019-01-02")
    assert (data["windowB"]["since"], data["windowB"]["until"]) == ("2019-01-03", "2019-12-31")
    # facts of one day stay together: 1, 3 and 1 facts on three days; cuts leave 1|4 or 4|1,
    # equally far from half: the earlier cut wins
    days = ["2019-02-01", "2019-02-02", "2019-02-02", "2019-02-02", "2019-02-03"]
    facts = [f(USA, R.SUPPORTS, GBR, i, date=d) for i, d in enumerate(days)]
    assert changes_report(facts).data["windowA"]["until"] == "2019-02-01"
    with pytest.raises(Exception, match="all dated facts fall on 2019-02-02"):
        changes_report(facts[1:4])


def test_half_life_and_window_parameters(inp):
    data = centrality_report(inp, AnalysisOptions(half_life_days=30, since="2019-06-01")).data
    assert data["parameters"]["referenceDate"] == "2019-12-01"
    assert data["summary"]["excluded"]["outOfWindow"] == 5
    # CHN accuses USA on 2019-12-01 (age 0): weight 2.0
    usa = next(r for r in data["states"] if r["id"] == "USA")
    # RUS opposes USA on 2019-11-01 (30 days: 2 * 0.5) + CHN accuses USA (0 days: 2)
    assert usa["conflictualIn"] == pytest.approx(3.0)


def test_cli_report_formats(store_path, tmp_path):
    out = runner.invoke(app, ["report", "centrality", "--store", str(store_path), "--format", "json", "--top", "2"])
    assert out.exit_code == 0, out.output
    assert [r["id"] for r in json.loads(out.stdout)["states"]] == ["RUS", "CHN"]
    out = runner.invoke(app, ["report", "centrality", "--store", str(store_path)])
    assert out.exit_code == 0
    assert re.search(r"1 \S+ RUS \S+ Russia", out.stdout)
    assert "pagerank: share of attention flowing along cooperative ties" in out.stdout  # the legend
    target = tmp_path / "r.csv"
    out = runner.invoke(app, ["report", "blocs", "--store", str(store_path), "--format", "csv", "--output", str(target)])
    assert out.exit_code == 0 and target.read_text().splitlines()[1] == "1,RUS,Russia"
    out = runner.invoke(app, ["report", "actor", "Atlantis", "--store", str(store_path)])
    assert out.exit_code == 1
    assert "error: no actor matches 'Atlantis'" in out.output
    out = runner.invoke(app, ["report", "centrality", "--store", str(store_path), "--since", "2019-13-01"])
    assert out.exit_code == 2 and "is not a date" in out.output
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--window-a", "2019-01-01:2019-02-28",
                              "--window-b", "2019-03-01:", "--format", "csv"])
    assert out.exit_code == 0 and out.stdout.splitlines()[1].startswith("RUS,Russia,,1,,0.0,")
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--window-a", "2019-01-01"])
    assert out.exit_code == 2


def test_a_window_that_ends_before_it_starts_is_refused(store_path):
    with pytest.raises(ValueError, match="since 2019-06-01 is later than until 2019-01-01"):
        AnalysisOptions(since="2019-06-01", until="2019-01-01")
    with pytest.raises(ValueError, match="is later than"):
        AnalysisOptions(since=date(2019, 6, 1), until="2019-01-01")
    assert AnalysisOptions(since="2019-06-01", until="2019-06-01").until == "2019-06-01"  # one day is a window
    for command in (["report", "centrality"], ["report", "changes"], ["export", "--format", "json"]):
        out = runner.invoke(app, [*command, "--store", str(store_path), "--since", "2019-06-01", "--until", "2019-01-01"])
        assert out.exit_code == 2, out.output
        assert "2019-06-01 is later than --until 2019-01-01" in out.output
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--window-a", "2019-03-01:2019-01-01",
                              "--window-b", "2019-03-01:"])
    assert out.exit_code == 2 and "START is later than END" in out.output


def test_plot_files(inp, tmp_path):
    report = centrality_report(inp)
    png = write_plot(report, tmp_path / "net.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = write_plot(report, tmp_path / "net.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    with pytest.raises(Exception, match="must be a .png or .svg"):
        write_plot(report, tmp_path / "net.gif")


def test_export_formats(store_path, tmp_path):
    for fmt in ("graphml", "gexf", "json", "csv"):
        target = tmp_path / f"g.{fmt}"
        out = runner.invoke(app, ["export", "--store", str(store_path), "--format", fmt, "--output", str(target)])
        assert out.exit_code == 0, out.output
    G = nx.read_graphml(tmp_path / "g.graphml")
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 14
    assert G["RUS"]["VEN"]["positive"] == pytest.approx(6.12)
    # counted by the store: numbers only (the facts of a tie are in the reports' evidence)
    assert G["RUS"]["VEN"]["facts"] == 2 and "factKeys" not in G["RUS"]["VEN"]
    gx = nx.read_gexf(tmp_path / "g.gexf")
    assert gx.nodes["USA"]["label"] == "United States"
    assert gx["USA"]["RUS"]["weight"] == 0.0 and gx["USA"]["RUS"]["signedWeight"] == pytest.approx(-8.0)
    data = json.loads((tmp_path / "g.json").read_text())
    assert {(e["source"], e["target"]) for e in data["edges"]} == set(state_graph(FACTS).edges())
    rows = list(csv.reader((tmp_path / "g.csv").open()))
    assert rows[1][:4] == ["CHN", "FRA", "China", "France"]
    assert (tmp_path / "g.nodes.csv").read_text().splitlines()[1].startswith("CHN,China,State,CHN,")
    # actors level: Putin is his own node
    out = runner.invoke(app, ["export", "--store", str(store_path), "--format", "json", "--level", "actors"])
    nodes = {n["id"] for n in json.loads(out.stdout)["nodes"]}
    assert {"vladimir-putin", "nicolas-maduro", "EU"} <= nodes


def test_export_csv_needs_an_output_file(store_path):
    out = runner.invoke(app, ["export", "--store", str(store_path), "--format", "csv"])
    assert out.exit_code == 1 and out.stdout == ""
    assert "error: csv export writes two files (edges, and nodes beside them): give --output FILE.csv" in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_export_rejects_unknown_format():
    with pytest.raises(Exception, match="unknown export format 'dot'"):
        export_graph(state_graph(FACTS), None, "dot")


# ----------------------------------------------------------------- HTML in a browser

CHROMIUM = find_chromium()
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")

PROBE = """JSON.stringify({
  title: document.title,
  figures: [...document.querySelectorAll('figure svg')].map(s => Math.round(s.getBoundingClientRect().width)),
  firstRow: [...document.querySelectorAll('table')[0].querySelectorAll('tbody tr')[0].cells].map(c => c.textContent.trim()),
  blocs: [...document.querySelectorAll('.bloc b')].map(b => b.textContent.trim()),
  ties: document.querySelectorAll('.tie').length,
  quote: document.querySelector('.tie q').textContent,
  link: document.querySelector('.tie .prov a').href,
  external: [...document.querySelectorAll('[src], link[href]')].map(e => e.src || e.href),
})"""


@needs_browser
def test_html_report_in_chromium(inp, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render(centrality_report(inp), "html"), encoding="utf-8")
    result = open_page(path, PROBE)
    assert result.exceptions == [] and result.console == []
    assert [lvl for lvl, _ in result.log if lvl == "error"] == []
    assert [url for url in result.requests if not url.startswith("data:")] == [path.resolve().as_uri()]  # nothing fetched but the page itself (data: URIs are icons inside it)
    page = json.loads(result.value)
    assert page["title"] == "diplograph — centrality report"
    assert len(page["figures"]) == 3 and all(w > 200 for w in page["figures"])  # network, bars, timeline
    assert page["firstRow"] == ["1", "RUS", "Russia", "1", "0.2403", "0.4597", "0.1500", "13.52", "10.80", "2.00", "8.00", "7"]
    assert page["blocs"] == ["Bloc 1 · 3 states", "Bloc 2 · 3 states"]
    assert page["ties"] == 11  # 7 cooperative (3 symmetric pairs listed once), 4 conflictual
    assert page["quote"] == "France agrees with United States."
    assert page["link"] == "https://news.example.org/a2"
    assert page["external"] == []


@needs_browser
def test_browser_probe_sees_errors_and_requests(tmp_path):
    # control: the probe must notice a script error and an outside request
    path = tmp_path / "bad.html"
    path.write_text('<html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("boom"); nope();</script></body></html>')
    result = open_page(path, "1")
    assert any("nope" in e or "Uncaught" in e for e in result.exceptions)
    assert ("error", "boom") in result.console
    assert "http://127.0.0.1:9/x.png" in result.requests


@needs_browser
def test_actor_and_blocs_html_render(inp, tmp_path):
    for name, report in (("actor", actor_report(inp, "RUS")), ("blocs", blocs_report(inp)), ("changes", changes_report(inp))):
        path = tmp_path / f"{name}.html"
        path.write_text(render(report, "html"), encoding="utf-8")
        result = open_page(path, "document.querySelectorAll('h2').length")
        assert result.exceptions == [] and result.console == [], name
        assert [url for url in result.requests if not url.startswith("data:")] == [path.resolve().as_uri()], name
        assert result.value >= 2, name


def test_no_broker_said_instead_of_zeros():
    from test_analysis import GBR, RUS, USA, VEN, f

    from diplograph.graph.model.vocabulary import RelationType as R

    # blocs {GBR, USA} and {RUS, VEN}: every cooperative tie inside a bloc, so every
    # participation coefficient is 1 - 1^2 = 0 and nobody is a broker.
    facts = [f(USA, R.SUPPORTS, GBR, 1), f(RUS, R.SUPPORTS, VEN, 2), f(USA, R.SANCTIONS, RUS, 3)]
    for build in (blocs_report, centrality_report):
        data = build(facts).data
        assert data["brokers"] == [] and data["brokersNote"] == "no broker: no state has cooperative ties into more than one bloc"
    md = render(blocs_report(facts), "markdown")
    assert "## Brokers (participation coefficient)\n\nno broker: no state has cooperative ties into more than one bloc\n" in md
    assert "0.0000" not in md.split("## Brokers")[1]
    # the fixture: only FRA and CHN reach two blocs (participations worked out in test_analysis)
    data = blocs_report(FACTS).data
    assert [b["id"] for b in data["brokers"]] == ["FRA", "CHN"] and data["brokersNote"] is None


def test_legend_and_node_counts(inp):
    md = render(centrality_report(inp), "markdown")
    main_table = md.split("## Blocs")[0]
    for words in ("bloc: group of the signed partition", "pagerank: share of attention", "eigenvector: tied to states",
                  "betweenness: share of shortest cooperative paths", "coop. out/in, confl. out/in: summed weights",
                  "weight of a fact = |Goldstein| (1992) of its CAMEO code or type x extraction confidence"):
        assert words in main_table
    # with organisations the EU is a node: the header counts it apart from the states
    report = centrality_report(FACTS, AnalysisOptions(organizations=True))
    s = report.data["summary"]
    assert (s["nodes"], s["states"], s["organizations"]) == (7, 6, 1)
    assert "13 of 19 facts used (facts), 6 states and 1 organisation, 15 ties" in render(report, "markdown")


@needs_browser
def test_html_report_of_the_loaded_example_corpus_in_chromium(tmp_path):
    """The README's example articles, loaded and reported through the CLI, read well in a browser:
    no script error, nothing fetched, the ranking of the JSON report, evidence quoted from the texts."""
    store = tmp_path / "corpus.sqlite"
    loaded = runner.invoke(app, ["-q", "load", str(ROOT / "examples" / "articles"), "--date", "2019-09-25", "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    page_path = tmp_path / "corpus.html"
    made = runner.invoke(app, ["report", "centrality", "--store", str(store), "--format", "html", "--output", str(page_path)])
    assert made.exit_code == 0, made.output
    ranking = json.loads(runner.invoke(app, ["report", "centrality", "--store", str(store), "--format", "json"]).stdout)
    result = open_page(page_path, PROBE)
    assert result.exceptions == [] and result.console == []
    assert [lvl for lvl, _ in result.log if lvl == "error"] == []
    assert [url for url in result.requests if not url.startswith("data:")] == [page_path.resolve().as_uri()]  # data: URIs are icons inside the page
    page = json.loads(result.value)
    assert page["external"] == []
    assert page["firstRow"][:3] == ["1", ranking["states"][0]["id"], ranking["states"][0]["name"]]
    texts = (ROOT / "examples" / "articles" / "russia-venezuela-2019.txt").read_text(encoding="utf-8")
    texts += (ROOT / "examples" / "articles" / "corpus-sample.jsonl").read_text(encoding="utf-8")
    assert page["ties"] > 0 and page["quote"].strip() and page["quote"].strip()[:60] in texts


def test_output_files_are_checked_before_any_work(store_path, tmp_path):
    for command in (["report", "centrality", "-o", str(tmp_path)], ["export", "-o", str(tmp_path / "none" / "g.graphml")],
                    ["report", "blocs", "--plot", str(tmp_path / "none" / "p.png")]):
        out = runner.invoke(app, [*command, "--store", str(store_path)])
        assert out.exit_code == 1
        assert re.fullmatch(r"error: \S+: cannot write: (it is a folder|no folder \S+)\n", out.stderr), out.stderr


def test_overlapping_windows_of_changes_are_refused(store_path):
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--window-a", "2019-01-01:2019-03-31",
                              "--window-b", "2019-03-01:"])
    assert out.exit_code == 1
    assert out.stderr == ("error: --window-a 2019-01-01:2019-03-31 and --window-b 2019-03-01: overlap from 2019-03-01 "
                          "to 2019-03-31: facts of those days would count in both windows; give windows that do not overlap\n")
    with pytest.raises(ReportError, match="overlap from 2019-02-01 to 2019-02-01"):  # open ends: one shared day
        changes_report(FACTS, window_a=(None, "2019-02-01"), window_b=("2019-02-01", None))
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--window-a", "2019-01-01:2019-02-28",
                              "--window-b", "2019-03-01:"])
    assert out.exit_code == 0, out.output  # windows that touch do not overlap


def test_windows_of_changes_are_cut_to_since_and_until(store_path):
    """--since/--until bound what is read: a window reaching beyond them is cut to them, one
    wholly outside is refused."""
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--since", "2019-02-01", "--format", "json",
                              "--window-a", "2019-01-01:2019-02-28", "--window-b", "2019-03-01:"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert (data["windowA"]["since"], data["windowA"]["until"], data["windowB"]["since"]) == ("2019-02-01", "2019-02-28", "2019-03-01")
    out = runner.invoke(app, ["report", "changes", "--store", str(store_path), "--since", "2019-06-01",
                              "--window-a", "2019-01-01:2019-02-28", "--window-b", "2019-03-01:"])
    assert out.exit_code == 1
    assert out.stderr == "error: the window 2019-01-01:2019-02-28 holds no day of --since 2019-06-01\n"


def test_the_summary_period_is_that_of_the_facts_counted(tmp_path):
    """Facts left out by the rules (a self-loop, a neutral relation) do not stretch the period."""
    from test_analysis import RUS, USA, VEN, f

    from diplograph.graph.model.vocabulary import RelationType as R
    from diplograph.graph.reports import aggregate, collect

    facts = [f(RUS, R.SUPPORTS, RUS, 1, date="2018-02-03"),   # self-loop: left out
             f(USA, R.SANCTIONS, VEN, 2, date="2019-04-05"),
             f(RUS, R.SUPPORTS, VEN, 3, date="2019-06-07"),
             f(USA, R.INVESTIGATES, RUS, 4, date="2020-08-09")]  # neutral: left out
    path = tmp_path / "graph.sqlite"
    with SQLiteStore(path) as store:
        for fact in facts:
            store.write_article(Article(fact.article_id, f"text {fact.article_id}"), [fact])
    with SQLiteStore(path, readonly=True) as store:
        for inp in (collect(facts), aggregate(store)):
            summary = centrality_report(inp).data["summary"]
            assert (summary["facts"], summary["factsUsed"]) == (4, 2), type(inp)
            assert (summary["firstDate"], summary["lastDate"]) == ("2019-04-05", "2019-06-07"), type(inp)


def test_a_half_life_with_no_dated_fact_says_so_in_words():
    from test_analysis import RUS, VEN, f

    from diplograph.graph.model.vocabulary import RelationType as R

    facts = [f(RUS, R.SUPPORTS, VEN, 1, date=None), f(VEN, R.SUPPORTS, RUS, 2, date=None)]
    report = centrality_report(facts, AnalysisOptions(half_life_days=30))
    assert report.data["parameters"]["referenceDate"] is None
    md = render(report, "markdown")
    assert "; … to …, half-life 30 days (no fact is dated, so none has an age)\n" in md and "None" not in md
    assert "left out: 2 undated (no age for --half-life)" in md


def test_report_headers_count_one_in_the_singular():
    from test_analysis import RUS, USA, VEN, f

    from diplograph.graph.model.vocabulary import RelationType as R

    # window a holds one fact, one tie between two states; window b two facts, two ties, three states
    facts = [f(RUS, R.SUPPORTS, VEN, 1, date="2019-01-04"),
             f(USA, R.SANCTIONS, VEN, 2, date="2019-08-01"), f(RUS, R.OPPOSES, USA, 3, date="2019-09-01")]
    changes = changes_report(facts, window_a=("2019-01-01", "2019-06-30"), window_b=("2019-07-01", "2019-12-31"))
    md = render(changes, "markdown")
    assert "- window a: 2019-01-01 to 2019-06-30: 1 fact, 2 states, 1 tie (facts)\n" in md
    assert "- window b: 2019-07-01 to 2019-12-31: 2 facts, 3 states, 2 ties (facts)\n" in md
    assert "(2 states, 1 tie)</div>" in render(changes, "html")
    one = render(centrality_report(facts[:1]), "markdown")
    assert "- 1 of 1 fact used (facts), 2 states, 1 tie; 2019-01-04 to 2019-01-04\n" in one
    assert "- rests on 1 fact: 1 article and 0 coded events from 1 source on 1 day; event data:" in one
    assert ("- thin sample (one source, or fewer than 5 facts) for 2 states: Venezuela (VEN): rank 1 rests on 1 fact from 1 "
            "source; Russia (RUS): rank 2 rests on 1 fact from 1 source\n") in one


def test_a_state_known_only_through_its_leaders_has_its_name(tmp_path, monkeypatch):
    # a fact table of leader rows stores the leaders, not their states: the state nodes are
    # named from the project's table of states, not left as 'FRA,FRA'
    monkeypatch.delenv("NEO4J_URI", raising=False)
    table = tmp_path / "leaders.csv"
    table.write_text("subject,relation,object,date,source,subject_type,object_type\n"
                     "Emmanuel Macron,CONSULTS,Olaf Scholz,2022-05-01,Wire,Leader,Leader\n", encoding="utf-8")
    store = tmp_path / "leaders.sqlite"
    assert runner.invoke(app, ["load", "facts", str(table), "--store", str(store)]).exit_code == 0
    out = runner.invoke(app, ["report", "centrality", "--store", str(store), "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert [row[1:3] for row in csv.reader(io.StringIO(out.stdout))][1:] == [["DEU", "Germany"], ["FRA", "France"]]
    with SQLiteStore(store, readonly=True) as s:
        facts = list(s.iter_facts())
        for source in (s, facts):
            report = actor_report(source, "France")
            assert (report.data["actor"]["id"], report.data["actor"]["name"]) == ("FRA", "France")
            assert [(r["subject"]["id"], r["object"]["id"], r["counted"]) for r in report.data["facts"]] == [
                ("emmanuel-macron", "olaf-scholz", True)]
        export_graph(export_input(s, AnalysisOptions()), tmp_path / "g.csv", "csv")
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "g.nodes.csv").read_text(encoding="utf-8"))))
    assert [(n["id"], n["label"]) for n in nodes] == [("DEU", "Germany"), ("FRA", "France")]


def test_the_blocs_report_says_what_it_rests_on(store_path):
    with SQLiteStore(store_path, readonly=True) as store:
        blocs, central = blocs_report(store), centrality_report(store)
    assert blocs.data["sample"] == central.data["sample"] and blocs.data["sample"]["facts"] == 12
    # every state of the fixture rests on one source (Example Wire): each bloc member is warned about
    assert blocs.data["warnings"] == [
        "Russia (RUS): its place rests on 6 facts from 1 source", "China (CHN): its place rests on 4 facts from 1 source",
        "Venezuela (VEN): its place rests on 5 facts from 1 source", "France (FRA): its place rests on 2 facts from 1 source",
        "United States (USA): its place rests on 6 facts from 1 source",
        "United Kingdom (GBR): its place rests on 1 fact from 1 source"]
    assert "- rests on 12 facts: 12 articles and 0 coded events from 1 source on 12 days; event data:" in render(blocs, "markdown")


def test_html_titles_and_headings(inp):
    import html as html_lib

    actor = render(actor_report(inp, "RUS"), "html")
    assert "<title>diplograph — Russia (RUS): actor report</title>" in actor
    blocs = render(blocs_report(inp), "html")
    headings = [html_lib.unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", blocs)]
    assert len(headings) == len(set(headings)) and "Blocs" in headings and "Weight inside each bloc" in headings
    # the thin-sample warnings of the header are one paragraph
    central = render(centrality_report(inp), "html")
    assert central.count("thin sample") == 1
    assert re.search(r'<p class="sub">thin sample \(one source, or fewer than 5 facts\) for 6 states: [^<]*</p>', central)
