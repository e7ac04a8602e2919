"""Cost of the event-data rule (graph/analysis/events.py) in state_graph, as a ratio to the
same aggregation with every coding counted (EventRule.EVERY), measured in the same run.

    .venv/bin/python bench/bench_event_rule.py --facts 200000

Generated GDELT-like facts: 60 states, 12 CAMEO root codes, 365 days, 2,000 source URLs, so
many codings share (pair, root code, day). Prints facts, events kept per rule, seconds and ratios.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from diplograph.graph.analysis import AnalysisOptions, EventRule, fact_frame, state_graph
from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType

CODES = {"04": RelationType.CONSULTS, "05": RelationType.COOPERATES_WITH, "06": RelationType.COOPERATES_WITH,
         "07": RelationType.AIDS, "08": RelationType.CONCEDES, "10": RelationType.DEMANDS, "11": RelationType.ACCUSES,
         "12": RelationType.REJECTS, "13": RelationType.THREATENS, "16": RelationType.SANCTIONS, "17": RelationType.COERCES,
         "19": RelationType.FIGHTS}


def generated(n: int, seed: int = 0) -> list[Fact]:
    rng = np.random.default_rng(seed)
    states = [Actor(f"S{i:02d}", ActorKind.STATE, f"State {i}") for i in range(60)]
    codes = list(CODES)
    s, o = rng.integers(0, 60, n), rng.integers(0, 59, n)
    o = np.where(o >= s, o + 1, o)
    c, d, u = rng.integers(0, len(codes), n), rng.integers(0, 365, n), rng.integers(0, 2000, n)
    return [Fact(states[s[i]], CODES[codes[c[i]]], states[o[i]], date=str(np.datetime64("2019-01-01") + int(d[i])),
                 cameo=codes[c[i]] + "0", goldstein=-5.0 if codes[c[i]] >= "10" else 3.0, source_url=f"https://site{u[i]}.example/x",
                 event_id=f"gdelt:{i}", extractor="gdelt") for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=int, default=200_000)
    args = parser.parse_args()
    frame = fact_frame(generated(args.facts))
    timings = {}
    for rule in (EventRule.EVERY, EventRule.SOURCE, EventRule.DAY):
        start = time.perf_counter()
        G = state_graph(frame, AnalysisOptions(event_rule=rule))
        timings[rule] = time.perf_counter() - start
        print(f"{rule.value:>6}: {G.graph['facts']:>9,} events of {args.facts:,} codings, {timings[rule]:.2f} s, "
              f"x{timings[rule] / timings[EventRule.EVERY]:.2f} of 'every'")


if __name__ == "__main__":
    main()
