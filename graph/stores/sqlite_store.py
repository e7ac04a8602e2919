"""The embedded default store: one SQLite file, no server.

Tables: ``actors``, ``aliases``, ``articles``, ``mentions`` and ``facts`` (one row per fact,
keyed by :attr:`Fact.key`, with its provenance). Each article is written in one transaction
(``BEGIN IMMEDIATE`` … ``COMMIT``), so a failure or a killed process leaves either the whole
article or nothing; WAL journaling lets readers work while a load runs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.graph.model.errors import StoreError
from diplograph.graph.model.records import Actor, Article, Fact, event_date, text_digest
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.graph.stores.base import (
    GraphStore,
    StoreStats,
    WriteSummary,
    merge_actor_variants,
)

if TYPE_CHECKING:
    import pyarrow

    from diplograph.graph.model.ties import TieFact, Ties, TieSample

__all__ = ["SQLiteStore"]

SCHEMA_VERSION = 3

#: Indexes added after schema 1 (a new store gets them with :data:`SCHEMA`).
_LATER_INDEXES = (
    # the facts between a few actors: evidence of the ties a report shows
    "CREATE INDEX IF NOT EXISTS facts_ends ON facts(subject_id, object_id)",
    # the CAMEO codes in the store, whose Goldstein weights the aggregate query joins
    "CREATE INDEX IF NOT EXISTS facts_cameo ON facts(cameo)",
    # an article's text stored under another id (a syndicated copy)
    "CREATE INDEX IF NOT EXISTS articles_digest ON articles(digest)",
)

#: What each schema version adds to the one before; a store of an older version is migrated
#: in place when opened, all steps in one transaction (so it is never half-migrated).
#: ``text_digest(text)`` is :func:`~diplograph.graph.model.records.text_digest`, registered
#: on the connection that migrates.
MIGRATIONS = {
    2: _LATER_INDEXES[:2],
    3: (
        # the digest of each article's text: a reload with another text, a copy under another id
        "ALTER TABLE articles ADD COLUMN digest TEXT",
        "UPDATE articles SET digest = text_digest(text)",
        _LATER_INDEXES[2],
    ),
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    role TEXT
);
CREATE TABLE IF NOT EXISTS aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    date TEXT,
    source TEXT,
    url TEXT,
    origin TEXT,
    text TEXT NOT NULL,
    digest TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    actor_id TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    key TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES actors(id),
    relation TEXT NOT NULL,
    object_id TEXT NOT NULL REFERENCES actors(id),
    date TEXT,
    article_id TEXT REFERENCES articles(id),
    sentence TEXT,
    sentence_index INTEGER,
    confidence REAL NOT NULL,
    plover TEXT,
    cameo TEXT,
    context TEXT,
    reported_by TEXT,
    role TEXT,
    goldstein REAL,
    source_url TEXT,
    event_id TEXT,
    extractor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject_id);
CREATE INDEX IF NOT EXISTS facts_object ON facts(object_id);
CREATE INDEX IF NOT EXISTS facts_relation ON facts(relation);
CREATE INDEX IF NOT EXISTS facts_date ON facts(date);
CREATE INDEX IF NOT EXISTS facts_article ON facts(article_id);
""" + "".join(f"{statement};\n" for statement in _LATER_INDEXES)

#: The tables every store has.
STORE_TABLES = frozenset({"actors", "aliases", "articles", "mentions", "facts"})

FACT_COLUMNS = (
    "key, subject_id, relation, object_id, date, article_id, sentence, sentence_index, confidence, "
    "plover, cameo, context, reported_by, role, goldstein, source_url, event_id, extractor"
)


#: SQL for the first day a fact's date covers (a month or year date is stored as written).
FIRST_DAY = "CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END"


#: SQL for the precision of a fact's date (``day``, ``month``, ``year``; null when undated).
DATE_PRECISION = "CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END"

#: One row of typed literals in the order of :meth:`SQLiteStore.fact_batches`' columns (text,
#: date text, integer, real), so that the ADBC driver infers each column's type from it.
_TYPED_FACT_ROW = "SELECT '', '', '', '', '', '2000-01-01', 'day', '', '', 0, 0.0, '', '', '', '', 0.0, '', '', ''"


