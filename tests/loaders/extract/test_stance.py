"""Stance (issue 11): blame on evaluative nouns and predicates, stances on acts, demanded acts,
plans, and the strike that is an attack — invented sentences through the real model, exact facts."""

import pytest

from extracted import triples

WH = "The White House"



@pytest.mark.parametrize(
    "text, expected",
    [
        # blame predicates: the subject of the copula is blamed by the reporting clause's subject
        ("Germany said Russia is responsible for the attack on the hospital.", [("DEU", "ACCUSES", "RUS")]),
        ("Poland said that Syria is guilty of the massacre.", [("POL", "ACCUSES", "SYR")]),
        # a blame noun: its holder ("by" agent, possessor) is blamed
        ("Japan said the launch by North Korea is a violation of UN resolutions.", [("JPN", "ACCUSES", "PRK")]),
        ("Poland said that China's violation of the treaty was unacceptable.", [("POL", "ACCUSES", "CHN")]),
        # a verb of verbal conflict over the blamed act keeps its own relation, towards the doer
        ("France condemned Russia's lies about the war.", [("FRA", "OPPOSES", "RUS")]),
        ("Britain denounced the abuses committed by Syria.", [("GBR", "OPPOSES", "SYR")]),
    ],
)
def test_blame_on_nouns_and_predicates(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Canada said that Russia is responsible for security in the region.",  # no harm: no blame
        "Italy said Iran is not responsible for the attack.",  # negated copula
        "Poland said Russia did not commit violations.",  # negated act
        "Croatia said it is investigating alleged crimes by Serbia.",  # hedged: someone else's claim
        "The minister said that Iran is to blame for the crisis.",  # an unknown speaker blames
    ],
)
def test_no_blame_without_harm_assertion_or_known_evaluator(ex, text):
    assert [t for t in triples(ex, text, WH) if t[1] in {"ACCUSES", "OPPOSES"}] == []


def test_statement_speaker_is_the_evaluator_when_no_clause_names_one(ex):
    # "the world" is no actor: the statement's publisher (the White House → USA) holds the stance
    assert triples(ex, "The world is rejecting Russia's lies.", WH) == [("USA", "ACCUSES", "RUS")]
    # the same sentence in a news text (no speaker) gives nothing
    assert triples(ex, "The world is rejecting Russia's lies.") == []


def test_condemning_modifier_is_an_implied_opposes(ex):
    assert triples(ex, "The sanctions respond to Russia's brutal war against Ukraine.", WH) == [
        ("RUS", "ASSAULTS", "UKR"), ("USA", "OPPOSES", "RUS")]
    # a material act is no evaluation: the stance stays the speaker's, not the defender's
    got = triples(ex, "The weapons help Ukraine defend itself against Russia's unprovoked invasion.", WH)
    assert ("USA", "OPPOSES", "RUS") in got and ("UKR", "OPPOSES", "RUS") not in got


@pytest.mark.parametrize(
    "text, expected",
    [
        # a stance on an act is towards its doer, never its target
        ("Spain opposed sanctions on Iran.", []),
        ("Germany rejected sanctions against Cuba.", []),
        ("Poland condemned the attack on Ukraine.", []),
        ("Poland condemned the Russian attack on Ukraine.", [("POL", "OPPOSES", "RUS")]),
        ("Poland condemned the attack on Ukraine by Belarus.", [("POL", "OPPOSES", "BLR")]),
        # a demanded act is not done
        ("Italy called for sanctions on Venezuela.", []),
        # an alternative not taken
        ("Rather than support Ukraine, Hungary blocked the aid.", []),
        # plans and expectations are no threats; a threat is
        ("Russia plans to attack Ukraine.", []),
        ("Russia is expected to attack Ukraine.", []),
        ("Russia threatened to attack Ukraine.", [("RUS", "THREATENS", "UKR")]),
        # striking targets is an attack, not a strike (protest)
        ("Israel struck Hamas targets in Gaza.", [("ISR", "ASSAULTS", "HAMAS")]),
        # a description the parser leaves beside its name as a second subject: the name acts
        ("Russia's ally Belarus attacked Ukraine.", [("BLR", "ASSAULTS", "UKR")]),
        # nouns and light verbs of verbal conflict
        ("The European Union issued a warning to Hungary.", [("EU", "THREATENS", "HUN")]),
        ("Ukraine's rejection of the Russian ultimatum angered Moscow.", [("UKR", "REJECTS", "RUS")]),
        # the owner of a rejected or criticised thing: the agent of its participle, the doer of a
        # relative clause's head
        ("Russia vetoed a resolution proposed by the United States and Japan.",
         [("RUS", "REJECTS", "JPN"), ("RUS", "REJECTS", "USA")]),
        ("Malaysia maintained a policy which the United Nations criticised.", [("UN", "OPPOSES", "MYS")]),
    ],
)
def test_stance_on_acts_demands_plans_and_strikes(ex, text, expected):
    assert triples(ex, text) == expected


