"""Issue 11 (recall on untuned text): general mechanisms, sentences through the real Extractor
(exact facts)."""

from __future__ import annotations


from diplograph.graph.model.records import Article


def facts_of(ex, text: str) -> list[tuple[str, str, str]]:
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04"))
    return sorted((f.subject.id, f.relation.value, f.object.id) for f in facts)


# a named government body of a state acts for the state


def test_a_named_ministry_tied_to_its_state_is_the_state(ex):
    assert facts_of(ex, "China's Ministry of Commerce criticized the United States.") == [("CHN", "OPPOSES", "USA")]
    assert facts_of(ex, "Venezuela's Ministry of Defense condemned Colombia.") == [("VEN", "OPPOSES", "COL")]


def test_a_named_office_led_by_its_state_name_is_the_state(ex):
    assert facts_of(ex, "The U.S. Trade Representative criticized China.") == [("USA", "OPPOSES", "CHN")]


def test_a_named_body_whose_state_is_not_said_stays_its_own_organisation(ex):
    assert facts_of(ex, "The Department of the Treasury sanctioned Russia.") == [
        ("department-of-the-treasury", "SANCTIONS", "RUS")]
