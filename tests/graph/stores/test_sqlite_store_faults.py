"""SQLite store faults (issue 15, items 4 and 8): a foreign SQLite file is left untouched
(not a byte, not its journal mode); processes creating the same new store at once all get
the store. Through the CLI as a user would, and many times through the API for the race."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from diplograph.graph.cli import app
from locations import DATA

FACTS = DATA / "facts" / "sample.csv"
DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")


def test_a_foreign_sqlite_file_with_a_facts_table_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "inventory.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, note TEXT)")
        db.execute("INSERT INTO facts (note) VALUES ('the warehouse keeps its own facts')")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = CliRunner().invoke(app, ["load", "facts", str(FACTS), "--store", str(path),
                                      "--rejects", str(tmp_path / "r.tsv")])
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: an SQLite database, but not a diplograph store; left untouched\n"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inventory.sqlite"]  # no -wal, no rejects
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["facts"]


def _open(path: str, barrier, results) -> None:
    from diplograph.graph.model.errors import StoreError
    from diplograph.graph.stores.sqlite_store import SQLiteStore

    barrier.wait()
    try:
        with SQLiteStore(path) as store:
            results.put(store.stats().facts)
    except StoreError as error:
        results.put(str(error))


def test_processes_creating_one_new_store_at_once_all_get_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    failures, rounds, width = [], 40, 4
    for n in range(rounds):
        path = str(tmp_path / f"race-{n}.sqlite")
        barrier, results = context.Barrier(width), context.Queue()
        workers = [context.Process(target=_open, args=(path, barrier, results)) for _ in range(width)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        outcomes = [results.get(timeout=5) for _ in workers]
        failures += [o for o in outcomes if o != 0]
    assert failures == []


def test_two_cli_loads_creating_one_store_at_once(tmp_path: Path) -> None:
    for n in range(2):
        store = tmp_path / f"cli-{n}.sqlite"
        command = [DIPLOGRAPH, "load", "facts", str(FACTS), "--store", str(store)]
        runs = [subprocess.Popen([*command, "--rejects", str(tmp_path / f"r{n}{i}.tsv")], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for i in range(2)]
        outputs = [run.communicate(timeout=120) for run in runs]
        # both load; the sample's malformed rows make each exit 1, never "not a diplograph store"
        assert all("not a diplograph store" not in err and "locked" not in err for _, err in outputs)
        assert all("rows read" in out for out, _ in outputs)
        stats = subprocess.run([DIPLOGRAPH, "stats", "--store", str(store), "--format", "json"],
                               capture_output=True, text=True, check=True)
        assert json.loads(stats.stdout)["facts"] == 6  # tests/test_fact_table.py


def _as_schema_2(path: Path) -> None:
    """Make ``path`` a store as schema 2 wrote it: no article digests."""
    db = sqlite3.connect(path)
    db.execute("DROP INDEX articles_digest")
    db.execute("ALTER TABLE articles DROP COLUMN digest")
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()


def test_a_store_of_schema_2_gets_the_digest_of_every_article_text(tmp_path: Path, monkeypatch) -> None:
    import pytest

    from diplograph.graph.model.errors import StoreError
    from diplograph.graph.model.records import Article, text_digest
    from diplograph.graph.stores import sqlite_store

    path = tmp_path / "old.sqlite"
    texts = {"a1": "Cuba backs Venezuela.", "a2": "Peru recalls its envoy\nfrom Caracas."}
    with sqlite_store.SQLiteStore(path) as store:
        for article_id, text in texts.items():
            store.write_article(Article(article_id, text), [])
    _as_schema_2(path)
    broken = (*sqlite_store.MIGRATIONS[3], "CREATE INDEX broken ON articles(no_such_column)")
    with monkeypatch.context() as patch:
        patch.setitem(sqlite_store.MIGRATIONS, 3, broken)
        with pytest.raises(StoreError, match="no_such_column"):
            sqlite_store.SQLiteStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2  # never half-migrated
    assert "digest" not in [row[1] for row in db.execute("PRAGMA table_info(articles)")]
    db.close()
    with sqlite_store.SQLiteStore(path, readonly=True) as store:
        assert {key: store.article_digest(key) for key in texts} == {key: text_digest(text) for key, text in texts.items()}
        assert store.article_with_digest(text_digest("Peru recalls its envoy from Caracas.")) == "a2"
