"""The ``diplograph`` command line: a thin layer over the Python API.

Every command maps to functions a Python user can call (loaders, stores, analysis). Errors
that diplograph raises on purpose (:class:`DiplographError`) print as one line on standard
error, ``error: <file>:<line>: <what>``, with exit code 1; usage errors exit 2.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.table import Table
from typer.core import TyperGroup

from .cli_options import DateOption, Neo4jOption, StoreOption, check_output_path, console, progress_bar, report_error
from .errors import DiplographError, InputError
from .store import WriteSummary
from .stores import open_store

__all__ = ["app", "main"]


class _OneLineErrors(TyperGroup):
    """Turns a :class:`DiplographError` from any command into one line and exit code 1."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click's own signature
        try:
            return super().invoke(ctx)
        except DiplographError as error:
            report_error(error)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_OneLineErrors,
    name="diplograph",
    help="A graph database of geopolitical relations: articles and event data in, actors and typed relations out.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

class ExtractFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


def _read(paths: list[str], date: str | None) -> tuple[list, list[InputError]]:
    from diplograph.loaders.articles import read_articles

    articles, errors = [], []
    for item in read_articles(paths, date=date):
        if isinstance(item, InputError):
            report_error(item)
            errors.append(item)
        else:
            articles.append(item)
    return articles, errors


EVENT_KINDS = ("gdelt", "icews", "facts")
#: Reasons for skipped event rows listed one by one in the load summary (the rest are summed).
SHOWN_SKIP_REASONS = 6


@app.command()
def load(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders of articles (.txt, .md, .html, .jsonl), or - for standard input; "
            "or gdelt|icews|facts followed by event files (plain or zipped) or folders of them.",
            metavar="[gdelt|icews|facts] PATH...",
        ),
    ],
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    date: DateOption = None,
    silent: Annotated[bool, typer.Option("--silent", help="No progress bar.")] = False,
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
) -> None:
    """Load articles (extracting actors and relations) or coded event data into the store.

    Loading the same input again adds nothing. Bad input is reported as one line naming
    the file and line; the rest is still loaded, and the exit code is 1.
    """
    if paths[0] in EVENT_KINDS:
        if len(paths) == 1:
            raise typer.BadParameter(f"give the {paths[0]} files to load", param_hint="PATH")
        _load_events(paths[0], paths[1:], store, neo4j, silent, root_only, min_articles, quad_class, countries, rejects)
        return
    from diplograph.loaders.extract import Extractor

    articles, errors = _read(paths, date)
    added = WriteSummary()
    with open_store(store, neo4j) as graph_store:
        # an id repeated in the input (read with the same text: read_articles refuses another
        # text) or already stored is not extracted again
        first_reads: dict[str, object] = {}
        for article in articles:
            first_reads.setdefault(article.id, article)
        pending = [article for article in first_reads.values() if not graph_store.has_article(article.id)]
        with progress_bar(silent) as progress:
            task = progress.add_task("Extracting and storing", total=len(pending))
            failed: list[InputError] = []
            for article, facts in Extractor().extract_many(pending, errors=failed):
                try:
                    added += graph_store.write_article(article, facts)
                except DiplographError as error:
                    failure = InputError(article.origin or article.id, f"article {article.id} not stored: {error}")
                    report_error(failure)
                    errors.append(failure)
                progress.advance(task)
            for error in failed:
                report_error(error)
            errors.extend(failed)
    console.print(
        f"{added.articles} articles loaded ({len(articles) - len(pending)} already stored), "
        f"{added.actors} actors and {added.facts} facts added to the {graph_store.name} store"
        + (f"; {len(errors)} errors" if errors else "")
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
    from diplograph.loaders.countries import CountryNames

    names = CountryNames()
    codes = {}
    for item in (part.strip() for part in value.split(",")):
        if item:
            codes[item] = names.iso3(item) or names.iso3(item.upper())
    unknown = [item for item, code in codes.items() if code is None]
    if unknown:
        raise typer.BadParameter(f"not a country: {', '.join(unknown)} (give ISO3 codes such as USA,RUS or names)", param_hint="--countries")
    return frozenset(codes.values())


def _load_events(kind, paths, store, neo4j, silent, root_only, min_articles, quad_class, countries, rejects) -> None:
    from diplograph.loaders.events import EventLoadOptions, event_input_size, load_event_files

    if kind != "gdelt" and (root_only or min_articles or quad_class):
        raise typer.BadParameter("--root-only, --min-articles and --quad-class apply to GDELT only", param_hint=kind)
    quad_classes = _code_set("--quad-class", quad_class, int)
    if quad_classes and not quad_classes <= {1, 2, 3, 4}:
        raise typer.BadParameter(f"quad classes are 1, 2, 3 and 4, not {quad_class!r}", param_hint="--quad-class")
    if rejects is not None:
        check_output_path(rejects, inputs=[*paths, *([store] if store else [])])
    options = EventLoadOptions(
        rejects_path=rejects,
        root_only=root_only,
        min_articles=min_articles,
        quad_classes=quad_classes,
        countries=_country_codes(countries),
    )
    with open_store(store, neo4j) as graph_store, progress_bar(silent) as progress:
        task = progress.add_task(f"Loading {kind} events (bytes)", total=event_input_size(kind, paths))
        summary = load_event_files(kind, paths, graph_store, options, on_progress=lambda n: progress.advance(task, n))
    for error in summary.file_errors:
        report_error(error)
    console.print(
        f"{summary.read} rows read: {summary.loaded} loaded, {summary.rejected} rejected, {summary.skipped} skipped; "
        f"{summary.added.actors} actors and {summary.added.facts} facts added to the {graph_store.name} store"
    )
    reasons = summary.skipped_by_reason.most_common()
    for reason, count in reasons[:SHOWN_SKIP_REASONS]:
        console.print(f"  skipped {count}: {reason}")
    if len(reasons) > SHOWN_SKIP_REASONS:
        rest = reasons[SHOWN_SKIP_REASONS:]
        console.print(f"  skipped {sum(count for _, count in rest)}: {len(rest)} other reasons")
    if summary.rejected:
        console.print(f"rejected rows, with file, line and reason: {summary.rejects_path}")
    if summary.rejected or summary.file_errors:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of articles, or - for standard input.")],
    output_format: Annotated[ExtractFormat, typer.Option("--format", help="table, or jsonl (one fact a line, the extraction contract).")] = ExtractFormat.table,
    date: DateOption = None,
) -> None:
    """Extract facts from articles and print them, without storing anything."""
    from diplograph.loaders.extract import Extractor

    articles, errors = _read(paths, date)
    failed: list[InputError] = []
    results = Extractor().extract_many(articles, errors=failed)
    if output_format is ExtractFormat.jsonl:
        for _, facts in results:
            for fact in facts:
                print(json.dumps(fact.to_contract(), ensure_ascii=False))
    else:
        table = Table("article", "#", "subject", "relation", "object", "date", "conf.")
        for article, facts in results:
            for fact in facts:
                table.add_row(
                    article.id, str(fact.sentence_index), f"{fact.subject.name} ({fact.subject.id})", fact.relation.value,
                    f"{fact.object.name} ({fact.object.id})", fact.date or "", f"{fact.confidence:.2f}",
                )
        console.print(table)
    for error in failed:
        report_error(error)
    if errors or failed:
        raise typer.Exit(1)


