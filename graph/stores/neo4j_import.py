"""Build a Neo4j database offline: ``diplograph neo4j import``.

The graph of an SQLite store or a Parquet fact set is written as the CSV files of Neo4j's
offline importer (``neo4j-admin database import full``, class ``org.neo4j.cli.AdminTool``,
which is on the class path :class:`~diplograph.graph.stores.neo4j_server.Neo4jServer` resolves),
one row at a time, never all in memory. The importer replaces database ``neo4j`` of a
server home while the server is stopped; then the server is started, the schema of
:func:`~diplograph.graph.stores.neo4j_store.schema_statements` is created (constraints after the
data, as Neo4j recommends) and the counts are checked against what was written.

The graph is the one :func:`~diplograph.graph.stores.sync.sync_stores` builds from the same
source: the actors that facts name (labels ``Actor`` and their kind), every article, one
relationship per fact with the same camelCase properties, and ``MENTIONS`` from an article
to the actors of its facts. Evidence for the approach: ``../shared/design/dependencies.md``
(row "bulk load into Neo4j": 2,000,000 relationships in 11.8 s, about 20 times the online
rate). CSV format: Neo4j Operations Manual 5, "Import" (header keywords ``:ID``,
``:START_ID``, ``:END_ID``, ``:TYPE``, ``:LABEL``, typed columns such as ``date:date``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import neo4j
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from neo4j import exceptions as neo4j_errors

from diplograph.graph.model.errors import StoreError
from diplograph.graph.model.records import Actor, Article, event_date, text_digest
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.graph.stores.neo4j_server import Neo4jServer, ServerError
from diplograph.graph.stores.neo4j_store import Neo4jStore

__all__ = ["ImportSource", "ImportCounts", "ImportResult", "write_import_files", "database_contents", "import_database", "IMPORT_DATABASE"]

#: The database the importer builds: Neo4j Community's one user database.
IMPORT_DATABASE = "neo4j"
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"
#: Between the elements of an array value (aliases): U+001F, which names do not contain.
_ARRAY_DELIMITER = "\x1f"

_ACTOR_HEADER = ["id:ID(Actor)", ":LABEL", "name", "kind", "country", "role", "aliases:string[]"]
_ARTICLE_HEADER = ["id:ID(Article)", ":LABEL", "title", "date:date", "datePrecision", "source", "url", "origin", "text", "digest"]
# Fact set column -> column of the importer's relationship file (the Neo4j store's property names).
_FACT_COLUMNS = (
    ("plover", "plover"), ("confidence", "confidence:double"), ("extractor", "extractor"),
    ("article_id", "articleId"), ("sentence", "sentence"), ("sentence_index", "sentenceIndex:long"),
    ("cameo", "cameo"), ("context", "context"), ("reported_by", "reportedBy"), ("role", "role"),
    ("goldstein", "goldstein:double"), ("source_url", "sourceUrl"), ("event_id", "eventId"),
)
_FACT_SOURCE_COLUMNS = [name for name, _ in _FACT_COLUMNS]
_FACT_HEADER = [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "key", "date:date", "datePrecision",
                *(column for _, column in _FACT_COLUMNS)]
_MENTION_HEADER = [":START_ID(Article)", ":END_ID(Actor)", ":TYPE"]


class ImportSource(Protocol):
    """What :func:`write_import_files` reads: an
    :class:`~diplograph.graph.stores.sqlite_store.SQLiteStore` or a
    :class:`~diplograph.graph.stores.fact_set.FactSet`."""

    def iter_actors(self) -> Iterator[Actor]: ...

    def iter_articles(self) -> Iterator[Article]: ...

    def fact_batches(self) -> Iterator[pa.RecordBatch]:
        """Every fact as Arrow batches with the columns of
        :data:`~diplograph.graph.stores.fact_set.FACT_SCHEMA`."""
        ...


def _cell(value: object) -> str:
    """One CSV field for the importer, as pyarrow's CSV writer writes the facts: null is an
    empty field, text is quoted (so an empty string stays one), numbers are written plain."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _line(values: Iterable[object]) -> str:
    return ",".join(map(_cell, values)) + "\n"


@dataclass(slots=True)
class ImportCounts:
    """What the import files hold: ``actors``, ``articles``, ``facts`` (with ``facts_by_type``)
    and ``mentions``; ``multiline`` names the files with a text value that spans lines
    (``articles.csv`` for any article text of more than one line)."""

    actors: int = 0
    articles: int = 0
    facts: int = 0
    mentions: int = 0
    facts_by_type: Counter = field(default_factory=Counter)
    multiline: set[str] = field(default_factory=set)


