"""Event-coder conventions for acts whose other side the sentence does not name (invented sentences).

CAMEO/PLOVER code a protest with no named target against the state where it happens, else the
protesters' own state; the people of a state by their country of residence; an attack by
unnamed attackers to the state where it happens (Schrodt 2012, CAMEO 1.1b3, ch. 4 and 14/18).
"""

import pytest

from diplograph.graph.model.records import Article


def triples(ex, text):
    """(subject, relation, object, subject country) of the non-structural facts of one sentence, sorted."""
    facts = ex.extract(Article(id="t", text=text, date="2020-01-01"))
    return sorted((f.subject.id, f.relation.value, f.object.id, f.subject.country) for f in facts
                  if f.relation.value not in {"LEADS", "OWNS"})


@pytest.mark.parametrize("text, expected", [
    # the place of the protest is its target
    ("Syrian students rioted at a prison in Jordan.", [("SYR-EDU", "PROTESTS", "JOR", "SYR")]),
    # no place and no target: the protesters' own state; a plural people noun is the state's people
    ("Young Egyptians blocked a highway near Cairo to press their demands.", [("EGY-CVL", "PROTESTS", "EGY", "EGY")]),
    ("Chilean farmers marched on Tuesday.", [("CHL-AGR", "PROTESTS", "CHL", "CHL")]),
    # "hundreds of X" counts the people X
    ("Hundreds of Kenyans protested in Nairobi on Friday.", [("KEN-CVL", "PROTESTS", "KEN", "KEN")]),
    # a state protesting names no people: no fact without a target
    ("Russia protested.", []),
])
def test_protest_targets(ex, text, expected):
    assert triples(ex, text) == expected


def test_people_are_coded_by_country_of_residence(ex):
    assert triples(ex, "The Russians of eastern Estonia demanded autonomy from Estonian authorities.") == [
        ("EST-CVL", "DEMANDS", "EST-GOV", "EST")]


@pytest.mark.parametrize("text, expected", [
    ("A car bombing near the city of Kandahar killed three Canadian soldiers.", [("AFG", "ASSAULTS", "CAN", "AFG")]),
    # the victims' place is no attacker: a passive attack without a doer gives no source
    ("Three Kenyan civilians were killed in a bombing in Nairobi.", []),
])
def test_unnamed_attackers_act_for_the_place(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "they" after "Greek farmers" are the farmers, not Greece: a threat against their own state
    ("Angry Greek farmers said they would blockade Athens.", [("GRC-AGR", "THREATENS", "GRC", "GRC")]),
    ("Russian officials said they would expel Estonian diplomats.", [("RUS", "THREATENS", "EST", "RUS")]),
])
def test_plural_pronoun_is_the_group_named(ex, text, expected):
    assert triples(ex, text) == expected


def test_an_organization_in_a_state_is_that_state(ex):
    assert triples(ex, "The Turkish government outlawed an Islamist organization in Turkey.") == [
        ("TUR-GOV", "COERCES", "TUR", "TUR")]


def test_agreement_to_an_act_takes_the_act_s_object(ex):
    assert triples(ex, "Brazil agreed to send doctors to Haiti.") == [("BRA", "AGREES_WITH", "HTI", "BRA")]


@pytest.mark.parametrize("text, expected", [
    # an ethnic group is the people of the state where the act happens, not the state of its name
    ("Russian troops attacked ethnic Georgians in Abkhazia.", [("RUS", "ASSAULTS", "GEO", "RUS")]),
    # with no place named it is no known actor: no fact against Turkey
    ("Ethnic Turks began a hunger strike to protest against Sweden's decision.", []),
])
def test_ethnic_groups_live_where_they_act(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # CAMEO 0861/0862: receiving peacekeepers or inspectors allows international involvement
    ("Iraq received inspectors from the IAEA.", [("IRQ", "RETREATS", "IAEA", "IRQ")]),
    ("Sudan accepted UN peacekeepers.", [("SDN", "RETREATS", "UN", "SDN")]),
])
def test_receiving_inspectors_allows_involvement(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # an act with no other side (docs/domestic-events.md): towards the doer's own state
    ("Bolivian President Carlos Mesa resigned on Monday.", [("carlos-mesa", "RETREATS", "BOL", "BOL")]),
    ("Peruvian Interior Minister Fernando Rospigliosi resigned from the cabinet after protests in Lima.",
     [("fernando-rospigliosi", "RETREATS", "PER", "PER")]),
    ("Peruvian Interior Minister Fernando Rospigliosi has declined to resign.",
     [("fernando-rospigliosi", "REJECTS", "PER", "PER")]),
    ("Ecuadorian rebels backed down on Friday.", [("ECU-REB", "CONCEDES", "ECU", "ECU")]),
    # a sector of the state: the ends are the sector and its state
    ("The Estonian Supreme Court lifted restrictions on private radio stations.",
     [("EST-JUD", "CONCEDES", "EST", "EST")]),
    # a resignation someone asks for is not done; a state names no own side
    ("The opposition urged Bolivian President Carlos Mesa to resign.", []),
    ("Russia protested.", []),
])
def test_targetless_acts_are_towards_the_own_state(ex, text, expected):
    assert triples(ex, text) == expected


