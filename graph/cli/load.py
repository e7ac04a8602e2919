"""``diplograph load``, ``extract`` and ``stats``: articles, event data and Parquet fact sets
into a store, facts printed or written as a fact set (here or on a Dask cluster), the store
counted. Thin layers over :func:`~diplograph.loaders.loading.load_articles`,
:func:`~diplograph.loaders.loading.extract_articles`,
:func:`~diplograph.loaders.events.load_event_files`,
:func:`~diplograph.graph.stores.fact_set.load_fact_set`,
:mod:`~diplograph.loaders.distributed` and :meth:`GraphStore.stats`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from diplograph.graph.cli.options import (
    DateOption,
    Neo4jOption,
    OutputOption,
    StoreOption,
    check_outputs,
    counted,
    console,
    output_console,
    progress_bar,
    report_error,
    report_warning,
    say,
    store_label,
    write_output,
)
from diplograph.graph.model.errors import InputError, StoreUnavailable
from diplograph.graph.stores.base import GraphStore, WriteSummary
from diplograph.graph.stores.fact_set import FactSet, FactSetWriter, is_fact_set, load_fact_set
from diplograph.graph.stores.opening import neo4j_uri, open_store
from diplograph.graph.stores.settings import Settings
from diplograph.loaders.countries import CountryNames
from diplograph.loaders.event_rows import EventLoadOptions, event_input_size
from diplograph.loaders.events import load_event_files

__all__ = ["register"]


class ExtractFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    parquet = "parquet"


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


EVENT_KINDS = ("gdelt", "icews", "facts")
#: Reasons for skipped event rows listed one by one in the load summary (the rest are summed).
SHOWN_SKIP_REASONS = 6


def load(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders of articles (.txt, .md, .html, .jsonl), or - for standard input; "
            "or gdelt|icews|facts followed by event files (plain or zipped) or folders of them; "
            "or facts followed by Parquet fact set folders (docs/fact-set.md).",
            metavar="[gdelt|icews|facts] PATH...",
        ),
    ],
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    date: DateOption = None,
    workers: Annotated[int, typer.Option("--workers", min=0, help="Articles: processes that extract (0: one per core); one process writes.")] = 0,
    root_only: Annotated[bool, typer.Option("--root-only", help="GDELT: root events only (IsRootEvent = 1).")] = False,
    min_articles: Annotated[int, typer.Option("--min-articles", min=0, help="GDELT: events reported by at least this many articles.")] = 0,
    quad_class: Annotated[
        Optional[str], typer.Option("--quad-class", help="GDELT: quad classes to keep, e.g. 1,2 (1-4).", show_default=False)
    ] = None,
    countries: Annotated[
        Optional[str], typer.Option("--countries", help="Event data: keep events of these states (ISO3, comma-separated).", show_default=False)
    ] = None,
    rejects: Annotated[
        Optional[Path], typer.Option("--rejects", help="Event data: TSV file for rejected rows (default: next to the store).", show_default=False)
    ] = None,
    max_rejects: Annotated[
        int, typer.Option("--max-rejects", min=0, help="Event data: stop reading a file after this many rejected rows (0: no limit).")
    ] = 10_000,
    replace: Annotated[
        bool, typer.Option("--replace", help="Articles: re-extract an article whose id is stored with another text, "
                           "replacing its facts (default: keep the stored one and warn).")
    ] = False,
    keep_copies: Annotated[
        bool, typer.Option("--keep-copies", help="Articles: load an article whose text is stored under another id "
                           "(default: leave such copies out and warn, so a syndicated story counts once).")
    ] = False,
) -> None:
    """Load articles (extracting actors and relations) or coded event data into the store.

    Loading the same input again adds nothing. Bad input is reported as one line naming the file and line; the rest is still loaded, and the exit code is 1.
    """
    if paths[0] in EVENT_KINDS:
        if len(paths) == 1:
            raise typer.BadParameter(f"give the {paths[0]} files to load", param_hint="PATH")
        if paths[0] == "facts" and any(is_fact_set(path) for path in paths[1:]):
            _load_fact_sets(paths[1:], store, neo4j)
            return
        _load_events(paths[0], paths[1:], store, neo4j, root_only, min_articles, quad_class, countries, rejects, max_rejects)
        return
    # Imported here, not at the top: the extractor loads spaCy, which takes seconds, and
    # `diplograph --help`, `stats` and event loading do not need it.
    from diplograph.loaders.loading import load_articles

    with _store_to_load(store, neo4j) as graph_store, progress_bar() as progress:
        task = progress.add_task("Extracting and storing", total=None)
        summary = load_articles(
            paths, graph_store, date=date, on_error=report_error, on_warning=report_warning, workers=workers,
            replace=replace, keep_copies=keep_copies, on_progress=lambda done, stored: progress.update(task, completed=done + stored),
        )
    changed = (f", {summary.replaced:,} replaced" if replace else
               f", {summary.changed:,} stored with another text and kept") if summary.changed else ""
    changed += f", {counted(summary.copies, 'copy', 'copies')} of another article left out" if summary.copies else ""
    say(
        f"{counted(summary.added.articles, 'article')} loaded ({summary.already_stored:,} already stored{changed}), "
        f"{counted(summary.added.actors, 'actor')} and {counted(summary.added.facts, 'fact')} {_added_to(graph_store)}"
        + (f"; {counted(len(summary.errors), 'error')}" if summary.errors else ""),
        console,
    )
    if summary.undated:
        say(f"warning: {counted(summary.undated, 'article')} with no date (none in the metadata, no --date): "
            "facts the text does not date are undated, and dated reports leave them out")
    if summary.errors:
        raise typer.Exit(1)


def _load_fact_sets(paths: list[str], store: Path | None, neo4j: str | None) -> None:
    """``load facts DIR...``: Parquet fact sets into the store (bad rows reported, the rest loaded)."""
    tables = [path for path in paths if not is_fact_set(path)]
    if tables:
        raise typer.BadParameter(f"load fact tables ({', '.join(tables)}) and Parquet fact sets in separate commands", param_hint="PATH")
    errors: list[InputError] = []

    def bad_row(error: InputError) -> None:
        report_error(error)
        errors.append(error)

    added = WriteSummary()
    with open_store(store, neo4j) as graph_store:
        for path in paths:
            added += load_fact_set(FactSet(path, on_error=bad_row), graph_store)
    console.print(
        f"{added.articles} articles, {added.actors} actors and {added.facts} facts added to the {graph_store.name} store"
        + (f"; {len(errors)} bad rows left out" if errors else "")
    )
    if errors:
        raise typer.Exit(1)


def _code_set(option: str, value: str | None, parse) -> frozenset | None:
    if value is None:
        return None
    try:
        return frozenset(parse(item.strip()) for item in value.split(",") if item.strip())
    except ValueError:
        raise typer.BadParameter(f"not a comma-separated list: {value!r}", param_hint=option) from None


def _country_codes(value: str | None) -> frozenset[str] | None:
    """ISO3 codes of ``--countries`` (codes or names, comma-separated); an unknown one is refused."""
    if value is None:
        return None
    names = CountryNames()
    codes = {}
    for item in (part.strip() for part in value.split(",")):
        if item:
            codes[item] = names.iso3(item) or names.iso3(item.upper())
    unknown = [item for item, code in codes.items() if code is None]
    if unknown:
        raise typer.BadParameter(f"not a country: {', '.join(unknown)} (give ISO3 codes such as USA,RUS or names)", param_hint="--countries")
    return frozenset(codes.values())


def _added_to(graph_store: GraphStore) -> str:
    """Where a load's additions went: ``added to the sqlite store PATH``, or, when the load
    created no store (an SQLite file it would have created is removed when nothing was
    stored, :func:`_store_to_load`), that it made none."""
    path = getattr(graph_store, "path", None)
    if path is not None and not Path(path).exists():
        return f"added: nothing to store, so no store was created at {path}"
    return f"added to the {store_label(graph_store)}"


@contextmanager
def _store_to_load(store: Path | None, neo4j: str | None) -> Iterator[GraphStore]:
    """Open the store a load writes to; an SQLite file this load created is removed again
    when it ends with no article and no fact (a failed or empty load leaves no empty store)."""
    path = None if (neo4j_uri(neo4j) if store is None else neo4j) else Path(store or Settings().store)
    created = path is not None and not path.exists()
    empty = False
    try:
        with open_store(store, neo4j) as graph_store:
            try:
                yield graph_store
            finally:
                # only a file this load created is asked (a store that went away is not asked again)
                if created:
                    figures = graph_store.stats()
                    empty = figures.articles == 0 and figures.facts == 0
    finally:
        if empty:
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)


def _load_events(kind, paths, store, neo4j, root_only, min_articles, quad_class, countries, rejects, max_rejects) -> None:
    if kind != "gdelt" and (root_only or min_articles or quad_class):
        raise typer.BadParameter("--root-only, --min-articles and --quad-class apply to GDELT only", param_hint=kind)
    quad_classes = _code_set("--quad-class", quad_class, int)
    if quad_classes and not quad_classes <= {1, 2, 3, 4}:
        raise typer.BadParameter(f"quad classes are 1, 2, 3 and 4, not {quad_class!r}", param_hint="--quad-class")
    if rejects is not None:
        check_outputs([rejects], store, neo4j, inputs=paths)
    options = EventLoadOptions(
        rejects_path=rejects,
        root_only=root_only,
        min_articles=min_articles,
        quad_classes=quad_classes,
        countries=_country_codes(countries),
        max_rejects_per_file=max_rejects,
    )
    with _store_to_load(store, neo4j) as graph_store, progress_bar() as progress:
        task = progress.add_task(f"Loading {kind} events (bytes)", total=event_input_size(kind, paths))
        try:
            summary = load_event_files(kind, paths, graph_store, options, on_progress=lambda n: progress.advance(task, n))
        except StoreUnavailable as error:
            raise StoreUnavailable(f"{error}; when it is back, run the same command again (stored facts are not "
                                   "added twice)") from None
    for error in summary.file_errors:
        report_error(error)
    say(
        f"{counted(summary.read, 'row')} read: {summary.loaded:,} loaded, {summary.rejected:,} rejected, {summary.skipped:,} skipped; "
        f"{counted(summary.added.actors, 'actor')} and {counted(summary.added.facts, 'fact')} {_added_to(graph_store)}",
        console,
    )
    reasons = summary.skipped_by_reason.most_common()
    for reason, count in reasons[:SHOWN_SKIP_REASONS]:
        say(f"  skipped {count:,}: {reason}", console)
    if len(reasons) > SHOWN_SKIP_REASONS:
        rest = reasons[SHOWN_SKIP_REASONS:]
        say(f"  skipped {sum(count for _, count in rest):,}: {counted(len(rest), 'other reason')}", console)
    if summary.rejected:
        say(f"rejected rows, with file, line and reason: {summary.rejects_path}", console)
    if summary.rejected or summary.file_errors:
        raise typer.Exit(1)


def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders of articles, or - for standard input; or gdelt|icews|facts followed by "
                       "event files (with --format parquet).", metavar="[gdelt|icews|facts] PATH..."),
    ],
    output_format: Annotated[
        ExtractFormat,
        typer.Option("--format", help="table, jsonl (one fact a line, the extraction contract) or parquet (a fact set folder, needs --output)."),
    ] = ExtractFormat.table,
    dask: Annotated[
        Optional[str],
        typer.Option("--dask", help="parquet: extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N "
                     "(N worker processes here); needs pip install 'diplograph[dask]'.", show_default=False),
    ] = None,
    date: DateOption = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write here instead of standard output; with --format parquet, the new "
                     "folder of the fact set (docs/fact-set.md).", show_default=False),
    ] = None,
) -> None:
    """Extract facts from articles and print them (or write a Parquet fact set), without storing anything."""
    if output_format is ExtractFormat.parquet and output is None:
        raise typer.BadParameter("--format parquet writes a fact set: give --output DIR", param_hint="--output")
    if output is not None and is_fact_set(output):
        raise InputError(str(output), "holds a fact set already: write into a new folder")
    if output is not None and output_format is not ExtractFormat.parquet:
        check_outputs([output], None, None, inputs=paths)
    if dask is not None and output is None:
        raise typer.BadParameter("--dask writes a fact set: give --format parquet -o DIR", param_hint="--dask")
    if paths[0] in EVENT_KINDS:
        if output_format is not ExtractFormat.parquet or output is None:
            raise typer.BadParameter(f"{paths[0]} files are extracted to a fact set: give --format parquet -o DIR", param_hint="--format")
        _map_events(paths[0], paths[1:], output, dask)
        return
    errors: list[InputError] = []

    def on_error(error: InputError) -> None:
        report_error(error)
        errors.append(error)

    if dask is not None:
        _extract_on_dask(paths, date, output, dask, on_error)
    else:
        # spaCy: see load()
        from diplograph.loaders.loading import extract_articles

        results = extract_articles(paths, date=date, on_error=on_error)
        if output_format is ExtractFormat.parquet:
            _write_fact_set(results, output)
        else:
            _print_facts(results, output_format, output)
    if errors:
        raise typer.Exit(1)


def _print_facts(results, output_format: ExtractFormat, output: Path | None) -> None:
    """``extract`` as JSON lines or a table, on standard output or into ``output``."""
    n_facts = 0
    with output_console(output) as out:
        if output_format is ExtractFormat.jsonl:
            for _, facts in results:
                for fact in facts:
                    out.file.write(json.dumps(fact.to_contract(), ensure_ascii=False) + "\n")
                    n_facts += 1
        else:
            table = Table("article", "#", "subject", "relation", "object", "date", "conf.")
            for article, facts in results:
                for fact in facts:
                    table.add_row(
                        article.id, str(fact.sentence_index), f"{fact.subject.name} ({fact.subject.id})", fact.relation.value,
                        f"{fact.object.name} ({fact.object.id})", fact.date or "", f"{fact.confidence:.2f}",
                    )
                    n_facts += 1
            out.print(table)
    if output is not None:
        say(f"{counted(n_facts, 'fact')} written to {output}")


def _write_fact_set(results, output: Path) -> None:
    """``extract --format parquet -o DIR``: the extracted articles and facts as one fact set part."""
    writer = FactSetWriter(output)

    def write() -> None:
        with writer:
            for article, facts in results:
                writer.add_article(article)
                writer.add_facts(facts)

    write_output(output, write)
    say(f"{counted(writer.facts, 'fact')} of {counted(writer.articles, 'article')} written to {output}")


def _extract_on_dask(paths: list[str], date: str | None, output: Path, address: str, on_error) -> None:
    """``extract ... --format parquet -o DIR --dask ADDRESS``; failed articles go to ``on_error``."""
    # Dask and the extractor (spaCy) load only here; Dask is an optional extra.
    from diplograph.loaders.distributed import dask_client, extract_on_dask
    from diplograph.loaders.loading import read_valid_articles

    with dask_client(address) as client, progress_bar(False) as progress:
        task = progress.add_task("Extracting on Dask", total=None)
        done = extract_on_dask(read_valid_articles(paths, date, on_error), output, client,
                               on_chunk=lambda n: progress.advance(task, n))
    for error in done.errors:
        on_error(error)
    say(f"{counted(done.facts, 'fact')} of {counted(done.articles, 'article')} written to {output} "
                      f"({done.parts} tasks on {done.workers} Dask workers)")


def _map_events(kind: str, paths: list[str], output: Path, dask: str | None) -> None:
    """``extract gdelt|icews|facts FILES --format parquet -o DIR [--dask ADDRESS]``."""
    # Dask is an optional extra: loaded only here.
    from diplograph.loaders.distributed import dask_client, map_event_files

    if not paths:
        raise typer.BadParameter(f"give the {kind} files to extract", param_hint="PATH")
    with dask_client(dask) if dask else nullcontext() as client:
        done = map_event_files(kind, paths, output, client)
    for error in done.file_errors:
        report_error(error)
    say(
        f"{counted(done.read, 'row')} read: {counted(done.loaded, 'fact')} written to {output}, {done.rejected} rejected "
        f"({output / 'rejects'}), {sum(done.skipped.values())} skipped ({counted(done.parts, 'file')})"
    )
    if done.rejected or done.file_errors:
        raise typer.Exit(1)


def stats(
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    output_format: Annotated[StatsFormat, typer.Option("--format", help="table or json.")] = StatsFormat.table,
    output: OutputOption = None,
) -> None:
    """Count articles, actors by kind and facts by type, naming the store counted."""
    with open_store(store, neo4j, readonly=True) as graph_store:
        figures = graph_store.stats()
    if output_format is StatsFormat.json:
        with output_console(output) as out:
            out.file.write(json.dumps({"store": {"kind": graph_store.name, "location": str(getattr(graph_store, "path", None) or graph_store.uri)},
                                       **figures.to_json()}, indent=2) + "\n")
        return
    table = Table("", "count", title=store_label(graph_store))
    table.add_row(Text("articles", style="bold"), str(figures.articles))
    table.add_row(Text("actors", style="bold"), str(figures.actors))
    for kind, count in sorted(figures.actors_by_kind.items()):
        table.add_row(f"  {kind}", str(count))
    table.add_row(Text("facts", style="bold"), str(figures.facts))
    for relation, count in sorted(figures.facts_by_type.items(), key=lambda item: -item[1]):
        table.add_row(f"  {relation}", str(count))
    with output_console(output) as out:
        out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``load``, ``extract`` and ``stats`` to the diplograph app."""
    app.command()(load)
    app.command()(extract)
    app.command()(stats)
