"""Fact-table loader: hand-written CSV and JSON Lines tables, rows worked out by hand, rejects
with lines, stable row-hash ids (loading twice adds nothing), bad headers."""

from __future__ import annotations

import csv
import hashlib

import pytest

from diplograph.graph.analysis import fact_frame
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.loaders.event_rows import DUPLICATE_ROW, EventLoadOptions, LoadCounts, RejectSink
from diplograph.loaders.events import iter_event_facts, load_event_files
from diplograph.loaders.fact_table import TableMapper
from locations import DATA

FACTS = DATA / "facts"
CSV = FACTS / "sample.csv"
JSONL = FACTS / "sample.jsonl"
CSV_LINES = CSV.read_text(encoding="utf-8").splitlines()
JSON_LINES = JSONL.read_text(encoding="utf-8").splitlines()


def _facts(paths, tmp_path, **opts):
    counts = LoadCounts()
    sink = RejectSink(tmp_path / "rejects.tsv")
    facts = list(iter_event_facts("facts", [str(p) for p in paths], EventLoadOptions(**opts), sink, counts))
    sink.close()
    return facts, counts, sink


def _rejects(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))


def _row(f):
    return (f.subject.kind, f.subject.id, f.relation, f.object.kind, f.object.id, f.date, f.confidence,
            f.reported_by, f.source_url, f.cameo, f.context)


S, L, F, O = ActorKind.STATE, ActorKind.LEADER, ActorKind.FIRM, ActorKind.ORGANIZATION


def test_csv_rows_worked_out_by_hand(tmp_path):
    facts, counts, sink = _facts([CSV], tmp_path)
    # 16 physical lines after the header; the quoted sentence of line 14 runs on to line 15
    assert (counts.read, counts.loaded, sink.count, sum(counts.skipped.values())) == (15, 6, 6, 3)
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())
    # lines 12 and 16; line 13 is line 2 again (same fact, another confidence): a duplicate
    assert dict(counts.skipped) == {"empty line": 1, "same actor on both sides": 1, DUPLICATE_ROW: 1}
    assert [_row(f) for f in facts] == [
        # line 2: ISO3 codes, confidence 0.9, a plain-text source is the attribution
        (S, "RUS", RelationType.SUPPORTS, S, "VEN", "2019-09-25", 0.9, "Interfax", None, None, None),
        # line 3: country names; a URL source; CAMEO 163 has PLOVER context "diplomatic"
        (S, "USA", RelationType.SANCTIONS, S, "VEN", "2019-01-28", 1.0, None,
         "https://home.treasury.gov/news/press-releases/sm594", "163", "diplomatic"),
        # line 4: leaders by name and by the alias "Putin" (leaders.tsv); PLOVER CONSULT
        (L, "nicolas-maduro", RelationType.CONSULTS, L, "vladimir-putin", "2019-09-25", 1.0, "TASS", None, None, None),
        # line 5: PLOVER COOPERATE with CAMEO 061 (context economic) is TRADES_WITH
        (S, "CHN", RelationType.TRADES_WITH, S, "VEN", "2019-04-01", 1.0, "Xinhua", None, "061", "economic"),
        # line 6: an organisation by name gives its code
        (O, "EU", RelationType.SANCTIONS, S, "VEN", "2017-11-13", 1.0, "Council of the EU", None, None, None),
        # line 14: a firm of firms.tsv, with a sentence over two lines
        (F, "rosneft", RelationType.INVESTS_IN, S, "VEN", "2019-03-01", 1.0, "Reuters", None, None, None),
    ]
    assert facts[2].subject.country == "VEN" and facts[2].object.country == "RUS"
    assert facts[5].subject.country == "RUS" and facts[5].sentence == "Rosneft invested\nin Venezuela's oil fields."
    assert facts[0].sentence == "Russia backs Venezuela, the Kremlin said."
    # the normalised row decides the id: line 13, written with names, a lower-case relation
    # and another confidence, is line 2's fact (skipped above as a duplicate)
    line13 = TableMapper().map({"subject": "Russian Federation", "relation": "supports", "object": "Venezuela",
                                "date": "2019-09-25", "source": "Interfax", "subject_type": "State",
                                "confidence": "0.8", "sentence": "Russia backs Venezuela, the Kremlin said."})
    assert facts[0].event_id == line13.event_id and facts[0].key == line13.key
    basis = "\x1f".join(["State", "RUS", "SUPPORTS", "State", "VEN", "2019-09-25", "Interfax",
                         "Russia backs Venezuela, the Kremlin said.", ""])
    assert facts[0].event_id == "facts:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()
    assert len({f.key for f in facts}) == 6 == len(facts)