def test_each_targetless_actor_towards_its_own_state(ex):
    # two leaders of two states resigning: no leader towards the other's state
    assert triples(ex, "Bolivian President Carlos Mesa and Peruvian Interior Minister Fernando Rospigliosi resigned.") == [
        ("carlos-mesa", "RETREATS", "BOL", "BOL"), ("fernando-rospigliosi", "RETREATS", "PER", "PER")]


@pytest.mark.parametrize("text, expected", [
    # agent nouns of civil sectors (PETRARCH2 agents: EDU, LAB) are groups of their state
    ("Saudi professors sued the United States.", [("SAU-EDU", "ACCUSES", "USA", "SAU")]),
    ("Kenyan professors began a hunger strike.", [("KEN-EDU", "PROTESTS", "KEN", "KEN")]),
])
def test_civil_sector_groups(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a person's own act through the light verb of a noun ("started a hunger strike")
    ("A member of the Kenyan parliament, John Mbadi, started a hunger strike.", [("john-mbadi", "PROTESTS", "KEN", "KEN")]),
    # an act whose subject is only found through a verb above it is no target-less act of that person
    ("Kenyan President Mwai Kibaki signed an order terminating the program.", []),
])
def test_a_persons_targetless_act_needs_its_own_subject(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # CAMEO 086/0863 (PLOVER RETREAT): opening a border or crossing to an actor, letting aid through
    ("Turkey reopened its border to Syrian refugees.", [("TUR", "RETREATS", "SYR-REF", "TUR")]),
    ("Egypt opened the Rafah crossing for Palestinians.", [("EGY", "RETREATS", "PSE", "EGY")]),
    ("Israel allowed aid convoys into Gaza.", [("ISR", "RETREATS", "PSE", "ISR")]),
    ("Israel did not allow aid into Gaza.", []),
])
def test_allowing_passage_is_a_retreat(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "engage in", "take part in", "participate in" carry the act of their event noun (lexicon light_verbs)
    ("Ghana engaged in talks with Nigeria.", [("GHA", "CONSULTS", "NGA", "GHA")]),
    ("Chile participated in talks with Peru.", [("CHL", "CONSULTS", "PER", "CHL")]),
    ("Serbia took part in fighting with Croatia.", [("SRB", "FIGHTS", "HRV", "SRB")]),
    # "go on strike": a verb of motion or state whose preposition holds the event noun
    # (lexicon prepositional_light_verbs); a protest with no target is towards the own state
    ("Bolivian farmers went on strike on Thursday.", [("BOL-AGR", "PROTESTS", "BOL", "BOL")]),
    ("Bolivian students stayed on hunger strike.", [("BOL-EDU", "PROTESTS", "BOL", "BOL")]),
])
def test_prepositional_light_verbs(ex, text, expected):
    assert triples(ex, text) == expected


def test_a_people_after_a_demonym_is_a_group_of_that_state(ex):
    # "Kurds" is in no table: the demonym's state, as a group of its own
    assert triples(ex, "Turkish Kurds protested against Germany.") == [("TUR-kurds", "PROTESTS", "DEU", "TUR")]


def test_a_facility_is_of_the_people_it_serves(ex):
    # lexicon facility_nouns: the attack on "a school for X" is an attack on X
    assert triples(ex, "Chadian rebels shelled a school for Sudanese refugees.") == [
        ("TCD-REB", "FIGHTS", "SDN-REF", "TCD")]


