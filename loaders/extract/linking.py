"""Argument linking: from a trigger's dependency neighbourhood to the actors it is about.

General paths of the dependency parse (spaCy's English labels), never a branch for one
word: a noun phrase head resolves through a table mention, a pronoun
(:meth:`ArgumentLinker.resolve_pronoun`), an apposition, a compound, or an actor noun with
a state modifier ("Russian officials", "the government of Iraq", "forces led by X");
coordination adds conjuncts; a verb's subject is its ``nsubj``, its passive ``agent``, the
subject of the clause it is an open complement, conjunct or adverbial clause of (control
chains), the head of a relative clause, or the nearest actor before it across clauses.
Word lists come from the lexicon (:mod:`~diplograph.loaders.lexicon`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ...graph.model.records import Actor, slugify
from ...graph.model.vocabulary import ActorKind, RelationType
from ..actors import ActorResolver
from ..lexicon import Lexicon
from ..nlp import BULLET_MARKS
from ..triggers import TriggerTable
from .document import HOW_CONF, PASS_SUBJ, SUBJ, Arg, DocState, unique_args
from .groups import latest_group

__all__ = ["ArgumentLinker", "coordinated", "governing_verb", "listed_after", "prep_objects"]


#: How far back an act a later "this launch" / "the attack" refers to may be, in tokens (about two
#: sentences of news text, as the pronoun and group windows).
EVENT_WINDOW = 120


class ArgumentLinker:
    """Resolve the noun phrases and clause arguments of triggers to actors.

    Parameters
    ----------
    resolver:
        The actor resolver (tables and name lookups).
    lex:
        The validated lexicon (actor nouns, pronoun classes, prepositions of phrase objects ...).
    triggers:
        The trigger table (a trigger noun is not an actor's thing: "Putin's support").
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon, triggers: TriggerTable) -> None:
        self.resolver = resolver
        self.lex = lex
        self.triggers = triggers
        self._pronouns = lex["pronouns"]
        self._third_person = self._pronouns["person"] | self._pronouns["thing"] | self._pronouns["plural"]
        self._first_person = self._pronouns["first_singular"] | self._pronouns["first_plural"]
        #: lemma → the event classes it belongs to (lexicon ``event_classes``)
        self._event_classes: dict[str, frozenset[str]] = {}
        for name, lemmas in lex["event_classes"].items():
            for w in lemmas:
                self._event_classes[w] = self._event_classes.get(w, frozenset()) | {name}

    def resolve_direct(self, tok: Token, st: DocState) -> list[Arg]:
        """Resolve a noun phrase head without coordination: table mention, pronoun, modifiers."""
        m = st.by_token.get(tok.i)
        if m is not None:
            args = [Arg(a, m.confidence, tok.i) for a in m.actors]
            if m.how == "demonym" and tok.tag_ in {"NNS", "NNPS"}:
                # "Young Algerians": a plural people noun is the state's people (the sector of the
                # lexicon's "people"), the end of a domestic event; "the Albanians of southern
                # Serbia" are the people of the state they live in (CAMEO codes domestic groups
                # by country of residence, Schrodt 2012, ch. 4)
                home = [Arg(self.state_of(g.actor), m.confidence * 0.9, tok.i)
                        for c in tok.children if c.dep_ == "prep" and c.lower_ in self.lex["residence_preps"]
                        for p in c.children if p.dep_ == "pobj"
                        for g in self.resolve_direct(p, st) if self.state_of(g.actor).kind == ActorKind.STATE]
                if not home and any(c.dep_ in {"amod", "compound"} and c.lower_ in self.lex["ethnic_words"] for c in tok.children):
                    # "ethnic Albanians": an ethnic group, not the state of its name; the people of
                    # the state where its act happens ("killed ethnic Albanians in southern
                    # Serbia"), or no known actor
                    home = [a.scaled(m.confidence) for a in self.location_states(tok.head, st)] \
                        if tok.head.pos_ in {"VERB", "AUX"} else []
                    if not home:
                        return []
                return self._people_of(unique_args(home) or args)
            return args
        low = tok.lower_
        counted = self.counted(tok)
        if counted is not None:
            # "thousands of Nigerians", "hundreds of Kenyan students": the people counted
            return unique_args([g for p in counted for g in self.resolve(p, st)])
        if tok.pos_ == "PRON" or low in self._third_person:
            return self.resolve_pronoun(tok, st)
        for child in tok.children:
            if child.dep_ == "appos":
                got = self.resolve_direct(child, st)
                if got:
                    return got
        beside = self._name_beside(tok, st)
        if beside:
            return beside
        for child in tok.children:
            if child.dep_ == "compound" and child.i in st.by_token and child.i + 1 == tok.i and tok.pos_ == "PROPN" \
                    and tok.lemma_.lower() not in self.lex["actor_nouns"] and tok.lower_ not in self.lex["actor_nouns"]:
                m = st.by_token[child.i]
                return [Arg(a, m.confidence, tok.i) for a in m.actors]
        body = self.body_of(tok, st)
        if body is not None:
            return body
        actor_nouns = self.lex["actor_nouns"]
        if tok.lemma_.lower() in actor_nouns or tok.lower_ in actor_nouns:
            got = self.modifier_state(tok, st)
            if got:
                return got
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in self.lex["actor_noun_preps"]:
                    for p in child.children:
                        if p.dep_ == "pobj":
                            got = self.resolve(p, st)  # "the leadership of A, B and C": every conjunct
                            got = [g for g in got if g.actor.kind in {ActorKind.STATE, ActorKind.ORGANIZATION}] if child.lower_ != "of" else got
                            if got:
                                return self._group_of(tok, [Arg(self.state_of(g.actor), g.conf * 0.9, tok.i) for g in got], st)
            for child in tok.children:
                if child.dep_ == "acl" and child.lemma_ in self.lex["leading_verbs"]:
                    for a in child.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                if p.dep_ == "pobj":
                                    return [Arg(g.actor, g.conf * 0.9, tok.i) for g in self.resolve(p, st)]
                if child.dep_ == "prep" and child.lower_ in self.lex["actor_noun_inclusion_preps"]:
                    for p in child.children:
                        if p.dep_ == "pobj":
                            return [Arg(g.actor, g.conf * 0.9, tok.i) for g in self.resolve(p, st)]
        elif tok.tag_ == "NNS":
            # a class named by a plural noun, with its members set off by a comma: "state sponsors of
            # terrorism, including the Government of Iran" (an actor noun's members are read above;
            # "mechanisms including WHO" names a means, not the ones acted with)
            return [Arg(g.actor, g.conf * 0.85, tok.i) for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in self.lex["actor_noun_inclusion_preps"]
                    and c.i > 0 and c.doc[c.i - 1].text == ","
                    for p in c.children if p.dep_ == "pobj" for g in self.resolve(p, st)]
        return []

    @staticmethod
    def _name_beside(tok: Token, st: DocState) -> list[Arg]:
        """A common noun right before a name that the parser made a second argument of the same
        head ("Russia's ally Belarus attacked ...": two subjects) describes that name, as an
        apposition would: the name's actors, not the noun's modifier's ("ally" of RUS)."""
        doc = tok.doc
        if tok.pos_ != "NOUN" or tok.i + 1 >= len(doc):
            return []
        m = st.by_token.get(tok.i + 1)
        if m is None or m.start != tok.i + 1 or not m.actors:
            return []
        name = doc[m.end - 1]
        if name.head.i != tok.head.i or name.dep_ != tok.dep_ or name.i == tok.head.i:
            return []
        return [Arg(a, m.confidence, tok.i) for a in m.actors]

    def resolve(self, tok: Token, st: DocState) -> list[Arg]:
        """Resolve a noun phrase head and its conjuncts ("China, Bolivia, Cuba and Turkey")."""
        out: list[Arg] = []
        for t in coordinated(tok):
            out.extend(self.resolve_direct(t, st))
        return unique_args(out)

    def resolve_object_np(self, tok: Token, st: DocState, owner_ok: bool = False) -> list[Arg]:
        """Objects may be things of an actor: "the organs of Venezuela", "Venezuela's economy".

        With ``owner_ok`` the owner of a trigger noun is the object too ("rejected an
        Australian ultimatum", "condemned Russia's attack", "support the applications from
        Finland": lexicon ``agent_preps``); without it that noun is
        skipped ("received Putin's support": the support is not Putin's state). A thing
        from an actor is that actor's ("imports from Canada"; lexicon ``origin_preps``), a
        facility the people it serves' ("a camp for Congolese refugees"; ``facility_nouns``).
        """
        out: list[Arg] = []
        for t in coordinated(tok):
            got = self.resolve_direct(t, st)
            if got:
                out.extend(got)
                continue
            if self.body_of(t, st) is not None:
                continue  # "Zimbabwean individuals": no actor, and not the state
            got = self.context_government(t, st)
            if got:
                out.extend(got)
                continue
            origin = [a.scaled(0.85) for c in t.children if c.dep_ == "prep" and c.lower_ in self.lex["origin_preps"]
                      for p in c.children if p.dep_ == "pobj" for a in self.resolve(p, st)]
            if origin:
                out.extend(origin)  # "tariffs on imports from Canada", "oil from Venezuela"
                continue
            if not owner_ok and self.triggers.get("NOUN", t.lemma_.lower()):
                continue  # "received Putin's support": the support is not Putin's state
            got = self.modifier_state(t, st)
            if not got:
                for child in t.children:
                    # "a camp for Congolese refugees": a facility is of the people it serves (lexicon facility_nouns)
                    served = child.lower_ == "for" and t.lemma_.lower() in self.lex["facility_nouns"]
                    if child.dep_ == "prep" and (child.lower_ == "of" or served or owner_ok and child.lower_ in self.lex["agent_preps"]):
                        for p in child.children:
                            if p.dep_ == "pobj":
                                # "the leadership of A, B and the United Nations": every conjunct
                                got = [Arg(g.actor, g.conf * 0.85, t.i) for q in (p, *p.conjuncts) for g in self.resolve(q, st)]
                                if not got and child.lower_ == "of":
                                    # "financial backers of Russia's war machine": the thing's own owner
                                    got = [Arg(g.actor, g.conf * 0.8, t.i) for g in self.modifier_state(p, st)]
            if not got and owner_ok and (self.triggers.get("NOUN", t.lemma_.lower()) or t.lemma_.lower() in self.lex["speech_nouns"]):
                # "vetoed a resolution proposed by X and Y": the agent of an act's or text's participle
                got = [Arg(g.actor, g.conf * 0.85, t.i) for c in t.children if c.dep_ == "acl"
                       for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                       for g in self.resolve(p, st)]
            if not got and owner_ok:
                got = self.event_antecedent(t, st)  # "Russia shelled Kyiv. France condemned the shelling."
            out.extend(g for g in got)
        return unique_args(out)

    def act_holders(self, noun: Token, st: DocState) -> list[Arg]:
        """Who did the act ``noun`` names: possessor ("Russia's lies", "its lies"), "by" agent,
        the agent of a participle ("abuses committed by X"), or a modifying actor mention
        ("Chinese abuses", "DPRK provocations"); ``[]`` when none is named."""
        out: list[Arg] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ == "det" and c.tag_ == "PRP$"):
                out.extend(self.resolve(c, st))
            elif c.dep_ in {"compound", "amod", "nmod"} and c.i in st.by_token:
                out.extend(self.resolve(c, st))
            elif c.dep_ == "prep" and c.lower_ == "by":
                out.extend(a for p in c.children if p.dep_ == "pobj" for a in self.resolve(p, st))
            elif c.dep_ == "acl":
                out.extend(a for g in c.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"
                           for a in self.resolve(p, st))
        return unique_args(out)

    def event_antecedent(self, noun: Token, st: DocState) -> list[Arg]:
        """The agents of the earlier act a definite or demonstrative noun refers back to:
        "North Korea launched a missile. ... this launch is a violation" → North Korea.

        ``noun`` must have an anaphoric determiner (lexicon ``anaphoric_determiners``), no
        holder of its own, and a lemma of an ``event_classes`` class; a general act noun
        ("these actions", lexicon ``event_general_nouns``) needs a demonstrative determiner.
        The antecedent is the nearest noun or verb before it, within :data:`EVENT_WINDOW`
        tokens, of the same class (any class for a general noun) whose agent is named (a
        noun's :meth:`act_holders`, a verb's subjects); its agents at ×0.8. Cost: at most
        :data:`EVENT_WINDOW` tokens per anaphor (event coreference as a nearest compatible
        antecedent, the baseline of Lee et al. 2012, "Joint entity and event coreference")."""
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or not dets & self.lex["anaphoric_determiners"]:
            return []
        if any(c.dep_ in {"poss", "compound", "nmod"} or (c.dep_ == "prep" and c.lower_ in self.lex["agent_preps"])
               or (c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children)) for c in noun.children):
            return []  # "the attack by unknown gunmen": its own agent, named or not
        classes = self._event_classes.get(lemma)
        if classes is None:
            if lemma not in self.lex["event_general_nouns"] or not dets & self.lex["demonstrative_determiners"]:
                return []
        doc = noun.doc
        for i in range(noun.i - 1, max(noun.i - EVENT_WINDOW, 0) - 1, -1):
            t = doc[i]
            if t.pos_ not in {"NOUN", "VERB"} or t.i in st.by_token:
                continue
            other = self._event_classes.get(t.lemma_.lower())
            if other is None or (classes is not None and not classes & other):
                continue
            if t.pos_ == "NOUN":
                agents = self.act_holders(t, st)
            else:
                agents = self.verb_subjects(t, st)[0] if not any(c.dep_ in PASS_SUBJ for c in t.children) else []
            if agents:
                return [replace(a, conf=a.conf * 0.8, token=noun.i) for a in agents]
        return []

    def relative_object(self, verb: Token, st: DocState) -> list[Arg]:
        """The object of a relative clause whose object is a relative pronoun of a thing ("a policy,
        which the UN criticised"): the head noun's owner (:meth:`resolve_object_np` with owner),
        else the subjects of the verb the head noun is the object of ("Malaysia maintained a
        policy, which ..."; confidence ×0.85). A head noun that is the object of a gerund without
        a subject of its own, inside a noun's phrase, is part of that noun's act: "a policy of
        turning away boats, which the UN criticised" is the policy's (at most two such steps)."""
        head = verb.head
        got = self.resolve_object_np(head, st, True)
        if got:
            return got
        gov, _ = governing_verb(head)
        for _ in range(2):
            if gov is None or gov.dep_ not in {"pcomp", "acl"} or any(c.dep_ in SUBJ for c in gov.children):
                break
            noun = gov.head.head if gov.dep_ == "pcomp" else gov.head
            if noun.pos_ != "NOUN":
                break
            gov, _ = governing_verb(noun)
        if gov is None or gov.i == verb.i:
            return []
        subjects, base = self.verb_subjects(gov, st)
        return [a.scaled(0.85) for a in subjects] if base >= 0.65 else []

    def answered_claim(self, verb: Token) -> Token | None:
        """The verb of the claim a non-restrictive "which" clause of ``verb`` answers: "Critics accused
        Brazil of backing Venezuela, which Brazil rejected" rejects the accusation, not Venezuela. The
        head of the relative clause (after a comma) lies in the complement of a verb of accusing or
        saying (a verb with an ACCUSES pattern, lexicon ``reporting_verbs``, ``speech_verbs``), found
        within four links up (object, preposition, gerund, complement); else None."""
        if verb.dep_ != "relcl" or not any(c.lower_ == "which" and c.tag_ == "WDT" for c in verb.children):
            return None
        head = verb.head
        if head.i + 1 >= len(head.doc) or not any(t.text == "," for t in head.doc[head.i + 1:verb.i]):
            return None
        t = head
        for _ in range(4):
            if t.dep_ not in {"dobj", "obj", "pobj", "prep", "pcomp", "ccomp", "xcomp", "conj"} or t.head.i == t.i:
                return None
            t = t.head
            lemma = t.lemma_.lower()
            if t.pos_ == "VERB" and (lemma in self.lex["reporting_verbs"] or lemma in self.lex["speech_verbs"] or any(
                    p.relation == RelationType.ACCUSES for p in self.triggers.get("VERB", lemma) or ())):
                return t
        return None

    def modifier_state(self, tok: Token, st: DocState) -> list[Arg]:
        """"Russian officials", "Maduro's government", "his country", "Taiwan's minister" → the state
        ("Hungarian and Romanian officials" → both).

        Modifiers that are mentions win over possessive pronouns ("its European Community
        partners" → EU). The possessor of a relational noun (lexicon ``relational_nouns``:
        "Israel's ally", "its neighbour") is another actor than the noun's, and gives none. A non-state group noun (``group_sectors`` of the lexicon: "Ugandan
        rebels", "French farmers") gives an Organization ``<ISO3>-<CAMEO sector>`` of that
        state instead (:meth:`_group_of`).
        """
        mods = [c for c in tok.children
                if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} or (c.dep_ == "det" and c.tag_ == "PRP$")]
        if tok.lemma_.lower() in self.lex["relational_nouns"]:
            # "Israel's militia ally", "its neighbour": the possessor is the other side of the relation, not the actor
            mods = [c for c in mods if c.dep_ != "poss" and c.tag_ != "PRP$"]
        got: list[Arg] = []
        for child in mods:
            m = st.by_token.get(child.i)
            if m is not None and m.actors:
                got = [Arg(self.state_of(a), m.confidence * 0.95, tok.i) for a in m.actors]
                # coordinated modifiers: "Hungarian and Romanian officials", "U.S. and Russian negotiators"
                for c in child.conjuncts:
                    other = st.by_token.get(c.i)
                    if other is not None and other is not m:
                        got.extend(Arg(self.state_of(a), other.confidence * 0.95, tok.i) for a in other.actors)
                got = unique_args(got)
                break
        if not got:
            for child in mods:
                if child.dep_ in {"poss", "det"} and child.pos_ == "PRON":
                    got = [Arg(self.state_of(g.actor), g.conf, tok.i) for g in self.resolve_pronoun(child, st)]
                elif child.dep_ in {"compound", "amod"} and child.i not in st.by_token:
                    got = self.modifier_state(child, st)
                if got:
                    break
        return self._group_of(tok, got, st)

    def body_of(self, tok: Token, st: DocState) -> list[Arg] | None:
        """The non-state body a noun with a state modifier names, or ``None`` when ``tok`` is no
        such noun or has no state modifier.

        "Venezuela's central bank" → Firm ``VEN-central-bank`` (country VEN); "Russian exporters"
        → Firm ``RUS-BUS``; "Mexican drug trafficking organizations" → Organization ``MEX-CRM``:
        the CAMEO sector of the lexicon's ``body_sectors`` for the head noun, else for a compound
        or adjective before it; a plural or indefinite noun ("a Saudi businessman" → ``SAU-BUS``) is
        the state's sector, a definite singular one a body of its own named by its words. A noun of ``unspecified_bodies`` with no sector word
        ("Zimbabwean individuals and entities", "Iranian affiliates") gives ``[]``: no actor, and
        never the state (the sanctions on a state's people and firms are not on the state).
        Confidence ×0.8 of the state modifier's.
        """
        sectors = self.lex["body_sectors"]
        words = [tok, *sorted((c for c in tok.children if c.dep_ in {"compound", "amod"} and c.i not in st.by_token),
                              key=lambda c: -c.i)]
        code = next((c for w in words if (c := sectors.get(w.lemma_.lower()) or sectors.get(w.lower_))), None)
        if code is None and tok.lemma_.lower() not in self.lex["unspecified_bodies"] \
                and tok.lower_ not in self.lex["unspecified_bodies"]:
            return None
        states = [a for a in self.modifier_state(tok, st) if a.actor.kind == ActorKind.STATE]
        if not states:
            return None
        if code is None:
            return []
        kind = ActorKind.FIRM if code == "BUS" else ActorKind.ORGANIZATION
        # a plural or indefinite noun ("Russian exporters", "a Saudi businessman") is one of the
        # sector; a definite singular one ("Venezuela's central bank") a body of its own
        plural = tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)
        own = [c for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.i not in st.by_token
               and c.lower_ not in self.lex["condemnation_modifiers"]]
        label = " ".join([*(w.lower_ for w in own), tok.lemma_.lower()])
        out = []
        for a in states:
            state = a.actor
            ident, name = (f"{state.id}-{code}", f"{state.name} {tok.lemma_.lower()}s") if plural else \
                (f"{state.id}-{slugify(label)}", f"{state.name} {label}")
            out.append(Arg(Actor(ident, kind, name, country=state.id, aliases=(name,)), a.conf * 0.8, tok.i))
        return out

    def _people_of(self, args: list[Arg]) -> list[Arg]:
        """States named by a plural people noun ("Algerians") with their people as sector
        (``DZA-CVL``: the code of the lexicon's ``state_sectors`` "people", CAMEO 1.1b3 CVL)."""
        code = self.lex["state_sectors"]["people"]
        return [replace(a, sector=Actor(f"{a.actor.id}-{code}", ActorKind.ORGANIZATION, f"{a.actor.name} people",
                                        country=a.actor.id)) if a.actor.kind == ActorKind.STATE else a for a in args]

    def location_states(self, trigger: Token, st: DocState, depth: int = 3) -> list[Arg]:
        """The states of the places where an act happens: mentions (states, or places of
        states: "Lagos" → NGA) in the trigger's or its direct object's location phrases
        (lexicon ``location_preps``: "rioted at this jail in northern Israel", "a rally in
        Lagos", "blocked transport into Abidjan"), through up to ``depth`` nested phrases
        (and the "of" of a place noun: "near the town of Samarra").
        Confidence of a context resolution (0.6)."""
        preps = self.lex["location_preps"]
        heads = [trigger, *(c for c in trigger.children if c.dep_ in {"dobj", "obj"})]
        frontier = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps]
        out: list[Arg] = []
        for _ in range(depth):
            nested = []
            for prep in frontier:
                for p in prep.children:
                    if p.dep_ != "pobj":
                        continue
                    got = [g for g in self.resolve(p, st) if self.state_of(g.actor).kind == ActorKind.STATE]
                    if got:
                        out.extend(Arg(self.state_of(g.actor), HOW_CONF["context"], g.token) for g in got)
                    else:
                        # "near the town of Samarra": a place noun's "of" names the place
                        nested.extend(c for c in p.children if c.dep_ == "prep" and (c.lower_ in preps or c.lower_ == "of"))
            if out or not nested:
                break
            frontier = nested
        return unique_args(out)

    def unattributed_source(self, verb: Token, st: DocState) -> list[Arg]:
        """The source of an act whose doer is unnamed ("gunmen in Kenya attacked ...", "a
        roadside bombing near Samarra killed ..."): when the verb's subject (or passive agent)
        is a noun of the lexicon's ``unattributed_agents``, the states of the place named in
        that noun's or the verb's location phrases (:meth:`location_states`), as CAMEO codes
        attacks by unidentified attackers to the country where they happen. A doer noun of a
        non-state group (``group_sectors``: "protesters marched in Lima") is that group of the
        place's state (``PER-ACT``), as CAMEO codes it by country and sector. Empty otherwise."""
        doers = [c for c in verb.children if c.dep_ in SUBJ]
        doers += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        doers += [p for d in doers for p in self.counted(d) or ()]  # "thousands of protesters": the people counted
        words = self.lex["unattributed_agents"]
        doer = next((d for d in doers if d.lemma_.lower() in words or d.lower_ in words), None)
        if doer is None:
            return []
        groups = self.lex["group_sectors"]
        place = next((got for d in doers if (got := self.location_states(d, st))), None) or self.location_states(verb, st)
        return self._group_of(doer, place, st) if doer.lemma_.lower() in groups or doer.lower_ in groups else place

    def located_objects(self, verb: Token, objects: list[Token], subjects: list[Arg], st: DocState) -> list[Arg]:
        """The targets of an act whose direct ``objects`` name no actor, by where it happens
        (lexicon ``located_object_relations``): a thing ("bombed targets in Syria", "raided a
        village near Mosul") is the state of its or the verb's location phrase
        (:meth:`location_states`); a non-state group noun, also counted ("killed dozens of
        protesters in Yangon"), is that group of the place's state (``MMR-ACT``), and with no
        place, when its sector is one of ``domestic_group_sectors``, that group of the doers'
        home states ("police arrested dozens of protesters"). Empty when nothing is found."""
        groups = self.lex["group_sectors"]
        domestic = self.lex["domestic_group_sectors"]
        place = self.location_states(verb, st)
        out: list[Arg] = []
        for d in objects:
            for t in coordinated(d):
                for noun in self.counted(t) or (t,):
                    code = groups.get(noun.lemma_.lower()) or groups.get(noun.lower_)
                    if code is None:
                        out.extend(place)
                    elif place:
                        out.extend(self._group_of(noun, place, st))
                    elif code.lower() in domestic:
                        homes = [Arg(self.home_state(s.actor), HOW_CONF["context"], noun.i) for s in subjects
                                 if self.home_state(s.actor).kind == ActorKind.STATE]
                        out.extend(self._group_of(noun, unique_args(homes), st))
        return unique_args(out)

    def _group_of(self, tok: Token, args: list[Arg], st: DocState) -> list[Arg]:
        """Turn states into the non-state group ``tok`` names ("rebels" of UGA → ``UGA-REB``); give
        states named by a state sector ("police" of TUR) that sector (``TUR-COP``, :class:`Arg`).

        A group noun with a proper name ("the Liberal Party of Canada": capitalised compound or
        adjective words before it that are no actor mention) is that named group of the state,
        ``<ISO3>-<slug of the name>`` (``CAN-liberal-party``, as
        :meth:`~.mentions.MentionFinder._named_body` names it), not the state's sector group.
        """
        code = self.lex["group_sectors"].get(tok.lemma_.lower()) or self.lex["group_sectors"].get(tok.lower_)
        if not code:
            sector = self.lex["state_sectors"].get(tok.lemma_.lower()) or self.lex["state_sectors"].get(tok.lower_)
            if not sector:
                return args
            return [replace(a, sector=Actor(f"{a.actor.id}-{sector}", ActorKind.ORGANIZATION, f"{a.actor.name} {tok.lemma_.lower()}",
                                            country=a.actor.id)) if a.actor.kind == ActorKind.STATE else a for a in args]
        name_words = [c for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.pos_ in {"PROPN", "ADJ"}
                      and c.text[:1].isupper() and c.i not in st.by_token]
        name = tok.doc[name_words[0].i:tok.i + 1].text if name_words and tok.text[:1].isupper() else None
        out = []
        for a in args:
            if a.actor.kind == ActorKind.STATE:
                state = a.actor
                if name is not None:
                    group = Actor(f"{state.id}-{slugify(name)}", ActorKind.ORGANIZATION, name, country=state.id, aliases=(name,))
                else:
                    label = tok.lemma_.lower() if code != "OPP" else "opposition"
                    group = Actor(f"{state.id}-{code}", ActorKind.ORGANIZATION, f"{state.name} {label}", country=state.id,
                                  aliases=(f"{state.name} {label}",))
                a = Arg(group, a.conf, a.token)
            out.append(a)
        return out

    def resolve_pronoun(self, tok: Token, st: DocState) -> list[Arg]:
        low = tok.lower_
        if low in self._first_person:
            # the speaker of an official statement (see :meth:`speaker`), never inside a quotation
            who = st.speaker_self if low in self._pronouns["first_singular"] else st.speaker_group
            if who is None or st.in_quotation(tok):
                return []
            return [Arg(who, HOW_CONF["speaker"], tok.i)]
        if low in self._pronouns["person"]:
            kinds = {ActorKind.LEADER}
        elif low in self._pronouns["thing"]:
            kinds = {ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.FIRM}
        elif low in self._pronouns["plural"]:
            kinds = {ActorKind.STATE, ActorKind.ORGANIZATION}
        else:
            return []
        best = None
        doc = tok.doc
        # only candidates in the same or the two previous sentences (120 tokens before this one)
        for m in st.mentions_in(tok.sent.start - 120, tok.i):
            if len(m.actors) != 1 or m.how == "pair":
                continue
            a = m.actors[0]
            if a.kind not in kinds:
                continue
            if low in self._pronouns["thing"] | self._pronouns["plural"] and doc[m.start].dep_ not in SUBJ | PASS_SUBJ and m.start < tok.sent.start:
                continue
            if best is None or m.start > best.start:
                best = m
        if best is not None and low in self._pronouns["thing"] and tok.dep_ in SUBJ | PASS_SUBJ:
            # "Today's vote lays bare ... It also holds Belarus accountable": a subject "it"
            # continues the nearest subject before it; when that is a thing (a vote, a
            # resolution), "it" is that thing, not the actor named earlier
            doc = tok.doc
            start = max(best.start, doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0)
            for i in range(tok.i - 1, start, -1):
                t = doc[i]
                if t.dep_ in SUBJ and t.pos_ == "NOUN" and i not in st.by_token and t.lemma_.lower() not in self.lex["actor_nouns"] \
                        and not self.resolve_direct(t, st):
                    return []
                if t.dep_ in SUBJ:
                    break
        if low in self._pronouns["plural_nonpossessive"]:
            # "The meeting included A, B and C. They agreed ...": every member of the latest
            # listed group, unless an actor outside it was named after the list
            group = latest_group(st, tok.i)
            # a subject "they" continues a group referred to earlier in its sentence rather than an
            # object named in between ("They reiterated that ... for the DPRK, and they called on ...")
            parallel = (group is not None and best is not None and tok.dep_ in SUBJ | PASS_SUBJ
                        and group[0] >= tok.sent.start and doc[best.start].dep_ not in SUBJ | PASS_SUBJ)
            if group is not None and (best is None or best.start <= group[0] or parallel
                                      or any(a.id == best.actors[0].id for a in group[1])):
                st.refer_to_group(tok.i, group[1])
                return [Arg(a, HOW_CONF["plural"], tok.i) for a in group[1]]
        if best is not None and low in self._pronouns["plural_nonpossessive"]:
            # "Brazil and South Korea discussed ... They signed ...": the coordinated pair the
            # nearest candidate belongs to, when that pair is the latest one recorded
            for pos, pair in reversed(st.pairs):
                if pos >= tok.i or pair is None:
                    continue  # coordinations of non-actors ("energy and natural resources") do not count
                if tok.sent.start - pos <= 120 and any(a.id == best.actors[0].id for a in pair):
                    return [Arg(a, 0.8, tok.i) for a in pair]
                break
            # "Russia met China. They signed ...": a subject "they" opening the next sentence
            # is both sides of that sentence's one symmetric act, when the nearest candidate is one
            prev = st.mutual.get(st.sent_index.get(tok.sent.start, -1) - 1)
            if (prev is not None and tok.dep_ in SUBJ | PASS_SUBJ and best.start < tok.sent.start
                    and all(a.kind in kinds for a in prev) and any(a.id == best.actors[0].id for a in prev)):
                return [Arg(a, 0.8, tok.i) for a in prev]
        if best is None and low in self._pronouns["plural"]:
            # "Palestinian leaders said they would ...": the subject of the governing clause
            head = tok.head
            while head.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and head.head != head:
                head = head.head
                for c in head.children:
                    if c.dep_ in SUBJ and c.i < tok.i:
                        got = self.resolve_direct(c, st)
                        if got:
                            return [Arg(g.actor, 0.8, tok.i) for g in got]
            return []
        if best is None:
            return []
        last = doc[best.end - 1]
        if last.dep_ in {"amod", "compound", "nmod"} and last.head.i >= best.end and \
                (last.head.lemma_.lower() in self.lex["actor_nouns"] or last.head.lower_ in self.lex["actor_nouns"]):
            # "Radical French farmers said they would ...": "they" are the farmers (FRA-AGR), not France
            got = self.resolve_direct(last.head, st)
            if got:
                return [replace(g, conf=0.8, token=tok.i) for g in got]
        return [Arg(best.actors[0], 0.8, tok.i)]

    def counted(self, tok: Token) -> list[Token] | None:
        """The "of" objects of a quantity noun of the lexicon's ``quantity_nouns`` ("thousands of
        protesters" → [protesters]), or ``None`` when ``tok`` is no quantity noun."""
        if tok.lemma_.lower() not in self.lex["quantity_nouns"] and tok.lower_ not in self.lex["quantity_nouns"]:
            return None
        return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]

    def context_government(self, tok: Token, st: DocState) -> list[Arg]:
        """A bare "government" / "top government leaders": the state of the sentence's main subject
        (a leader's state, or the home state of a group: "Peruvian students protested against the
        government" is against Peru's)."""
        gov = set(self.lex["government_nouns"])
        names = {tok.lemma_.lower(), tok.lower_} | {c.lower_ for c in tok.children if c.dep_ == "compound"}
        if not names & gov:
            return []
        if any(c.dep_ in {"poss", "amod", "compound"} and c.i in st.by_token for c in tok.children):
            return []
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return []  # "the leadership of President X": the government named, not the subject's
        root = tok.sent.root
        for c in root.children:
            if c.dep_ in SUBJ:
                got = self.resolve_direct(c, st)
                if got:
                    return [Arg(self.home_state(g.actor), 0.6, tok.i) for g in got]
        return []

    def home_state(self, actor: Actor) -> Actor:
        """:meth:`state_of`, and for a group of a state (an Organization whose ``country`` is a
        state of the tables: "Peruvian students" ``PER-EDU``) that state."""
        if actor.kind == ActorKind.ORGANIZATION and actor.country and actor.country in self.resolver.tables.states:
            return self.resolver.state(actor.country)
        return self.state_of(actor)

    def issuer(self, tok: Token, st: DocState) -> list[Arg]:
        """The government whose instrument or body a subject noun is, when the noun names no actor.

        "The Order removes sanctions ...", "This action targets ...", "the Departments of the
        Treasury and State have announced ...": a noun of the lexicon's ``instrument_nouns``
        (with the words of its compounds: "Executive Order"), or a capitalised noun of a
        government sector (code ``GOV`` of ``state_sectors``: "the Administration", "the
        Departments of ..."), is the act of the state its modifiers name ("Russia's decree",
        "Trump's order" → the leader's state) or of the "by" agent of its participle ("the
        order signed by X"), else of the state that publishes the statement
        (:attr:`~.document.DocState.speaker_group`, from ``speakers.tsv``). Confidence of a
        context resolution (0.6); ``[]`` for any other noun or when no state is found. A state
        named in the body's "of" phrases ("the Ministry of Foreign Affairs of Ukraine") is its state.
        """
        words = [c for c in tok.lefts if c.dep_ == "compound"] + [tok]
        phrase = " ".join(w.lower_ for w in words)
        # (also a name headed by such a noun: "Operation Absolute Resolve captured ...")
        instrument = any(p in self.lex["instrument_nouns"] for p in (tok.lower_, tok.lemma_.lower(), phrase)) \
            or (tok.pos_ == "PROPN" and len(words) > 1 and words[0].lower_ in self.lex["instrument_nouns"])
        # the parser leaves capitalised plurals unlemmatised ("Departments")
        forms = {tok.lemma_.lower(), tok.lower_} | ({tok.lower_[:-1]} if tok.tag_ in {"NNS", "NNPS"} and tok.lower_.endswith("s") else set())
        body = tok.text[:1].isupper() and any(self.lex["state_sectors"].get(f) == "GOV" for f in forms)
        if not (instrument or body) or tok.pos_ not in {"NOUN", "PROPN"}:
            return []
        conf = HOW_CONF["context"]
        owners = [Arg(self.state_of(a.actor), conf, tok.i) for a in self.modifier_state_any(tok, st)]
        if not owners:
            # "the Ministry of Foreign Affairs of Ukraine": a state in the body's own "of" phrases
            owners = [Arg(self.state_of(g.actor), conf, tok.i) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj" for w in p.subtree if w.i in st.by_token
                      for g in self.resolve_direct(w, st)]
        if not owners:
            owners = [Arg(self.state_of(g.actor), conf, tok.i) for c in tok.children if c.dep_ == "acl"
                      for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                      for g in self.resolve(p, st)]
        if owners:
            return unique_args([a for a in owners if a.actor.kind == ActorKind.STATE])
        publisher = st.speaker_group
        if publisher is None or publisher.kind != ActorKind.STATE:
            return []
        return [Arg(publisher, conf, tok.i)]

    def verb_subjects(self, verb: Token, st: DocState, depth: int = 0) -> tuple[list[Arg], float]:
        passive = any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.with_along(self.resolve(p, st), verb, st), 0.85
            if depth > 0:
                # reached from an open complement: "I am honored to welcome X", "Russia was
                # forced to withdraw": the passive subject does the complement's act
                for c in verb.children:
                    if c.dep_ in PASS_SUBJ:
                        got = self.resolve(c, st)
                        if got:
                            return got, 0.9
            return [], 0.0
        fronted = relative_objects(verb)
        for c in verb.children:
            if c.dep_ in SUBJ and c not in fronted:
                got = self.resolve(c, st) or self.context_government(c, st) or self.issuer(c, st)
                if got:
                    return self.with_along(got, verb, st), 0.9
                if c.tag_ == "WDT" and verb.dep_ == "relcl" and depth < 3 and verb.head.dep_ in {"dobj", "obj"} \
                        and verb.head.lemma_.lower() in self.lex["instrument_nouns"]:
                    # "signed an order that strengthens sanctions": the act of a state's instrument is its signer's
                    # (not "will support a resolution that aims to ...": a resolution is no instrument of a state)
                    got, _ = self.verb_subjects(verb.head.head, st, depth + 1)
                    if got:
                        return got, 0.65
                return [], 0.0
        if depth < 3 and verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head != verb:
            got, inner = self.verb_subjects(verb.head, st, depth + 1)
            if got:
                return got, min(inner, 0.65)
        if verb.dep_ == "relcl":
            got = self.resolve(verb.head, st)
            if got:
                return got, 0.75
        if verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "obj"} and depth < 3 \
                and (verb.head.lemma_.lower() in self.lex["speech_nouns"] or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
            # "issued a declaration demanding ...", "signed an order imposing sanctions on ...",
            # "is taking action to hold X accountable" (control: the taker does the act)
            got, _ = self.verb_subjects(verb.head.head, st, depth + 1)
            if got:
                return got, 0.65
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # the holder of a noun controls its infinitive: "threats by X to attack Y", "Iran's plan to close ..."
            got = self.act_holders(verb.head, st)
            if got:
                return got, 0.75
        # across clauses: the nearest actor before the verb in the sentence
        for i in range(verb.i - 1, verb.sent.start - 1, -1):
            m = st.by_token.get(i)
            if m is not None and m.actors and m.how != "pair":
                tok = verb.doc[i]
                head = tok
                while head.dep_ == "conj":
                    head = head.head
                if head.dep_ in {"pobj", "dobj", "obj", "dative"}:
                    break  # "removes sanctions on Syria while maintaining ...": another act's object does not act
                if head.dep_ in {"compound", "amod", "poss", "nmod"} and self.triggers.get("NOUN", head.head.lemma_.lower()) \
                        and head.head.i not in st.by_token and head.head.is_ancestor(verb):
                    break  # "PRC cyberattacks targeting ... and threatening the safety of ...": the act does it, not its holder
                return self.resolve(head, st) or [Arg(a, m.confidence, i) for a in m.actors], 0.45
            if verb.doc[i].pos_ in {"VERB"} or verb.doc[i].is_punct and verb.doc[i].text in {",", ";", "–", "—"}:
                break
        if depth == 0:
            return self.list_header_subjects(verb, st), 0.45
        return [], 0.0

    def list_header_subjects(self, verb: Token, st: DocState) -> list[Arg]:
        """The doer of a subjectless list item: "U.S. actions to strengthen NATO include:" then
        "Reaching agreement with Spain ...", "Stationing two squadrons in ..." — a gerund that opens
        its sentence, under a header sentence ending in a colon whose subject is an actor's
        ("U.S. actions", "Japan's new measures"; its possessor or modifier). Every sentence between
        the header and the item must open with a gerund too (the list goes on), or go on an item
        begun earlier on its line. Without such a header, a gerund that is its sentence's main
        verb in an official statement is the act of the publisher
        (:attr:`~.document.DocState.speaker_group`, confidence of a context resolution), as a
        fact sheet's items are. Empty otherwise."""
        first = next((t for t in verb.sent if not (t.is_punct or t.is_space)), None)
        if verb.tag_ != "VBG" or first is None or first.i != verb.i:
            return []
        sent = verb.sent
        for _ in range(30):
            if sent.start == 0:
                break
            prev = verb.doc[sent.start - 1].sent
            last = next((t for t in reversed(prev) if not t.is_space), None)
            if last is not None and last.text == ":":
                for c in prev.root.children:
                    if c.dep_ in SUBJ:
                        got = [a.scaled(0.9) for a in (self.resolve(c, st) or self.modifier_state(c, st))]
                        if got:
                            return got
                break
            opener = next((t for t in prev if not t.is_punct), None)
            if (opener is None or opener.tag_ != "VBG") and not _inside_list_item(prev):
                break
            sent = prev
        publisher = st.speaker_group
        main = verb.dep_ == "ROOT" or (verb.dep_ == "amod" and verb.head.dep_ == "ROOT")
        if publisher is None or not main or st.in_quotation(verb):
            return []
        return [Arg(publisher, HOW_CONF["context"], verb.i)]

    def with_along(self, subjects: list[Arg], verb: Token, st: DocState) -> list[Arg]:
        """Add co-subjects of "along with X, Y and Z" / "together with X"."""
        out = list(subjects)
        for anchor in [verb, *[c for c in verb.children if c.dep_ in SUBJ | {"attr", "dobj"}]]:
            for c in anchor.children:
                if c.dep_ == "prep" and c.lower_ in self.lex["accompaniment_words"]:
                    for w in c.children:
                        if w.dep_ == "prep" and w.lower_ == "with":
                            for p in w.children:
                                if p.dep_ == "pobj":
                                    out.extend(g.scaled(0.9) for g in self.resolve(p, st))
        return unique_args(out)

    def phrase_objects(self, verb: Token, st: DocState) -> list[Arg]:
        """The first actors inside the verb's object phrase or complement clause.

        "threatened to break relations *with Russia*", "boycott contact *with the United
        States*", "an admission *by Moscow*": a breadth-first walk (at most four links) from
        the verb through direct objects, open complements and the prepositions of
        the lexicon's ``phrase_object_preps``; it does not enter subjects, adverbial, relative or quoted clauses,
        nor place prepositions ("in", "at"). Confidence ×0.7.
        """
        frontier = [c for c in verb.children if c.dep_ in {"dobj", "obj", "xcomp", "dative", "prep", "prt"}]
        for _ in range(4):
            found: list[Arg] = []
            nxt: list[Token] = []
            for t in frontier:
                if t.dep_ in {"prep", "prt"}:
                    if t.lower_ in self.lex["phrase_object_preps"]:
                        nxt.extend(c for c in t.children if c.dep_ in {"pobj", "pcomp", "prep"})
                    continue
                if t.pos_ in {"NOUN", "PROPN", "PRON"}:
                    got = self.resolve_direct(t, st)
                    if got:
                        found.extend(g.scaled(0.7) for g in got)
                        for c in coordinated(t)[1:]:
                            found.extend(g.scaled(0.7) for g in self.resolve_direct(c, st))
                        continue
                nxt.extend(c for c in t.children if c.dep_ in {"dobj", "obj", "xcomp", "dative", "prep", "pobj", "prt", "conj"})
            if found:
                return unique_args(found)
            frontier = nxt
            if not frontier:
                break
        return []

    def aimed_objects(self, measure: Token, st: DocState) -> list[Arg]:
        """The targets a clause of a measure names: "sanctions targeting X's banks", "measures to
        target X's energy trade", "tariffs aimed at X" (a participle or relative clause of a verb of
        the lexicon's ``targeting_verbs``): its direct object or "at" object, as objects are read
        with their owner (:meth:`resolve_object_np`: "X's exports" are X's), ×0.85; ``[]`` when there is none."""
        out: list[Arg] = []
        for c in measure.children:
            if c.dep_ not in {"acl", "relcl"} or c.lemma_.lower() not in self.lex["targeting_verbs"]:
                continue
            for d in c.children:
                if d.dep_ in {"dobj", "obj"}:
                    out.extend(self.resolve_object_np(d, st, True))
                elif d.dep_ == "prep" and d.lower_ == "at":
                    out.extend(a for p in prep_objects(d) for a in self.resolve_object_np(p, st, True))
        return [a.scaled(0.85) for a in unique_args(out)]

    def condition_subjects(self, verb: Token, st: DocState) -> list[Arg]:
        """Subject of an "unless"/"if" clause of a threat or demand: the actor the condition is put on."""
        for t in (verb, *[c for c in verb.children if c.dep_ == "xcomp"]):
            for c in t.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.lex["threat_condition_marks"] for m in c.children):
                    for sub in c.children:
                        if sub.dep_ in SUBJ:
                            got = self.resolve(sub, st)
                            if got:
                                return [g.scaled(0.7) for g in got]
        return []

    def modifier_state_any(self, tok: Token, st: DocState) -> list[Arg]:
        """States named by modifiers of any noun ("Russian agricultural products" → RUS)."""
        out = []
        for c in tok.children:
            if c.dep_ in {"amod", "compound", "poss", "nmod"} and c.i in st.by_token:
                m = st.by_token[c.i]
                out.extend(Arg(self.state_of(a), m.confidence, tok.i) for a in m.actors)
        return out

    def state_of(self, actor: Actor) -> Actor:
        """A leader's state (when it is a state of the tables), else ``actor`` itself."""
        if actor.kind == ActorKind.LEADER and actor.country and actor.country in self.resolver.tables.states:
            return self.resolver.state(actor.country)
        return actor