@app.command()
def stats(
    store: StoreOption = None,
    neo4j: Neo4jOption = None,
    output_format: Annotated[StatsFormat, typer.Option("--format", help="table or json.")] = StatsFormat.table,
) -> None:
    """Count articles, actors by kind and facts by type."""
    with open_store(store, neo4j, readonly=True) as graph_store:
        figures = graph_store.stats()
    if output_format is StatsFormat.json:
        print(json.dumps(figures.to_json(), indent=2))
        return
    table = Table("", "count", title=f"{graph_store.name} store")
    table.add_row("[bold]articles", str(figures.articles))
    table.add_row("[bold]actors", str(figures.actors))
    for kind, count in sorted(figures.actors_by_kind.items()):
        table.add_row(f"  {kind}", str(count))
    table.add_row("[bold]facts", str(figures.facts))
    for relation, count in sorted(figures.facts_by_type.items(), key=lambda item: -item[1]):
        table.add_row(f"  {relation}", str(count))
    console.print(table)


# --- command modules ---
# Each area registers its commands here (one line each).
from . import cli_neo4j; cli_neo4j.register(app)  # noqa: E402,E702 - neo4j start|stop|status|fetch, sync
from . import cli_report; cli_report.register(app)  # noqa: E402,E702 - report centrality|blocs|actor|changes, export
from . import cli_query; cli_query.register(app)  # noqa: E402,E702 - query NAME|--cypher|--list
from . import cli_eval; cli_eval.register(app)  # noqa: E402,E702 - eval GOLD... (extraction scores)


def main() -> None:
    """Entry point of the ``diplograph`` console script."""
    app()
