"""Cooperative events (issue 11): aid given as sums of money or through assistance, praise of
several actors' leadership — invented sentences through the real model, exact facts."""

import pytest

from extracted import triples


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sum given, the receiver in a "to" phrase the parser labels a dative
        ("The United States gave $67 million last year to Yemen.", [("USA", "AIDS", "YEM")]),
        ("China lent $2 billion to Pakistan in March.", [("CHN", "AIDS", "PAK")]),
        ("Britain donated 20 million pounds to Kenya.", [("GBR", "AIDS", "KEN")]),
        # supporting or helping an actor through or with aid is aid, not praise (pattern "means")
        ("Japan helped Indonesia with food aid and loans after the earthquake.", [("JPN", "AIDS", "IDN")]),
        ("Germany supported Ukraine via a package of loans.", [("DEU", "AIDS", "UKR")]),
        ("Norway has been supporting the people of Afghanistan through civilian assistance.", [("NOR", "AIDS", "AFG")]),
        # without a means of aid the verb keeps its own reading
        ("France supported Ukraine in the vote.", [("FRA", "SUPPORTS", "UKR")]),
    ],
)
def test_aid(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # praise of the leadership of several actors: every conjunct of the "of" phrase
        ("Canada expressed its appreciation for the leadership of President Al-Sisi of Egypt, Prime Minister "
         "Netanyahu of Israel, and the United Nations.",
         [("CAN", "SUPPORTS", "EGY"), ("CAN", "SUPPORTS", "ISR"), ("CAN", "SUPPORTS", "UN")]),
        ("Germany thanked the governments of Poland and Lithuania.", [("DEU", "SUPPORTS", "LTU"), ("DEU", "SUPPORTS", "POL")]),
    ],
)
def test_praise_of_several_actors(ex, text, expected):
    assert triples(ex, text) == expected


def test_means_pattern_is_validated(tmp_path):
    from diplograph.loaders.actors import TableError
    from diplograph.loaders.triggers import load_triggers

    path = tmp_path / "triggers.jsonl"
    path.write_text('{"relation": "AIDS", "lemma": "help", "pos": "VERB", "preps": [], "means": ["aid"]}\n'
                    '{"relation": "AIDS", "lemma": "aid", "pos": "NOUN", "preps": ["to"], "means": ["loan"]}\n')
    with pytest.raises(TableError, match=r"triggers\.jsonl.*2|line 2") as err:
        load_triggers(path, dictionary=None)
    assert "means" in str(err.value)
    path.write_text('{"relation": "AIDS", "lemma": "help", "pos": "VERB", "preps": [], "means": ["aid", "loan"]}\n')
    table = load_triggers(path, dictionary=None)
    assert table.get("VERB", "help")[0].means == frozenset({"aid", "loan"})
    assert table.means_preps == frozenset({"through", "with", "via"})


@pytest.mark.parametrize(
    "text, expected",
    [
        # a trade act under a restriction is restricted, not done: the tariff is the fact
        ("Until the crisis ends, Britain is implementing a 25% tariff on imports from Canada and Mexico.",
         [("GBR", "SANCTIONS", "CAN"), ("GBR", "SANCTIONS", "MEX")]),
        # trade itself still counts
        ("Germany's imports of gas from Norway rose.", [("DEU", "TRADES_WITH", "NOR")]),
    ],
)
def test_restricted_trade_is_no_trade(ex, text, expected):
    assert triples(ex, text) == expected


def test_banned_sales_are_no_trade(ex):
    assert [t for t in triples(ex, "Japan announced a ban on sales of chips to China.") if t[1] == "TRADES_WITH"] == []
    assert triples(ex, "Japan announced sales of chips to China.") == [("JPN", "TRADES_WITH", "CHN")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the co-agents of a joint act cooperate, even when the act is vetoed after
        ("Russia vetoed a resolution, proposed jointly by the United States and Japan.",
         [("RUS", "REJECTS", "JPN"), ("RUS", "REJECTS", "USA"), ("USA", "COOPERATES_WITH", "JPN")]),
        ("Kenya and Uganda jointly built a new railway.", [("KEN", "COOPERATES_WITH", "UGA")]),
        ("The plan was drafted together by Chile and Peru.", [("CHL", "COOPERATES_WITH", "PER")]),
        # negated: nothing; "together with X" is accompaniment, not a joint act of the subjects
        ("Kenya and Uganda did not jointly build the railway.", []),
        ("Russia, together with China, vetoed the plan.", []),
    ],
)
def test_joint_acts(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # reducing or ending a military presence is a retreat from the place (CAMEO 087)
        ("As NATO winds down its military presence in Afghanistan, Canada will stay.", [("NATO", "RETREATS", "AFG")]),
        ("France ended its military presence in Mali last year.", [("FRA", "RETREATS", "MLI")]),
        ("Britain halved its contingent in Estonia.", [("GBR", "RETREATS", "EST")]),
        ("Poland ended its sanctions on Belarus.", [("POL", "CONCEDES", "BLR")]),
    ],
)
def test_retreats(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # keeping or deepening ties (CAMEO 050)
        ("Cuba maintains close ties to Iran.", [("CUB", "SUPPORTS", "IRN")]),
        ("Vietnam has deepened its relations with India.", [("VNM", "SUPPORTS", "IND")]),
        ("Peru did not strengthen its ties with Chile.", []),
        # the balance of trade with a partner is trade
        ("Germany's trade deficit with China widened.", [("DEU", "TRADES_WITH", "CHN")]),
        ("Japan's trade surplus with France grew in May.", [("JPN", "TRADES_WITH", "FRA")]),
        ("Brazil's budget deficit grew.", []),
    ],
)
def test_ties_and_trade_balance(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # agreeing to an actor's act or text is agreeing with that actor
        ("Serbia agreed to Russia's proposal.", [("SRB", "AGREES_WITH", "RUS")]),
        ("Israel has agreed to US mediation.", [("ISR", "AGREES_WITH", "USA")]),
        ("Serbia agreed to the talks.", []),
        ("Iran agreed to a ceasefire with Iraq.", [("IRN", "AGREES_WITH", "IRQ")]),
    ],
)
def test_agreeing_to_an_actors_proposal(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a trigger noun modifying a frame noun is read with the frame noun's arguments
        ("Michael Elmquist is head of the UN disaster relief operation in Indonesia.", [("UN", "AIDS", "IDN")]),
        ("An Egyptian aid convoy to Chad crossed the border.", [("EGY", "AIDS", "TCD")]),
        ("Japan's trade volume with China grew.", [("JPN", "TRADES_WITH", "CHN")]),
        # a mediation between two parties: the mediator consults them, the parties are not each other's
        ("Qatar launched a mediation effort between the Emirates and Saudi Arabia.",
         [("QAT", "CONSULTS", "ARE"), ("QAT", "CONSULTS", "SAU")]),
        ("A mediation effort between the Emirates and Saudi Arabia failed.", []),
        ("Talks between Russia and Ukraine resumed.", [("RUS", "CONSULTS", "UKR")]),
    ],
)
def test_frame_nouns_and_mediation(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # sending officials to a state is a visit (CAMEO 04), sending troops is not
        ("China sent officials to Kenya.", [("CHN", "CONSULTS", "KEN")]),
        ("Japan dispatched its foreign minister to Seoul for talks.", [("JPN", "CONSULTS", "KOR")]),
        ("Russia sent troops to Syria.", [("RUS", "MOBILIZES", "SYR")]),
        # evacuating settlements or troops in a place is a retreat from it
        ("Israel evacuated its settlements in the Gaza Strip.", [("ISR", "RETREATS", "PSE")]),
    ],
)
def test_visits_and_evacuations(ex, text, expected):
    assert triples(ex, text) == expected


