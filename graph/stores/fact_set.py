"""Parquet fact sets: facts, their actors and their articles as columnar files.

A fact set is a folder (schema and examples in ``docs/fact-set.md``)::

    DIR/facts/month=YYYY-MM/part-NAME.parquet    one row per fact (Hive partitioning by month)
    DIR/facts/month=undated/part-NAME.parquet    facts with no date
    DIR/actors/part-NAME.parquet                 one row per actor
    DIR/articles/part-NAME.parquet               one row per article (text included)

pandas (``pd.read_parquet(DIR / "facts")``), pyarrow (``pyarrow.dataset``), DuckDB
(``read_parquet('DIR/facts/**/*.parquet', hive_partitioning = true)``) and Spark
(``spark.read.parquet("DIR/facts")``) read it as it is. Several writers (one per Dask task,
say) write into one folder, each with its own ``NAME``; a part is written under a hidden
name (``.part-NAME.parquet``, which every reader ignores) and renamed when it is complete,
so a writer that is killed leaves nothing a reader sees. Actor rows of different parts may
repeat an actor: a reader merges them (:func:`~diplograph.graph.stores.base.merge_actor_variants`).

Columns follow the SQLite store's ``facts`` table; dates are Arrow ``date32`` (the first day
a month or year date covers) with ``date_precision`` (``day``, ``month``, ``year``) as in the
Neo4j store, and CAMEO codes are text (leading zeros kept).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from diplograph.graph.model.errors import InputError
from diplograph.graph.model.records import Actor, Article, Fact, event_date, format_event_date
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.graph.stores.base import GraphStore, WriteSummary, merge_actor_variants

__all__ = [
    "FACT_SCHEMA", "ACTOR_SCHEMA", "ARTICLE_SCHEMA", "FactSetWriter", "FactSet", "is_fact_set", "export_fact_set",
    "load_fact_set",
]

#: Columns of ``facts/`` (the partition column ``month`` comes from the folder names).
FACT_SCHEMA = pa.schema([
    pa.field("key", pa.string(), nullable=False),
    pa.field("subject_id", pa.string(), nullable=False),
    pa.field("relation", pa.string(), nullable=False),
    pa.field("object_id", pa.string(), nullable=False),
    pa.field("plover", pa.string()),
    pa.field("date", pa.date32()),
    pa.field("date_precision", pa.string()),
    pa.field("article_id", pa.string()),
    pa.field("sentence", pa.string()),
    pa.field("sentence_index", pa.int32()),
    pa.field("confidence", pa.float64(), nullable=False),
    pa.field("cameo", pa.string()),
    pa.field("context", pa.string()),
    pa.field("reported_by", pa.string()),
    pa.field("role", pa.string()),
    pa.field("goldstein", pa.float64()),
    pa.field("source_url", pa.string()),
    pa.field("event_id", pa.string()),
    pa.field("extractor", pa.string(), nullable=False),
])
#: Columns of ``actors/``.
ACTOR_SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("kind", pa.string(), nullable=False),
    pa.field("name", pa.string(), nullable=False),
    pa.field("country", pa.string()),
    pa.field("role", pa.string()),
    pa.field("aliases", pa.list_(pa.string())),
])
#: Columns of ``articles/``.
ARTICLE_SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("title", pa.string()),
    pa.field("date", pa.date32()),
    pa.field("source", pa.string()),
    pa.field("url", pa.string()),
    pa.field("origin", pa.string()),
    pa.field("text", pa.string(), nullable=False),
])

_UNDATED = "undated"
_PARTITIONING = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
#: Rows buffered per file before a row group is written.
_ROW_GROUP = 50_000


def is_fact_set(path: str | Path) -> bool:
    """True if ``path`` is a folder with a ``facts`` sub-folder (the mark of a fact set)."""
    return (Path(path) / "facts").is_dir()


def _fact_row(fact: Fact) -> dict:
    day, precision = event_date(fact.date) if fact.date is not None else (None, None)
    return {
        "key": fact.key, "subject_id": fact.subject.id, "relation": RelationType(fact.relation).value,
        "object_id": fact.object.id, "plover": fact.plover, "date": day, "date_precision": precision,
        "article_id": fact.article_id, "sentence": fact.sentence, "sentence_index": fact.sentence_index,
        "confidence": float(fact.confidence), "cameo": fact.cameo, "context": fact.context,
        "reported_by": fact.reported_by, "role": fact.role, "goldstein": fact.goldstein,
        "source_url": fact.source_url, "event_id": fact.event_id, "extractor": fact.extractor,
    }


class _PartFile:
    """One Parquet file written in row groups under a hidden name, renamed on close."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.hidden = path.with_name("." + path.name)
        self.schema = schema
        self.rows: list[dict] = []
        self.writer: pq.ParquetWriter | None = None

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= _ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.hidden, self.schema, compression="zstd")
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()
            os.replace(self.hidden, self.path)


