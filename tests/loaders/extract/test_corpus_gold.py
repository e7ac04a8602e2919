"""Corpus articles scored against hand-made gold facts (tests/gold, texts in tests/data/corpus):
per-article floors for the first five gold files, and an overall floor for all 35.

The floors are what the rule-based extractor reached when the gold files were written
(see tests/gold/README.md for the scores and the command), rounded down to a multiple of
0.05 and lowered by 0.05. They keep the scores from falling; when the extractor gets
better, raise them (and the table in tests/gold/README.md).
"""

from __future__ import annotations

import json

import pytest

from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType
from diplograph.loaders.evaluation import Score, load_gold, score_gold
from diplograph.loaders.extract import Extractor
from locations import DATA, GOLD

CORPUS = DATA / "corpus"
SEED = DATA / "seed" / "russia-venezuela-2019.json"

#: article id -> (precision floor, recall floor); scores when written in the comment.
FLOORS = {
    "wh-2024-04-18-president-joe-biden-on-iran-sanctions": (0.95, 0.95),  # P 5/5, R 8/8 (written: P 2/2, R 5/8)
    "wn-2004-brazil-south-korea-presidents-meet": (0.95, 0.80),  # P 10/10, R 6/7 = 0.857 (written: R 5/7)
    "wh-2024-03-07-president-joe-biden-welcoming-sweden-to-nato": (0.95, 0.80),  # P 4/4, R 6/7 = 0.857 (written: R 0/7)
    "wh-2022-03-10-vice-president-kamala-harris-announces-additi": (0.95, 0.95),  # P 5/5, R 4/4 (written: R 2/4)
    "wh-2022-03-02-the-president-on-the-united-nations-general-a": (0.95, 0.80),  # P 7/7, R 5/6 = 0.833 (written: R 1/6)
}
#: Micro-average over the five articles: P 26/26 = 1.0, R 24/32 = 0.75 (when written: P 14/14, R 13/32 = 0.406).
OVERALL_FLOORS = (0.95, 0.70)
#: Non-optional gold facts per article (a change here means the gold was edited: update the README).
N_GOLD = {
    "wh-2024-04-18-president-joe-biden-on-iran-sanctions": 8,
    "wn-2004-brazil-south-korea-presidents-meet": 7,
    "wh-2024-03-07-president-joe-biden-welcoming-sweden-to-nato": 7,
    "wh-2022-03-10-vice-president-kamala-harris-announces-additi": 4,
    "wh-2022-03-02-the-president-on-the-united-nations-general-a": 6,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    """Every gold article extracted once with one Extractor, and its score."""
    extractor = Extractor()
    out = {}
    for article_id in FLOORS:
        gold = load_gold(GOLD / f"{article_id}.json")
        out[article_id] = score_gold(gold, extractor.extract(gold.article()))
    return out


def _precision(score: Score) -> float:
    # No fact counted for precision: nothing wrong was said (recall floors guard the rest).
    return score.precision if score.n_pred else 1.0


def test_one_gold_file_per_corpus_article():
    meta = json.loads((CORPUS / "articles.json").read_text(encoding="utf-8"))
    assert sorted(p.stem for p in GOLD.glob("*.json")) == sorted(m["id"] for m in meta)
    assert len(meta) == 35 and set(FLOORS) <= {m["id"] for m in meta}


#: Micro-average over all 35 gold files, measured 2026-12-02 on the extract5 branch (officers of
#: organisations, fact-sheet gerund items, targeting a military site, partitive praise, later
#: surnames): P 0.973 (249/256), R 0.859 (214/249). Before it, after the fourth round (stance4 and
#: events4 merged: stances in relative clauses, wrong modifiers, praise, commitments, located
#: wrongs; targets named by a clause, means of an act, joint texts, membership by origin, no
#: agreement from a vague intention to cooperate): P 0.976 (243/249), R 0.843 (210/249). Earlier:
#: P 0.949, R 0.751 (third round); P 0.902, R 0.631; P 0.911, R 0.357 when first measured.
#: Floors about 0.02 below.
ALL_FLOORS = (0.95, 0.84)
#: must_not facts over all 35, measured 2026-12-02 after the fourth round: 1 (SOM AIDS AL-QAEDA in the Yemen
#: embassies article; gone: the Quad summit's "will work with" read as AGREES_WITH, IRN FIGHTS SAU).
MAX_FORBIDDEN = 1


def test_all_corpus_gold_precision_and_recall_do_not_fall():
    extractor = Extractor()
    total = Score()
    forbidden = []
    for path in sorted(GOLD.glob("*.json")):
        gold = load_gold(path)
        score = score_gold(gold, extractor.extract(gold.article()))
        forbidden.extend((path.stem, f["s"], f["rel"], f["o"]) for f in score.forbidden)
        total.add(score)
    assert _precision(total) >= ALL_FLOORS[0], total.false
    assert total.recall >= ALL_FLOORS[1], total.misses
    assert len(forbidden) <= MAX_FORBIDDEN, forbidden


@pytest.mark.parametrize("article_id", sorted(FLOORS))
def test_gold_file_is_consistent_with_its_article(article_id):
    gold = load_gold(GOLD / f"{article_id}.json")
    data = json.loads((GOLD / f"{article_id}.json").read_text(encoding="utf-8"))
    meta = {m["id"]: m for m in json.loads((CORPUS / "articles.json").read_text(encoding="utf-8"))}
    assert gold.article_path == (CORPUS / f"{article_id}.txt").resolve()
    assert gold.article_id == article_id and gold.date == meta[article_id]["date"]
    assert data["scoring"] == json.loads(SEED.read_text(encoding="utf-8"))["scoring"]
    n_lines = len(gold.article().text.splitlines())
    for fact in gold.facts:
        assert fact["lines"] and all(1 <= i <= n_lines for i in fact["lines"]), fact
        for key in ("also_ok_s", "also_ok_o"):
            assert set(fact.get(key, [])) <= set(gold.entities), fact
    assert sum(not f.get("optional") for f in gold.facts) == N_GOLD[article_id]


@pytest.mark.parametrize("article_id", sorted(FLOORS))
def test_precision_and_recall_do_not_fall(scores, article_id):
    score = scores[article_id]
    p_floor, r_floor = FLOORS[article_id]
    assert score.n_gold == N_GOLD[article_id]
    assert _precision(score) >= p_floor, score.false
    assert score.recall >= r_floor, score.misses


@pytest.mark.parametrize("article_id", sorted(FLOORS))
def test_no_must_not_fact(scores, article_id):
    assert scores[article_id].forbidden == []


def test_overall_precision_and_recall_do_not_fall(scores):
    total = Score()
    for score in scores.values():
        total.add(score)
    assert total.n_gold == 32
    assert _precision(total) >= OVERALL_FLOORS[0], total.false
    assert total.recall >= OVERALL_FLOORS[1], total.misses


def _state(iso3: str) -> Actor:
    return Actor(id=iso3, kind=ActorKind.STATE, name=iso3)


_BIDEN = Actor(id="joe-biden", kind=ActorKind.LEADER, name="Joe Biden", country="USA")
_GUTERRES = Actor(id="antonio-guterres", kind=ActorKind.LEADER, name="António Guterres")
_KATAIB = Actor(id="kataib-hezbollah", kind=ActorKind.ORGANIZATION, name="Kataib Hezbollah")
_IDB = Actor(id="IDB", kind=ActorKind.ORGANIZATION, name="Inter-American Development Bank")

#: (article, a tempting wrong fact the gold must forbid, a right fact the gold must accept)
_HAND_FACTS = [
    ("wh-2024-04-18-president-joe-biden-on-iran-sanctions",
     (_state("USA"), RelationType.ASSAULTS, _state("IRN")), (_state("USA"), RelationType.SANCTIONS, _KATAIB)),
    ("wn-2004-brazil-south-korea-presidents-meet",
     (_state("KOR"), RelationType.MEMBER_OF, _IDB), (_state("KOR"), RelationType.TRADES_WITH, _state("BRA"))),
    ("wh-2024-03-07-president-joe-biden-welcoming-sweden-to-nato",
     (_state("LTU"), RelationType.CONSULTS, _state("USA")), (_BIDEN, RelationType.SUPPORTS, _state("SWE"))),
    ("wh-2022-03-10-vice-president-kamala-harris-announces-additi",
     (_state("USA"), RelationType.AIDS, _state("RUS")), (_state("RUS"), RelationType.ASSAULTS, _state("UKR"))),
    ("wh-2022-03-02-the-president-on-the-united-nations-general-a",
     (_state("RUS"), RelationType.ASSAULTS, _state("USA")), (_GUTERRES, RelationType.OPPOSES, _state("RUS"))),
]


@pytest.mark.parametrize(("article_id", "wrong", "right"), _HAND_FACTS, ids=[a for a, _, _ in _HAND_FACTS])
def test_gold_forbids_the_tempting_fact_and_accepts_the_right_one(article_id, wrong, right):
    gold = load_gold(GOLD / f"{article_id}.json")
    bad, good = Fact(*wrong, article_id=article_id), Fact(*right, article_id=article_id)
    assert [(f["s"], f["rel"], f["o"]) for f in score_gold(gold, [bad]).forbidden] == [(bad.subject.id, bad.relation.value, bad.object.id)]
    score = score_gold(gold, [good])
    assert score.forbidden == []
    counted = good.subject.kind != ActorKind.ORGANIZATION and good.object.kind != ActorKind.ORGANIZATION
    assert (score.tp_precision, score.n_pred) == ((1, 1) if counted else (0, 0))
    optional = good.subject.id == "antonio-guterres"  # GUTERRES OPPOSES RUS is optional: no recall
    assert score.tp_recall == (0 if optional else 1)