def _apply_migrations(db: sqlite3.Connection, version: int) -> None:
    """Run the :data:`MIGRATIONS` steps that bring a store of schema ``version`` to
    :data:`SCHEMA_VERSION`, inside the caller's transaction."""
    db.create_function("text_digest", 1, text_digest, deterministic=True)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[step]:
            db.execute(statement)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on ``db`` (opened with ``isolation_level=None``): ``BEGIN
    IMMEDIATE`` (waits on the busy timeout while another process writes), ``COMMIT`` when the
    block ends, ``ROLLBACK`` when it raises (any exception, re-raised), so a failure or a
    killed process leaves all of the block's writes or none."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _fact_row(fact: Fact) -> tuple:
    if fact.date is not None:
        try:
            event_date(fact.date)
        except ValueError as error:
            raise StoreError(f"fact {fact.key}: {error}") from None
    return (
        fact.key, fact.subject.id, fact.relation.value, fact.object.id, fact.date, fact.article_id,
        fact.sentence, fact.sentence_index, float(fact.confidence), fact.plover, fact.cameo, fact.context,
        fact.reported_by, fact.role, fact.goldstein, fact.source_url, fact.event_id, fact.extractor,
    )


class SQLiteStore(GraphStore):
    """The graph in one SQLite file.

    Parameters
    ----------
    path:
        File of the store; created (with its parent folders) when missing, unless ``readonly``.
    readonly:
        Open for reading only (reports, stats, the source of a sync): the file must exist,
        is never changed, and may sit on a read-only file system — except that a store
        written by an older release is first migrated in place (see :data:`MIGRATIONS`), or
        refused when its file cannot be written.

    Raises
    ------
    StoreError
        If the file cannot be opened, is missing (``readonly``), is an SQLite database
        that is not a diplograph store (it is then left untouched), is of a newer schema
        version, or is of an older one and cannot be written to migrate it.
    """

    name = "sqlite"

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.is_file():
            raise StoreError(f"{self.path}: no store here yet (load articles first: diplograph load PATH --store {self.path})")
        try:
            if readonly:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=30)
                version = self._check_is_store(allow_empty=False)
                if version < SCHEMA_VERSION:
                    self._migrate_file(version)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self._create_or_check()
                self._use_wal()
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open the store: {error}") from error
        except OSError as error:
            raise StoreError(f"{self.path}: cannot create the store: {error.strerror}") from error

    def _check_is_store(self, allow_empty: bool) -> int | None:
        """The store's schema version, or None for an empty database (when ``allow_empty``).

        A store has a ``user_version`` from 1 to :data:`SCHEMA_VERSION` and every table of
        :data:`SCHEMA`; an SQLite database with any other content is foreign.

        Raises
        ------
        StoreError
            If the database is not a diplograph store (foreign, or empty and not
            ``allow_empty``) or has a newer schema version.
        """
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if not tables and version == 0 and allow_empty:
            return None
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {version} is not supported (expected {SCHEMA_VERSION})")
        if version < 1 or not STORE_TABLES <= tables:
            raise StoreError(f"{self.path}: an SQLite database, but not a diplograph store; left untouched")
        return version

    def _create_or_check(self) -> None:
        """Create the schema in an empty database, or migrate a store of an older schema, in one
        transaction (a concurrent opener waits for it and then finds a whole store, never half
        of one); check any other file."""
        with _transaction(self._db) as db:  # waits (busy timeout) while another process creates the store
            version = self._check_is_store(allow_empty=True)
            if version is None:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
            else:
                _apply_migrations(db, version)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _migrate_file(self, version: int) -> None:
        """Migrate the store of a read-only open through a writable connection of its own."""
        if not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK):
            raise StoreError(
                f"{self.path}: written by an older release (store schema {version}) and cannot be written to migrate "
                f"it to schema {SCHEMA_VERSION}; copy it somewhere writable, or open it once for writing"
            )
        db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            with _transaction(db):
                _apply_migrations(db, version)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        finally:
            db.close()

    def _use_wal(self, attempts: int = 60) -> None:
        """Switch to WAL journaling (readers work while a load runs). Changing the journal
        mode needs the file to itself and does not wait on the busy timeout, so it is tried
        again while another process holds the file (``attempts`` times, 0.05-0.5 s apart)."""
        for attempt in range(attempts):
            try:
                if self._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                    return
                self._db.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == attempts - 1:
                    raise
                time.sleep(min(0.5, 0.05 * (attempt + 1)))

    # -- writing -------------------------------------------------------------------------

    def _upsert_actors(self, actors: Iterable[Actor]) -> int:
        """Insert new actors, fill a missing country or role, add aliases; return how many were new."""
        db = self._db
        added = 0
        for actor in actors:
            cursor = db.execute(
                "INSERT OR IGNORE INTO actors (id, kind, name, country, role) VALUES (?, ?, ?, ?, ?)",
                (actor.id, actor.kind.value, actor.name, actor.country, actor.role),
            )
            if cursor.rowcount:
                added += 1
            elif actor.country or actor.role:
                db.execute(
                    "UPDATE actors SET country = coalesce(country, ?), role = coalesce(role, ?) WHERE id = ?",
                    (actor.country, actor.role, actor.id),
                )
            db.executemany(
                "INSERT OR IGNORE INTO aliases (actor_id, alias) VALUES (?, ?)",
                [(actor.id, alias) for alias in {actor.name, *actor.aliases}],
            )
        return added

    def _insert_facts(self, facts: list[Fact]) -> int:
        """Insert the facts not stored yet (by key), inside the caller's transaction; return how many."""
        before = self._db.total_changes
        self._db.executemany(
            f"INSERT OR IGNORE INTO facts ({FACT_COLUMNS}) VALUES ({', '.join('?' * 18)})",
            [_fact_row(fact) for fact in facts],
        )
        return self._db.total_changes - before

    def write_article(
        self, article: Article, facts: Iterable[Fact], actors: Iterable[Actor] = (), replace: bool = False
    ) -> WriteSummary:
        db = self._db
        fact_list = list(facts)
        mentioned = merge_actor_variants(fact_list, actors)
        try:
            with _transaction(db):
                if self.has_article(article.id):
                    if not replace:
                        return WriteSummary()  # nothing written: the commit ends an empty transaction
                    db.execute("DELETE FROM facts WHERE article_id = ?", (article.id,))
                    db.execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
                    db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                summary = WriteSummary(articles=1)
                summary.actors = self._upsert_actors(mentioned)
                db.execute(
                    "INSERT INTO articles (id, title, date, source, url, origin, text, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, article.title, article.date, article.source, article.url, article.origin, article.text,
                     text_digest(article.text)),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO mentions (article_id, actor_id) VALUES (?, ?)",
                    [(article.id, actor.id) for actor in mentioned],
                )
                summary.facts = self._insert_facts(fact_list)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot write article {article.id}: {error}") from error
        return summary

    def write_facts(self, facts: Iterable[Fact], batch_size: int = 10_000) -> WriteSummary:
        db = self._db
        summary = WriteSummary()
        iterator = iter(facts)
        try:
            while batch := list(islice(iterator, batch_size)):
                with _transaction(db):
                    summary.actors += self._upsert_actors(merge_actor_variants(batch))
                    summary.facts += self._insert_facts(batch)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot write facts: {error}") from error
        return summary

    # -- reading -------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article_digest(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT digest FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    def article_with_digest(self, digest: str) -> str | None:
        row = self._db.execute("SELECT min(id) FROM articles WHERE digest = ?", (digest,)).fetchone()
        return row[0]

    def _actor_table(self, ids: list[str] | None = None) -> dict[str, Actor]:
        """Actors by id: all of them, or those of ``ids``."""
        where, params = "", ()
        if ids is not None:
            where, params = "WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        aliases: dict[str, list[str]] = {}
        for actor_id, alias in self._db.execute(
            f"SELECT actor_id, alias FROM aliases {where.format(column='actor_id')} ORDER BY actor_id, alias", params
        ):
            aliases.setdefault(actor_id, []).append(alias)
        return {
            row[0]: Actor(row[0], ActorKind(row[1]), row[2], row[3], tuple(aliases.get(row[0], ())), row[4])
            for row in self._db.execute(f"SELECT id, kind, name, country, role FROM actors {where.format(column='id')} ORDER BY id", params)
        }

    def iter_actors(self) -> Iterator[Actor]:
        yield from self._actor_table().values()

    def iter_articles(self) -> Iterator[Article]:
        for row in self._db.execute("SELECT id, text, title, date, source, url, origin FROM articles ORDER BY id"):
            yield Article(*row)

    def iter_facts(self, since: str | None = None, until: str | None = None, *, actors: Iterable[str] | None = None) -> Iterator[Fact]:
        where, params = [], []
        if actors is not None:
            ends = json.dumps(sorted(set(actors)))
            where.append("(subject_id IN (SELECT value FROM json_each(?)) OR object_id IN (SELECT value FROM json_each(?)))")
            params += [ends, ends]
        actors = self._actor_table()
        if since:
            where.append(f"{FIRST_DAY} >= ?")
            params.append(since)
        if until:
            where.append(f"{FIRST_DAY} <= ?")
            params.append(until)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        yield from self._facts(self._db.execute(f"SELECT {FACT_COLUMNS} FROM facts {clause} ORDER BY key", params), actors)

    @staticmethod
    def _facts(rows, actors: dict[str, Actor]) -> Iterator[Fact]:
        for row in rows:
            (key, subject_id, relation, object_id, date, article_id, sentence, sentence_index, confidence,
             _plover, cameo, context, reported_by, role, goldstein, source_url, event_id, extractor) = row
            yield Fact(
                subject=actors[subject_id], relation=RelationType(relation), object=actors[object_id], date=date,
                article_id=article_id, sentence=sentence, sentence_index=sentence_index, confidence=confidence,
                cameo=cameo, context=context, reported_by=reported_by, role=role, goldstein=goldstein,
                source_url=source_url, event_id=event_id, extractor=extractor, key=key,
            )

    def ties(self, *, since=None, until=None, organizations=False, level="state", by_day=False, event_rule="every",
             event_weight="one", sample=False) -> Ties:
        from diplograph.graph.stores.sqlite_ties import sqlite_ties

        try:
            return sqlite_ties(self._db, since=since, until=until, organizations=organizations, level=level, by_day=by_day,
                               event_rule=event_rule, event_weight=event_weight, sample=sample)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot read the ties: {error}") from error

    def tie_facts(self, nodes, *, since=None, until=None, organizations=False, level="state", dated=False,
                  event_rule="every", event_weight="one") -> list[TieFact]:
        from diplograph.graph.stores.sqlite_ties import sqlite_tie_facts

        try:
            return sqlite_tie_facts(self._db, list(nodes), since=since, until=until, organizations=organizations,
                                    level=level, dated=dated, event_rule=event_rule, event_weight=event_weight)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot read the facts of a tie: {error}") from error

    def tie_sample(self, *, since=None, until=None, organizations=False, dated=False, event_rule="every",
                   event_weight="one") -> TieSample:
        from diplograph.graph.stores.sqlite_ties import sqlite_tie_sample

        try:
            return sqlite_tie_sample(self._db, since=since, until=until, organizations=organizations, dated=dated,
                                     event_rule=event_rule, event_weight=event_weight)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot read the sample: {error}") from error

    def undated_facts(self) -> int:
        return self._db.execute("SELECT count(*) FROM facts WHERE date IS NULL").fetchone()[0]

    def facts_by_key(self, keys: Iterable[str]) -> list[Fact]:
        wanted = json.dumps(sorted(set(keys)))
        rows = self._db.execute(
            f"SELECT {FACT_COLUMNS} FROM facts WHERE key IN (SELECT value FROM json_each(?)) ORDER BY key", (wanted,)
        ).fetchall()
        actors = self._actor_table(sorted({row[1] for row in rows} | {row[3] for row in rows}))
        return list(self._facts(rows, actors))

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        rows = self._db.execute(
            "SELECT id, text, title, date, source, url, origin FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(ids))),),
        )
        return {row[0]: Article(*row) for row in rows}

    def fact_batches(self, rows: int = 100_000) -> Iterator["pyarrow.RecordBatch"]:
        """Every fact as Arrow record batches of up to ``rows`` rows, with the columns of a
        Parquet fact set (:data:`~diplograph.graph.stores.fact_set.FACT_SCHEMA`): the columnar
        path of ``neo4j import``.

        Read with Apache Arrow's ADBC SQLite driver (``adbc-driver-sqlite``), which fills the
        Arrow arrays in C, without a Python object per value (2,000,000 facts: a quarter of
        the CPU time of ``sqlite3`` rows converted with ``pyarrow.array``; ``bench/bench_bulk.py``).
        The driver infers each column's type from the values of its first batch and refuses a
        later value of another type (ADBC documentation, "SQLite Recipes"), so the query
        starts with one row of typed literals (:data:`_TYPED_FACT_ROW`), dropped here.

        Raises
        ------
        StoreError
            If the driver cannot read the store.
        """
        # Imported here: pyarrow and the driver take a while to load, and only neo4j import and
        # export read Arrow batches.
        import adbc_driver_sqlite.dbapi
        import pyarrow as pa

        from diplograph.graph.stores.fact_set import FACT_SCHEMA

        query = (
            f"{_TYPED_FACT_ROW} UNION ALL SELECT key, subject_id, relation, object_id, plover, {FIRST_DAY}, "
            f"{DATE_PRECISION}, article_id, sentence, sentence_index, confidence, cameo, context, reported_by, role, "
            "goldstein, source_url, event_id, extractor FROM facts"
        )
        first = True
        try:
            with adbc_driver_sqlite.dbapi.connect(f"{self.path.resolve().as_uri()}?mode=ro") as connection:
                with connection.cursor() as cursor:
                    cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(rows)})
                    cursor.execute(query)
                    for batch in cursor.fetch_record_batch():
                        if first:
                            batch, first = batch.slice(1), False
                        if batch.num_rows:
                            arrays = [column.cast(field.type) for column, field in zip(batch.columns, FACT_SCHEMA)]
                            yield pa.RecordBatch.from_arrays(arrays, schema=FACT_SCHEMA)
        except adbc_driver_sqlite.dbapi.Error as error:
            raise StoreError(f"{self.path}: cannot read the facts: {str(error).strip().splitlines()[0]}") from None

    def stats(self) -> StoreStats:
        db = self._db
        return StoreStats(
            articles=db.execute("SELECT count(*) FROM articles").fetchone()[0],
            actors=db.execute("SELECT count(*) FROM actors").fetchone()[0],
            facts=db.execute("SELECT count(*) FROM facts").fetchone()[0],
            actors_by_kind=dict(db.execute("SELECT kind, count(*) FROM actors GROUP BY kind")),
            facts_by_type=dict(db.execute("SELECT relation, count(*) FROM facts GROUP BY relation")),
        )

    def read_query(self, sql: str, params: dict) -> tuple[list[str], list[dict]]:
        """Run one read-only SQL statement with named parameters (``:name``); the named queries'
        SQL twins (``cypher/queries/*.sql``) run here.

        Returns
        -------
        keys, rows:
            Column names in order, and one dict a row.

        Raises
        ------
        StoreError
            If the statement fails or would write (the connection is switched to
            ``PRAGMA query_only`` for it).
        """
        try:
            self._db.execute("PRAGMA query_only = ON")
            try:
                cursor = self._db.execute(sql, params)
                keys = [c[0] for c in cursor.description or ()]
                rows = [dict(zip(keys, row)) for row in cursor.fetchall()]
            finally:
                self._db.execute("PRAGMA query_only = OFF")
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: query failed: {error}") from None
        return keys, rows

    def close(self) -> None:
        self._db.close()
