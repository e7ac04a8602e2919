"""Event ids (issue 15, item 12): an id reused for another event is a reported reject; an exact
duplicate row is counted as a duplicate, not loaded; the counts add up to what is stored.
Through the CLI, as a user would load."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from diplograph.graph.cli import app
from locations import DATA

runner = CliRunner()

HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t"
          "Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher")


def _row(event_id: int, target: str, code: str = "112", text: str = "Accuse") -> str:
    return f"{event_id}\t2017-03-01\tRussia\t\tRussia\t{text}\t{code}\t-2.0\t{target}\t\t{target}\t1\t1\tTASS"


def _load(tmp_path: Path, kind: str, path: Path):
    store, rejects = tmp_path / "s.sqlite", tmp_path / "rejects.tsv"
    result = runner.invoke(app, ["load", kind, str(path), "--store", str(store), "--rejects", str(rejects)])
    assert "Traceback" not in result.output
    stats = json.loads(runner.invoke(app, ["stats", "--store", str(store), "--format", "json"]).stdout)
    rows = list(csv.reader(rejects.open(encoding="utf-8", newline=""), delimiter="\t"))[1:] if rejects.exists() else []
    return result, stats, rows


def test_icews_event_id_reused_for_another_event_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "events.tab"
    path.write_text("\n".join([HEADER, _row(9001, "Ukraine"), _row(9001, "Poland"), _row(9002, "Poland")]) + "\n")
    result, stats, rows = _load(tmp_path, "icews", path)
    assert result.exit_code == 1
    assert "3 rows read: 2 loaded, 1 rejected, 0 skipped; 3 actors and 2 facts added" in result.stdout
    assert stats["facts"] == 2 and stats["factsByType"] == {"ACCUSES": 2}
    assert [r[1:3] for r in rows] == [["3", f"event id '9001' reused for another event (first at {path}:2)"]]


def test_icews_exact_duplicate_row_is_counted_as_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "events.tab"
    path.write_text("\n".join([HEADER, _row(9001, "Ukraine"), _row(9002, "Poland"), _row(9001, "Ukraine")]) + "\n")
    result, stats, rows = _load(tmp_path, "icews", path)
    assert result.exit_code == 0 and rows == []
    assert "3 rows read: 2 loaded, 0 rejected, 1 skipped; 3 actors and 2 facts added" in result.stdout
    assert "skipped 1: duplicate row (same event id and content as an earlier row)" in result.stdout
    assert stats["facts"] == 2


def test_gdelt_duplicate_and_reused_ids(tmp_path: Path) -> None:
    sample = (DATA / "20150218230000.export.CSV").read_text(encoding="utf-8").splitlines()
    line27 = sample[26]  # IRQ -> USA, CONSULTS (tests/test_gdelt.py)
    other = line27.split("\t")
    other[17] = "FRA"  # Actor2CountryCode: the same GLOBALEVENTID for IRQ -> FRA
    other[15] = "FRA"
    path = tmp_path / "dup.export.CSV"
    path.write_text("\n".join([line27, line27, "\t".join(other)]) + "\n", encoding="utf-8")
    result, stats, rows = _load(tmp_path, "gdelt", path)
    assert "3 rows read: 1 loaded, 1 rejected, 1 skipped; 2 actors and 1 facts added" in result.stdout
    assert stats["facts"] == 1
    assert [r[1:3] for r in rows] == [["3", f"event id '410412373' reused for another event (first at {path}:1)"]]
    assert result.exit_code == 1