class FactSetWriter:
    """Writes one part of a fact set: facts streamed into per-month files, actors and articles.

    Use as a context manager; the part's files appear (renamed from hidden names) on a
    normal exit and are removed on an exception.

    Parameters
    ----------
    directory:
        The fact set's folder; created when missing.
    part:
        Name of this writer's part (``part-PART.parquet`` in every sub-folder). Two writers
        of one folder must have different names.

    Raises
    ------
    InputError
        If the folder already holds this part (``<dir>: fact set part ... exists``).
    """

    def __init__(self, directory: str | Path, part: str = "0") -> None:
        self.directory = Path(directory)
        self.part = part
        name = f"part-{part}.parquet"
        if any((self.directory / sub / name).exists() for sub in ("actors", "articles")):
            raise InputError(str(self.directory), f"fact set part {part} exists already (write into an empty folder)")
        self._name = name
        self._months: dict[str | None, _PartFile] = {}
        self._articles = _PartFile(self.directory / "articles" / name, ARTICLE_SCHEMA)
        self._actors: dict[str, Actor] = {}
        self.facts = 0
        self.articles = 0

    def add_article(self, article: Article) -> None:
        """Add one article (its ``date`` must be ``YYYY-MM-DD`` or ``None``)."""
        self._articles.add({
            "id": article.id, "title": article.title,
            "date": event_date(article.date)[0] if article.date else None,
            "source": article.source, "url": article.url, "origin": article.origin, "text": article.text,
        })
        self.articles += 1

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """Add actors (merged by id with those seen before: aliases joined)."""
        self._actors = {a.id: a for a in merge_actor_variants((), [*self._actors.values(), *actors])}

    def add_facts(self, facts: Iterable[Fact]) -> None:
        """Add facts, and their subjects and objects as actors."""
        for fact in facts:
            row = _fact_row(fact)
            month = row["date"].isoformat()[:7] if row["date"] is not None else None
            target = self._months.get(month)
            if target is None:
                folder = self.directory / "facts" / f"month={month or _UNDATED}"
                target = self._months[month] = _PartFile(folder / self._name, FACT_SCHEMA)
            target.add(row)
            self.facts += 1
            for actor in (fact.subject, fact.object):
                known = self._actors.get(actor.id)
                if known is None or actor != known:
                    self._actors[actor.id] = merge_actor_variants((), [known, actor] if known else [actor])[0]

    def close(self) -> None:
        """Write what is buffered and the actor file; make the part's files visible."""
        (self.directory / "facts").mkdir(parents=True, exist_ok=True)
        for target in self._months.values():
            target.close()
        self._articles.close()
        actors = _PartFile(self.directory / "actors" / self._name, ACTOR_SCHEMA)
        for actor in self._actors.values():
            actors.add({"id": actor.id, "kind": ActorKind(actor.kind).value, "name": actor.name,
                        "country": actor.country, "role": actor.role, "aliases": list(actor.aliases)})
        actors.close()

    def abort(self) -> None:
        """Remove the hidden files written so far (nothing of the part stays)."""
        for target in [*self._months.values(), self._articles]:
            if target.writer is not None:
                target.writer.close()
            target.hidden.unlink(missing_ok=True)

    def __enter__(self) -> "FactSetWriter":
        return self

    def __exit__(self, exc_type, *rest) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def _dataset(folder: Path, partitioned: bool = False) -> ds.Dataset | None:
    if not folder.is_dir():
        return None
    return ds.dataset(folder, format="parquet", partitioning=_PARTITIONING if partitioned else None)


