"""Office holders named in the field's usual ways (issue 11): titles before and after the name,
"of <state>", titles set off by commas, states implied by a government body or a list;
sentences invented for the tests, through the real Extractor (exact facts)."""

from __future__ import annotations


from diplograph.graph.model.records import Article


def leads(ex, text: str) -> list[tuple[str, str, str | None]]:
    """(person, state, role) of each LEADS fact of ``text``."""
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04"))
    return sorted((f.subject.id, f.object.id, f.role) for f in facts if f.relation.value == "LEADS")


def test_title_with_of_state_before_or_after_the_name(ex):
    assert leads(ex, "The talks included Prime Minister Jalo Vettenranta of Finland and "
                     "Prime Minister of Norway Eirin Dahlstrand.") == [
        ("eirin-dahlstrand", "NOR", "Prime Minister"), ("jalo-vettenranta", "FIN", "Prime Minister")]


def test_a_surname_after_a_title_is_a_person_even_when_the_recogniser_misses_it(ex):
    got = leads(ex, "The talks included Prime Minister Osvaldsson of Iceland.")
    assert got == [("osvaldsson", "ISL", "Prime Minister")]


def test_appositive_title_with_a_state_in_a_prepositional_phrase(ex):
    assert leads(ex, "Tomas Riquelme Arancibia, spokesman for the Chilean army, said the border was calm.") == [
        ("tomas-riquelme-arancibia", "CHL", "Spokesperson")]


def test_a_title_set_off_by_a_comma_before_the_name(ex):
    assert leads(ex, "Peru's Foreign Minister, Anabel Quispecahuana said the talks went well.") == [
        ("anabel-quispecahuana", "PER", "Foreign Minister")]


def test_a_government_body_in_the_title_gives_its_state(ex):
    assert leads(ex, "Marten Dunnigsby, the State Department Spokesperson, said the talks failed.") == [
        ("marten-dunnigsby", "USA", "Spokesperson")]


def test_titled_people_listed_together_share_the_state_named_once(ex):
    assert leads(ex, "The delegation included President Aldo Ferrandiz of Paraguay, "
                     "Vice President Rita Gomendio and Justice Minister Ugo Larrabeiti.") == [
        ("aldo-ferrandiz", "PRY", "President"), ("rita-gomendio", "PRY", "Vice President"),
        ("ugo-larrabeiti", "PRY", "Justice Minister")]


def test_a_title_with_of_after_it_in_apposition(ex):
    assert leads(ex, "Norway will be represented by Sigrun Aaslaugstad, Minister of Justice, "
                     "and Eskil Brattbakken, Norwegian Trade Representative.") == [
        ("eskil-brattbakken", "NOR", "Trade Representative"), ("sigrun-aaslaugstad", "NOR", "Justice Minister")]


def test_a_minister_of_an_economic_sector_or_an_unnamed_portfolio_leads_nothing(ex):
    assert leads(ex, "Petroleum Minister Ramiro Quevedillo of Venezuela met Minister Ilse Braunhuber of Austria.") == []


