"""The seed article scored against its gold facts (tests/data/seed, copied from shared/)."""


import pytest

from diplograph.graph.model.vocabulary import RelationType
from diplograph.loaders.evaluation import load_gold, score_gold
from diplograph.loaders.extract import Extractor
from locations import DATA

SEED = DATA / "seed" / "russia-venezuela-2019.json"


@pytest.fixture(scope="module")
def seed_facts():
    gold = load_gold(SEED)
    return gold, Extractor().extract(gold.article())


def test_seed_recall_precision_and_no_forbidden_fact(seed_facts):
    gold, facts = seed_facts
    score = score_gold(gold, facts)
    assert score.n_gold == 18
    assert score.recall >= 0.9, score.misses
    assert score.precision >= 0.9, score.false
    assert score.forbidden == []


def test_seed_meeting_dated_wednesday_and_attributed_to_efe(seed_facts):
    _, facts = seed_facts
    consult = [f for f in facts if f.relation == RelationType.CONSULTS and f.subject.id == "vladimir-putin"]
    assert consult and consult[0].date == "2019-09-25"
    assert consult[0].sentence_index == 2
    assert consult[0].reported_by == "EFE"


def test_seed_april_agreements_and_interfax_attribution(seed_facts):
    _, facts = seed_facts
    april = [f for f in facts if f.relation == RelationType.AGREES_WITH and f.sentence_index == 17]
    assert [(f.subject.id, f.object.id, f.date) for f in april] == [("RUS", "VEN", "2019-04")]
    interfax = [f for f in facts if f.sentence_index == 25]
    assert interfax and all(f.reported_by == "Interfax" for f in interfax)


def test_seed_structural_facts(seed_facts):
    _, facts = seed_facts
    leads = {(f.subject.id, f.object.id, f.role) for f in facts if f.relation == RelationType.LEADS}
    assert ("vladimir-putin", "RUS", "President") in leads
    assert ("nicolas-maduro", "VEN", "President") in leads
    assert not any(s == "juan-guaido" for s, _, _ in leads)  # an opposition leader leads no state
    owns = [(f.subject.id, f.object.id) for f in facts if f.relation == RelationType.OWNS]
    assert owns == [("VEN", "pdvsa")]
