"""Event loads have limits (issue 15, item 6): a long line is one rejected row, a file with
too many rejects stops with one error line, a zip member that expands too far is refused;
the good rows before the trouble are loaded. Run through the CLI, as a user would."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from diplograph.graph.cli import app
from locations import DATA

runner = CliRunner()

SAMPLE = DATA / "20150218230000.export.CSV"
LINES = SAMPLE.read_bytes().splitlines(keepends=True)
GOOD_FACTS = 436  # the sample's loaded rows (tests/test_gdelt.py)


def _load(tmp_path: Path, *args: str):
    store, rejects = tmp_path / "s.sqlite", tmp_path / "rejects.tsv"
    result = runner.invoke(app, ["load", "gdelt", *args, "--store", str(store), "--rejects", str(rejects)])
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    # a load that stored nothing in the store it created removes it again: no stats then
    stats = json.loads(runner.invoke(app, ["stats", "--store", str(store), "--format", "json"]).stdout) if store.exists() else None
    rows = list(csv.reader(rejects.open(encoding="utf-8", newline=""), delimiter="\t")) if rejects.exists() else []
    return result, stats, rows, rejects


def test_a_five_million_character_line_is_one_rejected_row(tmp_path: Path) -> None:
    path = tmp_path / "long.export.CSV"
    long_line = b"410412999\t20150218\t" + b"x" * 5_000_000 + b"\n"
    path.write_bytes(b"".join(LINES[:99]) + long_line + b"".join(LINES[99:]))
    result, stats, rows, _ = _load(tmp_path, str(path))
    assert result.exit_code == 1
    assert f"{len(LINES) + 1:,} rows read: {GOOD_FACTS:,} loaded, 1 rejected" in result.stdout
    assert stats["facts"] == GOOD_FACTS
    assert [(r[1], r[2]) for r in rows[1:]] == [("100", "line longer than 65536 bytes")]
    assert rows[1][3].startswith("410412999\t20150218\txxx") and len(rows[1][3]) < 300


def test_a_file_of_junk_stops_at_the_reject_limit_with_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "junk.export.CSV"
    path.write_bytes(b"".join(LINES) + b"junk line\n" * 300_000)
    result, stats, rows, rejects = _load(tmp_path, str(path), "--max-rejects", "1000")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"error: {path}: 1000 rejected rows (limit 1000): the rest of the file was not read; "
                      "is it the right kind of file?"]
    assert stats["facts"] == GOOD_FACTS
    # the rows pyarrow had read ahead when the file stopped are still recorded, a block at most
    assert 1000 <= len(rows) - 1 < 1000 + (2 << 20) // 10
    assert rejects.stat().st_size < 1 << 20
    assert rows[1][1:3] == [str(len(LINES) + 1), "wrong number of columns: 1 (expected 61)"]


def test_a_zip_that_expands_too_far_is_refused(tmp_path: Path) -> None:
    # the sample, then 200 MB of one skipped row (no actor1) again and again: compresses ~1000 times
    skipped = next(line for line in LINES if line.split(b"\t")[5] == b"")
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("bomb.export.CSV", "w") as member:
        member.write(b"".join(LINES))
        block = skipped * (1 << 20 // len(skipped))
        for _ in range(200 * (1 << 20) // len(block)):
            member.write(block)
    compressed = zipfile.ZipFile(path).getinfo("bomb.export.CSV").compress_size
    result, stats, _, _ = _load(tmp_path, str(path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"error: {path}:bomb.export.CSV: expands more than 100 times its compressed size "
                      f"({compressed} bytes): not read, is it a zip bomb?"]
    assert stats is None  # refused from the zip header, before any row: the new store is removed


def test_a_zip_whose_header_hides_its_size_stops_while_reading(tmp_path: Path) -> None:
    from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
    from diplograph.loaders.events import iter_event_facts
    from diplograph.graph.model.errors import InputError

    path = tmp_path / "small.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.export.CSV", b"".join(LINES) * 30)
    # a limit the member passes from its header, then the same through the stream count
    counts, errors = LoadCounts(), []
    sink = RejectSink(tmp_path / "r.tsv")
    facts = list(iter_event_facts("gdelt", [str(path)], EventLoadOptions(max_expansion=2), sink, counts,
                                  file_errors=errors))
    assert [e.reason.split(" (")[0] for e in errors] == ["expands more than 2 times its compressed size"]
    assert facts == [] and isinstance(errors[0], InputError)


def test_icews_long_line_and_reject_limit(tmp_path: Path) -> None:
    sample = (DATA / "icews" / "events.sample.tab").read_bytes().splitlines(keepends=True)
    path = tmp_path / "events.tab"
    path.write_bytes(b"".join(sample[:2]) + b"20009999\t" + b"y" * 200_000 + b"\n" + b"".join(sample[2:])
                     + b"cut\trow\n" * 50)
    store, rejects = tmp_path / "s.sqlite", tmp_path / "r.tsv"
    result = runner.invoke(app, ["load", "icews", str(path), "--store", str(store), "--rejects", str(rejects), "--max-rejects", "10"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        f"error: {path}: 10 rejected rows (limit 10): the rest of the file was not read; is it the right kind of file?"]
    rows = list(csv.reader(rejects.open(encoding="utf-8", newline=""), delimiter="\t"))[1:]
    assert (rows[0][1], rows[0][2]) == ("3", "line longer than 65536 bytes")
    assert len([r for r in rows if r[1]]) == 10  # and the file error, line empty
    assert rows[-1][1:3] == ["", "10 rejected rows (limit 10): the rest of the file was not read; is it the right kind of file?"]
    # the sample's 5 good rows are loaded (tests/test_icews.py), the 5 bad ones rejected, then 4 cut rows
    assert "5 loaded" in result.stdout