def _date_text(day: dt.date | None, precision: str | None) -> str | None:
    return format_event_date(day, precision or "day") if day is not None else None


class FactSet:
    """Reads a fact set folder (see the module documentation).

    Rows that cannot be read (unknown relation or actor, bad precision) are reported as
    :class:`InputError` naming the file and the 1-based row, through ``on_error``, and left
    out; every other row is read.

    Parameters
    ----------
    directory:
        The fact set's folder.
    on_error:
        Called with each bad row's error; default: raise it.

    Raises
    ------
    InputError
        If ``directory`` is not a fact set (no ``facts`` folder) or a file is not Parquet
        with the documented columns.
    """

    def __init__(self, directory: str | Path, on_error: Callable[[InputError], None] | None = None) -> None:
        self.directory = Path(directory)
        if not is_fact_set(self.directory):
            raise InputError(str(self.directory), "not a fact set: no facts folder (write one with --format parquet)")
        self.on_error = on_error
        self._actors: dict[str, Actor] | None = None

    def _bad(self, path: str, row: int, message: str) -> None:
        error = InputError(path, f"row {row}: {message}")
        if self.on_error is None:
            raise error
        self.on_error(error)

    def _batches(self, sub: str, columns: list[str], where: ds.Expression | None = None, partitioned: bool = False
                 ) -> Iterator[tuple[str, int, pa.RecordBatch]]:
        """(file, 1-based number of the batch's first row in that file, batch) of a sub-folder."""
        dataset = _dataset(self.directory / sub, partitioned)
        if dataset is None:
            return
        for fragment in sorted(dataset.get_fragments(), key=lambda f: f.path):
            missing = [c for c in columns if c not in fragment.physical_schema.names]
            if missing:
                raise InputError(fragment.path, f"not a fact set file: no column {', '.join(missing)}")
            first = 1
            try:
                for batch in fragment.to_batches(columns=columns, filter=where):
                    yield fragment.path, first, batch
                    first += batch.num_rows
            except (pa.ArrowInvalid, OSError) as error:
                raise InputError(fragment.path, f"cannot read: {error}") from None

    def iter_actors(self) -> Iterator[Actor]:
        """Every actor of the set, merged across parts (one :class:`Actor` per id), ordered by id."""
        yield from sorted(self._actor_table().values(), key=lambda actor: actor.id)

    def _actor_table(self) -> dict[str, Actor]:
        if self._actors is None:
            found: list[Actor] = []
            for path, first, batch in self._batches("actors", ACTOR_SCHEMA.names):
                for n, row in enumerate(batch.to_pylist(), first):
                    try:
                        kind = ActorKind(row["kind"])
                    except ValueError:
                        self._bad(path, n, f"unknown actor kind {row['kind']!r}")
                        continue
                    found.append(Actor(row["id"], kind, row["name"], row["country"], tuple(row["aliases"] or ()), row["role"]))
            self._actors = {actor.id: actor for actor in merge_actor_variants((), found)}
        return self._actors

    def iter_articles(self) -> Iterator[Article]:
        """The articles of the set, file by file (streamed)."""
        for _, _, batch in self._batches("articles", ARTICLE_SCHEMA.names):
            for row in batch.to_pylist():
                date = row["date"].isoformat() if row["date"] is not None else None
                yield Article(row["id"], row["text"], row["title"], date, row["source"], row["url"], row["origin"])

    def fact_batches(self) -> Iterator[pa.RecordBatch]:
        """Every fact row as Arrow record batches with the columns of :data:`FACT_SCHEMA`
        (unchecked: the columnar path of ``neo4j import``)."""
        for _, _, batch in self._batches("facts", FACT_SCHEMA.names, partitioned=True):
            yield batch.cast(FACT_SCHEMA) if batch.schema != FACT_SCHEMA else batch

    def iter_facts(self, with_article: bool | None = None) -> Iterator[Fact]:
        """The facts of the set, file by file (streamed).

        Parameters
        ----------
        with_article:
            ``True``: only facts that name an article; ``False``: only those that do not;
            ``None``: all.
        """
        actors = self._actor_table()
        where = None
        if with_article is not None:
            where = ds.field("article_id").is_valid() if with_article else ds.field("article_id").is_null()
        for path, first, batch in self._batches("facts", FACT_SCHEMA.names, where, partitioned=True):
            for n, row in enumerate(batch.to_pylist(), first):
                subject, obj = actors.get(row["subject_id"]), actors.get(row["object_id"])
                if subject is None or obj is None:
                    missing = row["subject_id"] if subject is None else row["object_id"]
                    self._bad(path, n, f"fact {row['key']}: actor {missing!r} is not in actors/")
                    continue
                try:
                    relation = RelationType(row["relation"])
                    date = _date_text(row["date"], row["date_precision"])
                except (ValueError, KeyError):
                    self._bad(path, n, f"fact {row['key']}: unknown relation {row['relation']!r} or date precision "
                                       f"{row['date_precision']!r}")
                    continue
                yield Fact(
                    subject=subject, relation=relation, object=obj, date=date, article_id=row["article_id"],
                    sentence=row["sentence"], sentence_index=row["sentence_index"], confidence=row["confidence"],
                    cameo=row["cameo"], context=row["context"], reported_by=row["reported_by"], role=row["role"],
                    goldstein=row["goldstein"], source_url=row["source_url"], event_id=row["event_id"],
                    extractor=row["extractor"], key=row["key"],
                )


