"""Habits of the command line: --version, -q/-v, completion, help without Python types,
plurals, -o on every command that writes, no empty store after a failed load, stats names
its store, tables that fit an 80-column terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph import __version__
from diplograph.graph.cli import app
from diplograph.graph.model.records import Actor, Article, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.graph.stores.sqlite_store import SQLiteStore

runner = CliRunner()
RUS = Actor("RUS", ActorKind.STATE, "Russia")
VEN = Actor("VEN", ActorKind.STATE, "Venezuela")


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "graph.sqlite"
    with SQLiteStore(path) as s:
        s.write_article(Article("a1", "Russia supports Venezuela.", date="2019-01-02"),
                        [Fact(RUS, RelationType.SUPPORTS, VEN, article_id="a1", sentence_index=0, date="2019-01-02")])
    return path


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"diplograph {__version__}\n"


def test_help_shows_no_python_types_and_offers_completion():
    for command in ([], ["load"], ["report", "centrality"], ["export"], ["query"], ["stats"], ["neo4j", "start"]):
        text = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"}).stdout
        options = text[text.index("Options"):]  # typer shows an argument's type beside it, a flag's nowhere
        assert not re.search(r"<(bool|str|path|int|float|int range|float range)>", options), (command, text)
    top = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in top and "--quiet" in top and "--verbose" in top and "--version" in top
    assert "--store STORE" in re.sub(r"\s+", " ", runner.invoke(app, ["stats", "--help"], env={"COLUMNS": "100"}).stdout)


def test_quiet_and_verbose(tmp_path: Path):
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "x1", "date": "2019-09-25", "text": "Russia supports Venezuela."}) + "\n")
    store = tmp_path / "graph.sqlite"
    quiet = runner.invoke(app, ["-q", "load", str(source), "--store", str(store)])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = runner.invoke(app, ["-v", "load", str(source), "--store", str(store)])
    assert loud.exit_code == 0
    assert loud.stdout.strip() == f"0 articles loaded (1 already stored), 0 actors and 0 facts added to the sqlite store {store}"
    assert f"sqlite store {store}" in loud.stderr  # the store opened, logged at INFO
    both = runner.invoke(app, ["-q", "-v", "stats", "--store", str(store)])
    assert both.exit_code == 2 and "not both" in both.output


def test_plurals_and_no_empty_store_after_a_failed_load(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": }\n')
    store = tmp_path / "new.sqlite"
    result = runner.invoke(app, ["load", str(bad), "--store", str(store)])
    assert result.exit_code == 1
    assert result.stdout.strip() == ("0 articles loaded (0 already stored), 0 actors and 0 facts added: nothing to store, so no "
                                     f"store was created at {store}; 1 error")
    assert not store.exists() and not Path(f"{store}-wal").exists()


def test_stats_names_its_store_and_writes_to_output(store: Path, tmp_path: Path):
    table = runner.invoke(app, ["stats", "--store", str(store)])
    assert f"sqlite store {store}" in table.stdout
    out = tmp_path / "stats.json"
    result = runner.invoke(app, ["stats", "--store", str(store), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["facts"] == 1


def test_extract_writes_to_output(tmp_path: Path):
    source = tmp_path / "a.txt"
    source.write_text("Russia supports Venezuela.\n")
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(source), "--format", "jsonl", "--date", "2019-09-25", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    facts = [json.loads(line) for line in out.read_text().splitlines()]
    assert ("RUS", "SUPPORTS", "VEN") in {(f["subject"]["id"], f["relation"], f["object"]["id"]) for f in facts}
    assert re.fullmatch(r"\d+ facts? written to .*facts\.jsonl\n", result.stderr)


def test_report_table_fits_80_columns(store: Path):
    result = runner.invoke(app, ["report", "centrality", "--store", str(store)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
