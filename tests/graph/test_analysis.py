"""Tests of graph/analysis/ on hand-built facts (answers worked out in comments) and on
random graphs checked against a second implementation (igraph, numpy)."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from diplograph.graph.analysis import (
    AnalysisOptions,
    acts_for_state,
    blocs,
    brokers,
    centrality,
    changes,
    cooperative_graph,
    fact_frame,
    state_graph,
    weighted_facts,
    structural_balance,
)
from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType as R

S = ActorKind.STATE


def st(code: str, name: str) -> Actor:
    return Actor(code, S, name)


USA, GBR, FRA = st("USA", "United States"), st("GBR", "United Kingdom"), st("FRA", "France")
RUS, CHN, VEN = st("RUS", "Russia"), st("CHN", "China"), st("VEN", "Venezuela")
PUTIN = Actor("vladimir-putin", ActorKind.LEADER, "Vladimir Putin", country="RUS")
MADURO = Actor("nicolas-maduro", ActorKind.LEADER, "Nicolás Maduro", country="VEN")
GUAIDO = Actor("juan-guaido", ActorKind.LEADER, "Juan Guaidó", country="VEN", role="Opposition leader")
EU = Actor("EU", ActorKind.ORGANIZATION, "European Union")
SHELL_CO = Actor("acme-trading", ActorKind.FIRM, "Acme Trading")  # state unknown


def f(s, rel, o, i, **kw) -> Fact:
    return Fact(s, rel, o, article_id=f"a{i}", sentence_index=i, **kw)


# Six states in two camps, a bridge France-China, a leader fact and facts that must not count.
# Default intensities (|Goldstein| of the type's CAMEO code, vocabulary.RELATIONS):
# SUPPORTS 3.4, AGREES_WITH 8.0 (symmetric), TRADES_WITH 6.4 (symmetric), INVESTS_IN 6.4,
# COOPERATES_WITH 7.4 (symmetric), SANCTIONS 8.0, OPPOSES 2.0, ACCUSES 2.0.
FACTS = [
    f(GBR, R.SUPPORTS, USA, 1, date="2019-01-10"),  # GBR->USA +3.4
    f(FRA, R.AGREES_WITH, USA, 2, date="2019-02-01"),  # FRA<->USA +8 each way
    f(FRA, R.TRADES_WITH, CHN, 3, date="2019-03-01"),  # FRA<->CHN +6.4 each way
    f(RUS, R.SUPPORTS, VEN, 4, date="2019-04-01"),  # RUS->VEN +3.4
    f(PUTIN, R.SUPPORTS, MADURO, 5, date="2019-05-01", confidence=0.8),  # leaders: RUS->VEN +3.4*0.8 = 2.72
    f(CHN, R.INVESTS_IN, VEN, 6, date="2019-06-01"),  # CHN->VEN +6.4
    f(RUS, R.COOPERATES_WITH, CHN, 7, date="2019-07-01"),  # RUS<->CHN +7.4 each way
    f(VEN, R.SUPPORTS, RUS, 8, date="2019-08-01"),  # VEN->RUS +3.4
    f(USA, R.SANCTIONS, RUS, 9, date="2019-09-01"),  # USA->RUS -8
    f(USA, R.SANCTIONS, VEN, 10, date="2019-10-01"),  # USA->VEN -8
    f(RUS, R.OPPOSES, USA, 11, date="2019-11-01"),  # RUS->USA -2
    f(CHN, R.ACCUSES, USA, 12, date="2019-12-01"),  # CHN->USA -2
    # not ties of the state graph:
    f(PUTIN, R.LEADS, RUS, 13),  # structural
    f(USA, R.RETREATS, RUS, 14),  # no sign
    f(EU, R.SANCTIONS, RUS, 15),  # organisation: dropped from the states-only graph
    f(SHELL_CO, R.TRADES_WITH, VEN, 16),  # firm with no known state
    f(PUTIN, R.SUPPORTS, RUS, 17),  # self-loop once mapped
    f(USA, R.SUPPORTS, GUAIDO, 18, date="2019-01-23"),  # opposition leader: not support of VEN
    # the signing of fact 7 again, later in article a7 (reverse order, lower confidence): one event
    Fact(CHN, R.COOPERATES_WITH, RUS, article_id="a7", sentence_index=19, date="2019-07-01", confidence=0.6),
]


def test_state_graph_edges_and_leader_facts():
    G = state_graph(FACTS)
    assert sorted(G.nodes()) == ["CHN", "FRA", "GBR", "RUS", "USA", "VEN"]
    assert G.nodes["VEN"]["name"] == "Venezuela"
    e = G["RUS"]["VEN"]
    # Putin's support of Maduro counts for Russia towards Venezuela.
    assert e["positive"] == pytest.approx(3.4 + 2.72)
    assert e["negative"] == 0.0
    assert e["facts"] == 2
    assert set(e["factKeys"]) == {FACTS[3].key, FACTS[4].key}
    # symmetric acts are ties both ways, with the same fact key
    assert G["USA"]["FRA"]["weight"] == pytest.approx(8.0)
    assert G["FRA"]["USA"]["factKeys"] == [FACTS[1].key]
    assert G["USA"]["RUS"]["weight"] == pytest.approx(-8.0)
    assert not G.has_edge("RUS", "RUS")
    assert G.graph["excluded"] == {"neutral": 2, "organization": 1, "noState": 1, "leaderNotForState": 1, "selfLoop": 1,
                                   "duplicateMention": 1, "duplicateEvent": 0}
    assert G["CHN"]["RUS"]["factKeys"] == [FACTS[6].key] and G["CHN"]["RUS"]["weight"] == pytest.approx(7.4)
    assert G.graph["facts"] == 12
    # USA -> VEN holds the sanction only: the support of Guaidó is not support of Venezuela
    assert G["USA"]["VEN"]["factKeys"] == [FACTS[9].key] and G["USA"]["VEN"]["positive"] == 0.0


def test_leaders_count_for_their_state_only_when_acting_for_it():
    assert [acts_for_state(r) for r in ("President", "Foreign Minister", "Spokesperson", "Ambassador", "King", None)] == [True] * 6
    assert [acts_for_state(r) for r in ("Opposition leader", "Interim President", "rebel commander", "former President",
                                        "self-proclaimed president", "Leader of the Opposition")] == [False] * 6
    # no title on the actor: the roles of its LEADS facts decide; no title at all: it counts
    claimant = Actor("x-claimant", ActorKind.LEADER, "X Claimant", country="VEN")
    envoy = Actor("y-envoy", ActorKind.LEADER, "Y Envoy", country="GBR")
    untitled = Actor("z-untitled", ActorKind.LEADER, "Z Untitled", country="FRA")
    facts = [
        Fact(claimant, R.LEADS, VEN, role="Interim President", article_id="b1"),
        Fact(USA, R.SUPPORTS, claimant, article_id="b1"),  # dropped: claimant
        Fact(envoy, R.LEADS, GBR, role="Foreign Secretary", article_id="b2"),
        Fact(envoy, R.CONSULTS, USA, article_id="b2"),  # GBR<->USA
        Fact(untitled, R.OPPOSES, RUS, article_id="b3"),  # FRA->RUS
    ]
    G = state_graph(facts)
    assert sorted(G.edges()) == [("FRA", "RUS"), ("GBR", "USA"), ("USA", "GBR")]
    assert G.graph["excluded"]["leaderNotForState"] == 1
    assert fact_frame(facts).attrs["notForState"] == ["x-claimant"]


def test_one_event_per_article():
    trump = Actor("donald-trump", ActorKind.LEADER, "Donald Trump", country="USA", role="President")
    IDN, IRN = st("IDN", "Indonesia"), st("IRN", "Iran")
    facts = [
        # article s1: headline, lede and a quote give one signing four times
        Fact(USA, R.AGREES_WITH, IDN, article_id="s1", sentence_index=9, confidence=0.54),
        Fact(USA, R.AGREES_WITH, IDN, article_id="s1", sentence_index=10, confidence=0.39),
        Fact(IDN, R.AGREES_WITH, USA, article_id="s1", sentence_index=19, confidence=0.65),  # symmetric: same pair
        Fact(trump, R.AGREES_WITH, IDN, article_id="s1", sentence_index=0, confidence=0.6),  # Trump counts as USA
        # article s2: another story, another event
        Fact(USA, R.AGREES_WITH, IDN, article_id="s2", sentence_index=0, confidence=0.5),
        # coded event data: no article, each its own event
        Fact(USA, R.SANCTIONS, IRN, event_id="e1"),
        Fact(USA, R.SANCTIONS, IRN, event_id="e2"),
    ]
    G = state_graph(facts)
    # s1 counts once with its best mention: 8 x 0.65 = 5.2; s2: 8 x 0.5 = 4; each way
    assert G["USA"]["IDN"]["weight"] == pytest.approx(9.2) and G["IDN"]["USA"]["weight"] == pytest.approx(9.2)
    assert sorted(G["USA"]["IDN"]["factKeys"]) == sorted([facts[2].key, facts[4].key])
    assert G["USA"]["IRN"]["negative"] == pytest.approx(16.0) and G["USA"]["IRN"]["facts"] == 2
    assert G.graph["excluded"]["duplicateMention"] == 3 and G.graph["facts"] == 4
    wf = weighted_facts(facts)
    assert wf.attrs["duplicateOf"] == {0: facts[2].key, 1: facts[2].key, 3: facts[2].key}
    # a tie of confidence goes to the stronger coding, then to the first row
    tie = [Fact(USA, R.SANCTIONS, IRN, article_id="s3", sentence_index=1, goldstein=-4.0),
           Fact(USA, R.SANCTIONS, IRN, article_id="s3", sentence_index=2, goldstein=-8.0)]
    assert state_graph(tie)["USA"]["IRN"]["factKeys"] == [tie[1].key]


def test_organizations_kept_when_asked():
    G = state_graph(FACTS, AnalysisOptions(organizations=True))
    assert G.nodes["EU"]["kind"] == "Organization"
    assert G["EU"]["RUS"]["negative"] == pytest.approx(8.0)


def test_cameo_and_goldstein_override_defaults():
    facts = [
        f(USA, R.SANCTIONS, RUS, 1, cameo="1621"),  # GDELT: 1621 -> -5.6
        f(USA, R.SANCTIONS, RUS, 2, goldstein=-3.0, cameo="163"),  # the fact's own value wins
    ]
    assert state_graph(facts)["USA"]["RUS"]["negative"] == pytest.approx(5.6 + 3.0)


def test_centrality_ranks_and_degrees_by_hand():
    res = centrality(state_graph(FACTS))
    # Cooperative graph (net weights > 0):
    #   GBR->USA 3.4; USA->FRA 8, FRA->USA 8; FRA->CHN 6.4, CHN->FRA 6.4; RUS->VEN 6.12;
    #   CHN->VEN 6.4; RUS->CHN 7.4, CHN->RUS 7.4; VEN->RUS 3.4. No dangling node.
    # PageRank x = 0.15/6 + 0.85 P^T x, solved by hand (3-decimal):
    #   RUS 0.240 (all of VEN's rank, 7.4/20.2 of CHN's, 1/3 ... ), CHN 0.214, FRA 0.204,
    #   VEN 0.175, USA 0.142, GBR 0.025 (nobody points to it: teleport only, 0.15/6).
    assert [r.id for r in res.rows] == ["RUS", "CHN", "FRA", "VEN", "USA", "GBR"]
    by = res.by_id()
    assert by["GBR"].pagerank == pytest.approx(0.15 / 6)
    ids = ["CHN", "FRA", "GBR", "RUS", "USA", "VEN"]
    M = np.zeros((6, 6))
    for (u, v), w in {("GBR", "USA"): 3.4, ("USA", "FRA"): 8, ("FRA", "USA"): 8, ("FRA", "CHN"): 6.4,
                      ("CHN", "FRA"): 6.4, ("RUS", "VEN"): 6.12, ("CHN", "VEN"): 6.4, ("RUS", "CHN"): 7.4,
                      ("CHN", "RUS"): 7.4, ("VEN", "RUS"): 3.4}.items():
        M[ids.index(u), ids.index(v)] = w
    x = np.linalg.solve(np.eye(6) - 0.85 * (M / M.sum(1, keepdims=True)).T, np.full(6, 0.15 / 6))
    for i, v in enumerate(ids):
        assert by[v].pagerank == pytest.approx(x[i], abs=1e-9)
    assert by["RUS"].pagerank == pytest.approx(0.240309, abs=1e-6)
    # USA: cooperative out = to FRA 8; in = GBR 3.4 + FRA 8; conflictual out = 8 + 8; in = 2 + 2.
    usa = by["USA"]
    assert (usa.cooperative_out, usa.cooperative_in, usa.conflictual_out, usa.conflictual_in) == pytest.approx(
        (8.0, 11.4, 16.0, 4.0)
    )
    # USA touches edges GBR->USA, USA<->FRA, USA->RUS, USA->VEN, RUS->USA, CHN->USA: 7 fact-edges
    assert usa.facts == 7
    assert res.method["betweenness"]["exact"] is True
    # GBR only sends: no shortest path passes through it
    assert by["GBR"].betweenness == 0.0
    frame = res.to_frame()
    assert list(frame.index) == ["RUS", "CHN", "FRA", "VEN", "USA", "GBR"]
    assert frame.loc["RUS", "rank"] == 1 and frame.loc["RUS", "pagerank"] == pytest.approx(0.240309, abs=1e-6)
    assert frame.loc["USA", "cooperative_in"] == pytest.approx(11.4) and frame.loc["USA", "facts"] == 7


def test_equal_pagerank_shares_a_rank():
    # a hub supporting three states equally: the three have the same PageRank, so one rank
    G = nx.DiGraph()
    for v in ("AAA", "BBB", "CCC", "HUB"):
        G.add_node(v, name=v)
    for v in ("AAA", "BBB", "CCC"):
        G.add_edge("HUB", v, weight=2.0, positive=2.0, negative=0.0, facts=1)
    res = centrality(G)
    assert [(r.id, r.rank) for r in res.rows] == [("AAA", 1), ("BBB", 1), ("CCC", 1), ("HUB", 4)]


def test_blocs_and_brokers_by_hand():
    G = state_graph(FACTS)
    res = blocs(G, seed=0)
    # West (USA, GBR, FRA) and East (RUS, CHN, VEN): all ties inside are positive, all
    # USA-East ties negative; only FRA-CHN trade (6.4 + 6.4 = 12.8) is positive between them.
    # blocs are listed largest first, ties by smallest id
    assert res.blocs == [["CHN", "RUS", "VEN"], ["FRA", "GBR", "USA"]]
    assert res.frustration == pytest.approx(12.8)
    # total |net pair weight|: USA-GBR 3.4, USA-FRA 16, FRA-CHN 12.8, RUS-CHN 14.8, RUS-VEN 9.52,
    # CHN-VEN 6.4, USA-RUS 10, USA-VEN 8, USA-CHN 2 = 82.92
    assert res.frustration_share == pytest.approx(12.8 / 82.92)
    assert sorted(map(sorted, res.communities)) == [["CHN", "RUS", "VEN"], ["FRA", "GBR", "USA"]]
    frame = res.to_frame()
    assert list(frame.index) == ["CHN", "FRA", "GBR", "RUS", "USA", "VEN"]
    assert list(frame["bloc"]) == [0, 1, 1, 0, 1, 0]
    rows = brokers(G, res)
    # FRA: cooperative strength 16 (USA) + 12.8 (CHN): P = 1 - (16/28.8)^2 - (12.8/28.8)^2
    # CHN: 14.8 (RUS) + 6.4 (VEN) in its bloc, 12.8 (FRA) outside: P = 1 - (21.2/34)^2 - (12.8/34)^2
    assert [r.id for r in rows[:2]] == ["FRA", "CHN"]
    assert rows[0].participation == pytest.approx(1 - (16 / 28.8) ** 2 - (12.8 / 28.8) ** 2)
    assert rows[1].participation == pytest.approx(1 - (21.2 / 34) ** 2 - (12.8 / 34) ** 2)
    assert rows[0].blocs_reached == 2 and rows[0].outside_share == pytest.approx(12.8 / 28.8)
    assert {r.id: r.participation for r in rows}["GBR"] == 0.0


def test_signed_partition_separates_sanctioning_pair_louvain_does_not():
    # A and B trade a lot with C but sanction each other: Louvain on cooperation alone can put
    # A, B, C together; the signed partition must not put A and B in one bloc.
    A, B, C = st("AAA", "A"), st("BBB", "B"), st("CCC", "C")
    facts = [f(A, R.TRADES_WITH, C, 1), f(B, R.TRADES_WITH, C, 2), f(A, R.SANCTIONS, B, 3), f(B, R.SANCTIONS, A, 4)]
    res = blocs(state_graph(facts))
    m = res.membership
    assert m["AAA"] != m["BBB"]
    # A-C 12.8 and B-C 12.8 positive, A-B -16: best is C with one of them, 12.8 frustration.
    assert res.frustration == pytest.approx(12.8)


def test_balance_on_small_triangles():
    def tri(signs):
        G = nx.DiGraph()
        for (u, v), s in zip([("A", "B"), ("B", "C"), ("A", "C")], signs):
            G.add_edge(u, v, weight=float(s))
        return structural_balance(G)

    assert tri([1, 1, 1]).by_type == {"+++": 1, "++-": 0, "+--": 0, "---": 0}
    assert tri([1, -1, -1]).share == 1.0  # the enemy of my enemy
    assert tri([1, 1, -1]).share == 0.0
    assert tri([-1, -1, -1]).by_type["---"] == 1 and tri([-1, -1, -1]).balanced == 0
    # hand-built states: 5 triads (RUS-CHN-VEN +++, USA with two of RUS/CHN/VEN: 3 x +--,
    # USA-FRA-CHN ++-): 4 balanced.
    res = structural_balance(state_graph(FACTS))
    assert (res.triads, res.balanced, res.by_type["++-"]) == (5, 4, 1)
    assert res.share == pytest.approx(0.8)
    # opposite directions with net 0 make no tie
    G = nx.DiGraph()
    G.add_edge("A", "B", weight=2.0)
    G.add_edge("B", "A", weight=-2.0)
    G.add_edge("B", "C", weight=1.0)
    G.add_edge("A", "C", weight=1.0)
    assert structural_balance(G).triads == 0


def test_balance_against_enumeration():
    rng = random.Random(3)
    G = nx.DiGraph()
    for u, v in itertools.permutations(range(14), 2):
        if rng.random() < 0.3:
            G.add_edge(u, v, weight=rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 3))
    U = {}
    for u, v, d in G.edges(data=True):
        U[frozenset((u, v))] = U.get(frozenset((u, v)), 0.0) + d["weight"]
    counts = {"bal": 0, "all": 0}
    for a, b, c in itertools.combinations(range(14), 3):
        ws = [U.get(frozenset(p), 0.0) for p in ((a, b), (b, c), (a, c))]
        if all(w != 0 for w in ws):
            counts["all"] += 1
            counts["bal"] += math.prod(np.sign(ws)) > 0
    res = structural_balance(G)
    assert (res.triads, res.balanced) == (counts["all"], counts["bal"])
    assert res.triads > 20


def test_half_life_decay_and_reference_date():
    facts = [
        f(USA, R.SANCTIONS, RUS, 1, date="2020-01-01"),
        f(USA, R.SANCTIONS, RUS, 2, date="2020-01-31"),
        f(USA, R.SANCTIONS, RUS, 3),  # undated
    ]
    # no decay: 3 x 8
    assert state_graph(facts)["USA"]["RUS"]["negative"] == pytest.approx(24.0)
    # half-life 30 days from the newest fact (2020-01-31): 8 * 0.5 + 8 = 12; undated dropped
    G = state_graph(facts, AnalysisOptions(half_life_days=30))
    assert G["USA"]["RUS"]["negative"] == pytest.approx(12.0)
    assert G.graph["referenceDate"] == "2020-01-31" and G.graph["excluded"]["undated"] == 1
    # from 2020-03-01: ages 60 and 30 days: 8/4 + 8/2 = 6
    G = state_graph(facts, AnalysisOptions(half_life_days=30, reference_date="2020-03-01"))
    assert G["USA"]["RUS"]["negative"] == pytest.approx(6.0)
    # 10-day half-life from 2020-01-31: 8 * 0.5 ** 3 + 8
    G = state_graph(facts, AnalysisOptions(half_life_days=10))
    assert G["USA"]["RUS"]["weight"] == pytest.approx(-(1.0 + 8.0))
    with pytest.raises(ValueError):
        state_graph(facts, AnalysisOptions(half_life_days=0))


def test_since_until_inclusive():
    G = state_graph(FACTS, AnalysisOptions(since="2019-09-01", until="2019-10-01"))
    assert sorted(G.edges()) == [("USA", "RUS"), ("USA", "VEN")]
    assert G.graph["facts"] == 2
    assert state_graph(FACTS, AnalysisOptions(until="2019-01-10")).number_of_edges() == 1
    assert state_graph(FACTS, AnalysisOptions(since="2020-01-01")).number_of_nodes() == 0


def test_changes_between_windows():
    # window a: only the West's facts (Jan-Feb); window b: the rest of the year.
    res = changes(FACTS, ("2019-01-01", "2019-02-28"), ("2019-03-01", "2019-12-31"))
    by = {r.id: r for r in res.rows}
    # a: GBR->USA 3.4, USA<->FRA 8: USA first (gets GBR's), FRA second, GBR third; no East.
    assert (by["USA"].rank_a, by["FRA"].rank_a, by["GBR"].rank_a) == (1, 2, 3)
    assert by["RUS"].rank_a is None and by["RUS"].rank_b == 1
    assert by["RUS"].pagerank_change == pytest.approx(by["RUS"].pagerank_b)
    assert res.rows[0].id == "RUS"  # biggest riser
    assert by["USA"].rank_change == 1 - by["USA"].rank_b
    frame = res.to_frame()
    assert frame.index[0] == "RUS" and frame.loc["RUS", "rank_b"] == 1 and pd.isna(frame.loc["RUS", "rank_a"])
    assert frame.loc["USA", "rank_a"] == 1


def test_fact_frame_reuse_and_columns():
    frame = fact_frame(FACTS)
    assert list(frame.columns[:7]) == ["key", "source", "target", "relation", "intensity", "confidence", "date"]
    assert frame.loc[4, "source"] == "RUS" and frame.loc[4, "subject"] == "vladimir-putin"
    G1, G2 = state_graph(frame), state_graph(FACTS)
    assert nx.utils.edges_equal(G1.edges(data=True), G2.edges(data=True))


def test_empty_input():
    G = state_graph([])
    assert G.number_of_nodes() == 0
    assert centrality(G).rows == []
    assert blocs(G).blocs == []
    assert structural_balance(G).share is None


# ----------------------------------------------------------------- against igraph


def random_signed(n: int, p: float, seed: int, acyclic: bool = False) -> nx.DiGraph:
    rng = random.Random(seed)
    G = nx.DiGraph()
    G.add_nodes_from(f"S{i:03d}" for i in range(n))
    for i, j in itertools.permutations(range(n), 2):
        if acyclic and i > j:
            continue
        if rng.random() < p:
            pos = rng.uniform(0, 10) if rng.random() < 0.7 else 0.0
            neg = rng.uniform(0, 6) if rng.random() < 0.4 else 0.0
            if pos == neg == 0:
                pos = 1.0
            G.add_edge(f"S{i:03d}", f"S{j:03d}", positive=pos, negative=neg, weight=pos - neg, facts=1)
    return G


def to_igraph(C: nx.DiGraph, nodes, attr):
    import igraph

    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in C.edges()], directed=True)
    g.es["w"] = [d[attr] for _, _, d in C.edges(data=True)]
    return g


@pytest.mark.parametrize("seed,acyclic", [(1, False), (2, False), (5, True)])
def test_centrality_against_igraph(seed, acyclic):
    pytest.importorskip("igraph")
    G = random_signed(60, 0.12, seed, acyclic=acyclic)
    res = centrality(G).by_id()
    nodes = sorted(G.nodes())
    C = cooperative_graph(G)
    g = to_igraph(C, nodes, "weight")
    pr = g.pagerank(weights="w", directed=True, damping=0.85)
    gd = to_igraph(C, nodes, "distance")
    bt = gd.betweenness(directed=True, weights="w")
    n = len(nodes)
    U = g.as_undirected(mode="collapse", combine_edges="sum")
    ev = U.eigenvector_centrality(weights="w", scale=True)
    ours_ev = np.array([res[v].eigenvector for v in nodes])
    ours_ev = ours_ev / ours_ev.max()
    full = to_igraph(G, nodes, "positive")
    neg = to_igraph(G, nodes, "negative")
    for i, v in enumerate(nodes):
        assert res[v].pagerank == pytest.approx(pr[i], abs=1e-6)
        assert res[v].betweenness == pytest.approx(bt[i] / ((n - 1) * (n - 2)), abs=1e-6)
        assert ours_ev[i] == pytest.approx(ev[i], abs=1e-6)
        assert res[v].cooperative_out == pytest.approx(full.strength(i, mode="out", weights="w"), abs=1e-6)
        assert res[v].cooperative_in == pytest.approx(full.strength(i, mode="in", weights="w"), abs=1e-6)
        assert res[v].conflictual_in == pytest.approx(neg.strength(i, mode="in", weights="w"), abs=1e-6)
        assert res[v].conflictual_out == pytest.approx(neg.strength(i, mode="out", weights="w"), abs=1e-6)


def test_eigenvector_on_dag_against_scipy():
    # On a directed acyclic graph directed eigenvector centrality does not exist; ours is the
    # principal eigenvector of the symmetrised matrix: check it with scipy's Lanczos solver.
    from scipy.sparse.linalg import eigsh

    G = random_signed(40, 0.2, 9, acyclic=True)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(cooperative_graph(G), weight="weight", max_iter=200)
    nodes = sorted(G.nodes())
    A = nx.to_scipy_sparse_array(cooperative_graph(G), nodelist=nodes, weight="weight")
    vals, vecs = eigsh((A + A.T).astype(float), k=1, which="LA")
    ref = np.abs(vecs[:, 0]) / np.linalg.norm(vecs[:, 0])
    res = centrality(G).by_id()
    assert np.allclose([res[v].eigenvector for v in nodes], ref, atol=1e-6)


def test_sampled_betweenness_is_seeded_and_said():
    G = random_signed(50, 0.1, 4)
    a = centrality(G, exact_limit=10, k=20, seed=7)
    b = centrality(G, exact_limit=10, k=20, seed=7)
    assert a.method["betweenness"] == {
        "graph": "cooperative, directed",
        "distance": "1/weight",
        "exact": False,
        "k": 20,
        "seed": 7,
        "normalized": "1/((n-1)(n-2))",
    }
    assert [r.betweenness for r in a.rows] == [r.betweenness for r in b.rows]
    exact = centrality(G).by_id()
    assert any(abs(r.betweenness - exact[r.id].betweenness) > 1e-9 for r in a.rows)


def test_signed_partition_finds_planted_blocs():
    # three planted camps: positive inside, negative between, 10% noise
    rng = random.Random(11)
    G = nx.DiGraph()
    camp = {f"N{i:02d}": i % 3 for i in range(30)}
    for u, v in itertools.permutations(camp, 2):
        if rng.random() < 0.5:
            w = rng.uniform(1, 5) * (1 if camp[u] == camp[v] else -1) * (-1 if rng.random() < 0.1 else 1)
            G.add_edge(u, v, weight=w)
    res = blocs(G, seed=3)
    assert len(res.blocs) == 3
    assert sorted(sorted(camp[v] for v in b) for b in res.blocs) == [[0] * 10, [1] * 10, [2] * 10]
    assert blocs(G, seed=3).blocs == res.blocs



def test_blocs_never_join_states_without_a_chain_of_ties():
    # Component 1: JPN+AUS, JPN+USA, TWN+USA positive, PRK-USA negative.
    # Component 2: SAU+BHR positive, SAU-IRN negative.  (Before blocs were taken per component,
    # seed 0 put SAU and BHR in the bloc of JPN, AUS, TWN and USA: nothing ties them.)
    # Component 3: YEM opposes P and Q, who have no tie to each other; M-N nets to 0.
    G = nx.DiGraph()
    for u, v, w in [("JPN", "AUS", 2), ("JPN", "USA", 2), ("PRK", "USA", -5), ("SAU", "IRN", -4), ("SAU", "BHR", 4),
                    ("TWN", "USA", 4), ("YEM", "P", -1), ("YEM", "Q", -1), ("M", "N", 2), ("N", "M", -2)]:
        G.add_edge(u, v, weight=float(w))
    for seed in range(5):
        res = blocs(G, seed=seed)
        # Hand partition with frustration 0; P and Q (not tied), M and N (net 0) stay apart.
        assert res.blocs == [["AUS", "JPN", "TWN", "USA"], ["BHR", "SAU"], ["IRN"], ["M"], ["N"], ["P"], ["PRK"],
                             ["Q"], ["YEM"]]
        assert res.frustration == 0.0


def test_eigenvector_on_the_largest_component_only():
    # Components of the cooperative graph: the path A - B - C (weights 1) and the pair D - E
    # (weight 5); F only receives conflict. The path's adjacency [[0,1,0],[1,0,1],[0,1,0]] has
    # principal eigenvalue sqrt(2) and unit eigenvector (1/2, 1/sqrt(2), 1/2). D, E and F are
    # outside the largest component: no score (not 0).
    G = nx.DiGraph()
    for u, v, w in [("A", "B", 1.0), ("B", "C", 1.0), ("D", "E", 5.0), ("A", "F", -3.0)]:
        G.add_edge(u, v, weight=w, positive=max(w, 0.0), negative=max(-w, 0.0), facts=1)
    res = centrality(G)
    by = res.by_id()
    assert [by[v].eigenvector for v in "ABC"] == pytest.approx([0.5, 2 ** -0.5, 0.5])
    assert [by[v].eigenvector for v in "DEF"] == [None, None, None]
    ev = res.method["eigenvector"]
    assert (ev["componentNodes"], ev["nodes"]) == (3, 6)
    assert by["D"].to_json()["eigenvector"] is None
