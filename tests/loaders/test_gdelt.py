"""GDELT loader: the real sample, rows worked out by hand, zips, GDELT 1.0 rows, malformed rows."""

from __future__ import annotations

import csv
import zipfile

import pytest

from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.loaders.cameo import iso3_for_cameo_country, map_event_code
from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
from diplograph.loaders.events import iter_event_facts, load_event_files
from diplograph.loaders.gdelt import resolve_actor
from locations import DATA

SAMPLE = DATA / "20150218230000.export.CSV"
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()


def _facts(paths, tmp_path, **opts):
    counts = LoadCounts()
    sink = RejectSink(tmp_path / "rejects.tsv")
    facts = list(iter_event_facts("gdelt", [str(p) for p in paths], EventLoadOptions(**opts), sink, counts))
    sink.close()
    return facts, counts, sink


def _rejects(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))


def test_sample_every_row_loaded_or_skipped_with_reason(tmp_path):
    facts, counts, sink = _facts([SAMPLE], tmp_path)
    assert counts.read == 2271 == len(LINES)
    assert sink.count == 0  # the sample is well-formed
    assert counts.loaded == len(facts) == 436
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())
    # counted independently with awk: EventCode 01x/02x (no PLOVER type) and, among the rest,
    # an empty Actor1Code
    assert counts.skipped["no PLOVER type (CAMEO 01/02: statements and appeals)"] == 379
    assert counts.skipped["no actor1"] == 177
    assert len({f.key for f in facts}) == 436


def test_rows_worked_out_by_hand(tmp_path):
    facts, _, _ = _facts([SAMPLE], tmp_path)
    by_id = {f.event_id: f for f in facts}
    # line 27: IRQ (IRAQ) -> USA (UNITED STATES), EventCode 043 "host a visit", Goldstein 2.8, SQLDATE 20140218
    f = by_id["gdelt:410412373"]
    assert (f.subject.id, f.relation, f.object.id, f.date, f.cameo, f.goldstein) == (
        "IRQ", RelationType.CONSULTS, "USA", "2014-02-18", "043", 2.8)
    assert f.subject.kind is ActorKind.STATE and f.subject.name == "Iraq"
    assert f.source_url == LINES[26].split("\t")[60]
    # line 86: GBR -> IRLCOP (Irish police: acts for the state), 192 "occupy territory", -9.5
    f = by_id["gdelt:410412432"]
    assert (f.subject.id, f.relation, f.object.id, f.date, f.goldstein, f.context) == (
        "GBR", RelationType.COERCES, "IRL", "2015-02-17", -9.5, "military")
    # line 1055: IGOEUREEC (known group EEC = the EU) -> RUS, 046 "engage in negotiation", 7.0
    f = by_id["gdelt:410413401"]
    assert (f.subject.id, f.subject.kind, f.relation, f.object.id, f.goldstein) == (
        "EU", ActorKind.ORGANIZATION, RelationType.CONSULTS, "RUS", 7.0)
    # line 1059: IGOUNO -> EGY, 084 "return, release" (CONCEDES in the ontology's wording)
    f = by_id["gdelt:410413405"]
    assert (f.subject.id, f.relation, f.object.id) == ("UN", RelationType.CONCEDES, "EGY")
    # line 33: MOS (a religion code, no country) -> USAMIL: skipped, not loaded
    assert "gdelt:410412379" not in by_id
    # line 1052: the EU -> CVL (civilians, no country): skipped
    assert "gdelt:410413398" not in by_id


def test_cameo_tables():
    assert map_event_code("163").relation is RelationType.SANCTIONS
    assert map_event_code("061").relation is RelationType.TRADES_WITH
    assert map_event_code("062").relation is RelationType.COOPERATES_WITH
    assert map_event_code("057").relation is RelationType.AGREES_WITH
    assert map_event_code("1121").relation is RelationType.ACCUSES
    assert map_event_code("111").relation is RelationType.OPPOSES
    assert map_event_code("193").relation is RelationType.FIGHTS
    assert map_event_code("0241") is None  # an appeal: no PLOVER type
    with pytest.raises(KeyError):
        map_event_code("43")
    assert [iso3_for_cameo_country(c) for c in ("JAP", "ITL", "VTN", "USA", "EUR", "AFR", "IGO", "XYZ")] == [
        "JPN", "ITA", "VNM", "USA", None, None, None, None]
    assert resolve_actor("USABUS", "USA", "", ("BUS", "", ""), "COMPANY", "actor1", "country").id == "USA"
    assert resolve_actor("AFGINSTAL", "AFG", "TAL", ("INS", "", ""), "TALIBAN", "actor1").id == "TALIBAN"


