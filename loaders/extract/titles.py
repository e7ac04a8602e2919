"""Office holders: titled people, descriptions of offices, pair phrases, LEADS notes.

- **Titles**: "Russian President Vladimir Putin", "minister of foreign affairs Jorge
  Arreaza", "Deputy National Security Advisor for Homeland Security X"; a titled person not
  in the tables is an actor when the title ties them to a state. Titles note LEADS (to the
  state, or to the organisation of an office holder when the title names it: "UN
  Secretary-General António Guterres"); a name without a title that only modifies a noun
  ("review X's designations", "the Biden-Harris Administration") notes none.
- **Descriptions**: "the Russian president", "Taiwan's Vice Foreign Minister" → the
  office holder named before (else from the leaders table, else the state); "the
  president" alone → the statement's speaker or the one president named before.
- **Pairs**: coordinated actors ("Russia and Venezuela") are remembered for "the two
  countries" (lexicon ``pair_phrases``).
- **A person's state** when no title names it: the one state the sentence names
  (:meth:`TitleFinder.sentence_state`), also used for unknown people and bodies
  (:mod:`.mentions`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Span

from ...graph.model.records import Actor, slugify
from ...graph.model.vocabulary import ActorKind
from ..actors import ActorResolver, RoleEntry, fold
from ..lexicon import Lexicon
from .document import DocState, Mention, sentence_index, sentence_text
from .linking import ArgumentLinker

__all__ = ["TitleFinder", "is_firm_word"]


def is_firm_word(t, lex: Lexicon) -> bool:
    """Whether token ``t`` is a word of the lexicon's ``firm_words``, written with or without
    the dots of an abbreviation ("Ltd.", "S.A.", "Inc." as "ltd", "sa", "inc")."""
    low = t.lower_
    return low in lex["firm_words"] or low.replace(".", "") in lex["firm_words"]


class TitleFinder:
    """Find office holders, descriptions and pair phrases of a parsed article (kept in
    :class:`~.document.DocState`), and the LEADS facts their titles state.

    Parameters
    ----------
    resolver:
        The actor resolver over the tables (roles, leaders, states).
    lex:
        The validated lexicon.
    linker:
        Resolves coordinated noun phrases for pair phrases.
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon, linker: ArgumentLinker) -> None:
        self.resolver = resolver
        self.lex = lex
        self.linker = linker
        #: last words of the role titles of ``roles.tsv`` ("minister", "president")
        self.role_last_words = frozenset(r.split()[-1] for r in resolver.tables.roles)

    def titled_people(self, doc: Doc, st: DocState) -> None:
        """Office holders named with a title that the leaders table does not know.

        Candidates, in text order: PERSON entities no table names; runs of capitalised proper
        nouns right after a role title ("Prime Minister Han of the Republic of Korea", which
        the recogniser may not call a person); people of the PETRARCH2 dictionaries named
        without a role ("Justice Minister Kim Kyung Han"). The title is before the name
        (:meth:`_title_before`) or in apposition to it (:meth:`_appositive_title`: "Jeff Rathke,
        the State Department Spokesperson", "Malaysia's Prime Minister, Najib Razak").

        A title whose words name one organisation and no state ("NATO spokesman X", "X, the UN's
        chief of emergency relief", :meth:`_title_org`) makes the person an officer of it, of no
        state (LEADS the organisation, 0.8, when the role represents its body). A proper name
        with a title in apposition is a candidate whatever entity the recogniser made of it.

        Otherwise the person's state (``country``) is the state the title names (LEADS confidence 0.95),
        else the dictionary's state of the person or the one state of the titled people the
        name is listed with ("President X, Vice President Y"), or the state they represent
        ("China will be represented by X, Vice Premier"; :meth:`_represented_state`) (0.8);
        else the one state the sentence names, unless that state is the other party of the
        verb the person is an argument of ("Canada sanctioned President X",
        :meth:`sentence_state`) (0.6). An official in office whose
        state is not found ("House Speaker Nancy Pelosi") is an actor of their own with no
        ``country`` and no LEADS; a former office holder ("former president Carlos Menem") and
        "his counterpart X" are left to the entity pass (:meth:`_unknown_entities`).
        """
        for span, known in self._person_candidates(doc, st):
            title = self._title_before(span) or self._appositive_title(span, st)
            if title is None:
                continue
            role, country, _, phrase = title
            conf = 0.95
            org = self._title_org(phrase, st) if country is None else None
            if org is not None:
                # "Jan Kowalczyk, a NATO spokesman", "the UN's chief of emergency relief": an officer of
                # the organisation, of no state (the sentence's state is not theirs)
                actor = Actor(slugify(span.text), ActorKind.LEADER, span.text, aliases=(span.text,), role=role.role)
                if known is not None:
                    actor = replace(known, country=None, role=role.role)
                    st.replace_mention(st.by_token[span.start], Mention(span.start, span.end, (actor,), "title", titled=True))
                else:
                    st.add_mention(Mention(span.start, span.end, (actor,), "title", titled=True))
                if role.represents_state:
                    self._note_leads(st, actor, org, role.role, 0.8, span.sent)
                continue
            if country is None:
                country, conf = ((known.country if known is not None else None) or self._listed_state(span, st)
                                 or self._represented_state(span, st)), 0.8
            if country is None:
                country, conf = self.sentence_state(span, st), 0.6
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
        """The names :meth:`titled_people` looks at: ``(span, dictionary actor or None)`` in text order."""
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
                                           and not any(is_firm_word(t, self.lex) for t in ent))) \
                    and not any(i in st.by_token for i in range(ent.start, ent.end)):
                out.append((ent, None))
                taken.update(range(ent.start, ent.end))
        # "Prime Minister Han", "Prime Minister of Norway Eirin Dahl": proper nouns right after a role title
        for t in doc:
            if t.dep_ == "appos" and t.lower_ in self.role_last_words:
                # "Jan Egeland, the UN's chief of ...": a proper name with a title in apposition, whatever
                # entity the recogniser took it for ("Monday, Jan Egeland" as a date)
                name = self._appositive_name(t.head)
                if name is not None and not any(i in taken or i in st.by_token for i in range(name.start, name.end)):
                    out.append((name, None))
                    taken.update(range(name.start, name.end))
            if t.i in taken or t.i in st.by_token or not self._is_name_word(t) or t.lower_ in self.role_last_words:
                continue
            before = st.by_token.get(t.i - 1)
            p = t.i - 1
            if before is not None and before.actors and before.actors[0].kind == ActorKind.STATE \
                    and before.start >= 2 and doc[before.start - 1].lower_ == "of":
                p = before.start - 2
            if p < t.sent.start or doc[p].lower_ not in self.role_last_words:
                continue
            end = t.i
            while end < t.sent.end and end not in st.by_token and self._is_name_word(doc[end]) \
                    and doc[end].lower_ not in self.role_last_words:
                end += 1
            out.append((doc[t.i:end], None))
            taken.update(range(t.i, end))
        return sorted(out, key=lambda e: e[0].start)

    @staticmethod
    def _appositive_name(head) -> Span | None:
        """The proper name ``head`` ends (its capitalised proper-noun compounds and itself), when
        ``head`` is a capitalised proper noun that is no place; else ``None``."""
        def proper(w) -> bool:
            return w.pos_ == "PROPN" and w.text[:1].isupper() and not w.is_upper and w.ent_type_ not in {"GPE", "LOC", "FAC"}

        if not proper(head):
            return None
        start = head.i
        while start > head.sent.start and head.doc[start - 1].dep_ == "compound" and head.doc[start - 1].head == head \
                and proper(head.doc[start - 1]):
            start -= 1
        return head.doc[start:head.i + 1]

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

    def _listed_state(self, span: Span, st: DocState) -> str | None:
        """The one state of the titled people ``span`` is coordinated with ("President X, Vice President Y")."""
        states = set()
        for c in span.root.conjuncts:
            m = st.by_token.get(c.i)
            if m is not None and m.titled and len(m.actors) == 1 and m.actors[0].country:
                states.add(m.actors[0].country)
        return next(iter(states)) if len(states) == 1 else None

    def sentence_state(self, span: Span, st: DocState) -> str | None:
        """The one state the sentence of ``span`` names outside it and outside a quotation ``span``
        is not in, or ``None`` (none or several,
        or the state is the other party of a verb ``span`` is an argument of: "Canada sanctioned
        Aldo Ferrandiz" says nothing of his state, :meth:`other_party`)."""
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
        return None if any(self.other_party(span.root, r) for r in roots) else state

    def other_party(self, a, b) -> bool:
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

        Returns ``(RoleEntry, iso3 or None, start token, the title's words as a Span)`` or ``None``.
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
        return self._past_or_present(role, words[:k]), country, words[k].i, doc[words[0].i:words[-1].i + 1]

    def titled_leader(self, span: Span, slug: str, date: str | None, st: DocState) -> Actor:
        title = self._title_before(span)
        office = self.resolver.leader_office(slug, date)
        entries = self.resolver.leader_entries(slug)
        country = office.country if office else (entries[-1].country if entries else None)
        role = office.role if office else None
        represents = False
        conf = 0.8
        if title is not None:
            trole, tcountry, _, _ = title
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
        owner = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
        aside = title is None and (root.dep_ in {"poss", "compound", "nmod", "amod"} or (
            owner is not None and owner.pos_ == "NOUN" and owner.lemma_.lower() not in self.lex["actor_nouns"]
            and owner.lower_ not in self.lex["actor_nouns"]))
        if represents and country and country in self.resolver.tables.states and (office is not None or title is not None) \
                and not aside:
            # a name without a title that only modifies another noun ("review X's designations",
            # "the Biden-Harris Administration", "the designation of X"; not "the government of X")
            # says nothing of the office: no LEADS
            if office is None or office.country == country:
                self._note_leads(st, actor, self.resolver.state(country), role or "Leader", conf, span.sent)
        office_role = self.resolver.role(office.role) if office is not None else None
        if (org is not None and title is not None and office_role is not None and title[0].role == office_role.role
                and self._names_org(span, org, title[2], st)):
            self._note_leads(st, actor, self.resolver.organization(org), office_role.role, 0.95, span.sent)
        return actor

    def _appositive_title(self, ent: Span, st: DocState):
        """A role title in apposition to a person's name ("Malaysia's Prime Minister, Najib Razak",
        "Jorge Arreaza, the foreign minister of Venezuela"): ``(RoleEntry, iso3 or None, start token,
        the apposition's noun phrase as a Span)`` or ``None``.

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
                return (self._past_or_present(role, doc[head.left_edge.i:k]), country, k,
                        doc[head.left_edge.i:head.right_edge.i + 1])
        if ent.start >= 2 and doc[ent.start - 1].text == "," and not doc[ent.start - 2].is_punct:
            # "Malaysia's Prime Minister, Najib Razak said": a title just before the comma
            return self._title_before(ent, before=ent.start - 1)
        return None

    @staticmethod
    def _title_org(phrase: Span, st: DocState) -> Actor | None:
        """The one organisation a title's phrase names ("a NATO spokesman", "the UN's chief of
        emergency relief", "a spokeswoman for the IAEA"), or ``None``."""
        orgs = {a.id: a for m in st.mentions_in(phrase.start, phrase.end) if len(m.actors) == 1
                for a in m.actors if a.kind == ActorKind.ORGANIZATION}
        return next(iter(orgs.values())) if len(orgs) == 1 else None

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
            last_words = self.role_last_words
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
            org = None
            j = s - 1
            m = None
            if j >= sent.start and j in st.by_token:
                m = st.by_token[j]
            elif j >= sent.start and doc[j].tag_ == "POS" and j - 1 in st.by_token:
                m = st.by_token[j - 1]
            if m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.STATE:
                country = m.actors[0].id
                s = m.start
            elif m is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.ORGANIZATION and m.how != "group":
                # "the IAEA chief", "NATO's secretary-general", "the Hamas political chief": an
                # officer of the named organisation, who acts for it
                org = m.actors[0]
            if org is not None:
                st.add_mention(Mention(m.start, t.i + 1, (org,), "description"))
                continue
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