def test_csv_rejects_with_line_numbers(tmp_path):
    _, _, sink = _facts([CSV], tmp_path)
    rows = _rejects(sink.path)
    assert rows[0] == ["file", "line", "reason", "raw"]
    assert [r[1:3] for r in rows[1:]] == [
        ["7", "wrong number of columns: 3 (expected 10)"],
        ["8", "unknown relation 'LIKES'"],
        ["9", "unknown state 'Atlantis' (subject)"],
        ["10", "bad date '2019-13-01' (expected YYYY-MM-DD)"],
        ["11", "bad confidence '1.5' (expected a number in 0..1)"],
        ["17", "unknown actor type 'Country' (subject_type; expected State, Leader, Firm or Organization)"],
    ]
    assert [r[3] for r in rows[1:]] == [CSV_LINES[i - 1] for i in (7, 8, 9, 10, 11, 17)]
    assert {r[0] for r in rows[1:]} == {str(CSV)}


def test_jsonl_rows_and_rejects(tmp_path):
    facts, counts, sink = _facts([JSONL], tmp_path)
    assert (counts.read, counts.loaded, sink.count, sum(counts.skipped.values())) == (9, 3, 6, 0)
    assert [_row(f) for f in facts] == [
        (S, "RUS", RelationType.SUPPORTS, S, "VEN", "2019-09-25", 0.9, "Interfax", None, None, None),
        # no date, no source: both optional in JSON Lines; PLOVER THREATEN
        (O, "NATO", RelationType.THREATENS, S, "RUS", None, 1.0, None, None, None, None),
        # "trades with" is TRADES_WITH; a firm of firms.tsv
        (F, "gazprom", RelationType.TRADES_WITH, S, "DEU", "2019-05-02", 1.0, "Bloomberg", None, "061", "economic"),
    ]
    rows = _rejects(sink.path)
    csv_facts, _, _ = _facts([CSV], tmp_path / "csv")
    assert facts[0].key == csv_facts[0].key  # the same row in either format is the same fact
    assert [r[1:3] for r in rows[1:]] == [
        ["3", "bad JSON: Expecting property name enclosed in double quotes (column 43)"],
        ["4", "not a JSON object"],
        ["5", "missing key 'object'"],
        ["6", "unknown key 'sourse'"],
        ["7", "bad confidence 'high' (expected a number in 0..1)"],
        ["9", """bad value of 'object': {"id": "VEN"} (expected text)"""],
    ]
    assert [r[3] for r in rows[1:]] == [JSON_LINES[i - 1] for i in (3, 4, 5, 6, 7, 9)]
    assert sink.by_reason["bad JSON"] == 1


