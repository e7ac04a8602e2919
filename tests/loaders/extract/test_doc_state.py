"""The per-article mention index (:class:`DocState`): look-ups by kind walk only that kind's
mentions and give what a filtered walk over all mentions gives (issue 11, linear time)."""

from diplograph.graph.model.records import Actor, Article
from diplograph.graph.model.vocabulary import ActorKind
from diplograph.loaders.extract.document import DocState, Mention

RUS = Actor("RUS", ActorKind.STATE, "Russia")
UKR = Actor("UKR", ActorKind.STATE, "Ukraine")
NATO = Actor("NATO", ActorKind.ORGANIZATION, "NATO")
PUTIN = Actor("vladimir-putin", ActorKind.LEADER, "Vladimir Putin", country="RUS", role="President")
ZELENSKY = Actor("volodymyr-zelensky", ActorKind.LEADER, "Volodymyr Zelensky", country="UKR", role="President")


def state_with_mentions() -> DocState:
    st = DocState(Article(id="a", text=""))
    for m in [Mention(0, 1, (RUS,), "name"), Mention(3, 5, (PUTIN,), "name"), Mention(3, 4, (NATO,), "name"),
              Mention(8, 9, (UKR,), "name"), Mention(12, 14, (ZELENSKY,), "name"), Mention(15, 16, (RUS, UKR), "pair"),
              Mention(20, 21, (NATO,), "name")]:
        st.add_mention(m)
    return st


def filtered(st: DocState, pos: int, kind: ActorKind, country: str | None = None) -> list[Mention]:
    return [m for m in st.mentions_before(pos) if m.actors and m.actors[0].kind == kind
            and (country is None or m.actors[0].country == country)]


def test_mentions_before_by_kind_is_the_filtered_walk():
    st = state_with_mentions()
    for pos in (0, 4, 9, 13, 16, 30):
        for kind in ActorKind:
            assert list(st.mentions_before(pos, kind)) == filtered(st, pos, kind)
        assert list(st.mentions_before(pos, ActorKind.LEADER, "UKR")) == filtered(st, pos, ActorKind.LEADER, "UKR")
    assert [m.actors[0].id for m in st.mentions_before(30, ActorKind.STATE)] == ["RUS", "UKR", "RUS"]
    assert [m.actors[0].id for m in st.mentions_before(13, ActorKind.LEADER, "UKR")] == ["volodymyr-zelensky"]


def test_pop_and_replace_keep_every_index():
    st = state_with_mentions()
    popped = st.pop_mention()
    assert popped.actors == (NATO,)
    assert [m.start for m in st.mentions_before(30, ActorKind.ORGANIZATION)] == [3]
    old = st.by_token[8]
    titled = Mention(8, 9, (ZELENSKY,), "title", titled=True)
    st.replace_mention(old, titled)
    assert st.mentions[3] is titled and st.by_token[8] is titled
    assert [m.start for m in st.mentions_before(30, ActorKind.STATE)] == [15, 0]
    assert [m.start for m in st.mentions_before(30, ActorKind.LEADER, "UKR")] == [12, 8]
    assert list(st.mentions_before(30)) == [st.mentions[5], st.mentions[4], titled, st.mentions[1], st.mentions[2], st.mentions[0]]
