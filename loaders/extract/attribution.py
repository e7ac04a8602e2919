"""Dates and attribution of facts, and the speaker of an official statement.

- **Dates**: the value of the date expression (spaCy DATE/TIME entity, resolved by
  :func:`~diplograph.loaders.dates.resolve_date` against the article date) that the
  trigger governs through the parse, else one of a clause above it or coordinated with it,
  else the article date (:meth:`Attribution.date_of`).
- **Attribution** (``reported_by``): the source of "according to X" and the news outlet
  subject of "X news reported" (lexicon ``attribution_phrases``, ``news_report_verbs``,
  ``news_words``), else the speaker whose reported clause holds the trigger
  (``speech_verbs``).
- **Speaker**: who "I"/"we" are in a statement, from the article's metadata
  (:meth:`Attribution.speaker`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ...graph.model.records import Actor, Article
from ...graph.model.vocabulary import ActorKind
from ..actors import ActorResolver, fold
from ..dates import resolve_date
from ..lexicon import Lexicon
from .document import SUBJ, DocState
from .linking import ArgumentLinker

__all__ = ["Attribution"]

#: Dependency labels of a clause that has a time of its own: a date of the clause it hangs from
#: does not reach into it, nor one of it out (relative clauses, coordinated clauses).
_OWN_CLAUSE = frozenset({"relcl", "conj"})

#: Titles of documents in which a named person speaks in the first person ("Statement from President Joe Biden on ...").
_SPEAKER_TITLE = re.compile(
    r"^\s*(?:joint\s+)?(?:statement|remarks|message|letter|op-ed|address|proclamation|video message)s?"
    r"\s+(?:from|by|of)\s+(?:the\s+)?(?P<who>.+?)"
    r"(?:'s?\b.*|\s+(?:on|at|to|for|in|after|before|regarding|welcoming|marking|announcing|commemorating|celebrating|honoring|honouring|and)\b.*)?$",
    re.IGNORECASE,
)


class Attribution:
    """Dates, sources and speakers of facts.

    Parameters
    ----------
    resolver:
        The actor resolver (firms that are news agencies, leaders of a statement's title).
    lex:
        The validated lexicon.
    linker:
        Resolves the speaker of a reported clause to an actor.
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon, linker: ArgumentLinker) -> None:
        self.resolver = resolver
        self.lex = lex
        self.linker = linker
        self._pronouns = frozenset().union(*lex["pronouns"].values())
        self._phrases = [tuple(p.split(" ", 1)) for p in lex["attribution_phrases"]]
        self._leading_article = re.compile(r"^(?:%s)\s+" % "|".join(map(re.escape, sorted(lex["articles"]))), re.I)

    def date_of(self, trigger: Token, sent: Span, st: DocState) -> str | None:
        """The trigger's date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``None`` without any).

        Each date expression of a sentence (spaCy DATE/TIME entity, resolved by
        :func:`~diplograph.loaders.dates.resolve_date`) belongs to the event that governs it:
        the first verb or trigger noun on the head path of its root ("met Y *in May*",
        "the *2014* annexation"). The trigger takes, nearest first by token distance:

        1. the dates it governs (a light verb also those of its object noun: "launched an
           attack *on Tuesday*");
        2. else those of the clauses above it ("agreed *on Tuesday* to send troops"), not
           crossing into the clause a relative clause or coordinated clause hangs from
           ("Russia, which annexed Crimea *in 2014*, imposed sanctions" gives the sanctions no
           2014; "met Y *in May 2023* and signed a deal *in June 2021*" gives each act its own);
        3. else those of its coordinated clauses ("met Y and signed a deal *in June*");
        4. else a date governed by no event (a dateline or a fragment);
        5. else the article date.
        """
        if st.sent_dates is None:
            st.sent_dates = self._dates_by_sentence(sent.doc, st)
        dates = st.sent_dates.get(sent.start, ())
        if not dates:
            return st.article.date or None

        def nearest(governors: set[int | None]) -> str | None:
            best = None
            for start, end, value, governor in dates:
                if governor in governors:
                    dist = min(abs(start - trigger.i), abs(end - 1 - trigger.i))
                    if best is None or dist < best[0]:
                        best = (dist, value)
            return best[1] if best else None

        own = {trigger.i}
        if trigger.lemma_.lower() in self.lex["light_verbs"]:
            own.update(c.i for c in trigger.children if c.dep_ in {"dobj", "obj"})
        found = nearest(own)
        cur = trigger
        while found is None and cur.dep_ not in _OWN_CLAUSE and cur.head.i != cur.i:
            cur = cur.head
            found = nearest({cur.i})
        if found is None:
            found = nearest({c.i for c in cur.conjuncts}) or nearest({None})
        return found or st.article.date or None

    def _dates_by_sentence(self, doc: Doc, st: DocState) -> dict[int, list[tuple[int, int, str, int | None]]]:
        """Resolved DATE/TIME entities by the start token of the sentence that holds them whole:
        ``(start, end, value, governor)`` with the token index of the event that governs the
        expression (:meth:`_governor`). One pass over the doc's entities (``Span.ents`` walks
        them all, per sentence)."""
        starts = sorted(st.sent_index)
        out: dict[int, list[tuple[int, int, str, int | None]]] = {}
        for ent in doc.ents:
            if ent.label_ not in {"DATE", "TIME"}:
                continue
            k = bisect_right(starts, ent.start) - 1
            end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            if k < 0 or ent.end > end:
                continue
            value = resolve_date(ent.text, st.article.date)
            if value is not None:
                out.setdefault(starts[k], []).append((ent.start, ent.end, value, self._governor(ent)))
        return out

    def _governor(self, ent: Span) -> int | None:
        """Index of the first verb or trigger noun on the head path of ``ent``'s root, else ``None``."""
        tok = ent.root
        while tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "NOUN" and self.linker.triggers.get("NOUN", tok.lemma_.lower())):
                return tok.i
        return None

    def reporter(self, sent: Span, st: DocState) -> Callable[[Token], str | None]:
        """Return a function trigger → ``reported_by`` (a source's name or ``None``) for one sentence."""
        agency = None
        for t in sent:
            for head, prep in self._phrases:
                if t.lower_ == head and t.dep_ == "prep":
                    for c in t.children:
                        if c.dep_ == "prep" and c.lower_ == prep:
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    agency = self._source_name(p, st)
            if t.lemma_ in self.lex["news_report_verbs"] and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in SUBJ:
                        name = self._news_name(c, st)
                        if name:
                            agency = name
        speakers: dict[int, str] = {}
        for t in sent:
            if t.lemma_ in self.lex["speech_verbs"] and t.pos_ == "VERB":
                subj = [c for c in t.children if c.dep_ in SUBJ]
                if not subj:
                    continue
                got = self.linker.resolve(subj[0], st)
                if not got:
                    continue
                speaker = got[0].actor.name
                for c in t.children:
                    if c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "ccomp"):
                        for d in c.subtree:
                            speakers[d.i] = speaker
                if t.dep_ in {"parataxis", "ccomp"}:
                    for d in t.head.subtree:
                        if d.i not in range(t.left_edge.i, t.right_edge.i + 1):
                            speakers.setdefault(d.i, speaker)

        def reported_by(trigger: Token) -> str | None:
            return agency or speakers.get(trigger.i)

        return reported_by

    def _news_name(self, tok: Token, st: DocState) -> str | None:
        for t in tok.subtree:
            m = st.by_token.get(t.i)
            if m is not None and m.actors and m.actors[0].kind == ActorKind.FIRM:
                firm = self.resolver.tables.firms.get(m.actors[0].id)
                if firm and firm.kind == "news-agency":
                    return firm.name
        words = [t for t in tok.subtree]
        if any(w.lower_ in self.lex["news_words"] for w in words) and tok.lower_ not in self._pronouns:
            return " ".join(w.text for w in words if not w.is_punct and w.lower_ not in self.lex["articles"])
        return None

    def _source_name(self, tok: Token, st: DocState) -> str:
        for t in tok.subtree:
            m = st.by_token.get(t.i)
            if m is not None and m.actors and m.actors[0].kind in {ActorKind.FIRM, ActorKind.ORGANIZATION}:
                return m.actors[0].name
        got = self.linker.resolve_direct(tok, st)
        if got:
            return got[0].actor.name
        return self._leading_article.sub("", tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text)

    def speaker(self, article: Article) -> tuple[Actor | None, Actor | None]:
        """Who speaks in the first person in an official statement, from the article's metadata.

        The publisher (``article.source``) is looked up in ``data/speakers.tsv`` (official
        sources → their state or organisation: "The White House (Briefing Room)" → USA); a
        title "Statement from / Remarks by <title> <name> on ..." names the person speaking
        when that person is in the leaders table (or has a title tying them to a state).

        Returns
        -------
        (group, self)
            ``group`` is who "we"/"us"/"our" are: the source's actor, else the named
            speaker's state; ``self`` is who "I"/"me"/"my" is: the named speaker, else
            ``group``. ``(None, None)`` when the metadata names no speaker: first-person
            pronouns then stay unresolved.
        """
        group = None
        if article.source:
            source = fold(article.source)
            for words, code in self.resolver.tables.speakers:
                if re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", source):
                    group = self._code_actor(code)
                    break
        person = None
        match = _SPEAKER_TITLE.match(article.title or "")
        if match:
            words = match.group("who").split()
            date = article.date
            for k in range(len(words)):
                hit = self.resolver.lookup(" ".join(words[k:]))
                if hit is not None and hit.kind == "leader":
                    office = self.resolver.leader_office(hit.id, date)
                    person = self.resolver.leader(hit.id, date, role=office.role if office else None,
                                                  country=office.country if office else None)
                    break
            if person is not None and group is not None and person.country and person.country != group.id:
                person = None  # a guest's statement published by another state: "I" is not theirs
        if group is None and person is not None and person.country in self.resolver.tables.states:
            group = self.resolver.state(person.country)
        return group, person or group

    def _code_actor(self, code: str) -> Actor:
        if code in self.resolver.tables.states:
            return self.resolver.state(code)
        org = self.resolver.tables.organizations[code]
        return Actor(org.id, ActorKind.ORGANIZATION, org.name, aliases=org.aliases)
