"""Structural facts: LEADS (noted by :mod:`.mentions` where a title or the leaders table ties
a person to a state or organisation) and OWNS (state-owned firms of the tables).

OWNS has confidence 0.8 when a word of the lexicon's ``state_ownership_words`` stands
within six tokens before the firm ("the state oil company PDVSA"), else 0.6 (table only).
Structural facts are dated with the article and given once per article, at the sentence
where they were first (most confidently) seen.
"""

from __future__ import annotations

from spacy.tokens import Span

from ...graph.model.records import Fact
from ...graph.model.vocabulary import ActorKind, RelationType
from ..actors import ActorResolver
from ..lexicon import Lexicon
from .document import EXTRACTOR_TAG, DocState, sentence_text

__all__ = ["StructuralFacts"]


class StructuralFacts:
    """Collect OWNS per article and give the article's LEADS and OWNS facts."""

    def __init__(self, resolver: ActorResolver, lex: Lexicon) -> None:
        self.resolver = resolver
        self.lex = lex

    def note_ownership(self, sent: Span, index: int, st: DocState) -> None:
        """OWNS for state-owned firms of the tables ("the state oil company PDVSA")."""
        if index < st.headline:
            return  # the headline's names are a byline (see ``DocState.headline``)
        for m in st.mentions_in(sent.start, sent.end):
            if not m.actors or m.actors[0].kind != ActorKind.FIRM:
                continue
            firm = self.resolver.tables.firms.get(m.actors[0].id)
            if firm is None or firm.kind != "state-owned" or not firm.country:
                continue
            window = sent.doc[max(sent.start, m.start - 6):m.start]
            says_state = any(t.lower_ in self.lex["state_ownership_words"] for t in window)
            conf = 0.8 if says_state else 0.6
            old = st.owns.get(firm.id)
            if old is None or old[2] < conf:
                st.owns[firm.id] = (self.resolver.state(firm.country), m.actors[0], conf, index, sentence_text(sent))

    def facts(self, st: DocState) -> list[Fact]:
        """The LEADS and OWNS facts noted in ``st`` (LEADS first)."""
        out = []
        tag = EXTRACTOR_TAG
        for leader, state, role, conf, index, text in st.leads.values():
            out.append(Fact(leader, RelationType.LEADS, state, date=st.article.date or None, article_id=st.article.id,
                            sentence=text, sentence_index=index, confidence=conf, role=role, extractor=tag))
        for state, firm, conf, index, text in st.owns.values():
            out.append(Fact(state, RelationType.OWNS, firm, date=st.article.date or None, article_id=st.article.id,
                            sentence=text, sentence_index=index, confidence=conf, extractor=tag))
        return out
