"""Actor coverage on unseen text: every UN member state, the recogniser's places that only
country_converter names, government metonyms and non-state groups of one state (sentences of
our own, through the real Extractor)."""

from __future__ import annotations

import pytest

from diplograph.graph.model.records import Article
from diplograph.loaders.actors import DATA_DIR, ActorTables, TableError


def facts_of(ex, text: str) -> list[tuple[str, str, str]]:
    facts = ex.extract(Article(id="t", text=text, date="2024-05-01"))
    return sorted((f.subject.id, f.relation.value, f.object.id) for f in facts)


def test_every_un_member_state_is_found_by_name_demonym_and_capital(ex):
    assert facts_of(ex, "Russia criticized Guyana.") == [("RUS", "OPPOSES", "GUY")]
    assert facts_of(ex, "Moscow criticized Paramaribo.") == [("RUS", "OPPOSES", "SUR")]
    assert facts_of(ex, "Togolese troops attacked Beninese soldiers.") == [("TGO", "ASSAULTS", "BEN")]
    assert facts_of(ex, "Serbia condemned Kosovo.") == [("SRB", "OPPOSES", "XKX")]


def test_a_place_only_country_converter_names_is_its_state_when_the_recogniser_marks_it(ex):
    # no table row for Jersey: the recogniser's GPE, resolved by country_converter's names
    assert facts_of(ex, "Britain criticized Jersey.") == [("GBR", "OPPOSES", "JEY")]


def test_government_metonyms_are_their_states(ex):
    assert facts_of(ex, "Foggy Bottom criticized Beijing.") == [("USA", "OPPOSES", "CHN")]
    assert facts_of(ex, "The Blue House criticized Pyongyang.") == [("KOR", "OPPOSES", "PRK")]


def test_a_non_state_group_of_one_state_carries_its_home_state(ex):
    facts = ex.extract(Article(id="t", text="The Wagner Group attacked Ukrainian positions.", date="2024-05-01"))
    assert [(f.subject.id, f.subject.country, f.relation.value, f.object.id) for f in facts] == [
        ("WAGNER", "RUS", "ASSAULTS", "UKR")]
    assert facts_of(ex, "The IRGC threatened Israel.") == [("IRGC", "THREATENS", "ISR")]


def test_an_organisation_home_must_be_a_state_of_the_table(tmp_path):
    base = ActorTables.load()
    for child in DATA_DIR.iterdir():
        (tmp_path / child.name).symlink_to(child)
    (tmp_path / "organizations.tsv").unlink()
    (tmp_path / "organizations.tsv").write_text("X\tSome Front\tSome Front\t\tXYZ\n", encoding="utf-8")
    assert (base.organizations["WAGNER"].home, base.organizations["RSF"].home, base.organizations["UN"].home) == (
        "RUS", "SDN", None)
    with pytest.raises(TableError, match="home state 'XYZ'"):
        ActorTables.load(tmp_path)


def test_a_title_after_an_organisation_is_its_officer_acting_for_it(ex):
    assert facts_of(ex, "The IAEA chief criticized Russia.") == [("IAEA", "OPPOSES", "RUS")]
    assert facts_of(ex, "The EU's foreign policy chief criticized Israel.") == [("EU", "OPPOSES", "ISR")]


def test_titles_of_military_and_press_officers_with_a_state_are_the_state(ex):
    assert facts_of(ex, "Egypt's army chief threatened Sudan.") == [("EGY", "THREATENS", "SDN")]
    # with a holder of the office in the table, that person (of the state)
    assert facts_of(ex, "Pakistan's army chief threatened India.") == [("asim-munir", "THREATENS", "IND")]
    assert facts_of(ex, "The White House press secretary criticized China.") == [("USA", "OPPOSES", "CHN")]
    assert facts_of(ex, "Iran's parliament speaker criticized the United States.") == [("IRN", "OPPOSES", "USA")]


def test_officers_of_organisations_and_current_ministers_are_known_by_surname():
    from diplograph.loaders.actors import ActorResolver

    r = ActorResolver()
    rutte = r.actor_for(r.lookup("Rutte"), "2025-06-01")
    assert (rutte.id, rutte.country) == ("mark-rutte", None)
    assert r.actor_for(r.lookup("Rutte"), "2020-06-01").country == "NLD"
    assert [(a.id, a.country) for a in (r.actor_for(r.lookup(n), "2025-06-01") for n in ("Araghchi", "Hegseth", "Lukashenko"))] == [
        ("abbas-araghchi", "IRN"), ("pete-hegseth", "USA"), ("alexander-lukashenko", "BLR")]


def test_an_organisation_officer_named_alone_acts_for_nobody_but_the_organisation(ex):
    facts = ex.extract(Article(id="t", text="Grossi criticized Iran.", date="2025-06-01"))
    assert [(f.subject.id, f.subject.country, f.relation.value, f.object.id) for f in facts] == [
        ("rafael-grossi", None, "OPPOSES", "IRN")]
    assert facts_of(ex, "The UN human rights office criticized Israel.") == [("OHCHR", "OPPOSES", "ISR")]


def test_a_named_military_or_security_body_that_begins_with_its_state_is_the_state(ex):
    # not the other state the sentence names
    assert facts_of(ex, "The Israel Defense Forces shelled Lebanon.") == [("ISR", "FIGHTS", "LBN")]
    assert facts_of(ex, "Iraqi Security Forces attacked Iraqi protesters.") == [("IRQ", "ASSAULTS", "IRQ-ACT")]


def test_a_group_noun_of_the_hand_lexicon_alone_names_the_group_of_its_state(ex):
    # "opposition" is in the lexicon's group_sectors but no one-word agent noun of the dictionary
    assert facts_of(ex, "The Bolivian opposition criticized Chile.") == [("BOL-OPP", "OPPOSES", "CHL")]


def test_a_state_joined_to_a_stance_or_backing_is_not_the_actor(ex):
    # the militias are not Syria's, the separatists not Russia's: no state to read
    assert facts_of(ex, "Syrian-backed militias attacked Israeli soldiers.") == []
    assert facts_of(ex, "Pro-Russian separatists attacked Ukrainian troops.") == []
    # a state that leads stays the actor
    assert facts_of(ex, "The Saudi-led coalition attacked Yemeni forces.") == [("SAU", "ASSAULTS", "YEM")]


def test_agencies_named_by_what_they_do_are_their_organisations(ex):
    assert facts_of(ex, "The U.N. nuclear watchdog criticized North Korea.") == [("IAEA", "OPPOSES", "PRK")]
    assert facts_of(ex, "The UN food agency criticized Sudan.") == [("WFP", "OPPOSES", "SDN")]
    assert facts_of(ex, "The FCDO criticized Argentina.") == [("GBR", "OPPOSES", "ARG")]