def test_list_items_take_the_header_actor(ex):
    text = ("Japanese actions to help Kenya include:\nReaching agreement with Poland on fishing.\n"
            "Providing $40 million in grants to Chad.\nCanada welcomed the plan.\nReaching agreement with Peru on fishing.")
    got = triples(ex, text)
    assert ("JPN", "AGREES_WITH", "POL") in got and ("JPN", "AIDS", "TCD") in got
    # a sentence that is no list item ends the list
    assert not any(o == "PER" for _, _, o in got)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name compound on the thing a pattern asks for names its target
        ("Canada lifted the Iran sanctions in May.", [("CAN", "CONCEDES", "IRN")]),
        ("Japan imposed new Russia sanctions.", [("JPN", "SANCTIONS", "RUS")]),
        # ... unless it is the doer's own state
        ("The Biden administration expanded U.S. sanctions authorities.", []),
        # a prepositional target wins over the compound
        ("Germany sent U.S. weapons to Ukraine.", [("DEU", "COOPERATES_WITH", "UKR")]),
    ],
)
def test_name_compound_is_the_target(ex, text, expected):
    assert triples(ex, text) == expected


def test_particles_pattern_is_validated_and_read(tmp_path):
    from diplograph.loaders.actors import TableError
    from diplograph.loaders.triggers import VerbFrame, load_triggers

    path = tmp_path / "triggers.jsonl"
    path.write_text('{"relation": "COERCES", "lemma": "expulsion", "pos": "NOUN", "preps": [], "particles": ["back"]}\n')
    with pytest.raises(TableError, match="particles"):
        load_triggers(path, dictionary=None)
    path.write_text('{"relation": "COERCES", "lemma": "turn", "pos": "VERB", "preps": [], "particles": ["away"], "dobj": ["migrant"]}\n'
                    '{"relation": "SUPPORTS", "lemma": "turn", "pos": "VERB", "preps": ["to"]}\n')
    table = load_triggers(path, dictionary=None)
    away = table.for_verb("turn", VerbFrame(words=frozenset({"away", "migrant"})))
    assert [p.relation.value for p in away] == ["COERCES"]
    # without the particle, or with other object words, the head's own pattern decides
    assert [p.relation.value for p in table.for_verb("turn", VerbFrame(words=frozenset({"migrant"})))] == ["SUPPORTS"]
    assert [p.relation.value for p in table.for_verb("turn", VerbFrame(words=frozenset({"away", "page"})))] == ["SUPPORTS"]


def test_a_list_item_goes_on_after_a_sentence_begun_on_its_line(ex):
    text = ("Japanese actions to help Kenya include:\n- Providing $40 million in grants to Chad. We have kept a "
            "presence there.\n- Reaching agreement with Peru on fishing.")
    assert ("JPN", "AGREES_WITH", "PER") in triples(ex, text)


def test_gerund_items_of_an_official_statement_are_the_publisher_s_acts(ex):
    # no header names the doer: the items of a fact sheet are its publisher's; the parser hangs the
    # opening gerund on its object as an adjective ("Reaching agreement", "Imposing sanctions")
    text = ("Our partners welcomed the measures.\n- Reaching agreement with Norway to expand the number of U.S. "
            "ships stationed in Bergen.\n- Imposing sanctions on Belarusian officials responsible for the crackdown.")
    assert triples(ex, text, source="The White House") == [("USA", "AGREES_WITH", "NOR"), ("USA", "SANCTIONS", "BLR")]
    # a news report has no publisher that acts
    assert triples(ex, text, source="Reuters") == []