def test_warning_of_consequences_is_a_threat(ex):
    # a future or conditional "face/pay consequences": the speaker (or reporting subject) threatens
    assert triples(ex, "We made clear that Iran would face severe consequences.", WH) == [("USA", "THREATENS", "IRN")]
    assert triples(ex, "France warned that Russia will pay a heavy price.") == [("FRA", "THREATENS", "RUS")]
    # a reported fact or a negated clause warns of nothing
    assert triples(ex, "Iran faced consequences for the attack.", WH) == []
    assert triples(ex, "Germany said Russia would not face consequences.") == []


# ---------------------------------------------------------------- round 3: groups, event coreference
def test_group_stays_current_through_a_chain_of_they(ex):
    # the group listed in the first sentence is "they" four sentences later, past an object naming Iran
    text = ("The summit included: President Macron of France, Chancellor Scholz of Germany and Prime Minister "
            "Meloni of Italy. They met for three hours in a castle outside the capital city of the host. "
            "They discussed the energy markets and the prices of gas and electricity in the coming winter months. "
            "They noted that the situation in the region remains tense and difficult for many of the people living there. "
            "They said that the door to talks remains open for Iran, and they called on Iran to release the detained sailors.")
    demands = [t for t in triples(ex, text) if t[1] == "DEMANDS"]
    assert [t[2] for t in demands] == ["IRN", "IRN", "IRN"]
    assert len({t[0] for t in demands}) == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        # a demonstrative act noun refers back to the act of the sentence before: its agent is blamed
        ("North Korea launched a ballistic missile on Monday. Japan said this launch is a violation of UN resolutions.",
         [("JPN", "ACCUSES", "PRK")]),
        ("Iran seized a Greek tanker in the Gulf. Greece denounced these actions.", [("GRC", "OPPOSES", "IRN")]),
        # a definite noun of the same class of act ("shelled" ... "the attack")
        ("Russian forces shelled Kharkiv overnight. Canada condemned the attack.", [("CAN", "OPPOSES", "RUS")]),
        # a noun's own agent, named or not, is no reference back
        ("Syria bombed Idlib. Turkey condemned the attack by unknown gunmen.", []),
        # no act of that class before: nothing
        ("Iran and Oman held talks in Muscat. Britain condemned the attack.", []),
    ],
)
def test_event_coreference_gives_the_doer(ex, text, expected):
    assert [t for t in triples(ex, text) if t[1] in {"ACCUSES", "OPPOSES"}] == expected


def test_typeset_apostrophe_in_a_state_name(ex):
    assert triples(ex, "Japan condemned the Democratic People\u2019s Republic of Korea\u2019s test of a missile.") == [
        ("JPN", "OPPOSES", "PRK")]


