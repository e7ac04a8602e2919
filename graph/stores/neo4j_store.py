"""The graph in Neo4j, through the official ``neo4j`` Python driver.

Model (``../shared/design/ontology.md``, ``cypher/schema.cypher``):

- ``(:Actor:State|Leader|Firm|Organization {id, name, kind, country, role, aliases})``;
- ``(:Article {id, title, date, datePrecision, source, url, origin, text, digest})-[:MENTIONS]->(:Actor)`` (``digest``:
  :func:`~diplograph.graph.model.records.text_digest` of the text);
- one relationship per fact, its type from :class:`~diplograph.graph.model.vocabulary.RelationType`,
  keyed by ``key`` (a uniqueness constraint per type), provenance as camelCase properties
  (``plover, cameo, context, date, articleId, sentence, sentenceIndex, confidence,
  reportedBy, role, goldstein, sourceUrl, eventId, extractor``); ``date`` is a Neo4j DATE.

Writes are batched (``UNWIND``) in managed transactions (``session.execute_write``), so
transient errors such as deadlocks are retried. Actors are merged by id; facts are
created, and a batch holding a fact that is stored already (the key constraint refuses
it) is written again with ``MERGE`` on the key, so writes stay idempotent and a fact is
never stored twice, also with several writers (``bench/bench_bulk.py`` measures both
against a hand-written load). ``write_facts`` itself runs :data:`WRITERS` such transactions
at once, on batches that share no pair of actors. An article, its actors, mentions and
facts go in one transaction: a failed or killed write leaves the whole article or nothing.
Labels and relationship types come only from the vocabulary enums; every value reaches
Cypher as a parameter.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from diplograph.graph.model.errors import StoreError, StoreUnavailable
from diplograph.graph.model.records import (
    Actor,
    Article,
    Fact,
    event_date,
    format_event_date,
    text_digest,
)
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.graph.stores.base import (
    GraphStore,
    StoreStats,
    WriteSummary,
    merge_actor_variants,
)
from diplograph.graph.stores.settings import display_uri

if TYPE_CHECKING:
    from diplograph.graph.model.ties import TieFact, Ties, TieSample

__all__ = ["Neo4jStore", "schema_statements", "SCHEMA_ATTEMPTS", "WRITERS"]

#: Fact attribute -> relationship property (camelCase), for the optional provenance fields.
_FACT_PROPERTIES = (
    ("article_id", "articleId"),
    ("sentence", "sentence"),
    ("sentence_index", "sentenceIndex"),
    ("cameo", "cameo"),
    ("context", "context"),
    ("reported_by", "reportedBy"),
    ("role", "role"),
    ("goldstein", "goldstein"),
    ("source_url", "sourceUrl"),
    ("event_id", "eventId"),
)


def schema_statements() -> list[str]:
    """Statements that set up a Neo4j database for diplograph, in order.

    Those of ``cypher/schema.cypher`` (actor and article constraints, indexes), then one
    uniqueness constraint on ``key`` per relationship type of the vocabulary (generated, so
    a new type in :mod:`~diplograph.graph.model.vocabulary` gets its constraint). Relationship
    uniqueness constraints exist in Neo4j Community since 5.7; each is backed by a range
    index, which makes ``MERGE`` on ``key`` an index lookup.
    """
    text = (resources.files("diplograph.cypher") / "schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    statements = [part.strip() for part in body.split(";") if part.strip()]
    for relation in RelationType:
        name = f"fact_key_{relation.value.lower()}"
        statements.append(
            f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:{relation.value}]-() REQUIRE r.key IS UNIQUE"
        )
    return statements


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[:1]) if text else ""


def _to_date(value: str | None, what: str) -> dt.date | None:
    """A Neo4j DATE for an ISO date; a month or a year is stored as its first day."""
    return _to_dated(value, what)[0]


def _to_dated(value: str | None, what: str) -> tuple[dt.date | None, str]:
    if value is None:
        return None, "day"
    try:
        return event_date(value)
    except ValueError as error:
        raise StoreError(f"{what}: {error}") from None


def _from_date(value: object, precision: str | None = None) -> str | None:
    if value is None:
        return None
    day = value.to_native() if hasattr(value, "to_native") else value
    return format_event_date(day, precision or "day")


def _actor_rows(actors: Iterable[Actor]) -> dict[ActorKind, list[dict]]:
    by_kind: dict[ActorKind, list[dict]] = defaultdict(list)
    for actor in actors:
        by_kind[ActorKind(actor.kind)].append(
            {
                "id": actor.id,
                "name": actor.name,
                "kind": ActorKind(actor.kind).value,
                "country": actor.country,
                "role": actor.role,
                "aliases": list(dict.fromkeys((actor.name, *actor.aliases))),
            }
        )
    return by_kind


def _holds(stored: neo4j.Record | None, actor: Actor) -> bool:
    """True if the stored actor (``id, country, role, aliases`` of :data:`_STORED_ACTORS`)
    already has what :data:`_MERGE_ACTORS` would write for ``actor``."""
    if stored is None:
        return False
    if (actor.country and stored["country"] is None) or (actor.role and stored["role"] is None):
        return False
    return set((actor.name, *actor.aliases)) <= set(stored["aliases"] or ())


def _lane(fact: Fact, lanes: int) -> int:
    """The lane (``0 .. lanes - 1``) of :meth:`Neo4jStore.write_facts` that writes ``fact``:
    the same for every fact between the same two actors, in either direction, and in every
    run (CRC-32 of the two ids, not Python's ``hash``, which changes with each process)."""
    if lanes == 1:
        return 0
    ends = sorted((fact.subject.id, fact.object.id))
    return zlib.crc32(f"{ends[0]}\x1f{ends[1]}".encode("utf-8", "surrogatepass")) % lanes


def _fact_columns(facts: Iterable[Fact]) -> dict[RelationType, dict[str, list]]:
    """Parameters of the fact queries, grouped by relationship type, one fact per key (the
    first fact of a key wins, as ``MERGE`` would), as columns: per type ``{"s": [subject
    ids], "o": [object ids], "key": [keys], PROPERTY: [values], ...}``, one list item per
    fact, with the properties of :data:`_REL_PROPERTIES` that at least one fact of the type
    has (``None`` for a fact without it). Columns rather than one map a fact: the driver
    encodes no property names per fact, and the queries name only the properties present.

    Raises
    ------
    StoreError
        If a fact's date is not ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    """
    by_type: dict[RelationType, dict[str, list]] = {}
    seen: set[str] = set()
    dates: dict[str | None, tuple[dt.date | None, str | None]] = {}
    for fact in facts:
        if fact.key in seen:
            continue
        seen.add(fact.key)
        relation = RelationType(fact.relation)
        columns = by_type.get(relation)
        if columns is None:
            columns = by_type[relation] = {name: [] for name in _FACT_COLUMNS}
        dated = dates.get(fact.date)
        if dated is None:
            date, precision = _to_dated(fact.date, f"fact {fact.key}")
            dated = dates[fact.date] = (date, None if precision == "day" else precision)
        values = (fact.subject.id, fact.object.id, fact.key, fact.plover, float(fact.confidence), fact.extractor, *dated,
                  *(getattr(fact, attribute) for attribute, _ in _FACT_PROPERTIES))
        for column, value in zip(columns.values(), values):
            column.append(value)
    return {
        relation: {name: values for name, values in columns.items() if name in _FACT_ENDS or any(v is not None for v in values)}
        for relation, columns in by_type.items()
    }


#: URI schemes of the Bolt protocol (the driver's HTTP preview is not used).
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# The driver logs each retry of a dead connection as a warning; with no handler, Python's
# last-resort handler would print them on stderr. The store reports one line instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

#: Seconds a write keeps retrying a server that does not answer (the driver's
#: ``max_transaction_retry_time``) before the store reports it gone.
RETRY_SECONDS = 15.0

#: Transactions ``write_facts`` runs at once by default: the server works on each in a thread
#: of its own, so two use both cores of a small machine (``bench/bench_bulk.py`` measures
#: 1 against 2 in one run).
WRITERS = 2

#: Tries of one schema statement when it meets transient errors (deadlocks between openers).
SCHEMA_ATTEMPTS = 20
#: Error codes meaning a concurrent opener created the same rule first.
_ALREADY_THERE = frozenset({
    "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
    "Neo.ClientError.Schema.ConstraintAlreadyExists",
    "Neo.ClientError.Schema.IndexAlreadyExists",
    "Neo.ClientError.Schema.ConstraintWithNameAlreadyExists",
    "Neo.ClientError.Schema.IndexWithNameAlreadyExists",
})


def _create_schema_rule(session: neo4j.Session, statement: str) -> None:
    """Run one ``CREATE ... IF NOT EXISTS`` schema statement, tolerating a concurrent creator
    (see :meth:`Neo4jStore._ensure_schema`); waits 0.1, 0.2, ... 1 s between tries."""
    for attempt in range(SCHEMA_ATTEMPTS):
        try:
            session.run(statement).consume()
            return
        except neo4j_errors.Neo4jError as error:
            if error.code in _ALREADY_THERE:
                return
            if not isinstance(error, neo4j_errors.TransientError) or attempt == SCHEMA_ATTEMPTS - 1:
                raise
        time.sleep(min(1.0, 0.1 * (attempt + 1)))


def _check_uri(uri: str, shown: str) -> None:
    """Refuse, before the driver sees it, a URI the driver would choke on or leak from.

    Raises
    ------
    StoreError
        ``invalid Neo4j URI '<shown>': ...`` for credentials in the URI (they go in
        NEO4J_USERNAME and NEO4J_PASSWORD; a password holding ``/`` or ``#`` would otherwise
        be read as the host), a scheme other than :data:`_SCHEMES`, no host, a port that
        is not a number in 1..65535, or a ``#`` fragment.
    """
    def invalid(reason: str) -> StoreError:
        return StoreError(f"invalid Neo4j URI {shown!r}: {reason}")

    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in _SCHEMES:
        raise invalid(f"the scheme must be one of {', '.join(_SCHEMES)}")
    if "@" in uri:
        raise invalid("user and password go in NEO4J_USERNAME and NEO4J_PASSWORD, not in the URI")
    parts = urlsplit(uri)
    if not parts.hostname:
        raise invalid("no host")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (port is None and parts.netloc.endswith(":")):
        raise invalid(f"the port must be a number in 1..65535, not {parts.netloc.rpartition(':')[2]!r}")
    if "#" in uri:
        raise invalid("a Neo4j URI has no '#' fragment")  # the driver would warn with the whole URI


# Cypher text. {label} and {rel} are filled only with ActorKind / RelationType values.
#
# The queries of every batch start with ``CYPHER replan=skip``: a load changes the database's
# statistics as it goes, and past their divergence threshold the server plans each cached
# query again (at most every ``dbms.cypher.min_replan_interval``, 10 s). The plans of these
# queries do not depend on statistics (unique-index seeks by id, CREATE), and replanning the
# 21 fact queries was a fifth of the server's CPU during a load (JFR samples, 100,000 facts,
# one writer). Server CPU for 100,000 facts, same session, load 7-9: 13.7 and 11.0 s before,
# 9.4 and 10.1 s with it (the hand-written baseline: 12.4 and 11.3 s). A schema change still
# clears the plan cache. The MERGE fallback keeps replanning: its plan reads the graph.
_SKIP_REPLAN = "CYPHER replan=skip"

_STORED_ACTORS = _SKIP_REPLAN + """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.country AS country, a.role AS role, a.aliases AS aliases
"""

_MERGE_ACTORS = _SKIP_REPLAN + """
UNWIND $rows AS row
MERGE (a:Actor {{id: row.id}})
ON CREATE SET a:{label}, a.name = row.name, a.kind = row.kind, a.country = row.country,
              a.role = row.role, a.aliases = row.aliases
ON MATCH SET a.country = coalesce(a.country, row.country), a.role = coalesce(a.role, row.role),
             a.aliases = reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
                                CASE WHEN x IN acc THEN acc ELSE acc + x END)
"""

_REL_PROPERTIES = ("plover", "confidence", "extractor", "date", "datePrecision", *(name for _, name in _FACT_PROPERTIES))
#: Columns of :func:`_fact_columns` that every fact has: its two actors and its key.
_FACT_ENDS = ("s", "o", "key")
_FACT_COLUMNS = (*_FACT_ENDS, *_REL_PROPERTIES)

# New facts are created, not merged: the actors of a batch are looked up once (their nodes
# collected in the order of $ids, so a fact names its ends by their positions, row[0] and
# row[1]), then one CREATE per fact with its properties in the pattern (no Eager step, no
# per-row index seek, no expand between the two actors as MERGE of a relationship needs).
# A fact is a row of values (no property names sent per fact): reading a row costs the
# server less than indexing parameter columns ($key[i]: 4.3 against 3.5 s of server CPU for
# 100,000 facts, median of three rounds). The key constraint of each type refuses a fact
# that is stored already: the transaction is then run again with MERGE (below).
# bench/bench_bulk.py measures this against MERGE and a hand-written CREATE.
_CREATE_FACTS = _SKIP_REPLAN + """
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Actor {{id: $ids[i]}})
WITH a ORDER BY i
WITH collect(a) AS nodes
WHERE size(nodes) = size($ids)
UNWIND $rows AS row
WITH nodes[row[0]] AS s, nodes[row[1]] AS o, row
CREATE (s)-[:{rel} {{{properties}}}]->(o)
"""
# MERGE writes a batch some of whose facts are stored (a load run again, or another writer
# racing this one): existing keys are matched, the others created. Properties are set one
# by one: ``r += map`` would make the planner add an Eager step (it cannot tell which
# properties the map sets), holding every row of a batch.
_MERGE_FACTS = """
UNWIND range(0, size($key) - 1) AS i
MATCH (s:Actor {{id: $s[i]}})
MATCH (o:Actor {{id: $o[i]}})
MERGE (s)-[r:{rel} {{key: $key[i]}}]->(o)
ON CREATE SET {assignments}
"""

_MERGE_ARTICLE = """
MERGE (a:Article {id: $id})
ON CREATE SET a += $props
"""

# An article replaced by a new reading: its facts (between the actors it mentions, which are
# the ends of every fact it has), its mentions and its node; its actors stay.
_DELETE_ARTICLE = """
MATCH (ar:Article {id: $id})
OPTIONAL MATCH (ar)-[:MENTIONS]->(:Actor)-[r]->(:Actor)
WHERE r.articleId = $id
DELETE r
WITH DISTINCT ar
DETACH DELETE ar
"""

_MENTIONS = """
MATCH (ar:Article {id: $article})
UNWIND $ids AS id
MATCH (a:Actor {id: id})
MERGE (ar)-[:MENTIONS]->(a)
"""


class Neo4jStore(GraphStore):
    """The graph in a Neo4j database (Neo4j 5.26 or later).

    Parameters
    ----------
    uri:
        Bolt or Neo4j URI, e.g. ``bolt://127.0.0.1:7687``.
    user, password:
        Credentials (from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` via
        :class:`~diplograph.graph.stores.settings.Settings`); never shown in messages.
    database:
        Database name; ``None`` for the server's default (``neo4j`` in Community).
    writers:
        Transactions :meth:`write_facts` runs at once (default :data:`WRITERS`); 1 writes one
        batch after the other.

    Raises
    ------
    StoreError
        If the server cannot be reached, refuses the credentials, has no such database, or
        the schema cannot be created (:class:`StoreUnavailable` when it cannot be reached).
        The message is one line and holds no password. Later, a server that goes away is a
        :class:`StoreUnavailable` after :data:`RETRY_SECONDS` of retries.
    """

    name = "neo4j"

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", database: str | None = None,
                 writers: int = WRITERS) -> None:
        if writers < 1:
            raise ValueError(f"writers must be at least 1, not {writers}")
        self.writers = writers
        self.uri = display_uri(uri)  # what messages show: never credentials written into the URI
        self.user = user
        self.database = database
        _check_uri(uri, self.uri)
        try:
            # Notifications off: reading a property no node has yet is not worth a warning.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF",
                max_transaction_retry_time=RETRY_SECONDS, connection_timeout=RETRY_SECONDS,
            )
        except (neo4j_errors.ConfigurationError, ValueError) as error:
            raise StoreError(f"invalid Neo4j URI {self.uri!r}: {_first_line(str(error)).replace(uri, self.uri)}") from None
        self._opened = False
        self._leader_titles: tuple[tuple, list, list] | None = None  # see _tie_parameters
        try:
            self._driver.verify_connectivity()
            self._ensure_schema()
            self._opened = True
        except BaseException as error:
            self._driver.close()
            if isinstance(error, (neo4j_errors.Neo4jError, neo4j_errors.DriverError)):
                raise self._error(error, "cannot open the store") from None
            raise

    # -- errors ----------------------------------------------------------------------------

    def _error(self, error: Exception, doing: str) -> StoreError:
        """One clear line for a driver error; the password never appears in driver messages."""
        if isinstance(error, neo4j_errors.AuthError):
            return StoreError(f"Neo4j at {self.uri} refused the credentials for user {self.user}")
        if isinstance(error, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)):
            text = str(error)
            if "Connection refused" in text or "[Errno 111]" in text:
                reason = "connection refused"
            elif "timed out" in text.lower():
                reason = "connection timed out"
            else:
                reason = _first_line(text) or type(error).__name__
            if self._opened:
                return StoreUnavailable(f"Neo4j at {self.uri} went away ({reason}; gave up after {RETRY_SECONDS:.0f} s)")
            return StoreUnavailable(f"cannot reach Neo4j at {self.uri}: {reason}")
        if isinstance(error, neo4j_errors.Neo4jError):
            if error.code == "Neo.ClientError.Database.DatabaseNotFound":
                return StoreError(f"Neo4j at {self.uri} has no database {self.database!r}")
            if error.code == "Neo.ClientError.Security.AuthenticationRateLimit":
                return StoreError(
                    f"Neo4j at {self.uri} locked user {self.user} after too many failed logins; "
                    "wait a few seconds (dbms.security.auth_lock_time) and check NEO4J_PASSWORD"
                )
            return StoreError(f"Neo4j at {self.uri}: {doing}: {_first_line(error.message or '')} ({error.code})")
        return StoreError(f"Neo4j at {self.uri}: {doing}: {_first_line(str(error)) or type(error).__name__}")

    def _session(self, **kwargs) -> neo4j.Session:
        return self._driver.session(database=self.database, **kwargs)

    @property
    def driver(self) -> neo4j.Driver:
        """The store's driver, for running Cypher (:mod:`diplograph.cypher.run`)."""
        return self._driver

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes of :func:`schema_statements` that are missing
        (each statement names its constraint or index: ``CREATE CONSTRAINT name IF NOT EXISTS``).

        Safe to race: loaders opening an empty database at once each try the statements; a
        rule another opener created meanwhile (``EquivalentSchemaRuleAlreadyExists`` and the
        like) counts as done, and a transient error (``DeadlockDetected``) is tried again,
        up to :data:`SCHEMA_ATTEMPTS` times.

        Missing rules are created by :attr:`writers` sessions at once: on a database that
        holds data (after ``neo4j import``) each rule's index is populated as it is created,
        and each of those scans uses one core (the 21 fact key constraints of 2,000,000
        facts, alternated in one run at load average 18 on 2 cores: 74.9 and 44.2 s one at a
        time, 38.5 and 38.2 s two at a time).
        """
        with self._session() as session:
            existing = {record["name"] for record in session.run("SHOW CONSTRAINTS YIELD name")}
            existing |= {record["name"] for record in session.run("SHOW INDEXES YIELD name")}
        missing = [statement for statement in schema_statements() if statement.split()[2] not in existing]

        def create(statement: str) -> None:
            with self._session() as session:
                _create_schema_rule(session, statement)

        with ThreadPoolExecutor(self.writers, thread_name_prefix="neo4j-schema") as pool:
            list(pool.map(create, missing))

    # -- writing ---------------------------------------------------------------------------

    @staticmethod
    def _write_actors(tx: neo4j.ManagedTransaction, actors: list[Actor]) -> int:
        """Merge ``actors``; return how many were created. Actors stored already with
        everything the write would add (country, role, every alias) are only read, not
        written: writing them would lock their nodes until the transaction ends, and
        parallel batches naming the same actors would wait on each other."""
        stored = {
            record["id"]: record
            for record in tx.run(_STORED_ACTORS, ids=[actor.id for actor in actors])
        }
        changing = sorted((actor for actor in actors if not _holds(stored.get(actor.id), actor)), key=lambda a: a.id)
        created = 0
        for kind, rows in _actor_rows(changing).items():
            counters = tx.run(_MERGE_ACTORS.format(label=kind.value), rows=rows).consume().counters
            created += counters.nodes_created
        return created

    @staticmethod
    def _write_fact_columns(tx: neo4j.ManagedTransaction, columns_by_type: dict[RelationType, dict[str, list]],
                            merge: bool = False) -> int:
        """Write the facts of ``columns_by_type`` (:func:`_fact_columns`); return how many were
        created. Without ``merge`` every fact must be new (a stored key makes the key
        constraint refuse the transaction). Property names in the queries come from
        :data:`_REL_PROPERTIES` only."""
        created = 0
        if not merge:
            ids = sorted({actor_id for columns in columns_by_type.values() for end in ("s", "o") for actor_id in columns[end]})
            position = {actor_id: i for i, actor_id in enumerate(ids)}
        for relation, columns in columns_by_type.items():
            names = [name for name in columns if name not in ("s", "o")]
            if merge:
                assignments = ", ".join(f"r.{name} = ${name}[i]" for name in names if name != "key")
                result = tx.run(_MERGE_FACTS.format(rel=relation.value, assignments=assignments), columns)
            else:
                properties = ", ".join(f"{name}: row[{2 + k}]" for k, name in enumerate(names))
                rows = [[position[s], position[o], *values]
                        for s, o, *values in zip(columns["s"], columns["o"], *(columns[name] for name in names))]
                result = tx.run(_CREATE_FACTS.format(rel=relation.value, properties=properties), ids=ids, rows=rows)
            done = result.consume().counters.relationships_created
            if not merge and done != len(columns["key"]):  # an actor is missing: no row is written
                raise StoreError(f"{len(columns['key']) - done} {relation.value} facts not written: their actors are not stored")
            created += done
        return created

    @staticmethod
    def _execute_write(session: neo4j.Session, work: Callable[[neo4j.ManagedTransaction, bool], WriteSummary]) -> WriteSummary:
        """Run ``work(tx, merge=False)`` in a managed transaction; if the key constraint refuses
        it (one of its facts is stored already), run ``work(tx, merge=True)``.

        The driver retries transient errors (deadlocks and lock timeouts between parallel
        writers) itself, but only when it sees them: a query's error can reach this call as a
        :class:`~neo4j.exceptions.ResultFailedError` (``The result has failed. Either this
        result or another result in the same transaction has encountered an error``) when the
        failed result is touched again while the transaction is closed, which is not
        retryable and hides the error's code. Such an error is judged by its cause: a
        constraint error falls back to ``MERGE``, a transient one is tried again (up to
        :data:`RETRY_SECONDS`), any other is raised as itself.
        """
        merge = False
        started = time.monotonic()
        while True:
            try:
                return session.execute_write(work, merge)
            except neo4j_errors.ResultFailedError as failed:
                cause = failed.__cause__
                if not isinstance(cause, (neo4j_errors.Neo4jError, neo4j_errors.DriverError)):
                    raise
                error: neo4j_errors.Neo4jError | neo4j_errors.DriverError = cause
            except neo4j_errors.ConstraintError as refused:
                error = refused
            if isinstance(error, neo4j_errors.ConstraintError) and not merge:
                merge = True
            elif not error.is_retryable() or time.monotonic() - started > RETRY_SECONDS:
                raise error

    def write_article(
        self, article: Article, facts: Iterable[Fact], actors: Iterable[Actor] = (), replace: bool = False
    ) -> WriteSummary:
        fact_list = list(facts)
        mentioned = merge_actor_variants(fact_list, actors)
        day, precision = _to_dated(article.date, f"article {article.id}")
        props = {
            "title": article.title,
            "date": day,
            "datePrecision": None if precision == "day" else precision,
            "source": article.source,
            "url": article.url,
            "origin": article.origin,
            "text": article.text,
            "digest": text_digest(article.text),
        }
        props = {name: value for name, value in props.items() if value is not None}

        columns = _fact_columns(fact_list)

        def work(tx: neo4j.ManagedTransaction, merge: bool) -> WriteSummary:
            if replace:
                tx.run(_DELETE_ARTICLE, id=article.id).consume()
            counters = tx.run(_MERGE_ARTICLE, id=article.id, props=props).consume().counters
            if counters.nodes_created == 0:  # already stored: change nothing
                return WriteSummary()
            summary = WriteSummary(articles=1)
            summary.actors = self._write_actors(tx, mentioned)
            tx.run(_MENTIONS, article=article.id, ids=[actor.id for actor in mentioned]).consume()
            summary.facts = self._write_fact_columns(tx, columns, merge)
            return summary

        try:
            with self._session() as session:
                return self._execute_write(session, work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise self._error(error, f"cannot write article {article.id}") from None

    def write_facts(self, facts: Iterable[Fact], batch_size: int = 10_000) -> WriteSummary:
        """Write ``facts`` in batches of about ``batch_size``, one transaction a batch, in
        :attr:`writers` lanes at once. A fact's lane is given by the unordered pair of its
        actors (:func:`_lane`), so the batches written at once never hold relationships between
        the same two actors, and a key, which names its actors, is in one lane only. Each lane
        writes its batches in order, one at a time, as soon as one is full: no lane waits for
        another's transaction, and the next batch is gathered and made into query parameters
        by the calling thread while the server writes the one before. Facts already stored
        are skipped (``MERGE`` fallback).

        Raises
        ------
        StoreError
            If the server refuses a batch (:class:`StoreUnavailable` when it went away); the
            batches written before it stay written.
        """
        summary = WriteSummary()
        filling: list[list[Fact]] = [[] for _ in range(self.writers)]
        writing: list[Future[WriteSummary] | None] = [None] * self.writers
        try:
            with ThreadPoolExecutor(self.writers, thread_name_prefix="neo4j-writer") as pool:

                def write(lane: int) -> None:
                    nonlocal summary
                    batch = filling[lane]
                    filling[lane] = []
                    prepared = (merge_actor_variants(batch), _fact_columns(batch)) if batch else None
                    if writing[lane] is not None:
                        summary += writing[lane].result()
                    writing[lane] = pool.submit(self._write_fact_batch, *prepared) if prepared else None

                for fact in facts:
                    lane = _lane(fact, self.writers)
                    filling[lane].append(fact)
                    if len(filling[lane]) >= batch_size:
                        write(lane)
                for lane in range(self.writers):
                    write(lane)  # the lane's last batch, however small
                for future in writing:
                    if future is not None:
                        summary += future.result()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise self._error(error, "cannot write facts") from None
        return summary

    def _write_fact_batch(self, actors: list[Actor], columns: dict[RelationType, dict[str, list]]) -> WriteSummary:
        """One batch of :meth:`write_facts` (its actors, and its facts as :func:`_fact_columns`)
        in one transaction, in a thread of the writers' pool."""
        def work(tx: neo4j.ManagedTransaction, merge: bool) -> WriteSummary:
            return WriteSummary(actors=self._write_actors(tx, actors), facts=self._write_fact_columns(tx, columns, merge))

        with self._session() as session:
            return self._execute_write(session, work)

    # -- reading ---------------------------------------------------------------------------

    def _query(self, query: str, **params) -> Iterator[neo4j.Record]:
        try:
            with self._session(default_access_mode=neo4j.READ_ACCESS) as session:
                yield from session.run(query, params)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise self._error(error, "cannot read the store") from None

    def has_article(self, article_id: str) -> bool:
        return bool(list(self._query("MATCH (a:Article {id: $id}) RETURN 1 LIMIT 1", id=article_id)))

    def article_digest(self, article_id: str) -> str | None:
        # an article written before digests were kept has none: its text gives it
        records = list(self._query("MATCH (a:Article {id: $id}) "
                                   "RETURN a.digest AS digest, CASE WHEN a.digest IS NULL THEN a.text END AS text", id=article_id))
        return (records[0]["digest"] or text_digest(records[0]["text"] or "")) if records else None

    def article_with_digest(self, digest: str) -> str | None:
        return list(self._query("MATCH (a:Article {digest: $digest}) RETURN min(a.id) AS id", digest=digest))[0]["id"]

    def _actor_table(self) -> dict[str, Actor]:
        return {
            record["id"]: Actor(
                record["id"], ActorKind(record["kind"]), record["name"], record["country"],
                tuple(sorted(record["aliases"] or ())), record["role"],
            )
            for record in self._query(
                "MATCH (a:Actor) RETURN a.id AS id, a.kind AS kind, a.name AS name, a.country AS country, "
                "a.aliases AS aliases, a.role AS role ORDER BY a.id"
            )
        }

    def iter_actors(self) -> Iterator[Actor]:
        yield from self._actor_table().values()

    def iter_articles(self) -> Iterator[Article]:
        for record in self._query(
            "MATCH (a:Article) RETURN a.id AS id, a.text AS text, a.title AS title, a.date AS date, "
            "a.datePrecision AS precision, a.source AS source, a.url AS url, a.origin AS origin ORDER BY a.id"
        ):
            yield Article(
                record["id"], record["text"] or "", record["title"], _from_date(record["date"], record["precision"]),
                record["source"], record["url"], record["origin"],
            )

    def iter_facts(self, since: str | None = None, until: str | None = None, *, actors: Iterable[str] | None = None) -> Iterator[Fact]:
        where = ["type(r) IN $types"]
        if since:
            where.append("r.date >= $since")
        if until:
            where.append("r.date <= $until")
        if actors is None:
            match = "MATCH (s:Actor)-[r]->(o:Actor)"
        else:  # from the actors' nodes (the id constraint's index) along their relationships
            match = "MATCH (a:Actor) WHERE a.id IN $actors MATCH (a)-[r]-(:Actor) WITH DISTINCT r MATCH (s:Actor)-[r]->(o:Actor)"
        query = f"{match} WHERE {' AND '.join(where)} RETURN s.id AS s, type(r) AS rel, o.id AS o, properties(r) AS p ORDER BY r.key"
        params = {
            "types": [relation.value for relation in RelationType],
            "since": _to_date(since, "since"),
            "until": _to_date(until, "until"),
            "actors": None if actors is None else sorted(set(actors)),
        }
        actors = self._actor_table()
        for record in self._query(query, **params):
            yield self._fact(record, actors)

    @staticmethod
    def _fact(record: neo4j.Record, actors: dict[str, Actor]) -> Fact:
        p = record["p"]
        return Fact(
            subject=actors[record["s"]], relation=RelationType(record["rel"]), object=actors[record["o"]],
            date=_from_date(p.get("date"), p.get("datePrecision")), article_id=p.get("articleId"), sentence=p.get("sentence"),
            sentence_index=p.get("sentenceIndex"), confidence=p.get("confidence", 1.0), cameo=p.get("cameo"),
            context=p.get("context"), reported_by=p.get("reportedBy"), role=p.get("role"),
            goldstein=p.get("goldstein"), source_url=p.get("sourceUrl"), event_id=p.get("eventId"),
            extractor=p.get("extractor", "diplograph"), key=p["key"],
        )

    def _tie_parameters(self, since, until, organizations: bool, level: str, by_day: bool, event_rule: str,
                        event_weight: str) -> tuple[dict, list[str]]:
        from diplograph.graph.stores.neo4j_ties import LEADER_TITLES, tie_parameters

        dates = {"since": _to_date(since, "since"), "until": _to_date(until, "until")}
        # the titles are read again when the window or the counts of nodes and relationships
        # (the count store's, read in constant time) change: a report's evidence queries, one a
        # tie, read them once
        counts = next(iter(self._query("CALL () { MATCH (n) RETURN count(n) AS n } "
                                       "CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r")))
        state = (since, until, counts["n"], counts["r"])
        if self._leader_titles is None or self._leader_titles[0] != state:
            self._leader_titles = (state, [(rec["id"], rec["role"]) for rec in self._query(LEADER_TITLES[0])],
                                   [(rec["id"], rec["role"]) for rec in self._query(LEADER_TITLES[1], **dates)])
        _, leaders, titles = self._leader_titles
        return tie_parameters(leaders, titles, organizations=organizations, level=level, by_day=by_day,
                              event_rule=event_rule, event_weight=event_weight, **dates)

    def _parts(self, params: dict) -> list[list[str]]:
        """The actors of each part the aggregate is read in (:func:`~diplograph.graph.stores.neo4j_ties.anchor_parts`)."""
        from diplograph.graph.stores import neo4j_ties

        rows = ((rec["id"], rec["node"], rec["degree"]) for rec in self._query(neo4j_ties.ACTOR_DEGREES, **params))
        return neo4j_ties.anchor_parts(rows, neo4j_ties.PART_FACTS)

    def _read_parts(self, query: str, params: dict, parts: list[list[str]]) -> Iterator[neo4j.Record]:
        """The rows of ``query`` over every part of the facts (:meth:`_parts`), one transaction a part."""
        for anchors in parts:
            yield from self._query(query, **params, anchors=anchors)

    def ties(self, *, since=None, until=None, organizations=False, level="state", by_day=False, event_rule="every",
             event_weight="one", sample=False) -> Ties:
        from diplograph.graph.stores.neo4j_ties import aggregate_query
        from diplograph.graph.stores.ties import ties_from_groups

        params, leaders_out = self._tie_parameters(since, until, organizations, level, by_day, event_rule, event_weight)
        groups = (tuple(record.values())
                  for record in self._read_parts(aggregate_query(), params, self._parts(params)))

        def node_info(nodes: list[str]):
            return [(rec["id"], rec["kind"], rec["name"]) for rec in self._query(
                "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, a.kind AS kind, a.name AS name", ids=nodes)]

        return ties_from_groups(groups, by_day=by_day, window=since is not None or until is not None, level=level,
                                node_info=node_info, not_for_state=leaders_out)

    def tie_facts(self, nodes, *, since=None, until=None, organizations=False, level="state", dated=False,
                  event_rule="every", event_weight="one") -> list[TieFact]:
        from diplograph.graph.model.ties import TieFact
        from diplograph.graph.stores.neo4j_ties import tie_facts_query

        params, _ = self._tie_parameters(since, until, organizations, level, dated, event_rule, event_weight)
        wanted = sorted(set(nodes))
        if level == "actor":
            params["ends"] = wanted
        else:
            params["ends"] = [rec["id"] for rec in self._query(
                "MATCH (a:Actor) WHERE a.id IN $nodes OR (a.kind IN ['Leader', 'Firm'] AND a.country IN $nodes) RETURN a.id AS id",
                nodes=wanted)]
        chosen = set(wanted)
        out = [TieFact(*record.values()) for record in self._query(tie_facts_query(), **params, anchors=params["ends"])]
        return sorted((t for t in out if t.source in chosen and t.target in chosen), key=lambda t: t.key)

    def tie_sample(self, *, since=None, until=None, organizations=False, dated=False, event_rule="every",
                   event_weight="one") -> TieSample:
        from diplograph.graph.stores.neo4j_ties import sample_months_query, sample_query, tie_sample_of

        params, _ = self._tie_parameters(since, until, organizations, "state", dated, event_rule, event_weight)
        parts = self._parts(params)
        return tie_sample_of(
            (tuple(record.values()) for record in self._read_parts(sample_query(), params, parts)),
            (tuple(record.values()) for record in self._read_parts(sample_months_query(), params, parts)))

    def undated_facts(self) -> int:
        return list(self._query("MATCH ()-[r]->() WHERE type(r) IN $types AND r.date IS NULL RETURN count(r)",
                                types=[relation.value for relation in RelationType]))[0][0]

    def facts_by_key(self, keys: Iterable[str]) -> list[Fact]:
        wanted = sorted(set(keys))
        records = []
        for relation in RelationType:  # the key constraint's index of each type
            records += self._query(
                f"MATCH (s:Actor)-[r:{relation.value}]->(o:Actor) WHERE r.key IN $keys "
                "RETURN s.id AS s, type(r) AS rel, o.id AS o, properties(r) AS p", keys=wanted)
        ids = sorted({rec["s"] for rec in records} | {rec["o"] for rec in records})
        actors = {
            rec["id"]: Actor(rec["id"], ActorKind(rec["kind"]), rec["name"], rec["country"],
                             tuple(sorted(rec["aliases"] or ())), rec["role"])
            for rec in self._query(
                "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, a.kind AS kind, a.name AS name, "
                "a.country AS country, a.aliases AS aliases, a.role AS role", ids=ids)
        }
        return sorted((self._fact(rec, actors) for rec in records), key=lambda f: f.key)

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        return {
            rec["id"]: Article(rec["id"], rec["text"] or "", rec["title"], _from_date(rec["date"], rec["precision"]), rec["source"],
                               rec["url"], rec["origin"])
            for rec in self._query(
                "MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.text AS text, a.title AS title, "
                "a.date AS date, a.datePrecision AS precision, a.source AS source, a.url AS url, a.origin AS origin",
                ids=sorted(set(ids)))
        }

    def stats(self) -> StoreStats:
        def count(query: str) -> int:
            return list(self._query(query))[0][0]

        by_type = {}
        for relation in RelationType:  # one count-store lookup per type
            n = count(f"MATCH ()-[r:{relation.value}]->() RETURN count(r)")
            if n:
                by_type[relation.value] = n
        by_kind = {
            record["kind"]: record["n"]
            for record in self._query("MATCH (a:Actor) RETURN a.kind AS kind, count(*) AS n")
        }
        return StoreStats(
            articles=count("MATCH (a:Article) RETURN count(a)"),
            actors=count("MATCH (a:Actor) RETURN count(a)"),
            facts=sum(by_type.values()),
            actors_by_kind=by_kind,
            facts_by_type=by_type,
        )

    def close(self) -> None:
        self._driver.close()

    def clear(self) -> None:
        """Delete every node and relationship of the database (tests, benchmarks); the schema stays."""
        try:
            with self._session() as session:
                # relationships first: DETACH DELETE of a state with a million facts is one huge transaction
                session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise self._error(error, "cannot clear the database") from None