def test_zipped_copy_loads_the_same(tmp_path):
    archive = tmp_path / "20150218230000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(SAMPLE, arcname=SAMPLE.name)
    facts, counts, _ = _facts([archive], tmp_path)
    plain, _, _ = _facts([SAMPLE], tmp_path)
    assert counts.read == 2271 and [f.key for f in facts] == [f.key for f in plain]


def _row_58(line_61: str) -> str:
    """A GDELT 1.0 daily row from a 2.0 row: drop the three Geo ADM2Code columns."""
    cols = line_61.split("\t")
    drop = {35 + 4, 43 + 4, 51 + 4}
    return "\t".join(c for i, c in enumerate(cols) if i not in drop)


def test_gdelt_1_row_with_58_columns(tmp_path):
    path = tmp_path / "20140218.export.CSV"
    path.write_text(_row_58(LINES[26]) + "\n", encoding="utf-8")
    assert len(_row_58(LINES[26]).split("\t")) == 58
    [f], counts, _ = _facts([path], tmp_path)
    assert (f.subject.id, f.relation, f.object.id, f.event_id) == ("IRQ", RelationType.CONSULTS, "USA", "gdelt:410412373")
    assert f.source_url == LINES[26].split("\t")[60]


def test_malformed_rows_rejected_with_line_numbers(tmp_path):
    good = LINES[26]
    cols = good.split("\t")
    bad_date = "\t".join([cols[0], "20141345", *cols[2:]])
    bad_code = "\t".join([*cols[:26], "999", *cols[27:]])
    short = "\t".join(cols[:20])
    path = tmp_path / "mixed.CSV"
    path.write_text("\n".join([good, short, bad_date, LINES[84], bad_code, "", LINES[85]]) + "\n", encoding="utf-8")
    facts, counts, sink = _facts([path], tmp_path)
    assert [f.event_id for f in facts] == ["gdelt:410412373", "gdelt:410412431", "gdelt:410412432"]
    assert counts.read == 7 and sink.count == 4
    rows = _rejects(sink.path)
    assert rows[0] == ["file", "line", "reason", "raw"]
    assert [r[:3] for r in rows[1:]] == [
        [str(path), "2", "wrong number of columns: 20 (expected 61)"],
        [str(path), "3", "bad SQLDATE '20141345'"],
        [str(path), "5", "unknown CAMEO event code '999'"],
        [str(path), "6", "bad GLOBALEVENTID ''"],  # an empty line
    ]
    assert rows[1][3] == short and rows[2][3] == bad_date and rows[3][3] == bad_code and rows[4][3] == ""


def test_filters_are_skips(tmp_path):
    facts, counts, sink = _facts([SAMPLE], tmp_path, root_only=True, quad_classes=frozenset({1, 2}))
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())
    assert all(f.goldstein is not None for f in facts)
    assert counts.skipped["filter: not a root event"] > 0
    facts_c, _, _ = _facts([SAMPLE], tmp_path, countries=frozenset({"RUS"}))
    assert facts_c and all("RUS" in (f.subject.id, f.object.id) for f in facts_c)


def test_missing_and_bad_files_do_not_stop_the_load(tmp_path):
    not_zip = tmp_path / "broken.zip"
    not_zip.write_bytes(b"hello")
    facts, counts, sink = _facts([tmp_path / "missing.CSV", not_zip, SAMPLE], tmp_path)
    assert counts.read == 2271 and len(facts) == 436
    # two files refused whole and no row rejected: the errors are the load's, no rejects file
    assert not sink.written and not sink.path.exists()
    with SQLiteStore(tmp_path / "g.sqlite") as store:
        summary = load_event_files("gdelt", [str(tmp_path / "missing.CSV"), str(not_zip)], store,
                                   EventLoadOptions(rejects_path=tmp_path / "r.tsv"))
    assert [(e.path, e.reason) for e in summary.file_errors] == [
        (str(tmp_path / "missing.CSV"), "no such file"), (str(not_zip), "not a zip archive")]
    assert summary.rejects_path is None and not (tmp_path / "r.tsv").exists()


def test_load_into_sqlite_twice_adds_nothing(tmp_path):
    with SQLiteStore(tmp_path / "g.db") as store:
        first = load_event_files("gdelt", [str(SAMPLE)], store, EventLoadOptions(batch_size=100))
        assert (first.read, first.loaded, first.rejected, first.skipped) == (2271, 436, 0, 1835)
        assert first.rejects_path is None
        assert first.added.facts == 436
        second = load_event_files("gdelt", [str(SAMPLE)], store, EventLoadOptions())
        assert second.loaded == 436 and second.added.facts == 0 and second.added.actors == 0
        assert store.stats().facts == 436
