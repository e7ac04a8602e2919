"""First-person pronouns in official statements resolve to the speaker named by the article's
metadata (publisher table ``speakers.tsv``, statement titles); membership facts."""


from diplograph.graph.model.records import Article

WH = "The White House (Briefing Room)"


def triples(ex, text, source=None, title=None, date="2024-03-07"):
    facts = ex.extract(Article(id="t", text=text, date=date, source=source, title=title))
    return sorted((f.subject.id, f.relation.value, f.object.id) for f in facts if f.relation.value != "LEADS")


def test_speaker_from_source_and_title(ex):
    group, person = ex.speaker(Article(id="t", text="x", source=WH, date="2024-03-07",
                                       title="Statement from President Joe Biden on Iran Sanctions"))
    assert (group.id, person.id, person.country) == ("USA", "joe-biden", "USA")
    group, person = ex.speaker(Article(id="t", text="x", source=WH, title="FACT SHEET: New Sanctions"))
    assert (group.id, person.id) == ("USA", "USA")
    # a title alone names the speaker and its state
    group, person = ex.speaker(Article(id="t", text="x", date="2024-03-07", title="Remarks by President Biden at the Summit"))
    assert (group.id, person.id) == ("USA", "joe-biden")
    assert ex.speaker(Article(id="t", text="x", source="Wikinews", title="US president Bush visits Canada")) == (None, None)


def test_we_and_i_are_the_state_and_its_speaker(ex):
    assert triples(ex, "We stand with the people of Afghanistan.", source=WH) == [("USA", "SUPPORTS", "AFG")]
    assert triples(ex, "I commend Poland for its support.", source=WH,
                   title="Statement from President Joe Biden on Ukraine") == [("joe-biden", "SUPPORTS", "POL")]
    # the passive subject of "honored to welcome" does the welcoming; "as NATO's Ally" is membership
    assert triples(ex, "Today, I am honored to welcome Sweden as NATO's 32nd Ally.", source=WH,
                   title="Statement from President Joe Biden Welcoming Sweden to NATO") == [
        ("SWE", "MEMBER_OF", "NATO"), ("joe-biden", "SUPPORTS", "SWE")]


def test_first_person_unresolved_without_speaker_or_inside_quotes(ex):
    assert triples(ex, "We stand with the people of Afghanistan.", source="Wikinews") == []
    assert triples(ex, "We stand with the people of Afghanistan.") == []
    # someone quoted in the statement is not its speaker
    assert triples(ex, "The minister said: “We stand with the people of Afghanistan.”", source=WH) == []


def test_membership_from_member_nouns(ex):
    assert triples(ex, "Sweden, a member of the EU, protested.") == [("SWE", "MEMBER_OF", "EU")]
    assert triples(ex, "Sweden became a member of NATO.") == [("SWE", "MEMBER_OF", "NATO")]
    assert triples(ex, "Sweden and Finland are members of the EU.") == [("FIN", "MEMBER_OF", "EU"), ("SWE", "MEMBER_OF", "EU")]
    assert triples(ex, "Finland's membership in NATO was ratified.") == [("FIN", "MEMBER_OF", "NATO")]
    # the organisation from context when the membership names none
    assert triples(ex, "NATO leaders met.\nAlliance members ratified Finland's membership.") == [("FIN", "MEMBER_OF", "NATO")]
    for text in ("Ukraine wants to become a member of NATO.", "Ukraine is not a member of NATO.",
                 "Chile has been an associate member of Mercosur since 1996.", "Ukraine's NATO membership bid failed.",
                 "Russia did not ratify Finland's membership in NATO."):
        assert triples(ex, text) == [], text
    # opposing a state's membership opposes that state, and makes it no member
    assert triples(ex, "Russia opposed the prospect of Ukraine's membership in NATO.") == [("RUS", "OPPOSES", "UKR")]
    # the subject of a governing verb is not the member
    assert triples(ex, "I support the application of Finland for membership in NATO.", source=WH) == [
        ("USA", "SUPPORTS", "FIN")]


def test_copula_stand_is_no_support(ex):
    assert triples(ex, "With the addition of Sweden, NATO stands more united than ever.") == []
