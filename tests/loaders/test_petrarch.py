"""The PETRARCH2 / Phoenix converter on the excerpts in tests/data/petrarch (MIT, see its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.loaders.petrarch import convert
from locations import DATA

SRC = DATA / "petrarch"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("//")]


def _tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    out = tmp_path_factory.mktemp("petrarch")
    counts = convert(SRC, out)
    return out, counts


def test_person_with_dated_codes_and_synonyms(converted):
    out, _ = converted
    putin = next(row for row in _jsonl(out / "actors.jsonl") if row["name"] == "Vladimir Putin")
    assert putin["kind"] == "person" and putin["country"] == "RUS"
    assert putin["codes"] == [
        {"code": "RUSELI", "start": "1970-01-01", "end": "1999-08-09"},
        {"code": "RUSGOV", "start": "1999-12-31", "end": "2008-05-07"},
        {"code": "RUSGOV", "start": "1999-08-09", "end": "2000-05-07"},
        {"code": "RUSGOV", "start": "2008-05-08", "end": None},
    ]
    assert "prime minister putin" in putin["names"] and putin["names"][0] == "vladimir putin"


def test_state_organisation_armed_group(converted):
    out, _ = converted
    rows = {row["id"]: row for row in _jsonl(out / "actors.jsonl")}
    assert rows["countries-2"]["kind"] == "state" and rows["countries-2"]["names"][:3] == ["russian federation", "russian", "russia"]
    assert rows["international-32"] == {
        "id": "international-32", "name": "United Nations Children's Fund", "names": ["united nations children's fund"],
        "codes": [{"code": "IGOUNOKID", "start": None, "end": None}], "kind": "organisation", "country": None, "line": 32}
    assert rows["milnonstate-9"]["kind"] == "armed_group" and rows["milnonstate-9"]["country"] == "FRA"
    # an IGO office holder: dated code, no state
    assert rows["international-16"]["codes"] == [{"code": "IGOUNO", "start": "2007-01-01", "end": None}]
    assert rows["international-16"]["kind"] == "person" and rows["international-16"]["country"] is None


def test_pattern_with_preposition_and_no_event_pattern(converted):
    out, _ = converted
    patterns = _jsonl(out / "patterns.jsonl")
    ban = next(p for p in patterns if p["pattern"] == "* BAN (ON TRAVEL)")
    assert ban == {"block": "IMPOSE", "subject": [], "words": [["ban"]], "preps": [{"prep": "on", "object": [["travel"]]}],
                   "cameo": "160", "relation": "SANCTIONS", "reverse_cameo": None, "line": ban["line"],
                   "pattern": "* BAN (ON TRAVEL)"}
    taxes = next(p for p in patterns if p["pattern"] == "* TAXES")
    assert taxes["cameo"] is None and taxes["relation"] is None and taxes["words"] == [["tax", "taxes"]]
    sanctions = next(p for p in patterns if p["pattern"] == "* SANCTIONS")
    assert (sanctions["cameo"], sanctions["relation"]) == ("163", "SANCTIONS")
    # a synonym set expanded in a subject position, and a paired code keeping its forward half
    info = next(p for p in patterns if p["pattern"] == "&INFORMATION *")
    assert info["cameo"] == "064" and info["reverse_cameo"] == "064" and "intelligence" in info["subject"][0]
    # a code PLOVER has no type for (013, "make optimistic comment") stays as the pattern's decision
    strike = next(p for p in patterns if p["pattern"] == "* {AIR_STRIKE}")
    assert (strike["cameo"], strike["relation"], strike["words"]) == ("013", None, [["air strike"]])


def test_verbs_multiword_and_default_codes(converted):
    out, _ = converted
    verbs = _jsonl(out / "verbs.jsonl")
    ask_for = next(v for v in verbs if v["lemma"] == "ask" and v["particles"])
    assert ask_for["particles"] == ["for"] and ask_for["forms"] == ["asked", "asking", "asks"]
    assert ask_for["cameo"] is None  # 020 "appeal": PLOVER has no type for it
    levy = next(v for v in verbs if v["lemma"] == "levy")
    assert (levy["block"], levy["cameo"], levy["relation"]) == ("IMPOSE", "170", "COERCES")
    assert levy["forms"] == ["levied", "levies", "levying"]
    assert next(v for v in verbs if v["lemma"] == "abstain")["forms"] == ["abstained", "abstaining", "abstains"]


def test_agents_with_plurals_and_discards(converted):
    out, _ = converted
    agents = _tsv(out / "agents.tsv")
    assert ["troop", "troops", "MIL", "10"] in agents
    assert ["chamber of commerce", "chambers of commerce", "BUS", "6"] in agents
    assert ["policewomen", "", "COP", "9"] in agents  # !PERSON! expanded
    discards = _tsv(out / "discards.tsv")
    assert ["manchester united", "story", "6"] in discards and ["academy award", "sentence", "10"] in discards


def test_counts_errors_and_rerun_is_identical(converted, tmp_path, capsys):
    out, counts = converted
    assert (counts.verbs, counts.patterns, counts.no_event_patterns, counts.actors, counts.dated_codes) == (15, 18, 3, 10, 6)
    assert (counts.agents, counts.discards, counts.errors) == (11, 6, 4)
    again = convert(SRC, tmp_path)
    err = capsys.readouterr().err
    assert "CAMEO.2.0.txt:184: unknown synonym set &NO_SUCH_SET: pattern skipped" in err
    assert "Phoenix.Countries.actors.txt:25: [RUSGOV 9008223-911221]" in err
    assert vars(again) == vars(counts)
    for path in sorted(out.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    header = (out / "actors.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("// Generated by `python -m diplograph.loaders.petrarch` from Phoenix.Countries.actors.txt")
    assert "MIT License" in (out / "agents.tsv").read_text(encoding="utf-8").splitlines()[2]


def test_shipped_tables_are_the_converters_output():
    """The shipped files carry the generator's header (never hand-edited) and the licence."""
    from diplograph.loaders.actors import DATA_DIR

    base = DATA_DIR / "petrarch"
    assert (base / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License (MIT)")
    for name in ("verbs.jsonl", "patterns.jsonl", "actors.jsonl", "agents.tsv", "discards.tsv"):
        first = (base / name).read_text(encoding="utf-8").splitlines()[0]
        assert "Generated by `python -m diplograph.loaders.petrarch`" in first, name