def _opening_gerund(noun: Token) -> Token | None:
    """The gerund ``noun`` has as an ``amod`` when that gerund is the first word of the sentence."""
    for c in noun.lefts:
        if c.dep_ == "amod" and c.tag_ == "VBG":
            first = next((t for t in noun.sent if not (t.is_punct or t.is_space)), None)
            return c if first is not None and first.i == c.i else None
    return None


def _inside_list_item(sent: Span) -> bool:
    """Whether ``sent`` goes on a list item begun earlier on its line ("- Providing X. We have
    maintained Y."): its line opens with a bullet mark (:data:`~diplograph.loaders.nlp.BULLET_MARKS`)
    before the sentence starts. Walks back over the tokens of the line only (``Doc.text`` joins the
    whole document, which per sentence made long documents quadratic)."""
    doc = sent.doc
    start = sent.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    opener = next((t for t in doc[start:sent.start] if not t.is_space), None)
    return opener is not None and opener.text[:1] in BULLET_MARKS


def prep_objects(prep: Token) -> list[Token]:
    """The objects (``pobj``) of a preposition and of the prepositions coordinated with it:
    "sanctions on Rosneft and on Deputy Minister Ivanov" → [Rosneft, Ivanov]."""
    return [p for q in (prep, *(c for c in prep.conjuncts if c.pos_ == "ADP")) for p in q.children if p.dep_ == "pobj"]


