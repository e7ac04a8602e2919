"""The core CLI in-process: load, extract, stats, on good and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app

runner = CliRunner()

SENTENCE_ARTICLE = "Russia supports Venezuela.\nChina signed an agreement with Brazil on Monday.\n"


def _jsonl(*records: dict) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    """A folder with one good file, and one bad file of each kind (names sort in this order)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_text("")
    (folder / "b-binary.txt").write_bytes(b"Russia\n\x00\x01\x02 supports Venezuela")
    (folder / "c-bad-utf8.txt").write_bytes(b"Line one.\nLine two.\nBad \xff byte.\n")
    (folder / "d-articles.jsonl").write_text(
        _jsonl({"id": "first", "date": "2019-09-25", "text": "Russia supports Venezuela."})
        + "{not json\n"
        + _jsonl({"id": "third", "date": "2020-01-10", "text": "Turkey sanctions Greece."})
    )
    (folder / "e-good.txt").write_text(SENTENCE_ARTICLE)
    return folder


def test_load_bad_input_names_file_and_line_and_loads_the_rest(bad_inputs: Path, tmp_path: Path) -> None:
    store = tmp_path / "graph.sqlite"
    result = runner.invoke(app, ["load", str(bad_inputs), "--store", str(store)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [
        f"error: {bad_inputs / 'a-empty.txt'}: empty file",
        f"error: {bad_inputs / 'b-binary.txt'}:2: binary file (NUL byte), not text",
        f"error: {bad_inputs / 'c-bad-utf8.txt'}:3: invalid UTF-8 (byte 0xff)",
        f"error: {bad_inputs / 'd-articles.jsonl'}:2: not JSON: Expecting property name enclosed in double quotes (column 2)",
        "warning: 1 article with no date (none in the metadata, no --date): facts the text does not date are undated, "
        "and dated reports leave them out",
    ]
    assert "Traceback" not in result.output
    assert "3 articles loaded (0 already stored)" in result.stdout
    stats = runner.invoke(app, ["stats", "--store", str(store), "--format", "json"])
    figures = json.loads(stats.stdout)
    assert figures["articles"] == 3
    assert figures["factsByType"]["SUPPORTS"] >= 1


def test_loading_twice_adds_nothing(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(_jsonl({"id": "x1", "date": "2019-09-25", "text": "Russia supports Venezuela."}))
    store = tmp_path / "graph.sqlite"
    first = runner.invoke(app, ["load", str(source), "--store", str(store)])
    assert first.exit_code == 0, first.output
    before = json.loads(runner.invoke(app, ["stats", "--store", str(store), "--format", "json"]).stdout)
    second = runner.invoke(app, ["load", str(source), "--store", str(store)])
    assert second.exit_code == 0
    assert "0 articles loaded (1 already stored), 0 actors and 0 facts added" in second.stdout
    after = json.loads(runner.invoke(app, ["stats", "--store", str(store), "--format", "json"]).stdout)
    assert after == before
    assert before["articles"] == 1 and before["facts"] >= 1


def test_extract_jsonl_follows_the_contract(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Russia supports Venezuela.\n")
    result = runner.invoke(app, ["extract", str(source), "--format", "jsonl", "--date", "2019-09-25"])
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    supports = [f for f in facts if f["relation"] == "SUPPORTS"]
    assert supports[0]["subject"] == {"id": "RUS", "name": "Russia", "type": "State"}
    assert supports[0]["object"] == {"id": "VEN", "name": "Venezuela", "type": "State"}
    assert supports[0]["plover"] == "SUPPORT"
    assert supports[0]["date"] == "2019-09-25"
    assert supports[0]["sentenceIndex"] == 0
    assert supports[0]["sentence"] == "Russia supports Venezuela."
    assert 0 < supports[0]["confidence"] <= 1


def test_stats_json_has_integer_totals_at_the_top(tmp_path: Path) -> None:
    from diplograph.graph.stores.sqlite_store import SQLiteStore

    SQLiteStore(tmp_path / "empty.sqlite").close()
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "empty.sqlite"), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"store": {"kind": "sqlite", "location": str(tmp_path / "empty.sqlite")},
                                         "articles": 0, "actors": 0, "facts": 0, "actorsByKind": {}, "factsByType": {}}


def test_reading_commands_never_create_or_change_a_file(tmp_path: Path) -> None:
    import sqlite3

    missing = tmp_path / "new" / "graph.sqlite"
    result = runner.invoke(app, ["stats", "--store", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: no store here yet (load articles first: diplograph load PATH --store {missing})\n"
    assert not (tmp_path / "new").exists()
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE notes (x)")
    before = foreign.read_bytes()
    for command in (["stats"], ["load", str(tmp_path / "missing.txt")]):
        result = runner.invoke(app, [*command, "--store", str(foreign)])
        assert result.exit_code == 1
        assert result.stderr.endswith(f"error: {foreign}: an SQLite database, but not a diplograph store; left untouched\n")
    assert foreign.read_bytes() == before


def test_bad_date_option_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Russia supports Venezuela.\n")
    result = runner.invoke(app, ["extract", str(source), "--date", "25/09/2019"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: --date: date '25/09/2019' is not YYYY-MM-DD"


def test_every_command_has_help_text() -> None:
    import typer.main

    command = typer.main.get_command(app)

    def walk(group, prefix=""):
        for name, sub in group.commands.items():
            yield prefix + name, sub
            if hasattr(sub, "commands"):
                yield from walk(sub, prefix + name + " ")

    missing = [name for name, sub in walk(command) if not (sub.help or sub.short_help)]
    assert missing == []


def test_credentials_written_into_the_uri_are_never_printed(monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://neo4j:S3cretPW@localhost:1")
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: invalid Neo4j URI 'bolt://localhost:1': user and password go in NEO4J_USERNAME and NEO4J_PASSWORD, "
        "not in the URI\n"
    )
    assert "S3cretPW" not in result.output


def test_a_rejects_file_never_overwrites_an_input(tmp_path: Path) -> None:
    table = tmp_path / "facts.csv"
    table.write_text("subject,relation,object,date,source\nUSA,SANCTIONS,IRN,2024-04-18,statement\nUSA,HUGS,IRN,,x\n")
    before = table.read_bytes()
    result = runner.invoke(app, ["load", "facts", str(table), "--store", str(tmp_path / "g.sqlite"), "--rejects", str(table)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {table}: cannot write: it is one of the inputs\n"
    assert table.read_bytes() == before


def test_unknown_countries_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", "gdelt", str(tmp_path / "x.CSV"), "--store", str(tmp_path / "g.sqlite"), "--countries", "USA,Narnia"])
    assert result.exit_code == 2
    assert "not a country: Narnia" in result.output


def test_an_interrupted_load_says_how_to_go_on(tmp_path: Path, monkeypatch) -> None:
    import diplograph.loaders.loading as loading

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(loading, "load_articles", interrupted)
    source = tmp_path / "a.txt"
    source.write_text(SENTENCE_ARTICLE)
    result = runner.invoke(app, ["load", str(source), "--store", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 130
    assert result.stderr.splitlines() == [
        "interrupted: what was stored is kept; run the same command again to go on (stored articles and rows are skipped)"]


def test_a_load_that_stores_nothing_says_no_store_was_made_and_writes_no_rejects(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    store = tmp_path / "new.sqlite"
    header_only = tmp_path / "h.csv"
    header_only.write_text("subject,relation,object,date,source\n")
    result = runner.invoke(app, ["load", "facts", str(header_only), "--store", str(store)])
    assert result.exit_code == 0
    assert result.stdout == ("0 rows read: 0 loaded, 0 rejected, 0 skipped; 0 actors and 0 facts added: nothing to store, "
                             f"so no store was created at {store}\n")
    assert not store.exists()
    # a file refused whole is its error line; no rejects file beside the store
    typo = tmp_path / "typo.csv"
    typo.write_text("subject,relation,object,date,sorce\nRUS,SUPPORTS,VEN,2019-01-04,x\n")
    result = runner.invoke(app, ["load", "facts", str(typo), "--store", str(store)])
    assert result.exit_code == 1 and result.stderr.startswith(f"error: {typo}:1: not a fact table: no column 'source'")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.csv", "typo.csv"]
    # with a rejected row, the rejects file holds the row and the refused file, and the load names it
    table = tmp_path / "t.csv"
    table.write_text("subject,relation,object,date,source\nRUS,SUPPORTS,Atlantis,2019-01-04,x\nRUS,SUPPORTS,VEN,2019-01-04,x\n")
    result = runner.invoke(app, ["load", "facts", str(typo), str(table), "--store", str(store)])
    assert result.exit_code == 1
    rejects = [p for p in tmp_path.iterdir() if p.name.startswith("rejects-facts-")]
    assert len(rejects) == 1 and result.stdout.endswith(f"rejected rows, with file, line and reason: {rejects[0]}\n")
    assert [line.split("\t")[:3] for line in rejects[0].read_text().splitlines()] == [
        ["file", "line", "reason"], [str(typo), "1", result.stderr.splitlines()[0].split(":1: ", 1)[1]],
        [str(table), "2", "unknown state 'Atlantis' (object)"]]