def write_import_files(source: ImportSource, folder: Path, unique_keys: bool = False) -> ImportCounts:
    """Write the importer's CSV files of ``source`` into ``folder``: ``actors.csv``,
    ``articles.csv``, ``facts.csv`` and ``mentions.csv``.

    Parameters
    ----------
    source:
        An :class:`~diplograph.graph.stores.sqlite_store.SQLiteStore` or a
        :class:`~diplograph.graph.stores.fact_set.FactSet`: anything with ``iter_actors``,
        ``iter_articles`` and ``fact_batches`` (Arrow batches of the fact set's columns).
        Articles and facts are streamed to disk, facts a batch at a time through pyarrow's
        CSV writer (text quoted, nulls empty).
    unique_keys:
        Skip a fact whose key was written already (a fact set's parts may repeat a fact; a
        store's keys are unique). Holds the keys in memory.

    Raises
    ------
    StoreError
        If a relation is not in the vocabulary, a date precision is unknown, an actor named
        by a fact is missing, or the source cannot be read.
    """
    counts = ImportCounts()
    article_ids: set[str] = set()
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as out:
        out.write(",".join(_ARTICLE_HEADER) + "\n")
        for article in source.iter_articles():
            if article.id in article_ids:
                continue
            article_ids.add(article.id)
            if "\n" in article.text or "\r" in article.text:
                counts.multiline.add("articles.csv")
            day, precision = event_date(article.date) if article.date else (None, "day")
            out.write(_line([article.id, "Article", article.title, day and day.isoformat(), None if precision == "day" else precision,
                             article.source, article.url, article.origin,
                             article.text, text_digest(article.text)]))
    counts.articles = len(article_ids)
    used: set[str] = set()
    mentions: set[tuple[str, str]] = set()
    seen_keys: set[str] = set()
    known_articles = pa.array(sorted(article_ids), pa.string())
    vocabulary = {relation.value for relation in RelationType}
    with open(folder / "facts.csv", "wb") as out:
        out.write((",".join(_FACT_HEADER) + "\n").encode())
        writer = None
        for batch in source.fact_batches():
            if unique_keys:
                keys = batch.column("key").to_pylist()
                fresh = [key not in seen_keys and not seen_keys.add(key) for key in keys]
                if not all(fresh):
                    batch = batch.filter(pa.array(fresh))
            relations = pc.value_counts(batch.column("relation")).to_pylist()
            unknown = sorted({item["values"] for item in relations} - vocabulary)
            if unknown:
                raise StoreError(f"relation {unknown[0]!r} of the source is not a relationship type of diplograph")
            for item in relations:
                counts.facts_by_type[item["values"]] += item["counts"]
            counts.facts += batch.num_rows
            precision = batch.column("date_precision")
            odd = set(pc.unique(precision).to_pylist()) - {None, "day", "month", "year"}
            if odd:
                raise StoreError(f"date precision {odd.pop()!r} of the source is not day, month or year")
            sentence = pc.fill_null(batch.column("sentence"), "")
            if pc.any(pc.match_substring_regex(sentence, "[\n\r]")).as_py():
                counts.multiline.add("facts.csv")
            used.update(pc.unique(batch.column("subject_id")).to_pylist())
            used.update(pc.unique(batch.column("object_id")).to_pylist())
            linked = batch.filter(pc.is_in(batch.column("article_id"), value_set=known_articles))
            for article_id, subject_id, object_id in zip(*(linked.column(c).to_pylist() for c in ("article_id", "subject_id", "object_id"))):
                mentions.add((article_id, subject_id))
                mentions.add((article_id, object_id))
            columns = [batch.column("subject_id"), batch.column("object_id"), batch.column("relation"), batch.column("key"),
                       batch.column("date"), pc.if_else(pc.equal(precision, "day"), pa.scalar(None, pa.string()), precision),
                       *(batch.column(name) for name in _FACT_SOURCE_COLUMNS)]
            table = pa.RecordBatch.from_arrays(columns, names=_FACT_HEADER)
            if writer is None:
                writer = pa_csv.CSVWriter(out, table.schema, write_options=pa_csv.WriteOptions(include_header=False))
            writer.write_batch(table)
        if writer is not None:
            writer.close()
    with open(folder / "mentions.csv", "w", encoding="utf-8", newline="") as out:
        out.write(",".join(_MENTION_HEADER) + "\n")
        for article_id, actor_id in sorted(mentions):
            out.write(_line([article_id, actor_id, "MENTIONS"]))
    counts.mentions = len(mentions)
    with open(folder / "actors.csv", "w", encoding="utf-8", newline="") as out:
        out.write(",".join(_ACTOR_HEADER) + "\n")
        for actor in source.iter_actors():
            if actor.id not in used:
                continue  # as sync: an actor no fact names is not copied
            kind = ActorKind(actor.kind).value
            aliases = _ARRAY_DELIMITER.join(a.replace(_ARRAY_DELIMITER, " ") for a in dict.fromkeys((actor.name, *actor.aliases)))
            out.write(_line([actor.id, f"Actor{_ARRAY_DELIMITER}{kind}", actor.name, kind, actor.country, actor.role, aliases]))
            counts.actors += 1
    if counts.actors != len(used):
        raise StoreError(f"{len(used) - counts.actors} actors named by facts are missing from the source's actors")
    return counts


