"""CLI faults (issue 15, items 1 and 10): an output never overwrites the store or another
output; a full disk, a huge integer, rich markup in a file name or an id: one error line (or
the text as written), never a traceback. Run through the CLI as a user would."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from locations import DATA

FACTS = DATA / "facts" / "sample.csv"
runner = CliRunner()


def _invoke(*args: str, env: dict | None = None):
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("NEO4J_URI", "DIPLOGRAPH_STORE"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "s.sqlite"
    _invoke("load", "facts", str(FACTS), "--store", str(path), "--rejects", str(tmp_path / "r.tsv"))
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _facts(store: Path) -> int:
    return json.loads(_invoke("stats", "--store", str(store), "--format", "json").stdout)["facts"]


@pytest.mark.parametrize("command", [
    ["report", "centrality", "--format", "html"],
    ["report", "blocs", "--format", "json"],
    ["report", "actor", "RUS"],
    ["export", "--format", "graphml"],
])
def test_an_output_naming_the_store_is_refused(store: Path, command: list[str]) -> None:
    before = _digest(store)
    result = _invoke(*command, "--store", str(store), "-o", str(store))
    assert result.exit_code == 1
    assert result.stderr == f"error: {store}: cannot write: it is the store ({store})\n"
    assert _digest(store) == before and _facts(store) == 6


def test_the_store_from_diplograph_store_and_its_wal_file_are_refused(store: Path) -> None:
    env = {"DIPLOGRAPH_STORE": str(store)}
    result = _invoke("report", "centrality", "--format", "html", "-o", str(store), env=env)
    assert (result.exit_code, result.stderr) == (1, f"error: {store}: cannot write: it is the store ({store})\n")
    wal = store.with_name("s.sqlite-wal")
    result = _invoke("export", "-o", str(wal), env=env)
    assert (result.exit_code, result.stderr) == (1, f"error: {wal}: cannot write: it is the store ({wal})\n")
    assert _facts(store) == 6


def test_an_output_onto_another_sqlite_database_is_refused(store: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    other.write_bytes(store.read_bytes())
    for command in (["report", "centrality", "--store", str(store)], ["export", "--store", str(store)]):
        result = _invoke(*command, "-o", str(other))
        assert (result.exit_code, result.stderr) == (
            1, f"error: {other}: cannot write: it is an SQLite database (a store?); remove it first to replace it\n")
    assert _facts(other) == 6


def test_two_outputs_on_one_file_are_refused(store: Path, tmp_path: Path) -> None:
    picture = tmp_path / "x.png"
    result = _invoke("report", "centrality", "--store", str(store), "--plot", str(picture), "-o", str(picture))
    assert result.exit_code == 1
    assert result.stderr == f"error: {picture}: cannot write: {picture} is written too (one file per output)\n"
    assert not picture.exists()


def test_rejects_naming_a_store_not_yet_created_or_its_journal(tmp_path: Path) -> None:
    new = tmp_path / "new.sqlite"
    for rejects in (new, new.with_name("new.sqlite-wal")):
        result = _invoke("load", "facts", str(FACTS), "--store", str(new), "--rejects", str(rejects))
        assert (result.exit_code, result.stderr) == (1, f"error: {rejects}: cannot write: it is the store ({rejects})\n")
    assert not new.exists()


def test_a_full_disk_is_one_line(store: Path, tmp_path: Path) -> None:
    for command in (["report", "centrality", "--format", "html"], ["report", "centrality"], ["export"]):
        result = _invoke(*command, "--store", str(store), "-o", "/dev/full")
        assert (result.exit_code, result.stderr) == (1, "error: /dev/full: cannot write: No space left on device\n")
    result = _invoke("load", "facts", str(FACTS), "--store", str(tmp_path / "t.sqlite"), "--rejects", "/dev/full")
    assert result.exit_code == 1
    assert result.stderr == "error: /dev/full: cannot write the rejects file: No space left on device\n"


def test_an_integer_beyond_cypher_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    for param in ("limit=99999999999999999999", "limit:int=-99999999999999999999"):
        result = _invoke("query", "--cypher", "RETURN $limit", "--param", param)
        assert result.exit_code == 1
        assert result.stderr.startswith("error: parameter 'limit' is ") and result.stderr.count("\n") == 1
        assert "beyond Cypher's integers (-9223372036854775808..9223372036854775807)" in result.stderr


def test_rich_markup_in_file_names_and_ids_is_text(tmp_path: Path) -> None:
    result = _invoke("load", str(tmp_path / "nofile[/x].txt"), "--store", str(tmp_path / "m.sqlite"))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nofile[/x].txt'}: no such file or folder\n"
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "a[/x][bold]", "date": "2019-09-25", "text": "Russia supports Venezuela."}) + "\n")
    result = _invoke("extract", str(articles))
    assert result.exit_code == 0
    assert "a[/x][bold]" in result.stdout
    result = _invoke("load", str(articles), "--store", str(tmp_path / "m.sqlite"))
    assert result.exit_code == 0
    result = _invoke("report", "actor", "RUS", "--store", str(tmp_path / "m.sqlite"))
    assert result.exit_code == 0 and "a[/x][bold]" in result.stdout


def test_extract_does_not_write_over_a_store(store: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Germany supports Poland.", encoding="utf-8")
    result = _invoke("extract", str(article), "--format", "jsonl", "-o", str(store))
    assert (result.exit_code, result.stderr) == (
        1, f"error: {store}: cannot write: it is an SQLite database (a store?); remove it first to replace it\n")
    assert _facts(store) == 6
