"""ICEWS loader: a hand-written ICEWS-like file, rows worked out by hand, rejects with lines,
header by name, zips, idempotent load into SQLite."""

from __future__ import annotations

import csv
import zipfile

import pytest

from diplograph.graph.model.errors import InputError
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.loaders.countries import CountryNames
from diplograph.loaders.event_rows import EventLoadOptions, LoadCounts, RejectSink
from diplograph.loaders.events import iter_event_facts, load_event_files
from diplograph.loaders.icews import IcewsActors
from locations import DATA

SAMPLE = DATA / "icews" / "events.sample.tab"
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()


def _facts(paths, tmp_path, **opts):
    counts = LoadCounts()
    sink = RejectSink(tmp_path / "rejects.tsv")
    facts = list(iter_event_facts("icews", [str(p) for p in paths], EventLoadOptions(**opts), sink, counts))
    sink.close()
    return facts, counts, sink


def _rejects(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))


def test_every_row_loaded_rejected_or_skipped(tmp_path):
    facts, counts, sink = _facts([SAMPLE], tmp_path)
    assert len(LINES) == 16  # header + 15 rows
    assert (counts.read, counts.loaded, sink.count, sum(counts.skipped.values())) == (15, 5, 5, 5)
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())
    assert dict(counts.skipped) == {
        "no PLOVER type (CAMEO 01/02: statements and appeals)": 1,  # line 4: 010 make statement
        "source is not a state actor": 2,  # line 5: Citizen (India); line 12: an opposition legislator
        "empty line": 1,  # line 10
        "same actor on both sides": 1,  # line 14: Mexican police arrest (Mexican government)
    }


def test_rows_worked_out_by_hand(tmp_path):
    facts, _, _ = _facts([SAMPLE], tmp_path)
    got = [(f.event_id, f.subject.id, f.relation, f.object.id, f.date, f.cameo, f.goldstein, f.reported_by) for f in facts]
    assert got == [
        # line 2: Vladimir Putin (Executive, Government; Russian Federation) makes a visit (042)
        # to Nicolás Maduro (Executive, Government; Venezuela)
        ("icews:20000001", "RUS", RelationType.CONSULTS, "VEN", "2015-01-01", "042", 1.9, "Interfax"),
        # line 3: United States (the country's own name) sanctions (163) Government (Venezuela)
        ("icews:20000002", "USA", RelationType.SANCTIONS, "VEN", "2015-01-02", "163", -8.0, "Reuters News"),
        # line 11: United Nations (organizations.tsv, no country) gives humanitarian aid (073)
        # to Government (Syria), country "Syrian Arab Republic"
        ("icews:20000009", "UN", RelationType.AIDS, "SYR", "2015-01-09", "073", 7.4, "Al Jazeera"),
        # line 13: Ministry of Commerce (China) cooperates economically (061) with
        # "Korea, Republic of" (a country name, so the state)
        ("icews:20000011", "CHN", RelationType.TRADES_WITH, "KOR", "2015-01-11", "061", 6.4, "Yonhap"),
        # line 16: Military (Ukraine) uses conventional military force (190) on Military (Russia)
        ("icews:20000014", "UKR", RelationType.FIGHTS, "RUS", "2015-01-14", "190", -10.0, "Kyiv Post"),
    ]
    un = facts[2].subject
    assert (un.kind, un.name) == (ActorKind.ORGANIZATION, "United Nations")
    assert facts[0].subject.kind is ActorKind.STATE and facts[0].subject.name == "Russia"
    assert facts[2].context == "humanitarian" and facts[3].context == "economic"
    assert all(f.extractor == "icews" and f.sentence is None and f.source_url is None for f in facts)


def test_malformed_rows_rejected_with_line_numbers(tmp_path):
    _, _, sink = _facts([SAMPLE], tmp_path)
    rows = _rejects(sink.path)
    assert rows[0] == ["file", "line", "reason", "raw"]
    assert [r[:3] for r in rows[1:]] == [
        [str(SAMPLE), "6", "bad Event Date '2015-02-30'"],
        [str(SAMPLE), "7", "unknown CAMEO code '43'"],  # "043" with its leading zero lost
        [str(SAMPLE), "8", "wrong number of columns: 12 (expected 20)"],
        [str(SAMPLE), "9", "unknown country 'Atlantis' (source)"],
        [str(SAMPLE), "15", "bad Intensity 'high'"],
    ]
    assert [r[3] for r in rows[1:]] == [LINES[5], LINES[6], LINES[7], LINES[8], LINES[14]]
    assert sink.by_reason["unknown country"] == 1