def test_an_act_that_endangers_is_no_threat_by_its_holder(ex):
    # the participle describes the attacks: the holder of the attacks makes no threat (CAMEO 13 is a statement)
    text = "The minister raised concerns about Iranian cyberattacks targeting power grids and threatening the safety of Germans."
    assert [t for t in triples(ex, text) if t[1] == "THREATENS"] == []
    # an actor's own threat stays one
    assert triples(ex, "Iran threatened Germany with retaliation.") == [("IRN", "THREATENS", "DEU")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # object control names the addressee; a non-actor addressee leaves the complement's objects alone
        ("Chile rejected the proposal, urging the counterpart to sign the Mercosur agreement.", []),
        ("Kenya pressed its partners to join the African Union mission.", []),
        ("Germany urged Russia to withdraw its troops from Moldova.", [("DEU", "DEMANDS", "RUS")]),
        ("France asked the Russian government to release the journalists.", [("FRA", "DEMANDS", "RUS")]),
    ],
)
def test_the_demanded_party_is_the_addressee(ex, text, expected):
    assert [t for t in triples(ex, text) if t[1] == "DEMANDS"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a claim whose complement's subject commits a wrong: the claim's speaker accuses that subject
        ("Germany said Russia committed war crimes in Bucha.", [("DEU", "ACCUSES", "RUS")]),
        ("Ukraine said Russian forces carried out atrocities in the town.", [("UKR", "ACCUSES", "RUS")]),
        ("Britain said Iran is supporting terrorism in the region.", [("GBR", "ACCUSES", "IRN")]),
        ("Poland said that Belarus was engaged in aggression against its neighbours.", [("POL", "ACCUSES", "BLR")]),
        ("Japan said war crimes were committed by Syria.", [("JPN", "ACCUSES", "SYR")]),
        ("The United States assesses that Russia is violating the treaty.", [("USA", "ACCUSES", "RUS")]),
        ("Israel said Hezbollah was behind the bombing.", [("ISR", "ACCUSES", "HEZBOLLAH")]),
        # no wrong, a negated or hypothetical one: nothing
        ("Israel said Hezbollah was behind the decision.", []),
        ("Germany said Russia did not violate the treaty.", []),
        ("Austria said Serbia could violate the treaty.", []),
        ("Canada said Peru committed funds to the project.", []),
    ],
)
def test_claims_of_wrongdoing_accuse_the_wrongdoer(ex, text, expected):
    assert [t for t in triples(ex, text) if t[1] in {"ACCUSES", "OPPOSES"}] == expected


def test_wrongdoing_verbs_in_a_statement_are_the_speakers_accusation(ex):
    assert triples(ex, "Iran continues to sponsor terrorism across the Middle East.", WH) == [("USA", "ACCUSES", "IRN")]
    assert triples(ex, "Russia violated the ceasefire.", WH) == [("USA", "ACCUSES", "RUS")]
    # a news text has no speaker: no evaluator
    assert triples(ex, "Russia violated the ceasefire.") == []


def test_a_condemning_description_of_a_wrong_opposes_and_a_predication_accuses(ex):
    assert triples(ex, "Spain said it sent troops in response to Russia's unprovoked aggression.") == [("ESP", "OPPOSES", "RUS")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "for X to ...": X is the one the demand is made on, and the demanded act is not done
        ("Egypt called for Israel to withdraw from Rafah.", [("EGY", "DEMANDS", "ISR")]),
        ("Jordan renewed its call for Israel to withdraw from Gaza.", [("JOR", "DEMANDS", "ISR")]),
        # a demand noun with a "that" clause
        ("The Philippines issued a demand that China withdraw its vessels.", [("PHL", "DEMANDS", "CHN")]),
        # verbs of pleading and pushing are demands on their addressee
        ("Qatar appealed to Hamas to release the hostages.", [("QAT", "DEMANDS", "HAMAS")]),
        ("Japan pushed China to stop the exercises.", [("JPN", "DEMANDS", "CHN")]),
        ("France pleaded with Iran to free the aid workers.", [("FRA", "DEMANDS", "IRN")]),
        # a demand for a thing names no one
        ("Egypt renewed its call for a ceasefire.", []),
    ],
)
def test_demands_made_on_an_addressee(ex, text, expected):
    assert triples(ex, text) == expected


def test_a_noun_of_perpetration_holds_the_wrong(ex):
    assert triples(ex, "Russia's use of disinformation is well documented.", WH) == [("USA", "ACCUSES", "RUS")]
    assert triples(ex, "Poland said Belarus's support for terrorism must end.") == [("POL", "ACCUSES", "BLR")]
    # support for a good cause is no wrong
    assert triples(ex, "Poland said Lithuania's support for democracy is welcome.") == []


