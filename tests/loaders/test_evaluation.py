"""Scoring rules on hand-built facts, and the PLOVER dev score kept from falling."""


import pytest

from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.loaders.evaluation import extract_plover, igo_codes, load_gold, load_plover, score_gold, score_plover
from diplograph.loaders.extract import Extractor
from locations import DATA



def st(code):
    return Actor(code, ActorKind.STATE, code)


def test_gold_rule_symmetric_also_ok_and_must_not():
    gold = load_gold(DATA / "seed" / "russia-venezuela-2019.json")
    putin = Actor("vladimir-putin", ActorKind.LEADER, "Vladimir Putin", country="RUS")
    facts = [
        Fact(st("VEN"), RelationType.TRADES_WITH, st("RUS")),        # symmetric gold fact, reversed: match
        Fact(putin, RelationType.AIDS, st("VEN")),                   # also_ok_s
        Fact(st("USA"), RelationType.SANCTIONS, st("RUS")),          # must_not, and false
    ]
    score = score_gold(gold, facts)
    assert (score.tp_recall, score.n_gold) == (2, 18)
    assert (score.tp_precision, score.n_pred) == (2, 3)
    assert len(score.forbidden) == 1 and score.forbidden[0]["o"] == "RUS"


def test_plover_rule_leader_counts_for_state():
    recs = load_plover(DATA / "plover" / "plover-gsr-dev.jsonl")
    rec = next(r for r in recs if r.id == "PLOVER-GSR01-AGREE-0005")
    assert rec.sources == {"LBY"} and rec.targets == {"GBR"}
    gaddafi = Actor("muammar-gaddafi", ActorKind.LEADER, "Muammar Gaddafi", country="LBY")
    hit = Fact(gaddafi, RelationType.AGREES_WITH, st("GBR"))
    miss = Fact(st("LBY"), RelationType.SUPPORTS, st("GBR"))
    s = score_plover([rec], {rec.id: [hit, miss]})
    assert (s.tp_recall, s.n_gold, s.tp_precision, s.n_pred) == (1, 1, 1, 2)


@pytest.mark.slow
def test_plover_dev_score_does_not_fall():
    recs = load_plover(DATA / "plover" / "plover-gsr-dev.jsonl")
    assert len(recs) == 166
    ex = Extractor()
    s = score_plover(recs, extract_plover(recs, ex), organizations=igo_codes(ex.resolver.tables))
    # measured 2026-12-03 (extract8 branch): P 0.846, R 0.699, F1 0.765 (held-out even lines P 0.775, R 0.627,
    # F1 0.693); floors 0.02 below, rounded down (kept where higher)
    # (extract6 branch: P 0.850, R 0.693, F1 0.764; extract5 branch: P 0.844, R 0.693, F1 0.761; plover4 branch: P 0.842, R 0.687, F1 0.757; main before it: P 0.831, R 0.657, F1 0.734; stance3 and actors3 branches, each merged with main: P 0.836, R 0.651,
    # F1 0.732; actors3 on the earlier main: P 0.819, R 0.578, F1 0.678;
    # plover branch: P 0.811, R 0.572, F1 0.671; before it P 0.782, R 0.512, F1 0.619; earlier that day P 0.731, R 0.482, F1 0.581; 2026-11-29: P 0.793, R 0.386, F1 0.519;
    # issue 6: P 0.791, R 0.380, F1 0.513; before: P 0.638, R 0.241, F1 0.350)
    assert s.f1 >= 0.74 and s.recall >= 0.67 and s.precision >= 0.83


# ---------------------------------------------------------------- malformed inputs
SEED = DATA / "seed" / "russia-venezuela-2019.json"


def _gold_variant(tmp_path, name, change):
    import json

    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["article"] = str((SEED.parent / data["article"]).resolve())
    data = change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _drop_rel(d):
    del d["facts"][3]["rel"]
    return d


@pytest.mark.parametrize("name, change, message", [
    ("facts-string.json", lambda d: {**d, "facts": "abc"}, "'facts' must be a list, not str"),
    ("array.json", lambda d: [1, 2, 3], "a gold file is a JSON object, not list"),
    ("no-rel.json", _drop_rel, "facts[3] has no 'rel'"),
    ("bad-date.json", lambda d: {**d, "date": "2019-13-45"}, "date '2019-13-45' is not a calendar date YYYY-MM-DD"),
    ("unknown-entity.json", lambda d: {**d, "facts": [{"s": "RUS", "rel": "AIDS", "o": "XXX"}]},
     "facts[0] names 'XXX' in 'o', which is not in entities"),
])
def test_malformed_gold_file_is_one_input_error(tmp_path, name, change, message):
    from diplograph.graph.model.errors import InputError

    path = _gold_variant(tmp_path, name, change)
    with pytest.raises(InputError) as info:
        load_gold(path)
    assert str(info.value) == f"{path}: {message}"


def test_malformed_plover_lines_are_named_and_the_rest_read(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "a", "text": "Russia imposed sanctions on Ukraine.", "event": "SANCTION"}\n'
                    "not json\n"
                    '{"id": "b"}\n'
                    '"a string"\n', encoding="utf-8")
    errors = []
    records = load_plover(path, errors)
    assert [r.id for r in records] == ["a"]
    assert [str(e) for e in errors] == [
        f"{path}:2: invalid JSON: Expecting value",
        f"{path}:3: a PLOVER record needs id, text and event (missing text, event)",
        f"{path}:4: a PLOVER record is a JSON object, not str",
    ]
    from diplograph.graph.model.errors import InputError

    with pytest.raises(InputError, match=r"p\.jsonl:2: invalid JSON"):
        load_plover(path)


def test_eval_cli_reports_each_bad_file_on_one_line_and_scores_the_others(tmp_path):
    from typer.testing import CliRunner

    from diplograph.graph.cli import app

    bad = [_gold_variant(tmp_path, "array.json", lambda d: [1, 2, 3]), _gold_variant(tmp_path, "no-rel.json", _drop_rel)]
    plover = tmp_path / "p.jsonl"
    plover.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad[0]), str(SEED), str(bad[1]), str(plover)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: {bad[0]}: a gold file is a JSON object, not list",
        f"error: {bad[1]}: facts[3] has no 'rel'",
        f"error: {plover}:1: invalid JSON: Expecting property name enclosed in double quotes",
    ]
    # the seed file alone is still scored: 18 gold facts, all found (P 0.96 / R 1.0 measured)
    assert "recall 1.000" in result.output