def test_header_by_name_fewer_location_columns_and_zip(tmp_path):
    # the same rows with the six location columns dropped, columns reordered, zipped
    order = [13, 1, 0, *range(2, 13)]
    cut = []
    for line in LINES:
        cells = line.split("\t")
        cut.append("\t".join(cells[i] for i in order) if len(cells) == 20 else line)
    archive = tmp_path / "events.2015.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("events.2015.tab", "\n".join(cut) + "\n")
    facts, counts, sink = _facts([archive], tmp_path)
    rows = _rejects(sink.path)
    plain, _, _ = _facts([SAMPLE], tmp_path)
    assert [f.key for f in facts] == [f.key for f in plain]
    assert [(f.subject.id, f.object.id, f.reported_by) for f in facts] == [
        (f.subject.id, f.object.id, f.reported_by) for f in plain]
    assert rows[3][:3] == [f"{archive}:events.2015.tab", "8", "wrong number of columns: 12 (expected 14)"]


def test_missing_required_column_is_a_file_error(tmp_path):
    path = tmp_path / "no_cameo.tab"
    header = LINES[0].replace("CAMEO Code", "Code").replace("Event Text", "Text")
    path.write_text(header + "\n" + LINES[1] + "\n", encoding="utf-8")
    facts, counts, sink = _facts([path, SAMPLE], tmp_path)
    assert len(facts) == 5 and counts.read == 15  # the next file still loads
    assert _rejects(sink.path)[1][:3] == [
        str(path), "1", "not an ICEWS event file: no column 'CAMEO Code' or 'Event Text'"]
    with pytest.raises(InputError):
        from diplograph.loaders.icews import parse_icews_header

        parse_icews_header("x.tab", "Event ID\tEvent Date")


def test_actor_rules():
    actors = IcewsActors()
    assert actors.resolve("Nicolás Maduro", "Executive,Executive Office,Government,Parties", "Venezuela", "source").id == "VEN"
    assert actors.resolve("Hamas", "Parties,Radicals", "Occupied Palestinian Territory", "source").id == "HAMAS"
    assert actors.resolve("Business (Germany)", "Business", "Germany", "source") == ("source is not a state actor", False)
    assert actors.resolve("Amnesty Intl", "Non-Governmental Organizations", "United Kingdom", "target") == (
        "target is not a state actor", False)
    assert actors.resolve("Africa", "", "", "target") == ("target has no country", False)
    assert IcewsActors("country").resolve("Business (Germany)", "Business", "Germany", "source").id == "DEU"
    names = CountryNames()
    assert [names.iso3(n) for n in ("Occupied Palestinian Territory", "Congo, The Democratic Republic of the",
                                    "Iran, Islamic Republic of", "Serbia and Montenegro", "UAE", "JAP", "Middle East")] == [
        "PSE", "COD", "IRN", "SRB", "ARE", "JPN", None]
    assert names.exact("Citizen (Russia)") is None and names.exact("Russian Federation") == "RUS"


def test_countries_filter(tmp_path):
    facts, counts, sink = _facts([SAMPLE], tmp_path, countries=frozenset({"VEN"}))
    assert [f.event_id for f in facts] == ["icews:20000001", "icews:20000002"]
    # lines 11, 13, 16 and 14 (the filter comes before the same-actor check, as in GDELT)
    assert counts.skipped["filter: countries"] == 4
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())


def test_load_into_sqlite_twice_adds_nothing(tmp_path):
    with SQLiteStore(tmp_path / "g.db") as store:
        first = load_event_files("icews", [str(SAMPLE)], store, EventLoadOptions(batch_size=2))
        assert (first.read, first.loaded, first.rejected, first.skipped) == (15, 5, 5, 5)
        assert first.rejects_path == tmp_path / first.rejects_path.name and first.rejects_path.exists()
        assert first.added.facts == 5
        assert first.added.actors == 8  # RUS, VEN, USA, UN, SYR, CHN, KOR, UKR
        second = load_event_files("icews", [str(SAMPLE)], store, EventLoadOptions(rejects_path=tmp_path / "r2.tsv"))
        assert second.loaded == 5 and second.added.facts == 0 and second.added.actors == 0
        assert store.stats().facts == 5
        stored = {f.event_id: f for f in store.iter_facts()}
        f = stored["icews:20000002"]
        assert (f.subject.id, f.relation, f.object.id, f.date, f.goldstein, f.reported_by) == (
            "USA", RelationType.SANCTIONS, "VEN", "2015-01-02", -8.0, "Reuters News")


def test_a_latin1_line_is_read_not_lost(tmp_path):
    path = tmp_path / "latin1.tab"
    path.write_bytes((LINES[0] + "\n").encode() + (LINES[1] + "\n").encode("latin-1"))
    assert "Nicolás".encode("latin-1") in path.read_bytes()
    [fact], counts, sink = _facts([path], tmp_path)
    assert (fact.subject.id, fact.relation, fact.object.id, counts.read, sink.count) == (
        "RUS", RelationType.CONSULTS, "VEN", 1, 0)
