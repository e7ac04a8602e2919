"""Plural and group reference: lists of participants and the phrases that refer back to them.

A sentence that lists three or more actors ("the meeting included: Prime Minister A of
Japan, Prime Minister B of Korea and Prime Minister C of Canada", "X met leaders of Japan,
Korea and Canada") sets up a *group*; a later "they", "the leaders", "the participants",
"all three countries" stands for every member of the latest group, so a fact said of them
is a fact of each member (as gold annotators count it). Pairs ("X and Y") stay with the
pair phrases of :mod:`.mentions` ("the two countries").

The list is read from the surface, not from the parse (the parser often hangs such lists as
a chain of appositions): a run of three or more segments separated by commas and "and"/"or",
each short (at most :data:`MAX_ITEM_TOKENS` tokens) and holding an actor mention; the first
actor of each segment is the member ("Prime Minister A of Japan" is A). An actor named
with an addition phrase in the same sentence (lexicon ``group_addition_phrases``: "in
addition to the Vice President, the meeting included: ...") joins the group.

A club of states whose members are data (``organizations.tsv``: the Quad, the G7, BRICS,
ASEAN ...) followed by a group head as a subject ("Quad partners will ...", "the G7 leaders
agreed", "BRICS members") stands for its members on the article's date (resolution
"club"); the club alone ("NATO said") stays the organisation, and "consulted his G7
counterparts" (an object) names no one in particular.

Word lists (``group_heads``, ``group_determiners``, ``group_addition_phrases``,
``number_words``) come from the lexicon.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...graph.model.records import Actor
from ..actors import ActorResolver
from ..lexicon import Lexicon
from .document import PASS_SUBJ, SUBJ, DocState, Mention

__all__ = ["GroupReference", "MAX_ITEM_TOKENS", "GROUP_WINDOW", "latest_group"]

#: Longest segment of a list, in tokens ("Prime Minister Han of the Republic of Korea" is 8).
MAX_ITEM_TOKENS = 10
#: How far back a group is still the referent of "they" or "the leaders", in tokens
#: (about two sentences of news text, the window pronouns use in :mod:`.linking`).
GROUP_WINDOW = 120


class GroupReference:
    """Record the groups of each sentence and resolve group phrases to them.

    Parameters
    ----------
    resolver:
        The actor resolver (organisations and their members, states).
    lex:
        The validated lexicon (group heads, determiners, addition phrases, number words).
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon) -> None:
        self.resolver = resolver
        self.lex = lex
        self._additions = [tuple(p.split()) for p in lex["group_addition_phrases"]]

    def record_groups(self, sent: Span, st: DocState) -> None:
        """Append the groups listed in ``sent`` to ``st.groups`` as ``(start token, end token, actors)``."""
        items: list[Actor] = []
        run_start = run_end = None
        seg_start = sent.start
        seg_actor: Actor | None = None
        seg_len = 0

        def close_run() -> None:
            nonlocal items, run_start
            if len(items) >= 3:
                members = self._with_additions(sent, st, items)
                st.groups.append((run_start, run_end, tuple(members)))
            items, run_start = [], None

        for tok in sent:
            separator = tok.text == "," or (tok.dep_ == "cc" and tok.lower_ in {"and", "or"})
            if separator:
                if seg_actor is not None and seg_len <= MAX_ITEM_TOKENS:
                    if run_start is None:
                        run_start = seg_start
                    if all(a.id != seg_actor.id for a in items):
                        items.append(seg_actor)
                    run_end = tok.i
                elif seg_len > 0:
                    close_run()
                seg_start, seg_actor, seg_len = tok.i + 1, None, 0
                continue
            if tok.is_punct and tok.text not in {"(", ")", "-", "'", "’"}:
                # a colon, full stop or quote ends the list (and opens a new one)
                if seg_actor is not None and seg_len <= MAX_ITEM_TOKENS and items:
                    if all(a.id != seg_actor.id for a in items):
                        items.append(seg_actor)
                    run_end = tok.i
                close_run()
                seg_start, seg_actor, seg_len = tok.i + 1, None, 0
                continue
            seg_len += 1
            m = st.by_token.get(tok.i)
            if seg_actor is None and m is not None and len(m.actors) == 1:
                seg_actor = m.actors[0]
        if seg_actor is not None and seg_len <= MAX_ITEM_TOKENS and items:
            if all(a.id != seg_actor.id for a in items):
                items.append(seg_actor)
            run_end = sent.end
        close_run()

    def _with_additions(self, sent: Span, st: DocState, items: list[Actor]) -> list[Actor]:
        """``items`` and the actor named right after an addition phrase of the sentence."""
        out = list(items)
        words = [t.lower_ for t in sent]
        for phrase in self._additions:
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k:k + n]) != phrase:
                    continue
                for i in range(sent.start + k + n, min(sent.start + k + n + 4, sent.end)):
                    m = st.by_token.get(i)
                    if m is not None and len(m.actors) == 1:
                        if all(a.id != m.actors[0].id for a in out):
                            out.insert(0, m.actors[0])
                        break
        return out

    def find_group_phrases(self, sent: Span, st: DocState) -> None:
        """Mentions (resolution "plural") for "the leaders", "all three countries", "these
        partners" that stand for the latest group: a group determiner, an optional number
        word that must match the group's size, a group head, and no "of" phrase or name after it."""
        heads, dets, numbers = self.lex["group_heads"], self.lex["group_determiners"], self.lex["number_words"]
        doc = sent.doc
        self._continue_group(sent, st)
        for t in sent:
            if t.lower_ not in heads or t.i in st.by_token or t.i - 1 < sent.start:
                continue
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.lower_ == "of" or nxt.i in st.by_token or nxt.pos_ == "PROPN"):
                continue
            club = self._club_members(doc[t.i - 1], st) if t.dep_ in SUBJ | PASS_SUBJ else None
            if club is not None:
                st.add_mention(Mention(club[0], t.i + 1, club[1], "club"))
                continue
            start, size = t.i - 1, None
            if doc[start].lower_ in numbers:
                size = int(numbers[doc[start].lower_])
                start -= 1
            if start < sent.start or doc[start].lower_ not in dets or size == 2:
                continue  # "the two leaders": a pair phrase (mentions.find_descriptions)
            got = latest_group(st, start, size)
            if got:
                st.add_mention(Mention(start, t.i + 1, got[1], "plural"))
                st.refer_to_group(start, got[1])

    def _continue_group(self, sent: Span, st: DocState) -> None:
        """A subject "they" before any actor of its sentence continues the latest group when no
        actor outside the group was a subject since ("The meeting included A, B and C. They met
        ... They agreed ... They reiterated ..."): the group stays current however many
        sentences the chain runs (:meth:`DocState.refer_to_group`), even where no trigger reads
        the pronoun."""
        plural = self.lex["pronouns"]["plural_nonpossessive"]
        for t in sent:
            if t.i in st.by_token:
                return
            if t.lower_ not in plural or t.dep_ not in SUBJ | PASS_SUBJ:
                continue
            group = latest_group(st, t.i)
            if group is None:
                return
            members = {a.id for a in group[1]}
            doc = sent.doc
            if all(a.id in members for m in st.mentions_in(group[0] + 1, t.i)
                   if doc[m.start].dep_ in SUBJ | PASS_SUBJ for a in m.actors):
                st.refer_to_group(t.i, group[1])
            return

    def _club_members(self, tok: Token, st: DocState) -> tuple[int, tuple[Actor, ...]] | None:
        """``(first token of the club's name, member states on the article's date)`` when ``tok``
        (past a closing quote) ends the name of a club with members ("Quad" in "Quad partners"),
        else ``None``."""
        while tok.is_quote and tok.i > 0:
            tok = tok.doc[tok.i - 1]
        m = st.by_token.get(tok.i)
        if m is None or len(m.actors) != 1 or m.end != tok.i + 1:
            return None
        entry = self.resolver.tables.organizations.get(m.actors[0].id)
        members = entry.members_on(st.article.date) if entry is not None else ()
        return (m.start, tuple(self.resolver.state(iso3) for iso3 in members)) if members else None



def latest_group(st: DocState, before: int, size: int | None = None) -> tuple[int, tuple[Actor, ...]] | None:
    """The latest group ending before token ``before``, as ``(end token, members)``, when it
    ends within :data:`GROUP_WINDOW` tokens and no coordinated pair was named after it; with
    ``size``, only a group of that many members. ``None`` otherwise."""
    # st.pairs is in text order: the latest actor pair before ``before`` is found from the end
    pair_pos = next((pos for pos, pair in reversed(st.pairs) if pos < before and pair is not None), -1)
    for _start, end, members in reversed(st.groups):
        if end >= before:
            continue
        if before - end > GROUP_WINDOW or pair_pos > end or (size is not None and len(members) != size):
            return None
        return end, members
    return None
