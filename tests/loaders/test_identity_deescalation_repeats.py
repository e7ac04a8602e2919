"""Issue 15, items 7, 13 and 14: sentences through the real Extractor (exact facts), and a
repeated article id in one load extracted once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.model.records import Article
from diplograph.loaders.extract import Extractor


def facts_of(ex, text: str) -> list[tuple[str, str, str]]:
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04"))
    return sorted((f.subject.id, f.relation.value, f.object.id) for f in facts)


# item 13: the longest name wins, and a longer unknown name is its own actor


def test_a_proper_noun_compound_extending_a_known_firm_is_its_own_firm(ex):
    facts = ex.extract(Article(id="t", text="Gazprom Neft signed an oil deal with Serbia.", date="2022-03-04"))
    assert [(f.subject.id, f.relation.value, f.object.id) for f in facts] == [("gazprom-neft", "AGREES_WITH", "SRB")]
    assert (facts[0].subject.name, facts[0].subject.kind.value) == ("Gazprom Neft", "Firm")
    # the known name alone is still the known firm
    assert facts_of(ex, "Gazprom signed an oil deal with Serbia.") == [
        ("RUS", "OWNS", "gazprom"), ("gazprom", "AGREES_WITH", "SRB")]


def test_a_known_body_followed_by_its_people_or_a_title_stays_the_known_body(ex):
    assert facts_of(ex, "NATO Allies condemned Russia.") == [("NATO", "OPPOSES", "RUS")]
    assert facts_of(ex, "NATO Secretary General Jens Stoltenberg condemned Russia.") == [
        ("jens-stoltenberg", "LEADS", "NATO"), ("jens-stoltenberg", "OPPOSES", "RUS")]


def test_named_parties_of_a_state_are_distinct_actors_of_that_state(ex):
    facts = ex.extract(Article(id="t", text="Canada's Liberal Party signed an agreement with Germany. "
                                            "Canada's Conservative Party opposed Germany.", date="2022-03-04"))
    assert [(f.subject.id, f.relation.value, f.object.id) for f in facts] == [
        ("CAN-liberal-party", "AGREES_WITH", "DEU"), ("CAN-conservative-party", "OPPOSES", "DEU")]
    assert [(f.subject.name, f.subject.country) for f in facts] == [("Liberal Party", "CAN"), ("Conservative Party", "CAN")]


def test_the_same_party_name_in_two_states_is_two_actors_and_a_later_bare_name_is_the_first(ex):
    assert facts_of(ex, "The Liberal Party of Canada criticized China. The Liberal Party also praised Ukraine.") == [
        ("CAN-liberal-party", "OPPOSES", "CHN"), ("CAN-liberal-party", "SUPPORTS", "UKR")]
    assert facts_of(ex, "Australia's Liberal Party criticized China.") == [("AUS-liberal-party", "OPPOSES", "CHN")]


def test_an_unnamed_group_of_a_state_keeps_its_sector_id(ex):
    assert facts_of(ex, "Ugandan rebels attacked Kenya.") == [("UGA-REB", "ASSAULTS", "KEN")]


# item 14: de-escalation stated as future is never a threat


@pytest.mark.parametrize("text", [
    "The United States will withdraw its troops from Georgia.",
    "The United States will remove its military from Georgia.",
])
def test_a_future_withdrawal_is_an_intent_to_de_escalate_not_a_threat(ex, text):
    # CAMEO 0356 "express intent to de-escalate military engagement" -> PLOVER AGREE
    assert facts_of(ex, text) == [("USA", "AGREES_WITH", "GEO")]


def test_removing_forces_is_a_retreat_and_a_future_attack_still_a_threat(ex):
    assert facts_of(ex, "The United States removed its military from Georgia.") == [("USA", "RETREATS", "GEO")]
    assert facts_of(ex, "The United States will attack Iran.") == [("USA", "THREATENS", "IRN")]


def test_withdrawing_inspectors_is_a_sanction_so_its_future_is_a_threat(ex):
    # CAMEO 1662 "expel or withdraw inspectors, observers" (reduce relations), not de-escalation
    assert facts_of(ex, "The UN withdrew its inspectors from Iraq.") == [("UN", "SANCTIONS", "IRQ")]
    assert facts_of(ex, "The UN will withdraw its inspectors from Iraq.") == [("UN", "THREATENS", "IRQ")]


# item 7: an id repeated in one input is extracted once


def test_an_article_id_repeated_in_one_load_is_extracted_once(tmp_path: Path, monkeypatch):
    record = {"id": "x1", "date": "2019-09-25", "text": "Russia supports Venezuela."}
    other = {"id": "x2", "date": "2019-09-25", "text": "China criticized Japan."}
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in (record, other, record, record)))
    extracted: list[str] = []
    real = Extractor.extract_many

    def counting(self, articles, *args, **kwargs):
        def seen():
            for article in articles:
                extracted.append(article.id)
                yield article
        return real(self, seen(), *args, **kwargs)

    monkeypatch.setattr(Extractor, "extract_many", counting)
    store = tmp_path / "graph.sqlite"
    result = CliRunner().invoke(app, ["load", str(source), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert extracted == ["x1", "x2"]
    assert "2 articles loaded (2 already stored)" in result.stdout
    stats = json.loads(CliRunner().invoke(app, ["stats", "--store", str(store), "--format", "json"]).stdout)
    assert stats["articles"] == 2