def coordinated(tok: Token) -> list[Token]:
    """``tok``, its conjuncts after it and the further items of a list it begins
    (:func:`listed_after`), in text order without repeats: the heads of the noun phrases a
    coordination names ("China, Bolivia, Cuba and Turkey")."""
    out = [tok, *(c for c in tok.conjuncts if c.i > tok.i)]
    seen = {t.i for t in out}
    out.extend(t for t in listed_after(tok) if t.i not in seen and not seen.add(t.i))
    return out


#: Tokens that end a list: clause punctuation, finite verbs and modals (tags of the Penn
#: Treebank), which begin a clause of their own.
_LIST_STOP_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})

#: Parts of speech (Universal Dependencies) a noun phrase, and so a list item, may begin with.
_NOUN_PHRASE_STARTS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PUNCT", "SYM"})


def listed_after(noun: Token) -> list[Token]:
    """The heads of the further items of a comma list that begins with ``noun``.

    "sanctions on X, his associates, drug traffickers, persons linked to ..., ISIS or its
    affiliates, and Iranian proxies", "including President X, Vice President Y, Brigadier
    General (Retired) Z, and businessman W, pursuant to ...": the parser of a long list often
    hangs its later items on other words (the verb, an earlier item's modifier), so the list is
    read on the surface. The words right after ``noun`` (a comma or coordinator must follow it)
    are cut at commas and coordinators into items; once an item introduced by a coordinator
    ("and", "or") is complete, the list goes on only with another item introduced by one
    (", and Iranian proxies"), so a trailing phrase (", pursuant to ...") is no item. A clause
    boundary (";", ":", a finite verb or modal, a subordinating mark) drops the item it cuts
    short and ends the list. It is a list only when every item begins as a noun phrase does and
    an item introduced by a coordinator closes it; otherwise ``[]``. An item's heads are its
    nouns, proper nouns and pronouns whose syntactic head lies outside it (a broken parse may
    give one item two), except an apposition to the item before it ("X Ltd., a Belarusian
    firm, and Y": a description of X). Linear in the sentence.
    """
    doc, sent = noun.doc, noun.sent
    start = noun.i + 1
    if start >= sent.end or not (doc[start].text == "," or doc[start].dep_ == "cc"):
        return []
    items: list[list[Token]] = []
    current: list[Token] = []
    after_cc = closed_by_cc = False
    for i in range(start, sent.end):
        t = doc[i]
        if t.text in {";", ":"} or t.tag_ in _LIST_STOP_TAGS or t.dep_ == "mark":
            current = []
            break
        if t.text == "," or t.dep_ == "cc":
            if current:
                items.append(current)
                closed_by_cc = after_cc
                after_cc = False
                current = []
            after_cc = after_cc or t.dep_ == "cc"
            continue
        if not current:
            if closed_by_cc and not after_cc:
                break  # "..., and W, pursuant to ...": the list ended with its coordinated item
            if t.pos_ not in _NOUN_PHRASE_STARTS:
                return []  # "..., according to X", "..., disputed by X": a phrase of another kind, no list
        current.append(t)
    else:
        if current:
            items.append(current)
            closed_by_cc = after_cc
    if not items or not closed_by_cc:
        return []
    heads: list[Token] = []
    before = noun
    for item in items:
        span = {t.i for t in item}
        got = [t for t in item if t.pos_ in {"NOUN", "PROPN", "PRON"} and t.head.i not in span and t.i != noun.i]
        # "X Ltd., a Belarusian firm, and Y": an apposition to the word before it describes that word
        heads.extend(t for t in got if not (t.dep_ == "appos" and before in t.head.subtree and t.head.i <= before.i))
        before = got[0] if got else before
    return heads


