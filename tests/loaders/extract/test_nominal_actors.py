"""Actors named by nouns, documents and long lists (issue 11): a state modifier on a non-state
body is not the state, a government's instrument or body acts for the publishing state, a
name that only modifies a noun gets no LEADS; sentences invented for the tests, through the
real Extractor (exact facts)."""

from __future__ import annotations


from diplograph.graph.model.records import Article

WHITE_HOUSE = "The White House (Briefing Room)"


def facts(ex, text: str, source: str | None = None) -> list[tuple[str, str, str]]:
    """(subject id, relation, object id) of each fact of ``text``, sorted."""
    article = Article(id="t", text=text, date="2024-03-04", source=source)
    return sorted((f.subject.id, f.relation.value, f.object.id) for f in ex.extract(article))


def targets(ex, text: str, source: str | None = None) -> list[tuple[str, str, str | None]]:
    """(object id, object kind, object country) of each SANCTIONS fact of ``text``."""
    article = Article(id="t", text=text, date="2024-03-04", source=source)
    return sorted((f.object.id, f.object.kind.value, f.object.country) for f in ex.extract(article)
                  if f.relation.value == "SANCTIONS")


def test_a_firm_of_a_state_is_not_the_state(ex):
    assert targets(ex, "Canada imposed sanctions on Venezuela's central bank.") == [
        ("VEN-central-bank", "Firm", "VEN")]
    assert targets(ex, "Norway sanctioned two Belarusian steel exporters last year.") == [
        ("BLR-BUS", "Firm", "BLR")]


def test_criminal_and_armed_groups_of_a_state_are_groups_of_its_sector(ex):
    assert targets(ex, "Washington imposed sanctions on Mexican drug trafficking organizations.") == [
        ("MEX-CRM", "Organization", "MEX")]
    assert targets(ex, "The European Union sanctioned Iranian proxies in Iraq.") == [
        ("IRN-UAF", "Organization", "IRN")]


def test_people_and_entities_of_a_state_are_no_actor(ex):
    assert targets(ex, "The United States announced sanctions on Zimbabwean individuals and entities.") == []
    assert targets(ex, "Britain imposed sanctions on Russia's affiliates in Africa.") == []


def test_the_government_or_regime_of_a_state_stays_the_state(ex):
    assert targets(ex, "Japan imposed new sanctions on the Cuban regime.") == [("CUB", "State", "CUB")]
    assert targets(ex, "France sanctioned the government of Mexico.") == [("MEX", "State", "MEX")]


def test_an_instrument_of_a_government_acts_for_the_publishing_state(ex):
    assert facts(ex, "The Proclamation imposes new sanctions on Cuba.", WHITE_HOUSE) == [("USA", "SANCTIONS", "CUB")]
    assert facts(ex, "The Order removes sanctions on Syria while maintaining sanctions on Bashar al-Assad.",
                 WHITE_HOUSE) == [("USA", "CONCEDES", "SYR"), ("USA", "SANCTIONS", "bashar-al-assad"),
                                  ("bashar-al-assad", "LEADS", "SYR")]
    # with no publisher the instrument names no actor
    assert facts(ex, "The Proclamation imposes new sanctions on Cuba.") == []


def test_an_instrument_with_an_owner_is_its_owners_act(ex):
    assert facts(ex, "The decree signed by President Lula imposed sanctions on Paraguay.") == [
        ("BRA", "SANCTIONS", "PRY"), ("luiz-inacio-lula-da-silva", "LEADS", "BRA")]


def test_a_capitalised_government_body_acts_for_the_publishing_state(ex):
    assert facts(ex, "Today the Departments of the Treasury and State have announced new sanctions on Iran.",
                 WHITE_HOUSE) == [("USA", "SANCTIONS", "IRN")]
    assert facts(ex, "The Administration imposed new sanctions on Belarus.", WHITE_HOUSE) == [("USA", "SANCTIONS", "BLR")]


def test_an_administration_named_after_its_leaders_is_the_state_and_no_leads(ex):
    assert facts(ex, "The Biden-Harris Administration imposed new sanctions on Belarus.") == [("USA", "SANCTIONS", "BLR")]


def test_a_name_that_only_modifies_a_noun_gets_no_leads(ex):
    assert facts(ex, "Canada will review Nicolas Maduro's designations as a terrorist.") == []