def test_hold_a_long_list_accountable(ex):
    # the parser coordinates "accountable" with the verb after a list of objects
    got = triples(ex, "Germany is taking bold action to hold Iran, Syria, and Russia accountable to their promises of halting arms sales.")
    assert got == [("DEU", "OPPOSES", "IRN"), ("DEU", "OPPOSES", "RUS"), ("DEU", "OPPOSES", "SYR")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the act named after "against"/"from" is what the subject counters, not its own act
        ("The Egyptian president defended Qatar and Oman against Western criticism of their policies.", []),
        ("Jordan shielded Iraq from criticism over its elections.", []),
        # the act as the verb's own object stays the subject's
        ("Canada voiced criticism of Iran.", [("CAN", "OPPOSES", "IRN")]),
    ],
)
def test_an_act_countered_is_not_the_counterers(ex, text, expected):
    assert [t for t in triples(ex, text) if t[1] == "OPPOSES"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # preventing a wrong or a bad outcome coerces no one
        ("Brazil will work with Chile to prevent Argentina's evasion of tariffs on steel.", []),
        ("Spain keeps channels open with Morocco to manage tensions and prevent them from veering into conflict.", []),
        # preventing people or their civil acts does
        ("Israel prevented a Turkish flotilla from reaching Gaza.", [("ISR", "COERCES", "TUR")]),
        ("Egyptian police prevented Palestinian journalists from entering the court.", [("EGY", "COERCES", "PSE-MED")]),
    ],
)
def test_prevention_is_coercion_of_people_and_their_civil_acts(ex, text, expected):
    assert [t for t in triples(ex, text) if t[1] == "COERCES"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a material act as subject: its target is what its verb affects
        ("Russian strikes hit Odesa overnight.", [("RUS", "ASSAULTS", "UKR")]),
        ("The Chinese blockade has crippled Taiwan's economy.", [("CHN", "COERCES", "TWN")]),
        ("EU sanctions target Belarus's banks.", [("EU", "SANCTIONS", "BLR-BUS")]),  # banks: the state's business sector
        # not a fact, or a stance act: nothing
        ("Russian strikes could hit Odesa.", []),
        ("Russian attacks have not stopped Ukraine's grain exports.", []),
    ],
)
def test_the_target_of_an_act_named_as_subject(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a condemning predicate of an actor (or of the example of a class) is opposition
        ("Germany said Russia was reckless.", [("DEU", "OPPOSES", "RUS")]),
        ('Kenya said that rich nations like Norway were being "stingy" by making small pledges.', [("KEN", "OPPOSES", "NOR")]),
        # negated, or the badness of a thing: nothing
        ("Italy said Iran was not reckless.", []),
        ("France said the annexation is illegal.", []),
    ],
)
def test_condemning_predicates_of_actors(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "which" parsed as a second subject beside the critic is the object; a gerund's object inside
        # a noun's phrase is part of that noun's act, so the critic opposes the policy's holders
        ("Thailand and Laos have maintained a policy of deporting refugees which, according to the BBC, the United Nations and "
         "Germany have both condemned.", [("DEU", "OPPOSES", "LAO"), ("DEU", "OPPOSES", "THA"), ("UN", "OPPOSES", "LAO"),
                                          ("UN", "OPPOSES", "THA")]),
        ("Thailand and Laos have kept a practice of deporting refugees which Germany and France have both condemned.",
         [("DEU", "OPPOSES", "LAO"), ("DEU", "OPPOSES", "THA"), ("FRA", "OPPOSES", "LAO"), ("FRA", "OPPOSES", "THA")]),
        # a rejection in a "which" clause answers the accusation (towards its maker), not the last noun
        ("Norway accused Peru of arming Bolivia, which Peru rejected.", [("NOR", "ACCUSES", "PER"), ("PER", "REJECTS", "NOR")]),
        ("Critics accused Peru of arming Bolivia, which Peru rejected.", []),
    ],
)
def test_stances_in_relative_clauses(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an ended stance or act is no current one
        ("Kenya's support for Somalia has ended.", []),
        ("Kenya's support for Somalia has grown.", [("KEN", "SUPPORTS", "SOM")]),
    ],
)
def test_an_ended_stance_is_no_fact(ex, text, expected):
    assert triples(ex, text) == expected


def test_a_left_quotation_mark_typed_for_an_apostrophe_is_a_possessive(ex):
    assert triples(ex, "France condemned Syria\u2018s brutal crackdown.") == [("FRA", "OPPOSES", "SYR")]


