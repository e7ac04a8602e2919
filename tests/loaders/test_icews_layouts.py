"""ICEWS layouts (issue 15, item 11): ``Event Date`` as ``1/1/2017`` or ``12/31/2017``, headers
written ``event_id`` / ``Event.ID``, no ``CAMEO Code`` (read from Event Text), no Intensity or
Sectors: each loads what the original layout loads; only malformed rows are rejected."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.model.vocabulary import RelationType
from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
from diplograph.loaders.events import iter_event_facts
from locations import DATA

SAMPLE = DATA / "icews" / "events.sample.tab"
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()
HEADER = LINES[0].split("\t")


def _facts(path: Path, tmp_path: Path):
    counts, sink = LoadCounts(), RejectSink(tmp_path / "rejects.tsv")
    facts = list(iter_event_facts("icews", [str(path)], EventLoadOptions(), sink, counts))
    sink.close()
    rows = list(csv.reader(sink.path.open(encoding="utf-8", newline=""), delimiter="\t"))[1:] if sink.written else []
    return facts, counts, [(r[1], r[2]) for r in rows]


def _rewrite(tmp_path: Path, name: str, header: list[str], cell) -> Path:
    """The sample with a new header and each 20-column row's cells passed through ``cell(column, value)``."""
    out = ["\t".join(header)]
    for line in LINES[1:]:
        cells = line.split("\t")
        out.append("\t".join(cell(HEADER[i], v) for i, v in enumerate(cells)) if len(cells) == 20 else line)
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _month_first(column: str, value: str) -> str:
    if column == "Event Date" and value.count("-") == 2:
        year, month, day = value.split("-")
        return f"{int(month)}/{int(day)}/{year}"
    return value


def test_month_first_dates_load_like_iso_dates(tmp_path: Path) -> None:
    path = _rewrite(tmp_path, "events.2017.tab", HEADER, _month_first)
    assert "\t1/1/2015\t" in path.read_text() and "\t2/30/2015\t" in path.read_text()
    facts, counts, rejects = _facts(path, tmp_path)
    plain, _, plain_rejects = _facts(SAMPLE, tmp_path)
    assert [(f.event_id, f.date) for f in facts] == [(f.event_id, f.date) for f in plain]
    assert [f.key for f in facts] == [f.key for f in plain]
    # the one impossible date (February 30th) is still the one date rejected
    assert [r for r in rejects if "Date" in r[1]] == [("6", "bad Event Date '2/30/2015'")]
    assert len(rejects) == len(plain_rejects) == 5


def test_twelve_thirty_one_and_two_digit_months(tmp_path: Path) -> None:
    row = LINES[1].split("\t")
    path = tmp_path / "dec.tab"
    lines = [LINES[0]]
    for n, date in enumerate(("12/31/2017", "1/1/2017", "01/09/2017", "13/1/2017", "12/32/2017", "2017/12/31"), 1):
        lines.append("\t".join([str(30000000 + n), date, *row[2:]]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts, _, rejects = _facts(path, tmp_path)
    assert [f.date for f in facts] == ["2017-12-31", "2017-01-01", "2017-01-09"]
    assert rejects == [("5", "bad Event Date '13/1/2017'"), ("6", "bad Event Date '12/32/2017'"),
                       ("7", "bad Event Date '2017/12/31'")]


def test_renamed_headers_no_cameo_code_no_intensity(tmp_path: Path) -> None:
    # headers as re-exported by other tools; the CAMEO Code and Intensity columns dropped
    dropped = {"CAMEO Code", "Intensity"}
    keep = [i for i, c in enumerate(HEADER) if c not in dropped]
    header = [HEADER[i].lower().replace(" ", "_") if i % 2 else HEADER[i].replace(" ", ".") for i in keep]
    out = ["\t".join(header)]
    for line in LINES[1:]:
        cells = line.split("\t")
        out.append("\t".join(cells[i] for i in keep) if len(cells) == 20 else line)
    path = tmp_path / "events.renamed.tab"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    facts, counts, rejects = _facts(path, tmp_path)
    got = [(f.event_id, f.subject.id, f.relation, f.object.id, f.cameo, f.goldstein) for f in facts]
    assert got == [
        # codes from Event Text, Intensity from the Goldstein table (the sample's values)
        ("icews:20000001", "RUS", RelationType.CONSULTS, "VEN", "042", 1.9),
        ("icews:20000002", "USA", RelationType.SANCTIONS, "VEN", "163", -8.0),
        # line 7: Event Text "Make a visit" gives 042 (the file's CAMEO Code "43" is gone)
        ("icews:20000006", "RUS", RelationType.CONSULTS, "BLR", "042", 1.9),
        ("icews:20000009", "UN", RelationType.AIDS, "SYR", "073", 7.4),
        ("icews:20000011", "CHN", RelationType.TRADES_WITH, "KOR", "061", 6.4),
        # line 15: Intensity "high" is gone with the column: the table's 1.9
        ("icews:20000013", "RUS", RelationType.CONSULTS, "BLR", "042", 1.9),
        ("icews:20000014", "UKR", RelationType.FIGHTS, "RUS", "190", -10.0),
    ]
    assert rejects == [("6", "bad Event Date '2015-02-30'"), ("8", "wrong number of columns: 12 (expected 18)"),
                       ("9", "unknown country 'Atlantis' (source)")]
    # line 4's "Make statement" (CAMEO 010, no PLOVER type) is skipped, not rejected
    assert counts.skipped["Event Text 'Make statement' is no CAMEO 03-20 description"] == 1
    assert counts.read == counts.loaded + len(rejects) + sum(counts.skipped.values())


def test_cli_loads_a_month_first_file(tmp_path: Path) -> None:
    path = _rewrite(tmp_path, "events.2017.tab", HEADER, _month_first)
    result = CliRunner().invoke(app, ["load", "icews", str(path), "--store", str(tmp_path / "s.sqlite"),
                                      "--rejects", str(tmp_path / "r.tsv")])
    assert "15 rows read: 5 loaded, 5 rejected, 5 skipped" in result.stdout
    assert result.exit_code == 1  # the sample's five malformed rows
