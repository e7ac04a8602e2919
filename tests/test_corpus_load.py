"""The whole project corpus (35 real articles) through the CLI into the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from diplograph.graph.cli import app
from locations import DATA

CORPUS = DATA / "corpus35" / "articles.jsonl"
runner = CliRunner()


def test_the_corpus_loads_without_error_once_and_the_report_ranks_states_in_blocs(tmp_path: Path) -> None:
    store = str(tmp_path / "corpus.sqlite")
    first = runner.invoke(app, ["load", str(CORPUS), "--store", store])
    assert first.exit_code == 0, first.output
    # one article of the corpus (wn-2004-south-american-community-of-nations) has an empty date
    assert first.stderr == ("warning: 1 article with no date (none in the metadata, no --date): facts the text does "
                            "not date are undated, and dated reports leave them out\n")
    assert first.stdout.startswith("35 articles loaded (0 already stored), ")
    stats = json.loads(runner.invoke(app, ["stats", "--store", store, "--format", "json"]).stdout)
    assert stats["articles"] == 35 and stats["facts"] > 100

    again = runner.invoke(app, ["load", str(CORPUS), "--store", store])
    assert again.exit_code == 0
    assert again.stdout.strip() == f"0 articles loaded (35 already stored), 0 actors and 0 facts added to the sqlite store {store}"
    assert json.loads(runner.invoke(app, ["stats", "--store", store, "--format", "json"]).stdout) == stats

    report = json.loads(runner.invoke(app, ["report", "centrality", "--store", store, "--format", "json"]).stdout)
    ranks = [row["rank"] for row in report["states"]]
    pagerank = [row["pagerank"] for row in report["states"]]
    assert pagerank == sorted(pagerank, reverse=True) and len(ranks) >= 10
    # competition ranking: a state ranks one below the one above, or shares its rank when their PageRank is equal
    # (equal to the 6 decimals shown may still differ below them)
    assert ranks[0] == 1 and all(r in ({ranks[i - 1], i + 1} if pagerank[i] == pagerank[i - 1] else {i + 1})
                                 for i, r in enumerate(ranks) if i)
    members = [state["id"] for bloc in report["blocs"] for state in bloc["members"]]
    assert "USA" in members and len(members) == len(set(members))