def test_every_named_item_of_a_long_list_of_targets_is_a_target(ex):
    text = ("The Order removes sanctions on Syria while maintaining sanctions on Bashar al-Assad, his associates, "
            "human rights abusers, drug traffickers, persons linked to chemical weapons activities, Hezbollah or "
            "its affiliates, and Iranian proxies.")
    assert targets(ex, text, WHITE_HOUSE) == [("HEZBOLLAH", "Organization", None), ("IRN-UAF", "Organization", "IRN"),
                                             ("bashar-al-assad", "Leader", "SYR")]


def test_a_comma_before_a_new_clause_ends_no_list(ex):
    assert targets(ex, "Australia imposed sanctions on Myanmar, China said.") == [("MMR", "State", "MMR")]
    assert targets(ex, "Britain imposed sanctions on Rosneft, Belarus and Iran.") == [
        ("BLR", "State", "BLR"), ("IRN", "State", "IRN"), ("rosneft", "Firm", "RUS")]


def test_an_unknown_person_after_a_demonym_and_an_agent_noun_has_that_state(ex):
    assert targets(ex, "Britain sanctioned Belarusian businessman Arkady Zhelnovsky on Monday.") == [
        ("arkady-zhelnovsky", "Leader", "BLR")]
    assert targets(ex, "Canada sanctioned the Russian oligarch Pyotr Kulikovsky.") == [
        ("pyotr-kulikovsky", "Leader", "RUS")]


def test_the_jsonl_contract_of_a_body_of_a_state_carries_its_country(ex):
    fact = next(f for f in ex.extract(Article(id="t", text="Canada imposed sanctions on Venezuela's central bank.",
                                              date="2024-03-04")) if f.relation.value == "SANCTIONS")
    assert fact.to_contract()["object"] == {"id": "VEN-central-bank", "name": "Venezuela central bank",
                                            "type": "Firm", "country": "VEN"}


def test_a_title_that_goes_on_with_a_portfolio_after_for(ex):
    facts_ = ex.extract(Article(id="t", text="Deputy Foreign Minister for Asian Affairs Rangi Parata of New Zealand "
                                             "met officials in Tokyo.", date="2024-03-04"))
    assert sorted((f.subject.id, f.object.id, f.role) for f in facts_ if f.relation.value == "LEADS") == [
        ("rangi-parata", "NZL", "Deputy Foreign Minister")]


def test_the_founders_of_an_organisation_are_its_members(ex):
    assert facts(ex, "Brazil, Argentina, Paraguay and Uruguay founded Mercosur in 1991.") == [
        ("ARG", "MEMBER_OF", "MERCOSUR"), ("BRA", "MEMBER_OF", "MERCOSUR"), ("PRY", "MEMBER_OF", "MERCOSUR"),
        ("URY", "MEMBER_OF", "MERCOSUR")]
    assert facts(ex, "Canada and eleven other states came together to establish the Atlantic alliance, NATO.") == [
        ("CAN", "MEMBER_OF", "NATO")]
    # a fund or a welcome is no founding of a member's organisation
    assert facts(ex, "The EU established a new fund for Ukraine.") == []


def test_a_list_after_including_ends_with_its_coordinated_item(ex):
    text = ("Canada is designating two entities and nine individuals, including President Nicolas Maduro, "
            "Vice President Delcy Rodriguez, and the oligarch Arkady Zhelnovsky, pursuant to the Special Economic "
            "Measures Act.")
    assert targets(ex, text) == [("arkady-zhelnovsky", "Leader", None), ("delcy-rodriguez", "Leader", "VEN"),
                                 ("nicolas-maduro", "Leader", "VEN")]


def test_a_name_in_an_of_phrase_of_a_thing_gets_no_leads_but_of_a_government_does(ex):
    assert facts(ex, "Canada will review the designation of Nicolas Maduro as a terrorist.") == []
    assert ("nicolas-maduro", "LEADS", "VEN") in facts(ex, "Canada criticized the government of Nicolas Maduro.")


def test_a_government_body_of_a_named_state_acts_for_that_state_not_the_publisher(ex):
    assert facts(ex, "The Ministry of Foreign Affairs of Ukraine condemned the attack by Russia.", WHITE_HOUSE) == [
        ("UKR", "OPPOSES", "RUS")]


def test_an_unknown_firm_takes_the_state_of_its_appositive_description(ex):
    got = targets(ex, "Britain sanctioned Zhelnov Holdings Ltd., a Belarusian firm, on Monday.")
    assert got == [("zhelnov-holdings-ltd", "Firm", "BLR")]