def test_bad_header_is_a_file_error_and_the_next_file_loads(tmp_path):
    typo = tmp_path / "typo.csv"
    typo.write_text("subject,relation,object,date,source,subjet_type\nRUS,SUPPORTS,VEN,,,\n", encoding="utf-8")
    short = tmp_path / "short.csv"
    short.write_text("subject,relation,object\nRUS,SUPPORTS,VEN\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    facts, counts, sink = _facts([typo, short, empty, JSONL], tmp_path)
    assert counts.read == 9 and len(facts) == 3
    rows = _rejects(sink.path)
    assert rows[1][:3] == [str(typo), "1", "not a fact table: unknown column 'subjet_type' (columns: subject, "
                           "relation, object, date, source; optional: subject_type, object_type, confidence, "
                           "sentence, cameo)"]
    assert rows[2][:3] == [str(short), "1", "not a fact table: no column 'date', 'source' (columns: subject, "
                           "relation, object, date, source; optional: subject_type, object_type, confidence, "
                           "sentence, cameo)"]
    assert rows[3][:3] == [str(empty), "", "empty file"]


def test_tab_separated_with_only_required_columns(tmp_path):
    path = tmp_path / "facts.tsv"
    path.write_text("subject\trelation\tobject\tdate\tsource\n"
                    "Iran, Islamic Republic of\tDISAPPROVE\tIsrael\t2020-01-03\thttp://example.org/a\n"
                    "UAE\tREQUEST\tQAT\t\t\n", encoding="utf-8")
    facts, counts, sink = _facts([path], tmp_path)
    assert [(f.subject.id, f.relation, f.object.id, f.date, f.source_url) for f in facts] == [
        ("IRN", RelationType.OPPOSES, "ISR", "2020-01-03", "http://example.org/a"),
        ("ARE", RelationType.DEMANDS, "QAT", None, None),  # PLOVER 0.8 REQUEST; UAE from states.tsv
    ]
    assert sink.count == 0


def test_a_leader_of_the_tables_keeps_the_role_and_names_of_their_office(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text("subject,relation,object,date,source,subject_type,object_type\n"
                    "USA,SUPPORTS,Guaido,2019-01-23,Reuters,,Leader\n"
                    "Lavrov,CONSULTS,Wang Yi,2019-05-13,TASS,Leader,Leader\n", encoding="utf-8")
    facts, counts, sink = _facts([path], tmp_path)
    guaido, lavrov = facts[0].object, facts[1].subject
    # leaders.tsv: Juan Guaidó, VEN, Opposition leader: his facts do not count for Venezuela
    assert (guaido.id, guaido.name, guaido.country, guaido.role) == ("juan-guaido", "Juan Guaidó", "VEN", "Opposition leader")
    assert {"Guaidó", "Juan Guaido"} <= set(guaido.aliases)
    assert (lavrov.id, lavrov.country, lavrov.role) == ("sergei-lavrov", "RUS", "Foreign Minister")
    frame = fact_frame(facts)
    assert frame.attrs["notForState"] == ["juan-guaido"]
    assert list(zip(frame["source"], frame["target"], frame["unmapped"])) == [
        ("USA", None, "leaderNotForState"), ("RUS", "CHN", None)]


def test_a_leader_of_several_offices_is_the_same_actor_by_any_name_as_of_the_latest(tmp_path):
    """leaders.tsv lists Putin's premiership (2008-2012) after his presidency from 2012: by his
    full name or his alias, a fact table's Putin is one actor, President, the latest office."""
    path = tmp_path / "facts.csv"
    path.write_text("subject,relation,object,date,source,subject_type,object_type\n"
                    "Putin,CONSULTS,CHN,2023-03-20,TASS,Leader,\n"
                    "Vladimir Putin,CONSULTS,IND,2024-07-08,TASS,Leader,\n", encoding="utf-8")
    facts, counts, sink = _facts([path], tmp_path)
    short, full = facts[0].subject, facts[1].subject
    assert short == full
    assert (full.id, full.country, full.role) == ("vladimir-putin", "RUS", "President")


def test_countries_filter(tmp_path):
    facts, counts, sink = _facts([CSV], tmp_path, countries=frozenset({"RUS"}))
    # kept: lines 2 (RUS), 4 (Putin, country RUS), 14 (Rosneft, country RUS); 13 repeats 2
    assert [f.subject.id for f in facts] == ["RUS", "nicolas-maduro", "rosneft"]
    assert counts.skipped[DUPLICATE_ROW] == 1
    assert counts.skipped["filter: countries"] == 3  # lines 3, 5, 6
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())


def test_load_into_sqlite_twice_adds_nothing(tmp_path):
    with SQLiteStore(tmp_path / "g.db") as store:
        first = load_event_files("facts", [str(CSV), str(JSONL)], store, EventLoadOptions(batch_size=3))
        assert (first.read, first.loaded, first.rejected, first.skipped) == (24, 8, 12, 4)
        assert first.read == first.loaded + first.rejected + first.skipped
        # CSV line 13 and JSONL line 1 repeat CSV line 2: duplicates, not loaded twice
        assert first.skipped_by_reason[DUPLICATE_ROW] == 2
        assert first.added.facts == first.loaded == 8
        assert first.rejects_path is not None and first.rejects_path.parent == tmp_path
        second = load_event_files("facts", [str(FACTS)], store, EventLoadOptions(rejects_path=tmp_path / "r2.tsv"))
        assert second.files == [str(CSV), str(JSONL)]  # a folder: its .csv and .jsonl files, sorted
        assert second.loaded == 8 and second.added.facts == 0 and second.added.actors == 0
        assert store.stats().facts == 8
        stored = {f.event_id: f for f in store.iter_facts()}
        leader = next(f for f in stored.values() if f.subject.id == "nicolas-maduro")
        assert (leader.relation, leader.object.id, leader.reported_by, leader.extractor) == (
            RelationType.CONSULTS, "vladimir-putin", "TASS", "facts")
        assert leader.subject.kind is ActorKind.LEADER and leader.subject.country == "VEN"


def test_an_unclosed_quote_rejects_its_line_and_the_rows_after_it_load(tmp_path):
    table = tmp_path / "unclosed.csv"
    table.write_text("subject,relation,object,date,source\n"
                     'CHL,SUPPORTS,PER,2021-01-02,"El Mercurio\n'            # line 2: closed by the first quote of line 4
                     "ARG,SANCTIONS,BOL,2021-01-03,Clarin\n"
                     'URY,SUPPORTS,PRY,2021-01-04,"La Diaria"\n'
                     'COL,SUPPORTS,ECU,2021-01-05,"El Tiempo,\nline 6 of the cell"\n'  # a quoted cell on two lines
                     'ECU,OPPOSES,COL,2021-01-06,"El Universo\n'             # line 7: never closed
                     "VEN,SUPPORTS,CUB,2021-01-07,Granma\n", encoding="utf-8")
    facts, counts, sink = _facts([table], tmp_path)
    assert sorted((f.subject.id, f.object.id, f.reported_by) for f in facts) == [
        ("ARG", "BOL", "Clarin"), ("COL", "ECU", "El Tiempo,\nline 6 of the cell"), ("URY", "PRY", "La Diaria"),
        ("VEN", "CUB", "Granma")]
    advice = "this line is rejected and the lines after it are read again (close the quote; a quote inside a quoted cell is written \"\")"
    assert [row[1:] for row in _rejects(sink.path)[1:]] == [
        ["2", f"unclosed quote: the quoted cell opened on this line runs to line 4; {advice}", 'CHL,SUPPORTS,PER,2021-01-02,"El Mercurio'],
        ["7", f"unclosed quote: the quoted cell opened on this line runs to the end of the file; {advice}",
         'ECU,OPPOSES,COL,2021-01-06,"El Universo'],
    ]
    assert counts.read == counts.loaded + sink.count + sum(counts.skipped.values())


@pytest.mark.parametrize("end", ["\n", ""])
def test_an_unclosed_quote_on_the_last_line_rejects_it(tmp_path, end):
    # one line only, its quote open to the end of the file: rejected, as an open quote
    # that runs over several lines is (the lenient reader took 'x\n' as the cell)
    table = tmp_path / "last.csv"
    table.write_text('subject,relation,object,date,source\nPER,SUPPORTS,CHL,2021-01-02,"La Republica"\n'
                     f'RUS,SUPPORTS,VEN,2019-01-04,"x{end}', encoding="utf-8")
    facts, counts, sink = _facts([table], tmp_path)
    assert [(f.subject.id, f.object.id, f.reported_by) for f in facts] == [("PER", "CHL", "La Republica")]
    assert [row[1:3] for row in _rejects(sink.path)[1:]] == [
        ["3", "unclosed quote: the quoted cell opened on this line runs to the end of the file; this line is rejected "
              'and the lines after it are read again (close the quote; a quote inside a quoted cell is written "")']]
    assert (counts.read, counts.loaded, sink.count) == (2, 1, 1)