def database_contents(uri: str, password: str | None, user: str = "neo4j") -> tuple[int, int]:
    """``(nodes, relationships)`` of database ``neo4j`` of a running server (count-store lookups).

    Raises
    ------
    StoreError
        If the server cannot be reached or refuses the password.
    """
    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password or "")) as driver:
            nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=IMPORT_DATABASE).records[0]["n"]
            rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n", database_=IMPORT_DATABASE).records[0]["n"]
    except neo4j_errors.AuthError:
        raise StoreError(f"Neo4j at {uri} refused the password for user {user} (set NEO4J_PASSWORD)") from None
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
        raise StoreError(f"Neo4j at {uri}: cannot count what the database holds: {type(error).__name__}") from None
    return nodes, rels


@dataclass(slots=True)
class ImportResult:
    """Outcome of :func:`import_database`: the ``counts`` written, the ``replaced`` contents
    (``(nodes, relationships)``, or ``None`` when the database was new or not counted), and
    the seconds spent writing CSV (``csv_seconds``), in the importer (``import_seconds``)
    and starting the server, creating the schema and checking (``ready_seconds``)."""

    counts: ImportCounts
    replaced: tuple[int, int] | None
    csv_seconds: float
    import_seconds: float
    ready_seconds: float


def import_database(
    source: ImportSource,
    server: Neo4jServer,
    password: str | None,
    overwrite: bool = False,
    unique_keys: bool = False,
    say: Callable[[str], None] = lambda text: None,
) -> ImportResult:
    """Replace database ``neo4j`` of ``server``'s home with the graph of ``source``, start
    the server, create the schema and check the counts.

    Parameters
    ----------
    source:
        What :func:`write_import_files` reads (an SQLite store or a fact set).
    server:
        The project's server of the home to build; stopped if running (after the check below).
    password:
        Password of user ``neo4j``: for a new home, its initial password (``None``: generated,
        see :meth:`Neo4jServer.start`); for an existing one, the password it has (needed to
        count what the database holds).
    overwrite:
        Replace a database that holds nodes. Without it such a database is left as it is.
    unique_keys:
        Passed to :func:`write_import_files` (true for fact sets).
    say:
        Called with one line of progress for the user at each step.

    Raises
    ------
    StoreError
        If the database holds data and ``overwrite`` is false (the message says how much),
        or the counts after the import differ from what was written.
    ServerError
        If Java, Maven or the importer fail, or the server does not start.
    """
    database_dir = server.home / "data" / "databases" / IMPORT_DATABASE
    replaced = None
    was_running = server.pid() is not None
    if database_dir.exists() and not was_running and not overwrite:
        say(f"starting Neo4j in {server.home} to see what database {IMPORT_DATABASE} holds")
        server.start(password=password)
    if server.pid() is not None:
        replaced = database_contents(server.uri, password)
        if replaced != (0, 0) and not overwrite:
            if not was_running:
                server.stop()
            raise StoreError(
                f"Neo4j in {server.home} holds {replaced[0]} nodes and {replaced[1]} relationships in database "
                f"{IMPORT_DATABASE}; give --overwrite to replace them"
            )
    classpath = server.classpath()
    server.configure()
    work = Path(tempfile.mkdtemp(prefix="diplograph-import-", dir=server.home / "import"))
    try:  # the CSV is written while a running server still serves; it is stopped for the importer only
        started = time.monotonic()
        counts = write_import_files(source, work, unique_keys=unique_keys)
        csv_seconds = time.monotonic() - started
        say(f"wrote {counts.actors} actors, {counts.articles} articles, {counts.facts} facts and {counts.mentions} "
            f"mentions as CSV in {csv_seconds:.1f} s")
        if server.pid() is not None:
            say(f"stopping Neo4j (pid {server.pid()})")
            server.stop()
        if replaced is not None and replaced != (0, 0):
            say(f"replacing {replaced[0]} nodes and {replaced[1]} relationships of database {IMPORT_DATABASE} in {server.home}")
        elif database_dir.exists():
            say(f"replacing database {IMPORT_DATABASE} in {database_dir}")
        started = time.monotonic()
        stages = _run_importer(server, classpath, work, counts)
        import_seconds = time.monotonic() - started
        say(f"Neo4j's importer built database {IMPORT_DATABASE} in {import_seconds:.1f} s (with its JVM's start; "
            f"{'; '.join(stages)})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    started = time.monotonic()
    password, _ = server.start(password=password)
    say(f"Neo4j started in {time.monotonic() - started:.1f} s at {server.uri}")
    step = time.monotonic()
    with Neo4jStore(server.uri, "neo4j", password or "", IMPORT_DATABASE) as store:  # creates the schema
        with store.driver.session(database=IMPORT_DATABASE) as session:
            session.run("CALL db.awaitIndexes(3600)").consume()
        say(f"schema created and its indexes populated in {time.monotonic() - step:.1f} s")
        step = time.monotonic()
        stats = store.stats()
        say(f"counted what the database holds in {time.monotonic() - step:.1f} s")
    expected = (counts.actors, counts.articles, counts.facts, dict(counts.facts_by_type))
    found = (stats.actors, stats.articles, stats.facts, stats.facts_by_type)
    if found != expected:
        raise StoreError(
            f"database {IMPORT_DATABASE} in {server.home} holds {stats.actors} actors, {stats.articles} articles and "
            f"{stats.facts} facts after the import; {counts.actors}, {counts.articles} and {counts.facts} were written"
        )
    return ImportResult(counts, replaced, csv_seconds, import_seconds, time.monotonic() - started)


def _run_importer(server: Neo4jServer, classpath: str, work: Path, counts: ImportCounts) -> list[str]:
    """Run the importer on the files of ``work``; return its stage times as it prints them
    (``Relationship import COMPLETED in 33s 835ms``, ..., ``IMPORT DONE in 1m 22s 579ms``).

    The importer's defaults are kept: as many threads as cores, high parallel IO on an SSD,
    off-heap memory up to 90 % of what is free (it needed 292 MiB for 2,000,000 facts).
    Only the files with a value spanning lines are read as such (``--multiline-fields``
    in its ``v2`` form, a list of files): the importer reads those with one thread, so
    articles' texts no longer slow the reading of the facts. Its ``--schema`` option would
    build the constraints during the import, but Neo4j 5.26 Community's record format
    refuses it ("Record format batch import does not support schema changes").

    The importer's JVM maps its classes from a class-data-sharing archive
    (:meth:`Neo4jServer.class_archive`), written at the exit of the first import."""
    java = shutil.which("java")
    if java is None:
        raise ServerError("java not found on PATH: Neo4j's importer needs Java 17 or later")
    report = work / "import.report"
    archive = server.class_archive("importer", classpath, java)
    partial = work / "importer.jsa"  # the classes the importer loaded, written at its exit
    sharing = f"-XX:SharedArchiveFile={archive}" if archive.exists() else f"-XX:ArchiveClassesAtExit={partial}"
    cmd = [
        java, f"-Xmx{server.heap}", sharing, "-cp", classpath, _ADMIN_TOOL, "database", "import", "full", IMPORT_DATABASE,
        f"--nodes={work / 'actors.csv'}", f"--nodes={work / 'articles.csv'}",
        f"--relationships={work / 'facts.csv'}", f"--relationships={work / 'mentions.csv'}",
        "--overwrite-destination=true", "--array-delimiter=U+001F",
        "--bad-tolerance=0", "--skip-duplicate-nodes=false", f"--report-file={report}",
    ]
    if counts.multiline:
        cmd += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(str(work / name) for name in sorted(counts.multiline))}"]
    done = subprocess.run(cmd, env=server.environment(), cwd=server.home, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [ln.strip() for ln in (done.stderr + done.stdout).splitlines() if ln.strip()]
        reason = next((ln for ln in reversed(lines) if "rror" in ln or "xception" in ln), lines[-1] if lines else "")
        raise ServerError(f"Neo4j's importer failed (exit {done.returncode}): {reason}")
    if partial.exists() and partial.stat().st_size:
        archive.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, archive)
    lines = (line.strip().rstrip(".").strip() for line in (done.stdout + done.stderr).splitlines())
    return [line for line in lines if " COMPLETED in " in line or line.startswith("IMPORT DONE in")]