def facts_of(ex, text: str, source: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(subject, relation, object, object's country) of each fact but LEADS and OWNS."""
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04", source=source))
    return sorted((f.subject.id, f.relation.value, f.object.id, f.object.country) for f in facts
                  if f.relation.value not in {"LEADS", "OWNS"})


def test_a_state_the_sentence_names_is_not_the_home_of_the_person_it_acts_on(ex):
    # Canada is the sanctioning side: the officials listed are actors of their own, with no state
    assert facts_of(ex, "Canada sanctioned 16 individuals, including President Aldo Ferrandiz "
                        "and Vice President Rita Gomendio.") == [
        ("CAN", "SANCTIONS", "aldo-ferrandiz", None), ("CAN", "SANCTIONS", "rita-gomendio", None)]
    assert leads(ex, "Canada sanctioned President Aldo Ferrandiz.") == []


def test_designating_people_and_firms_is_a_sanction_on_each_listed_target(ex):
    assert facts_of(ex, "Canada designated President Aldo Ferrandiz of Paraguay and Vice President Rita Gomendio.") == [
        ("CAN", "SANCTIONS", "aldo-ferrandiz", "PRY"), ("CAN", "SANCTIONS", "rita-gomendio", "PRY")]
    assert facts_of(ex, "The President designated Marten Dunnigsby as Special Envoy for Sudan.") == []


def test_a_government_body_of_the_publishing_state_is_that_state(ex):
    wh = "The White House (Briefing Room)"
    assert facts_of(ex, "Today the Department of the Treasury sanctioned Rosneft.", source=wh) == [
        ("USA", "SANCTIONS", "rosneft", "RUS")]
    # without a publisher whose state is known, the body stays an organisation of its own
    assert [f[:3] for f in facts_of(ex, "Today the Department of the Treasury sanctioned Rosneft.")] == [
        ("department-of-the-treasury", "SANCTIONS", "rosneft")]


def test_the_state_a_person_is_said_to_represent(ex):
    assert leads(ex, "Norway will be represented by Sigrun Aaslaugstad, Minister of Justice.") == [
        ("sigrun-aaslaugstad", "NOR", "Justice Minister")]


def test_sanctions_on_each_of_coordinated_prepositional_targets(ex):
    assert facts_of(ex, "Canada imposed sanctions on Rosneft and on Deputy Minister Pavel Ivanchenko of Russia.") == [
        ("CAN", "SANCTIONS", "pavel-ivanchenko", "RUS"), ("CAN", "SANCTIONS", "rosneft", "RUS")]


def test_firm_suffixes_with_or_without_dots_and_people_named_by_an_agent_noun(ex):
    assert facts_of(ex, "Canada sanctioned businessman Kudakwashe Tagwirei and Minera Andina S.A.") == [
        ("CAN", "SANCTIONS", "kudakwashe-tagwirei", None), ("CAN", "SANCTIONS", "minera-andina-s-a", None)]
    facts = ex.extract(Article(id="t", text="The United States sanctioned Kerzhenets Trading Ltd.", date="2022-03-04"))
    assert [(f.object.id, f.object.kind.value) for f in facts] == [("kerzhenets-trading-ltd", "Firm")]


def test_a_title_that_names_an_organisation_makes_its_officer_of_no_state(ex):
    # the state of the sentence is the one criticised, not the spokesman's (the person's own state is
    # checked through LEADS: only NATO)
    assert facts_of(ex, "NATO spokesman Ivo Karvonen said Russia had violated the treaty.") == [
        ("ivo-karvonen", "ACCUSES", "RUS", "RUS")]
    assert leads(ex, "NATO spokesman Ivo Karvonen said Russia had violated the treaty.") == [
        ("ivo-karvonen", "NATO", "Spokesperson")]
    assert facts_of(ex, "Ivo Karvonen, the IAEA's director general, criticised Iran.") == [
        ("ivo-karvonen", "OPPOSES", "IRN", "IRN")]


def test_a_name_with_a_title_in_apposition_is_a_person_whatever_the_recogniser_says(ex):
    # "Monday, Jan ..." reads as a date to the recogniser; the apposition says it is a person
    assert facts_of(ex, "On Monday, Jan Olvesund, the UN's chief of emergency relief, criticised Brazil.") == [
        ("jan-olvesund", "OPPOSES", "BRA", "BRA")]


def test_a_later_surname_the_recogniser_misses_is_the_titled_person(ex):
    # the recogniser finds no entity in "Hegstad later recanted ..."
    text = ("On Monday, Lars Hegstad, the UN's chief of emergency relief, criticised Brazil.\n"
            "Hegstad later recanted his statement, adding that Chile's contributions were one of the most generous pledges.")
    assert facts_of(ex, text) == [("lars-hegstad", "OPPOSES", "BRA", "BRA"), ("lars-hegstad", "SUPPORTS", "CHL", "CHL")]