def export_fact_set(store: GraphStore, directory: str | Path) -> FactSetWriter:
    """Write every actor, article and fact of ``store`` as a fact set in ``directory``
    (which must not hold a fact set yet). Facts and articles are streamed; returns the
    closed writer (its ``facts`` and ``articles`` counts).

    Raises
    ------
    InputError
        If ``directory`` already holds a fact set.
    StoreError
        If the store cannot be read.
    """
    if is_fact_set(directory):
        raise InputError(str(directory), "holds a fact set already: export into a new folder")
    with FactSetWriter(directory) as writer:
        writer.add_actors(store.iter_actors())
        for article in store.iter_articles():
            writer.add_article(article)
        writer.add_facts(store.iter_facts())
    return writer


def load_fact_set(fact_set: FactSet, store: GraphStore, batch_size: int = 10_000) -> WriteSummary:
    """Store a fact set: each article with its facts in one transaction
    (:meth:`GraphStore.write_article`), then the facts with no article in batches.

    Loading twice changes nothing (articles are skipped by id, facts by key). The facts
    that name an article are held in memory, grouped by article, while the articles are
    written (the same as :func:`~diplograph.graph.stores.sync.sync_stores`); the others stream.
    Facts naming an article the set does not hold are written like event data.

    Raises
    ------
    StoreError
        If the store cannot be written (articles and batches written before stay written).
    InputError
        If the set cannot be read (bad rows go to the set's ``on_error``).
    """
    by_article: dict[str, list[Fact]] = defaultdict(list)
    for fact in fact_set.iter_facts(with_article=True):
        by_article[fact.article_id].append(fact)
    summary = WriteSummary()
    for article in fact_set.iter_articles():
        facts = by_article.pop(article.id, [])
        if not store.has_article(article.id):
            summary += store.write_article(article, facts)
    orphans = [fact for facts in by_article.values() for fact in facts]
    summary += store.write_facts(orphans, batch_size=batch_size)
    summary += store.write_facts(fact_set.iter_facts(with_article=False), batch_size=batch_size)
    return summary