@pytest.mark.parametrize("text, expected", [
    # CAMEO 074: sending peacekeepers is aid (PLOVER AID, peacekeeping)
    ("Fiji sent peacekeepers to Lebanon.", [("FJI", "AIDS", "LBN", "FJI")]),
    # the refused act's place, which the parser hangs on its object, is what is refused
    ("Nepal refused to station peacekeepers in Chad.", [("NPL", "REJECTS", "TCD", "NPL")]),
    # ... but never the refuser's own state
    ("Kenya refused to deploy police in Nairobi.", []),
    ("Israel threatened to ban voting in Jerusalem if Hamas ran in the election.", [("ISR", "THREATENS", "HAMAS", "ISR")]),
])
def test_peacekeepers_and_the_object_of_a_refused_act(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # lexicon relational_nouns: "Iran's ally" is not Iran; the act's place names the victims' state
    ("Hamas killed a commander of Iran's militia ally in southern Syria.", [("HAMAS", "ASSAULTS", "SYR")]),
    ("Ethiopia attacked its neighbour Eritrea.", [("ETH", "ASSAULTS", "ERI")]),
])
def test_the_possessor_of_a_relational_noun_is_the_other_side(ex, text, expected):
    assert [t[:3] for t in triples(ex, text)] == expected


def test_unnamed_militants_act_for_the_place(ex):
    # lexicon unattributed_agents: militants and protesters no modifier places act for the state where
    # they act, as a group of that state when the noun names one (group_sectors, with the dictionary's
    # armed-group agents: gunmen are UAF; PLOVER codes both IRN)
    assert triples(ex, "Protesters attacked the Danish embassy in Tehran.") == [("IRN-ACT", "ASSAULTS", "DNK", "IRN")]
    assert triples(ex, "Gunmen attacked the Danish embassy in Tehran.") == [("IRN-UAF", "ASSAULTS", "DNK", "IRN")]
    assert triples(ex, "A car bomb exploded near the Danish embassy in Tehran.") == []


@pytest.mark.parametrize("text, expected", [
    # protesters no modifier places protest where they march, as a group of that state
    ("Demonstrators marched in Quito on Sunday.", [("ECU-ACT", "PROTESTS", "ECU", "ECU")]),
    ("Thousands of protesters rallied in Quito against the Ecuadorian government.", [("ECU-ACT", "PROTESTS", "ECU", "ECU")]),
])
def test_unnamed_protesters_protest_where_they_march(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a NOUN pattern with "dobj" words reads the noun's "of" object: what is suspended or closed decides the code
    ("Japan announced the suspension of flights to North Korea.", [("JPN", "SANCTIONS", "PRK", "JPN")]),
    ("Turkey announced the closure of its airspace to Israeli planes.", [("TUR", "COERCES", "ISR", "TUR")]),
    ("Kenya sealed its border with Somalia.", [("KEN", "COERCES", "SOM", "KEN")]),
    # no such complement: no pattern
    ("The suspension of the talks angered Iran.", []),
])
def test_noun_patterns_decided_by_their_complement(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # hand patterns with particles: a phrasal verb is another verb than its head (CAMEO 174)
    ("Greece turned away Albanian migrants.", [("GRC", "COERCES", "ALB-CVL", "GRC")]),
    ("Hungary pushed back Syrian refugees at the border.", [("HUN", "COERCES", "SYR-REF", "HUN")]),
    # the particle pattern's object words do not fit: the head's own patterns decide
    ("Russia sent back its envoy to Georgia.", [("RUS", "CONSULTS", "GEO", "RUS")]),
    ("Greece turned away from diplomacy with Turkey.", []),
])
def test_phrasal_verb_patterns(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # CAMEO 03 / PLOVER AGREE: agreeing to a cooperative or de-escalating act is an agreement with
    # its object, and the act is not done yet (as "will send aid")
    ("Japan agreed to send aid to Kenya.", [("JPN", "AGREES_WITH", "KEN", "JPN")]),
    # a conflictual act agreed to is the act alone
    ("Chile agreed to send troops to Peru.", [("CHL", "MOBILIZES", "PER", "CHL")]),
    # the agreement's object is read in the act's phrases as the act reads it: "EU monitors" are the EU
    ("Kenya agreed to open its airspace to EU monitors.", [("KEN", "AGREES_WITH", "EU", "KEN")]),
])
def test_agreeing_to_a_cooperative_act(ex, text, expected):
    assert triples(ex, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a bare "the government" against which a state's group acts is that state's
    ("Chilean workers protested against the government.", [("CHL-LAB", "PROTESTS", "CHL", "CHL")]),
    ("Ecuadorian farmers urged the government to lower fuel prices.", [("ECU-AGR", "DEMANDS", "ECU", "ECU")]),
])
def test_the_government_of_a_group_s_own_state(ex, text, expected):
    assert triples(ex, text) == expected