@pytest.mark.parametrize(
    "text, source, expected",
    [
        # a commitment to an actor is support (CAMEO 051), the holder's or the statement's speaker's
        ("Our commitment to the African Union is unwavering.", WH, [("USA", "SUPPORTS", "AU")]),
        ("Kenya reaffirmed its commitment to Somalia.", None, [("KEN", "SUPPORTS", "SOM")]),
        # to an act or a thing, or reneged on: no support
        ("Kenya reaffirmed its commitment to democratic principles.", None, []),
        ("Zambia has reneged on its commitment to Malawi.", None, []),
    ],
)
def test_commitment_to_an_actor_is_support(ex, text, source, expected):
    assert triples(ex, text, source) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a wrong modifier makes a neutral act noun a blame of its holder (ACCUSES), also of a
        # later conjunct that shares the first one's possessor, also hyphenated
        ("Japan's unfair subsidies hurt our carmakers.", [("USA", "ACCUSES", "JPN")]),
        ("Mexico said Canada's quotas and non-market pricing ruin its farmers.", [("MEX", "ACCUSES", "CAN")]),
        # the matter of an inquiry is examined, not asserted
        ("The inquiry into unfair subsidies by Japan goes on.", []),
        ("We are investigating unfair subsidies by Japan.", [("USA", "INVESTIGATES", "JPN")]),
    ],
)
def test_wrong_modifiers_blame_the_holder(ex, text, expected):
    assert triples(ex, text, WH) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an agent noun of perpetration predicated of an actor blames it
        ("Germany said Syria is a major exporter of terrorism.", [("DEU", "ACCUSES", "SYR")]),
        ("Germany said Syria is a major exporter of oil.", []),
        ("Germany said Syria is not a sponsor of terrorism.", []),
    ],
)
def test_agent_nouns_of_perpetration_blame_the_subject(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a class named by a plural noun stands for the members it includes
        ("Venezuela keeps close ties to rogue exporters of oil, including the Government of Iran.", [("VEN", "SUPPORTS", "IRN")]),
        # giving safe haven is support
        ("Pakistan offered sanctuary to the Taliban.", [("PAK", "SUPPORTS", "TALIBAN")]),
        ("Pakistan offered sanctuary to refugees.", []),
    ],
)
def test_support_through_ties_and_safe_haven(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the infinitive of a noun of intention is intended, done by the noun's holder: a threat
        ("The embassy closed after threats by Hamas to attack Israel.", [("HAMAS", "THREATENS", "ISR")]),
        ("The embassy closed after threats by Hamas to attack Israel were reported.", [("HAMAS", "THREATENS", "ISR")]),
    ],
)
def test_threats_carried_by_nouns(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # praise predicated of an actor (copula or small clause) is support by the evaluator
        ("Germany said Japan is a trusted partner.", [("DEU", "SUPPORTS", "JPN")]),
        ("Spain said its reforms made Portugal the most successful economy in Europe.", [("ESP", "SUPPORTS", "PRT")]),
        # negated, or a noun of conflict: none
        ("Germany said the UN is not a trusted partner.", []),
        ("Germany said Russia is the greatest threat to Europe.", []),
    ],
)
def test_praise_predicated_of_an_actor_is_support(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a wrong of governance with no doer named is the state's where it happens
        ("Germany said there is widespread corruption in Nigeria.", [("DEU", "ACCUSES", "NGA")]),
        ("In Belarus we keep seeing brutal repression of the opposition.", [("USA", "ACCUSES", "BLR")]),
        # a named doer, or another wrong (terrorism in a state is done to it): no located blame
        ("Germany said Russian soldiers committed abuses in Ukraine.", [("DEU", "ACCUSES", "RUS")]),
        ("Germany said terrorism in France is growing.", []),
    ],
)
def test_wrongs_of_governance_blame_the_state_where_they_happen(ex, text, expected):
    assert triples(ex, text, WH if text.startswith("In ") else None) == expected


@pytest.mark.parametrize("text, expected", [
    # a partitive predicate ("one of the most generous pledges") praises, and an act's holder is the one praised
    ("Germany said that Brazil's contribution was one of the most generous pledges so far.", [("DEU", "SUPPORTS", "BRA")]),
    ("Germany said that Brazil was one of the most reliable partners.", [("DEU", "SUPPORTS", "BRA")]),
    ("Germany said that Brazil's contribution was not one of the most generous pledges.", []),
])
def test_partitive_praise_of_an_act_s_holder(ex, text, expected):
    assert triples(ex, text) == expected
