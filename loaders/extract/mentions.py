"""Actor mentions: names, titles, descriptions, pair phrases.

- **Names** of the tables (states, aliases, demonyms, metonyms, organisations, firms,
  leaders) found with two ``PhraseMatcher``\\ s: case-sensitive for short or capitalised
  codes ("US", "UN"), lower-case otherwise with a capital letter required in the text;
  capitalised GPE/NORP entities the tables miss through country_converter's regexes.
  Types come from the tables (:mod:`~diplograph.loaders.actors`), never from NER labels.
- **Titles**: "Russian President Vladimir Putin", "minister of foreign affairs Jorge
  Arreaza"; a titled person not in the tables is an actor when the title ties them to a
  state. Titles note LEADS (to the state, or to the organisation of an office holder
  when the title names it: "UN Secretary-General António Guterres").
- **Descriptions**: "the Russian president", "Taiwan's Vice Foreign Minister" → the
  office holder named before (else from the leaders table, else the state).
- **Ethnic groups**: "Bosnian Serbs" → Organization ``BIH-SRB`` of the first state.
- **Pairs**: coordinated actors ("Russia and Venezuela") are remembered for "the two
  countries" (lexicon ``pair_phrases``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...graph.model.records import Actor, slugify
from ...graph.model.vocabulary import ActorKind
from ..actors import ActorResolver, NameHit, RoleEntry, fold
from ..lexicon import Lexicon
from .document import DocState, Mention, sentence_index, sentence_text
from .linking import ArgumentLinker

__all__ = ["MentionFinder"]

#: Entity types of the recogniser that a proper name of a body may carry ("" for none).
_NAME_ENTITY_TYPES = frozenset({"", "ORG", "FAC"})


class MentionFinder:
    """Find the actor mentions of a parsed article (kept in :class:`~.document.DocState`).

    Parameters
    ----------
    resolver:
        The actor resolver over the tables.
    lex:
        The validated lexicon.
    linker:
        Resolves coordinated noun phrases for pair phrases.
    nlp:
        The spaCy pipeline whose tokenizer builds the phrase patterns.
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon, linker: ArgumentLinker, nlp) -> None:
        self.resolver = resolver
        self.lex = lex
        self.linker = linker
        self.nlp = nlp
        self._matchers: tuple[PhraseMatcher, PhraseMatcher] | None = None
        self._role_last_words = frozenset(r.split()[-1] for r in resolver.tables.roles)

    def _phrase_matchers(self, vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
        """The (case-sensitive, lower-case) matchers of every table name, hand and dictionary
        (:meth:`~diplograph.loaders.actors.ActorResolver.name_forms`; built on first use)."""
        if self._matchers is None:
            exact = PhraseMatcher(vocab, attr="ORTH")
            lower = PhraseMatcher(vocab, attr="LOWER")
            tokenizer = self.nlp.tokenizer
            exact_forms, lower_forms = [], []
            for form in self.resolver.name_forms():
                if form.isupper() or "." in form or len(form) <= 3:
                    exact_forms.append(form)
                    if form.startswith("the "):
                        exact_forms.append(form[4:])
                else:
                    lower_forms.append(form)
                    folded = fold(form)
                    if folded != form.lower():
                        lower_forms.append(folded)
            # one batch each: some 35,000 names with the dictionary's (tokenizer.pipe is ~3x faster)
            exact_docs, lower_docs = list(tokenizer.pipe(exact_forms)), list(tokenizer.pipe(lower_forms))
            exact.add("NAME", exact_docs)
            lower.add("NAME", lower_docs)
            self._matchers = (exact, lower)
        return self._matchers

    def find_mentions(self, doc: Doc, st: DocState) -> None:
        """Add the article's names, titled persons and ethnic groups to ``st`` (in text order)."""
        exact, lower = self._phrase_matchers(doc.vocab)
        spans = [doc[s:e] for _, s, e in exact(doc)]
        for _, s, e in lower(doc):
            span = doc[s:e]
            if any(t.is_title or t.is_upper or (t.text[:1].isupper()) for t in span):
                spans.append(span)
        # capitalised GPE/NORP entities the tables miss: country_converter's regexes
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"} and self.resolver.lookup(ent.text) is None:
                code = self.resolver.country_code(ent.text)
                if code:
                    spans.append(ent)
        date = st.article.date
        names = filter_spans(spans)
        named = {i for span in names for i in range(span.start, span.end)}
        for span in names:
            if len(span) == 2 and span.text.endswith("s"):
                first, second = self.resolver.lookup(span[0].text), self.resolver.lookup(span[1].text)
                if first and second and first.kind == second.kind == "demonym" and first.id != second.id:
                    # "Bosnian Serbs" found as one entity: an ethnic group of the first state
                    group = Actor(f"{first.id}-{second.id}", ActorKind.ORGANIZATION, span.text, country=first.id,
                                  aliases=(span.text,))
                    st.add_mention(Mention(span.start, span.end, (group,), "group"))
                    continue
            hit = self.resolver.lookup(span.text)
            if hit is None:
                code = self.resolver.country_code(span.text)
                if not code:
                    continue
                hit = NameHit("demonym" if span.text.lower().endswith(("n", "ese", "ish", "i", "ns")) else "state", code)
            end = self._name_extension(span, named) if hit.kind in {"organization", "firm"} else span.end
            if end > span.end:
                # "Gazprom Neft": a longer name the tables do not know is its own body, not "Gazprom"
                known = self.resolver.actor_for(hit, date)
                name = doc[span.start:end]
                firm = known.kind == ActorKind.FIRM or any(self._firm_word(t) for t in name)
                actor = Actor(slugify(name.text), ActorKind.FIRM if firm else ActorKind.ORGANIZATION, name.text,
                              country=known.country, aliases=(name.text,))
                st.add_mention(Mention(span.start, end, (actor,), "entity"))
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if hit.kind in {"metonym", "state"} and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title \
                    and nxt.ent_iob_ == "I" and self.resolver.lookup(nxt.text) is None and not self._titles_after(span):
                continue  # "Washington Post", "Moscow State University"
            if hit.kind == "leader":
                actor = self._titled_leader(span, hit.id, date, st)
                how = "title" if actor.role else "name"
            else:
                actor = self.resolver.actor_for(hit, date)
                how = {"demonym": "demonym", "metonym": "metonym"}.get(hit.kind, "name")
            last = st.mentions[-1] if st.mentions else None
            if (how == "demonym" and last is not None and last.how == "demonym" and last.end == span.start
                    and span.text.endswith("s") and last.actors[0].id != actor.id):
                # "Bosnian Serbs", "Iraqi Kurds": an ethnic group of the first state
                home = last.actors[0]
                group = Actor(f"{home.id}-{actor.id}", ActorKind.ORGANIZATION, f"{doc[last.start:span.end].text}",
                              country=home.id, aliases=(doc[last.start:span.end].text,))
                st.pop_mention()
                st.add_mention(Mention(last.start, span.end, (group,), "group"))
                continue
            st.add_mention(Mention(span.start, span.end, (actor,), how))
        self._titled_people(doc, st)
        self._unknown_entities(doc, st)

    def _titled_people(self, doc: Doc, st: DocState) -> None:
        """Office holders named with a title that the leaders table does not know.

        Candidates, in text order: PERSON entities no table names; runs of capitalised proper
        nouns right after a role title ("Prime Minister Han of the Republic of Korea", which
        the recogniser may not call a person); people of the PETRARCH2 dictionaries named
        without a role ("Justice Minister Kim Kyung Han"). The title is before the name
        (:meth:`_title_before`) or in apposition to it (:meth:`_appositive_title`: "Jeff Rathke,
        the State Department Spokesperson", "Malaysia's Prime Minister, Najib Razak").

        The person's state (``country``) is the state the title names (LEADS confidence 0.95),
        else the dictionary's state of the person or the one state of the titled people the
        name is listed with ("President X, Vice President Y"), or the state they represent
        ("China will be represented by X, Vice Premier"; :meth:`_represented_state`) (0.8);
        else the one state the sentence names, unless that state is the other party of the
        verb the person is an argument of ("Canada sanctioned President X",
        :meth:`_sentence_state`) (0.6). An official in office whose
        state is not found ("House Speaker Nancy Pelosi") is an actor of their own with no
        ``country`` and no LEADS; a former office holder ("former president Carlos Menem") and
        "his counterpart X" are left to the entity pass (:meth:`_unknown_entities`).
        """
        for span, known in self._person_candidates(doc, st):
            title = self._title_before(span) or self._appositive_title(span, st)
            if title is None:
                continue
            role, country, _ = title
            conf = 0.95
            if country is None:
                country, conf = ((known.country if known is not None else None) or self._listed_state(span, st)
                                 or self._represented_state(span, st)), 0.8
            if country is None:
                country, conf = self._sentence_state(span, st), 0.6
            if country is None and (role.role == "Counterpart" or role.role.startswith("Former ")):
                continue
            if known is not None:
                actor = replace(known, country=country, role=role.role)
                st.replace_mention(st.by_token[span.start], Mention(span.start, span.end, (actor,), "title", titled=True))
            else:
                actor = Actor(slugify(span.text), ActorKind.LEADER, span.text, country=country, aliases=(span.text,),
                              role=role.role)
                st.add_mention(Mention(span.start, span.end, (actor,), "title", titled=True))
            if role.represents_state and country is not None and country in self.resolver.tables.states:
                self._note_leads(st, actor, self.resolver.state(country), role.role, conf, span.sent)

    def _person_candidates(self, doc: Doc, st: DocState) -> list[tuple[Span, Actor | None]]:
        """The names :meth:`_titled_people` looks at: ``(span, dictionary actor or None)`` in text order."""
        out: list[tuple[Span, Actor | None]] = []
        for m in st.mentions:
            a = m.actors[0] if len(m.actors) == 1 else None
            if a is not None and m.how == "name" and a.kind == ActorKind.LEADER and a.role is None \
                    and not self.resolver.leader_entries(a.id):
                out.append((doc[m.start:m.end], a))
        taken = {i for span, _ in out for i in range(span.start, span.end)}
        for ent in doc.ents:
            # a person's name the recogniser calls an organisation is only taken with a title
            if (ent.label_ == "PERSON" or (ent.label_ == "ORG" and all(self._is_name_word(t) for t in ent)
                                           and not any(self._firm_word(t) for t in ent))) \
                    and not any(i in st.by_token for i in range(ent.start, ent.end)):
                out.append((ent, None))
                taken.update(range(ent.start, ent.end))
        # "Prime Minister Han", "Prime Minister of Norway Eirin Dahl": proper nouns right after a role title
        for t in doc:
            if t.i in taken or t.i in st.by_token or not self._is_name_word(t) or t.lower_ in self._role_last_words:
                continue
            before = st.by_token.get(t.i - 1)
            p = t.i - 1
            if before is not None and before.actors and before.actors[0].kind == ActorKind.STATE \
                    and before.start >= 2 and doc[before.start - 1].lower_ == "of":
                p = before.start - 2
            if p < t.sent.start or doc[p].lower_ not in self._role_last_words:
                continue
            end = t.i
            while end < t.sent.end and end not in st.by_token and self._is_name_word(doc[end]) \
                    and doc[end].lower_ not in self._role_last_words:
                end += 1
            out.append((doc[t.i:end], None))
            taken.update(range(t.i, end))
        return sorted(out, key=lambda e: e[0].start)

    @staticmethod
    def _is_name_word(t) -> bool:
        """A capitalised proper noun that may be part of a person's name (not a place or body entity)."""
        return t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper and t.ent_type_ in {"", "PERSON", "NORP", "ORG"}

    def _represented_state(self, span: Span, st: DocState) -> str | None:
        """The state a person is said to represent: the passive subject of a verb of the lexicon's
        ``representation_verbs`` whose "by" agent is the person ("China will be represented by
        X"), or the object of such a verb the person is the subject of ("X represents China");
        the person may stand in a list under that agent or subject."""
        tok = span.root
        while tok.dep_ == "conj" or tok.dep_ == "appos":
            tok = tok.head
        verb, want = None, None
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            verb, want = tok.head.head, {"nsubjpass"}
        elif tok.dep_ == "nsubj":
            verb, want = tok.head, {"dobj"}
        if verb is None or verb.lemma_.lower() not in self.lex["representation_verbs"]:
            return None
        for c in verb.children:
            m = st.by_token.get(c.i) if c.dep_ in want else None
            if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
                return m.actors[0].id
        return None

    def _firm_word(self, t) -> bool:
        """Whether token ``t`` is a word of the lexicon's ``firm_words``, written with or without
        the dots of an abbreviation ("Ltd.", "S.A.", "Inc." as "ltd", "sa", "inc")."""
        low = t.lower_
        return low in self.lex["firm_words"] or low.replace(".", "") in self.lex["firm_words"]

    def _agent_noun_before(self, span: Span) -> bool:
        """Whether a noun of the lexicon's ``person_agent_nouns`` stands right before the name
        ("businessman Kudakwashe X", "oligarch Ivan Y")."""
        i = span.start - 1
        return i >= span.sent.start and span.doc[i].lower_ in self.lex["person_agent_nouns"]

    def _listed_state(self, span: Span, st: DocState) -> str | None:
        """The one state of the titled people ``span`` is coordinated with ("President X, Vice President Y")."""
        states = set()
        for c in span.root.conjuncts:
            m = st.by_token.get(c.i)
            if m is not None and m.titled and len(m.actors) == 1 and m.actors[0].country:
                states.add(m.actors[0].country)
        return next(iter(states)) if len(states) == 1 else None

    def _titles_after(self, span: Span) -> bool:
        """Whether the capitalised proper nouns right after ``span`` end in a role title of
        ``roles.tsv`` ("State Department Spokesperson", "United States Trade Representative"):
        the name is then the state of an office, not part of a longer name of a body."""
        doc = span.doc
        end = span.end
        while end < span.sent.end and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        return any(self.resolver.role(doc[k:end].text) is not None for k in range(span.end, end))

    def _name_extension(self, span: Span, named: set[int]) -> int:
        """Where the proper name that begins with the known name ``span`` ends (token index).

        The name goes on over the capitalised proper nouns right after ``span`` that are in no
        other table name ("Gazprom Neft", "Toyota Motor"), when they belong to it: the same
        entity of the recogniser, or nouns ``span`` is a compound of. It does not when those
        words are a role title ("NATO Secretary General") or end in an actor or group noun of
        the lexicon ("NATO Allies", "EU Member States"), which the linker reads as the
        known body's people, unless it is a firm word ("Rosneft Oil Company"). Returns ``span.end`` when the name is just ``span``.
        """
        doc = span.doc
        end = span.end
        while (end < span.sent.end and end not in named and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
               and doc[end].ent_iob_ != "B" and doc[end].ent_type_ in _NAME_ENTITY_TYPES):
            end += 1
        if end == span.end:
            return span.end
        tied = doc[span.end].ent_iob_ == "I" or (span[-1].dep_ == "compound" and span.end <= span[-1].head.i < end)
        last = doc[end - 1]
        nouns = (self.lex["actor_nouns"] | set(self.lex["group_sectors"]) | set(self.lex["state_sectors"])) - self.lex["firm_words"]
        if (not tied or last.lower_ in nouns or last.lemma_.lower() in nouns or last.lower_ in self._role_last_words
                or any(self.resolver.role(fold(doc[span.end:k].text)) for k in range(span.end + 1, end + 1))):
            return span.end
        return end

    def _unknown_entities(self, doc: Doc, st: DocState) -> None:
        """Organisations, firms and people the tables do not know, as the entity recogniser names them.

        An ORG entity is a Firm when one of its words is in the lexicon's ``firm_words``
        ("Rosneft Oil Company", "Gazprombank"), else an Organization; a PERSON entity is a
        person (``Leader`` kind) only when a home state is found or an agent noun of the
        lexicon's ``person_agent_nouns`` stands before the name ("businessman X", "the
        oligarch X": an actor with no ``country`` when none is found). The home state
        (``country``) is a state named just before ("Venezuela's", "Kenyan"), or just after
        with "of", else the one state the sentence names. Resolution ``how`` is "entity"
        (confidence 0.6). A later mention of a person by surname alone ("Rivera") is the
        person named before ("Alejandro Rivera"). A named group of a state ("Canada's Liberal
        Party") has an id of its own per state (:meth:`_named_body`).
        """
        people: dict[str, Actor] = {}
        groups: dict[str, Actor] = {}
        for m in st.mentions:
            for a in m.actors:
                if a.kind == ActorKind.LEADER:
                    people.setdefault(fold(a.name), a)
                    people.setdefault(fold(a.name.split()[-1]), a)
        for ent in doc.ents:
            if any(i in st.by_token for i in range(ent.start, ent.end)):
                ent = self._before_of_state(ent, st)
                if ent is None:
                    continue
            known = people.get(fold(ent.text)) if ent.label_ != "PERSON" and len(ent) == 1 else None
            if known is not None:
                # a surname the recogniser took for a place or organisation ("Rivera")
                st.add_mention(Mention(ent.start, ent.end, (known,), "entity"))
                continue
            if ent.label_ not in {"ORG", "PERSON"}:
                continue
            span = ent[1:] if ent[0].lower_ in self.lex["articles"] else ent
            if not span.text[:1].isupper() or not any(t.pos_ == "PROPN" for t in span):
                continue
            if ent.label_ == "ORG" and any(self.resolver.role(span[k:].text) is not None for k in range(len(span))):
                continue  # "the State Department Spokesperson": a person's title, not an organisation
            if ent.label_ == "PERSON":
                known = people.get(fold(span.text)) or (people.get(fold(span[-1].text)) if len(span) == 1 else None)
                if known is not None:
                    st.add_mention(Mention(span.start, span.end, (known,), "entity"))
                    continue
                country = self._home_state(span, st)
                if country is None and not self._agent_noun_before(span):
                    continue
                actor = Actor(slugify(span.text), ActorKind.LEADER, span.text, country=country, aliases=(span.text,))
                people[fold(span.text)] = actor
                people.setdefault(fold(span[-1].text), actor)
            else:
                actor = self._named_body(span, st, groups)
            st.add_mention(Mention(span.start, span.end, (actor,), "entity"))

    def _before_of_state(self, ent: Span, st: DocState) -> Span | None:
        """The named group of an ORG entity "<name> of <state>" when the state is the only mention
        in it and the name ends in a group noun of the lexicon's ``group_sectors`` ("The Liberal
        Party of Canada" → "The Liberal Party", see :meth:`_named_body`), else ``None``."""
        if ent.label_ != "ORG":
            return None
        doc, groups = ent.doc, self.lex["group_sectors"]
        for k in range(ent.start + 1, ent.end - 1):
            if doc[k].lower_ != "of":
                continue
            m = st.by_token.get(k + 1)
            if (m is not None and m.start == k + 1 and m.end == ent.end and len(m.actors) == 1
                    and m.actors[0].kind == ActorKind.STATE and not any(i in st.by_token for i in range(ent.start, k))
                    and (doc[k - 1].lemma_.lower() in groups or doc[k - 1].lower_ in groups)):
                return Span(doc, ent.start, k, label=ent.label_)
            return None
        return None

    def _named_body(self, span: Span, st: DocState, groups: dict[str, Actor]) -> Actor:
        """The Organization or Firm an unknown ORG entity names (see :meth:`_unknown_entities`).

        A named group of a state — a name whose last word is a group noun of the lexicon's
        ``group_sectors`` ("Liberal Party", "Farmers Union") with its state said just before or
        after ("Canada's Liberal Party", "the Liberal Party of Canada") — has the id
        ``<ISO3>-<slug of the name>`` (``CAN-liberal-party``): such names recur in many states
        and each state's group is its own actor. ``groups`` maps the folded names of the
        article's named groups to their actors, so that a later "the Liberal Party" is the same group.
        """
        firm = any(self._firm_word(t) for t in span)
        kind = ActorKind.FIRM if firm else ActorKind.ORGANIZATION
        tied = self._tied_state(span, st)
        if not firm:
            publisher = st.speaker_group.id if st.speaker_group is not None and st.speaker_group.kind == ActorKind.STATE else None
            body_of = self._government_body_state(span, tied or publisher)
            if body_of is not None:
                return self.resolver.state(body_of)
        head = span[-1]
        if not firm and (head.lemma_.lower() in self.lex["group_sectors"] or head.lower_ in self.lex["group_sectors"]):
            if tied is not None:
                group = Actor(f"{tied}-{slugify(span.text)}", kind, span.text, country=tied, aliases=(span.text,))
                groups.setdefault(fold(span.text), group)
                return group
            if fold(span.text) in groups:
                return groups[fold(span.text)]
        return Actor(slugify(span.text), kind, span.text, country=tied or self._sentence_state(span, st), aliases=(span.text,))

    def _government_body_state(self, span: Span, tied: str | None) -> str | None:
        """ISO3 of the state whose government body the unknown name ``span`` is, or ``None``.

        A name whose head word is a government sector noun (code ``GOV`` in the lexicon's
        ``state_sectors``: "Ministry of Commerce", "Department of the Treasury", "Trade
        Representative") acts for its state, as the common nouns do ("the Russian ministry"):
        the state named at the start of the name ("U.S. Trade Representative") or tied to it
        (``tied``: "China's Ministry of Commerce", "... of Canada"; else, from
        :meth:`_named_body`, the state that publishes the statement: "the Department of the
        Treasury" in a White House statement). Without a state the name stays an organisation
        of its own (whose state it is, is not said).
        """
        state = tied
        body = span
        for k in range(len(span) - 1, 0, -1):
            hit = self.resolver.lookup(span[:k].text)
            if hit is not None and hit.kind in {"state", "demonym"}:
                state, body = hit.id, span[k:]
                break
        if state is None or state not in self.resolver.tables.states:
            return None
        head = body.root
        sectors = self.lex["state_sectors"]
        if (sectors.get(head.lemma_.lower()) or sectors.get(head.lower_)) == "GOV":
            return state
        return None

    def _home_state(self, span: Span, st: DocState) -> str | None:
        """The state of an unknown organisation or person (see :meth:`_unknown_entities`), or ``None``."""
        return self._tied_state(span, st) or self._sentence_state(span, st)

    def _tied_state(self, span: Span, st: DocState) -> str | None:
        """The state named just before ``span`` ("Venezuela's", "Kenyan"), also over an agent noun
        of the lexicon's ``person_agent_nouns`` or ``body_sectors`` ("Belarusian businessman X",
        "the Russian bank X"), or just after it with "of" ("... of Canada"), or ``None``."""
        doc = span.doc
        before = span.start - 1
        agents = self.lex["person_agent_nouns"] | set(self.lex["body_sectors"])
        while before > span.sent.start and (doc[before].lower_ in agents or doc[before].lemma_.lower() in agents):
            before -= 1
        if before >= 0 and doc[before].tag_ == "POS":
            before -= 1
        m = st.by_token.get(before) if before >= span.sent.start else None
        if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
            return m.actors[0].id
        if span.end + 1 < span.sent.end and doc[span.end].lower_ == "of":
            m = st.by_token.get(span.end + 1)
            if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
                return m.actors[0].id
        return None

    def _sentence_state(self, span: Span, st: DocState) -> str | None:
        """The one state the sentence of ``span`` names outside it and outside a quotation ``span``
        is not in, or ``None`` (none or several,
        or the state is the other party of a verb ``span`` is an argument of: "Canada sanctioned
        Aldo Ferrandiz" says nothing of his state, :meth:`_other_party`)."""
        found = {}
        quoted = st.in_quotation(span.root)
        for m in st.mentions_in(span.sent.start, span.sent.end):
            if not quoted and st.in_quotation(span.doc[m.start]):
                continue  # a state named in the quoted words of the person says nothing of their state
            for a in m.actors:
                if a.kind == ActorKind.STATE and not span.start <= m.start < span.end:
                    found.setdefault(a.id, []).append(span.doc[m.start:m.end].root)
        if len(found) != 1:
            return None
        state, roots = next(iter(found.items()))
        return None if any(self._other_party(span.root, r) for r in roots) else state

    def _other_party(self, a, b) -> bool:
        """Whether the state named by token ``b`` is itself the other party of a verb the token
        ``a`` is an argument of: one is its subject, the other its object, passive agent or
        the object of an object-taking preposition (lexicon ``phrase_object_preps``).
        A state inside a larger phrase ("rebels in the Ivory Coast", "Chilean officials") is
        not a party by itself."""
        up_a = [a, *a.ancestors]
        up_b = [b, *b.ancestors]
        common = next((t for t in up_a if t in up_b), None)
        if common is None or common.pos_ not in {"VERB", "AUX"} or common == a or common == b:
            return False
        branch_a = up_a[up_a.index(common) - 1]
        branch_b = up_b[up_b.index(common) - 1]
        if not (b == branch_b or (branch_b.dep_ in {"prep", "agent"} and b.head == branch_b)):
            return False
        subjects = {"nsubj", "nsubjpass", "csubj"}

        def objective(t) -> bool:
            return t.dep_ in {"dobj", "dative", "agent", "attr", "oprd"} or (
                t.dep_ == "prep" and t.lower_ in self.lex["phrase_object_preps"])

        return (branch_a.dep_ in subjects and objective(branch_b)) or (branch_b.dep_ in subjects and objective(branch_a))

    def _title_before(self, span: Span, before: int | None = None):
        """Find a role title (and the state it names) just before a person's name.

        ``before``: the token the title ends before, when not the name's first token (a title
        set off by a comma). The state is named in the title ("Russian President", "Prime
        Minister of Sweden"), or after the name with "of" ("Prime Minister Han of the Republic
        of Korea"; only for a title right before the name). A title may go on with a
        preposition of the lexicon's ``title_state_preps`` ("Deputy National Security Advisor
        for Homeland Security and Counterterrorism"): the role is the words before it.

        Returns ``(RoleEntry, iso3 or None, start token)`` or ``None``.
        """
        doc = span.doc
        sent_start = span.sent.start
        words = []
        i = (span.start if before is None else before) - 1
        while i >= sent_start and len(words) < 8:
            t = doc[i]
            if t.is_punct and t.text not in {"-", "."}:
                break
            if t.pos_ in {"DET", "VERB", "AUX", "ADP"} and t.lower_ not in self.lex["title_state_preps"]:
                break
            words.insert(0, t)
            i -= 1
        if words and words[-1].lower_ in self.lex["title_state_preps"]:
            return None  # "Advisor for Homeland Security": the name is the title's portfolio, not its holder
        best = None
        country = None
        for k in range(len(words)):
            phrase = fold(doc[words[k].i:words[-1].i + 1].text)  # as written: "Secretary-General" is 3 tokens
            role = self.resolver.role(phrase)
            if role is None:
                # "President of Finland Sauli Niinistö", "Prime Minister of Sweden Magdalena Andersson",
                # "Deputy National Security Advisor for Homeland Security John Doe" (a portfolio, no state)
                for e in range(len(words) - 1, k, -1):
                    if words[e].lower_ not in self.lex["title_state_preps"]:
                        continue
                    role = self.resolver.role(doc[words[k].i:words[e].i].text)
                    if role is not None:
                        if e + 1 < len(words):
                            country = self.resolver.country_code(doc[words[e + 1].i:words[-1].i + 1].text)
                        break
                if role is None:
                    continue
            best = (role, k)
            break
        if best is None:
            return None
        role, k = best
        for w in words[:k] if country is None else ():
            code = self.resolver.country_code(w.text) if w.text[:1].isupper() else None
            if code:
                country = code
        if country is None and k > 0:
            code = self.resolver.country_code(" ".join(w.text for w in words[:k]))
            country = code
        if country is None and before is None:
            # "King Hassan of Morocco", "Prime Minister Han of the Republic of Korea"
            j = span.end
            if j + 1 < len(doc) and doc[j].lower_ == "of":
                end = j + 1
                while end < min(len(doc), j + 6) and not doc[end].is_punct:
                    end += 1
                for stop in range(end, j + 1, -1):
                    country = self.resolver.country_code(doc[j + 1:stop].text)
                    if country:
                        break
        if country is None and k > 0 and words[k - 1].tag_ == "POS" and k > 1:
            country = self.resolver.country_code(words[k - 2].text)
        return self._past_or_present(role, words[:k]), country, words[k].i

    def _titled_leader(self, span: Span, slug: str, date: str | None, st: DocState) -> Actor:
        title = self._title_before(span)
        office = self.resolver.leader_office(slug, date)
        entries = self.resolver.leader_entries(slug)
        country = office.country if office else (entries[-1].country if entries else None)
        role = office.role if office else None
        represents = False
        conf = 0.8
        if title is not None:
            trole, tcountry, _ = title
            if trole.role != "Counterpart":
                role = trole.role
                represents = trole.represents_state
                conf = 0.95
            if tcountry:
                country = tcountry
        if office is not None and title is None:
            tr = self.resolver.role(office.role)
            represents = bool(tr and tr.represents_state) or office.role.lower() in self.lex["state_office_roles"]
        elif office is not None and title is not None and title[0].role == "Counterpart":
            tr = self.resolver.role(office.role)
            represents = bool(tr and tr.represents_state)
        org = office.organization if office is not None else None
        if org is not None and (title is None or not title[1]):
            country = None  # an organisation's office holder stands for no state
        actor = self.resolver.leader(slug, date, role=role, country=country)
        root = span.root
        while root.dep_ == "conj" and root.head != root:
            root = root.head  # "review HTS and X's designations": the coordination's role
        aside = title is None and root.dep_ in {"poss", "compound", "nmod", "amod"}
        if represents and country and country in self.resolver.tables.states and (office is not None or title is not None) \
                and not aside:
            # a name without a title that only modifies another noun ("review X's designations",
            # "the Biden-Harris Administration") says nothing of the office: no LEADS
            if office is None or office.country == country:
                self._note_leads(st, actor, self.resolver.state(country), role or "Leader", conf, span.sent)
        office_role = self.resolver.role(office.role) if office is not None else None
        if (org is not None and title is not None and office_role is not None and title[0].role == office_role.role
                and self._names_org(span, org, title[2], st)):
            self._note_leads(st, actor, self.resolver.organization(org), office_role.role, 0.95, span.sent)
        return actor

    def _appositive_title(self, ent: Span, st: DocState):
        """A role title in apposition to a person's name ("Malaysia's Prime Minister, Najib Razak",
        "Jorge Arreaza, the foreign minister of Venezuela"): ``(RoleEntry, iso3 or None, start token)`` or ``None``.

        The state is a state mention before the title in its noun phrase, or "of <state>" after it.
        """
        root = ent.root
        heads = [root.head] if root.dep_ == "appos" else []
        heads += [c for c in root.children if c.dep_ == "appos"]
        doc = ent.doc
        for head in heads:
            if head.pos_ not in {"NOUN", "PROPN"} or ent.start <= head.i < ent.end:
                continue
            # the title ends at its head, or goes on with "of": "Secretary of the Treasury"
            ends = [p.right_edge.i + 1 for p in head.rights if p.dep_ == "prep" and p.lower_ == "of"][:1] + [head.i + 1]
            for k in range(head.left_edge.i, head.i + 1):
                role = next((r for e in ends if (r := self.resolver.role(fold(doc[k:e].text))) is not None), None)
                if role is None:
                    continue
                country = None
                for i in range(head.left_edge.i, k):
                    m = st.by_token.get(i)
                    if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
                        country = m.actors[0].id
                for c in head.children:
                    if country is None and c.dep_ == "prep" and c.lower_ in self.lex["title_state_preps"]:
                        # "the foreign minister of Venezuela", "spokesman for the Indonesian military"
                        country = next((m.actors[0].id for p in c.children if p.dep_ == "pobj" for w in p.subtree
                                        if (m := st.by_token.get(w.i)) is not None and len(m.actors) == 1
                                        and m.actors[0].kind == ActorKind.STATE), None)
                return self._past_or_present(role, doc[head.left_edge.i:k]), country, k
        if ent.start >= 2 and doc[ent.start - 1].text == "," and not doc[ent.start - 2].is_punct:
            # "Malaysia's Prime Minister, Najib Razak said": a title just before the comma
            return self._title_before(ent, before=ent.start - 1)
        return None

    def _past_or_present(self, role: RoleEntry, before) -> RoleEntry:
        """``role``, or the past office it names when a word of ``before`` (the tokens before the
        title) is in the lexicon's ``past_title_modifiers`` ("former German chancellor",
        "ex-president"): role "Former <role>", which does not represent the state (no LEADS
        fact, and :func:`~diplograph.graph.model.ties.acts_for_state` is false for it). "Counterpart" is
        kept: "his former counterpart" says whose counterpart, not which office."""
        if role.role != "Counterpart" and any(t.lower_ in self.lex["past_title_modifiers"] for t in before):
            return replace(role, role=f"Former {role.role}", represents_state=False)
        return role

    def _names_org(self, span: Span, org: str, title_start: int, st: DocState) -> bool:
        """Whether the organisation ``org`` is named just before the title of ``span``
        ("UN Secretary-General António Guterres", "NATO Secretary General Jens Stoltenberg")."""
        doc = span.doc
        for i in range(max(span.sent.start, title_start - 3), title_start):
            m = st.by_token.get(i)
            if m is not None and any(a.kind == ActorKind.ORGANIZATION and a.id == org for a in m.actors):
                return True
            hit = self.resolver.lookup(doc[i].text) if doc[i].text[:1].isupper() else None
            if hit is not None and hit.kind == "organization" and hit.id == org:
                return True
        return False

    def _note_leads(self, st: DocState, leader: Actor, led: Actor, role: str, conf: float, sent: Span) -> None:
        """Remember that ``leader`` leads ``led`` (a State, or the Organization of its office)."""
        if leader.id in st.leads and st.leads[leader.id][3] >= conf:
            return
        index = sentence_index(sent, st)
        if index < st.headline:
            return  # a byline ("Statement from President Joe Biden on ..."), not a statement of the text
        st.leads[leader.id] = (leader, led, role, conf, index, sentence_text(sent))

    def find_descriptions(self, sent: Span, st: DocState) -> None:
        """"the Russian president", "Taiwan's Vice Foreign Minister", "the pair", "the two countries";
        "the president" alone is the statement's speaker or the one president named before
        (:meth:`_office_holder`, resolution "context")."""
        doc = sent.doc
        pair_phrases = self.lex["pair_phrases"]
        text_tokens = list(sent)
        for t in text_tokens:
            if t.i in st.by_token:
                continue
            if t.pos_ not in {"NOUN", "PROPN"}:
                continue
            last_words = self._role_last_words
            if t.lower_ not in last_words and t.lower_ not in self.lex["pair_heads"]:
                continue
            # pair phrases
            for n in range(1, 5 if t.lower_ in self.lex["pair_heads"] else 1):
                s = t.i - n + 1
                if s < sent.start:
                    break
                phrase = fold(doc[s:t.i + 1].text)
                if phrase in pair_phrases or ("the " + phrase) in pair_phrases and n < 4:
                    pair = self._pair_before(st, t.i, leaders=any(w in phrase for w in self.lex["pair_leader_words"]))
                    if pair:
                        st.add_mention(Mention(s, t.i + 1, pair, "pair"))
                    else:
                        for i in range(s, t.i + 1):
                            st.by_token[i] = Mention(s, t.i + 1, (), "pair")
                    break
            if t.i in st.by_token:
                continue
            # role descriptions
            roles = []
            for n in (3, 2, 1):
                s = t.i - n + 1
                if s < sent.start:
                    continue
                role = self.resolver.role(doc[s:t.i + 1].text)
                if role is not None:
                    roles.append((s, role))
                    break
            if not roles:
                continue
            s, role = roles[0]
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.ent_type_ == "PERSON" or (nxt.i in st.by_token and st.by_token[nxt.i].actors and st.by_token[nxt.i].actors[0].kind == ActorKind.LEADER)):
                continue  # a title before a name, handled with the name
            country = None
            j = s - 1
            if j >= sent.start and j in st.by_token:
                m = st.by_token[j]
                if m.actors and m.actors[0].kind == ActorKind.STATE:
                    country = m.actors[0].id
                    s = m.start
            elif j >= sent.start and doc[j].tag_ == "POS" and j - 1 in st.by_token:
                m = st.by_token[j - 1]
                if m.actors and m.actors[0].kind == ActorKind.STATE:
                    country = m.actors[0].id
                    s = m.start
            if country is None:
                # "the president" with no state named: the office holder named last before it
                if j >= sent.start and doc[j].lower_ == "the" and (nxt is None or nxt.lower_ != "of"):
                    leader = self._office_holder(st, t.i, role.role)
                    if leader is not None:
                        st.add_mention(Mention(j, t.i + 1, (leader,), "context"))
                continue
            leader = self._recent_leader(st, t.i, country, role.role)
            if leader is None:
                leader = self.resolver.leader_by_role(country, role.role, st.article.date)
            if leader is None:
                actor, how = self.resolver.state(country), "description"
            else:
                actor, how = leader, "description"
            st.add_mention(Mention(s, t.i + 1, (actor,), how))

    def _office_holder(self, st: DocState, before: int, role: str) -> Actor | None:
        """Who "the <role>" with no state is: the statement's speaker when they hold that office,
        else the one person of that office named before (``None`` when there are several)."""
        speaker = st.speaker_self
        if speaker is not None and speaker.kind == ActorKind.LEADER and (speaker.role or "").lower() == role.lower():
            return speaker
        if st.office_holders is None:
            # per office, the first mention of each of its holders among the names: (start, actor), in text order
            st.office_holders = {}
            seen: set[tuple[str, str]] = set()
            for m in st.mentions_in(0, len(st.text) + 1):
                for a in m.actors:
                    key = ((a.role or "").lower(), a.id)
                    if a.kind == ActorKind.LEADER and a.role and key not in seen:
                        seen.add(key)
                        st.office_holders.setdefault(key[0], []).append((m.start, a))
            for firsts in st.office_holders.values():
                firsts.sort(key=lambda e: e[0])
        firsts = st.office_holders.get(role.lower(), [])
        k = bisect_left(firsts, before, key=lambda e: e[0])
        return firsts[0][1] if k == 1 else None

    def _recent_leader(self, st: DocState, before: int, country: str | None, role: str | None) -> Actor | None:
        """The nearest leader named before token ``before`` (of ``country``, in office ``role``), or ``None``."""
        for m in st.mentions_before(before, ActorKind.LEADER, country or None):
            a = m.actors[0]
            if role and role not in {"Leader", "Counterpart"} and a.role and a.role.lower() != role.lower():
                continue
            return a
        return None

    def _pair_before(self, st: DocState, before: int, leaders: bool) -> tuple[Actor, ...] | None:
        for pos, pair in reversed(st.pairs):
            if pos < before:
                if pair is None:
                    return None
                if leaders and any(a.kind != ActorKind.LEADER for a in pair):
                    continue
                if not leaders and any(a.kind == ActorKind.LEADER for a in pair):
                    pair = tuple(self.resolver.state(a.country) if a.kind == ActorKind.LEADER and a.country else a for a in pair)
                return pair
        seen: list[Actor] = []
        kind = ActorKind.LEADER if leaders else ActorKind.STATE
        for m in st.mentions_before(before, kind):
            if len(m.actors) != 1:
                continue
            a = m.actors[0]
            if a.kind == kind and all(a.id != b.id for b in seen):
                seen.append(a)
            if len(seen) == 2:
                return (seen[1], seen[0])
        return None

    def record_pairs(self, sent: Span, st: DocState) -> None:
        """Remember coordinated actor pairs ("Russia and Venezuela", "between X and Y") for "the two countries"."""
        for t in sent:
            if t.dep_ == "conj" or not any(c.dep_ == "conj" for c in t.children):
                continue
            if t.pos_ not in {"NOUN", "PROPN"}:
                continue
            group = [t, *t.conjuncts]
            resolved = []
            ok = True
            for g in group:
                args = self.linker.resolve_direct(g, st)
                if not args:
                    ok = False
                    break
                resolved.append(args[0].actor)
            if ok and len(resolved) == 2:
                st.pairs.append((t.i, tuple(resolved)))
            elif t.head.lower_ == "between" or len(group) == 2:
                st.pairs.append((t.i, None))
