"""The Neo4j password never goes on the command line: ``neo4j start`` and ``neo4j import`` take
it from NEO4J_PASSWORD, or a hidden prompt on a terminal, or generate one (stored in the home)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.cli import neo4j as neo4j_cli
from diplograph.graph.stores.neo4j_server import Neo4jServer

runner = CliRunner()
SECRET = "Chosen-Secret-42"


@pytest.fixture()
def started(monkeypatch) -> list[str | None]:
    """The passwords Neo4jServer.start was given (no server runs)."""
    given: list[str | None] = []

    def start(self, password=None, timeout=120.0):
        given.append(password)
        if password is None:  # generated, as the real start does
            self.home.mkdir(parents=True, exist_ok=True)
            self.password_file.write_text("generated-password\n")
        return password, password is None

    monkeypatch.setattr(Neo4jServer, "start", start)
    monkeypatch.setattr(Neo4jServer, "pid", lambda self: 4242)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return given


def test_no_password_option_in_help_nor_accepted(tmp_path: Path):
    for command in (["neo4j", "start"], ["neo4j", "import"]):
        assert "--password" not in runner.invoke(app, [*command, "--help"]).stdout
    result = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path / "neo4j"), "--password", SECRET])
    assert result.exit_code == 2 and SECRET not in result.output


def test_start_takes_the_password_from_the_environment_and_never_prints_it(tmp_path: Path, started):
    result = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path / "neo4j"), "--port", "7999"],
                           env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == 0, result.output
    assert started == [SECRET]
    assert SECRET not in result.output
    assert "NEO4J_PASSWORD is set already" in result.output


def test_start_without_a_terminal_nor_environment_generates_one(tmp_path: Path, started):
    result = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path / "neo4j"), "--port", "7999"])
    assert result.exit_code == 0, result.output
    assert started == [None]
    home = tmp_path / "neo4j"
    assert f'export NEO4J_PASSWORD="$(cat {home / "password"})"  # generated' in result.output
    assert "generated-password" not in result.output


def test_start_on_a_terminal_asks_with_hidden_input(tmp_path: Path, started, monkeypatch):
    monkeypatch.setattr(neo4j_cli, "_interactive", lambda: True)
    result = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path / "neo4j"), "--port", "7999"],
                           input=f"{SECRET}\n{SECRET}\n")
    assert result.exit_code == 0, result.output
    assert started == [SECRET]
    assert SECRET not in result.output  # hidden input is not echoed
    empty = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path / "other"), "--port", "7999"], input="\n\n")
    assert empty.exit_code == 0, empty.output
    assert started == [SECRET, None]  # empty: generated