def relative_objects(verb: Token) -> list[Token]:
    """A relative pronoun the parser made a second subject of a relative clause: "a policy which,
    according to AFP, the UN and the US have both criticised" ("which" and "the UN" both ``nsubj``
    of "criticised"); the pronoun is the clause's object. ``[]`` unless ``verb`` is a relative
    clause with such a pronoun (tag ``WDT``) beside another subject."""
    if verb.dep_ != "relcl":
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    fronted = [c for c in subjects if c.tag_ == "WDT"]
    return fronted if len(fronted) < len(subjects) else []


def governing_verb(noun: Token) -> tuple[Token | None, Token | None]:
    """The verb a noun is the object of (through conj, prep and pobj links); and the link below it.

    A gerund that opens its sentence and that the parser hung on the noun as an adjective
    ("- Reaching agreement with Spain ...", "Imposing sanctions on ...": ``amod``) is the verb."""
    t = noun
    below = None
    for _ in range(4):
        opener = _opening_gerund(t)
        if opener is not None:
            return opener, (below or t)
        if t.dep_ == "conj":
            t = t.head
            continue
        if t.dep_ in {"dobj", "obj", "attr", "oprd"} or (t.dep_ in PASS_SUBJ):
            return t.head, (below or t)
        if t.dep_ == "pobj":
            below = t if below is None else below
            t = t.head  # prep
            if t.head.pos_ in {"VERB", "AUX"}:
                return t.head, below
            t = t.head
            continue
        break
    return None, below
