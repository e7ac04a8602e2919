"""Rules: from trigger words to facts.

Trigger verbs and nouns come from ``data/triggers.jsonl``
(:mod:`~diplograph.loaders.triggers`); their arguments from :mod:`.linking`; whether the
act happened from :mod:`.modality`. Besides the trigger patterns, four constructions
give facts, each fed by word classes of the lexicon:

- obligations: "X said Y must ..." → X DEMANDS Y (``obligation_verbs``, ``obligation_aux``;
  CAMEO 10 "make a demand");
- accountability: "X holds Y accountable" → X OPPOSES Y (``accountable_verbs``,
  ``accountable_complements``; CAMEO 111);
- mediation: "a deal between X and Y brokered by Z" → Z CONSULTS X and Y
  (``mediation_verbs``; CAMEO 045 "mediate");
- membership: "X, a member of Y", "welcome X as Y's Ally" → X MEMBER_OF Y (``member_nouns``);
- joint acts: "a resolution proposed jointly by X and Y", "X and Y together drafted ..." → X
  COOPERATES_WITH Y (``joint_adverbs``; CAMEO 06 "engage in material cooperation");
- joint texts: "a joint statement by X and Y", "a statement of joint understanding by X and Y" → X
  AGREES_WITH Y (``joint_adjectives``, ``joint_text_nouns``; CAMEO 03).

For conflictual types the object may be the first actor inside the object phrase or
complement ("threatened to break relations *with Russia*") or the subject of an
"unless/if" condition of a threat. Co-subjects are each other's objects only for
symmetric acts and mutual nouns ("a treaty of friendship"). Killing by armed forces is
FIGHTS, not ASSAULTS (CAMEO 19 vs 18). Stated intentions become AGREES_WITH for
cooperative and de-escalating acts ("will withdraw its troops") and THREATENS for material
conflictual ones only (×0.6); the relation classes
come from :data:`~diplograph.graph.model.vocabulary.RELATIONS` (``sign``, ``symmetric``,
``material``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from ...graph.model.records import Fact
from ...graph.model.vocabulary import RELATIONS, ActorKind, RelationType
from ..actors import ActorResolver
from ..lexicon import Lexicon
from ..triggers import TriggerPattern, TriggerTable, particle_objects, verb_frame
from .attribution import Attribution
from .document import EXTRACTOR_TAG, HOW_CONF, PASS_SUBJ, SUBJ, Arg, DocState, sentence_text, unique_args
from .linking import ArgumentLinker, coordinated, governing_verb, prep_objects, relative_objects
from .modality import Modality
from .stance import BlameFinder

__all__ = ["Rules", "verb_lemma"]

#: Cooperative acts (sign +1) and de-escalation (sign 0, positive Goldstein weight: RETREATS):
#: stated intentions to do them are AGREES_WITH (CAMEO 03 "express intent to cooperate", which
#: holds 0356 "express intent to de-escalate military engagement"; CAMEO2PLOVER: AGREE).
COOPERATIVE = frozenset(r for r, spec in RELATIONS.items() if spec.sign > 0 or (spec.sign == 0 and spec.goldstein > 0))
#: Material conflictual acts (sign -1): stated intentions to do them are THREATENS (CAMEO 13).
CONFLICTUAL = frozenset(r for r, spec in RELATIONS.items() if spec.material and spec.sign < 0)
#: Acts that two co-subjects do with each other ("X and Y met / signed / clashed").
SYMMETRIC = frozenset(r for r, spec in RELATIONS.items() if spec.symmetric)
#: Material conflict done *to* a target (not PROTESTS, whose target is a stance, nor MOBILIZES): as
#: the subject of a verb, the act's target is that verb's object ("Russian strikes hit Kyiv").
_AFFECTING = CONFLICTUAL - {RelationType.PROTESTS, RelationType.MOBILIZES}
#: Relations whose object may sit deeper in the object phrase or complement (see ``phrase_objects``).
_PHRASE_OBJECT = {
    RelationType.DEMANDS, RelationType.REJECTS, RelationType.THREATENS, RelationType.OPPOSES, RelationType.PROTESTS,
    RelationType.COERCES, RelationType.INVESTIGATES, RelationType.RETREATS, RelationType.SANCTIONS,
    RelationType.AGREES_WITH,
}
#: Relations whose object may be the subject or object of the trigger verb's complement clause.
_COMPLEMENT_OBJECT = {RelationType.DEMANDS, RelationType.REJECTS, RelationType.THREATENS, RelationType.OPPOSES,
                      RelationType.ACCUSES, RelationType.AGREES_WITH}
#: Relations whose direct object may be an act of the object actor ("rejected X's proposal").
_OWNER_OBJECT = {RelationType.REJECTS, RelationType.OPPOSES, RelationType.SUPPORTS, RelationType.ACCUSES, RelationType.CONCEDES}
#: Relations whose prepositional object may be an act or text of the object actor ("agreed to US
#: mediation", "yielded to Russia's demands", "objected to China's plan").
_OWNER_PREP_OBJECT = _OWNER_OBJECT | {RelationType.AGREES_WITH}
#: Relations a noun trigger's "of" complement may give the subject of ("exports of Russian oil").
_OF_SUBJECT = {RelationType.TRADES_WITH, RelationType.AIDS, RelationType.INVESTS_IN}
#: Least base confidence of the subject of a person's target-less act (docs/domestic-events.md),
#: for a verb and a noun trigger: the verb's own subject or passive agent (0.9, 0.85), the subject
#: of the light verb of a noun ("started a hunger strike", 0.65), as the package docstring's
#: confidence table gives them; not a subject taken from a verb above a verb
_OWN_SUBJECT_BASE = {"VERB": 0.85, "NOUN": 0.65}
_MUST_PATTERN = TriggerPattern(RelationType.DEMANDS, "must", "VERB", frozenset(), cameo="100")
_HOLD_PATTERN = TriggerPattern(RelationType.OPPOSES, "hold", "VERB", frozenset(), cameo="111")
_MEDIATE_PATTERN = TriggerPattern(RelationType.CONSULTS, "mediate", "VERB", frozenset(), cameo="045")
_JOINT_PATTERN = TriggerPattern(RelationType.COOPERATES_WITH, "jointly", "VERB", frozenset(), cameo="060")
_JOINT_TEXT_PATTERN = TriggerPattern(RelationType.AGREES_WITH, "joint", "NOUN", frozenset(), cameo="030")
_MEMBER_PATTERN = TriggerPattern(RelationType.MEMBER_OF, "member", "NOUN", frozenset(), object_kinds=frozenset({ActorKind.ORGANIZATION}))

Reporter = Callable[[Token], "str | None"]


class Rules:
    """Turn the triggers of a sentence into facts.

    Parameters
    ----------
    resolver, lex, triggers:
        The actor resolver, the validated lexicon and the trigger patterns.
    linker, modality, attribution:
        The parts that find arguments, modality, dates and sources.
    noun_lemma:
        Lemma of a capitalised common noun tagged as a proper noun (:meth:`~.casing.Truecaser.noun_lemma`).
    """

    def __init__(self, resolver: ActorResolver, lex: Lexicon, triggers: TriggerTable, linker: ArgumentLinker,
                 modality: Modality, attribution: Attribution, noun_lemma: Callable[[str], str | None]) -> None:
        self.noun_lemma = noun_lemma
        self.resolver = resolver
        self.lex = lex
        self.triggers = triggers
        self.linker = linker
        self.modality = modality
        self.attribution = attribution
        self.blame = BlameFinder(lex, triggers, linker, modality)

    def sentence_facts(self, sent: Span, index: int, st: DocState) -> Iterator[Fact]:
        """The facts of one sentence (``index``: its place among the article's non-blank
        sentences), in trigger order; the same fact may come more than once."""
        reporter: Reporter | None = None

        def attribution(trigger: Token) -> str | None:
            # who reports the sentence is read once, for the sentence's first fact
            nonlocal reporter
            if reporter is None:
                reporter = self.attribution.reporter(sent, st)
            return reporter(trigger)

        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
                known = self.triggers.get("VERB", lemma) or self.triggers.has_verb(lemma, tok.lower_)
                patterns = self.triggers.for_verb(lemma, verb_frame(tok, self.triggers.particles(lemma)), tok.lower_) if known else ()
                if patterns:
                    yield from self._verb_facts(tok, patterns, sent, index, st, attribution)
                if lemma in self.lex["obligation_verbs"]:
                    yield from self._obligation_facts(tok, sent, index, st, attribution)
                if lemma in self.lex["accountable_verbs"]:
                    yield from self._accountable_facts(tok, sent, index, st, attribution)
                if lemma in self.lex["mediation_verbs"]:
                    yield from self._mediation_facts(tok, sent, index, st, attribution)
                if lemma in self.lex["member_origin_verbs"]:
                    yield from self._origin_member_facts(tok, sent, index, st, attribution)
                if any(c.dep_ == "advmod" and c.lower_ in self.lex["joint_adverbs"] and not any(c.children) for c in tok.children):
                    yield from self._joint_facts(tok, sent, index, st, attribution)
            if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in st.by_token:
                if tok.pos_ == "PROPN":
                    lemma = self.noun_lemma(tok.lower_) or lemma
                patterns = self.triggers.get("NOUN", lemma)
                if patterns:
                    yield from self._noun_facts(tok, patterns, sent, index, st, attribution)
                if lemma in self.lex["member_nouns"]:
                    yield from self._member_facts(tok, sent, index, st, attribution)
            if tok.dep_ == "amod" and tok.lower_ in self.lex["joint_adjectives"] and tok.head.lemma_.lower() in self.lex["joint_text_nouns"]:
                yield from self._joint_text_facts(tok.head, sent, index, st, attribution)
            if tok.pos_ == "NOUN" and lemma in self.lex["consequence_nouns"]:
                threat = self.blame.consequence(tok, st)
                if threat is not None:
                    yield from self._emit(threat.pattern, threat.evaluators, threat.blamed, threat.base, "fact", tok, sent, index,
                                          st, attribution)
            if self.blame.is_candidate(tok):
                blame = self.blame.find(tok, st)
                if blame is not None:
                    yield from self._emit(blame.pattern, blame.evaluators, blame.blamed, blame.base, "fact", tok, sent, index,
                                          st, attribution)

    def _accountable_facts(self, verb: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """"X holds Y accountable/responsible (for ...)" → X OPPOSES Y (as the gold files; CAMEO 111).

        Only with an "accountable"/"responsible" complement of "hold"; the object is the
        direct object; future and hypothetical clauses give no fact (``_emit``).
        """
        # "conj": the parser may coordinate the complement of a long object list with the verb
        # ("hold Mexico, Canada, and China accountable")
        comps = [c for c in verb.children if c.lower_ in self.lex["accountable_complements"]
                 and c.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "advmod", "amod", "conj"}]
        if not comps:
            return
        modality = self.modality.verb_modality(verb)
        if modality == "no":
            return
        subjects, base = self.linker.verb_subjects(verb, st)
        # the held actor: the direct object, or the subject the parser gives the complement ("holds [Belarus accountable]")
        held = [c for c in verb.children if c.dep_ in {"dobj", "obj"}] + [c for k in comps for c in k.children if c.dep_ in SUBJ]
        objects = [a for c in held for a in self.linker.resolve_object_np(c, st, True)]
        if subjects and objects:
            yield from self._emit(_HOLD_PATTERN, subjects, objects, base, modality, verb, sent, index, st, attribution)

    def _mediation_facts(self, verb: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """The mediator consults both parties: "a deal between X and Y brokered by Z", "Z mediated
        talks between X and Y", "X and Y restored ties in a deal brokered by Z" (CAMEO 045
        "mediate", a CONSULT event; Schrodt 2012).

        Mediator: the agent of a passive (also a participle "brokered by Z") or the subject.
        Parties: "between" objects of the verb or of the brokered thing, else the subjects of
        the verb that governs the brokered thing.
        """
        modality = self.modality.verb_modality(verb)
        if modality == "no":
            return
        mediators: list[Arg] = []
        for c in verb.children:
            if c.dep_ == "agent":
                mediators = [a for p in c.children if p.dep_ == "pobj" for a in self.linker.resolve(p, st)]
        base = 0.75
        if not mediators and verb.dep_ != "acl":
            mediators, base = self.linker.verb_subjects(verb, st)
            base = min(base, 0.75)
        if not mediators:
            return
        thing = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}), None)
        parties: list[Arg] = []
        for h in [verb, *([thing] if thing is not None else [])]:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "between":
                    parties.extend(a for p in c.children if p.dep_ == "pobj" for a in self.linker.resolve(p, st))
        if not parties and thing is not None and verb.dep_ == "acl":
            gov = governing_verb(thing)[0]
            if gov is not None and self.modality.verb_modality(gov) != "no":
                parties = self.linker.verb_subjects(gov, st)[0]
        if parties:
            yield from self._emit(_MEDIATE_PATTERN, mediators, unique_args(parties), base, modality, verb, sent, index, st, attribution)

    def _joint_facts(self, verb: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """Co-agents of an act done jointly cooperate: "a resolution proposed jointly by the United
        States and Japan", "Kenya and Uganda together built the road" → every two of them
        COOPERATES_WITH each other (lexicon ``joint_adverbs`` on the verb, without a "with" phrase
        of its own: "together with X" is accompaniment; CAMEO 06). The agents are the passive
        agent's conjuncts, else the verb's subjects; at least two actors. A negated or hypothetical
        act gives no fact, an intended one an AGREES_WITH (``_emit``); base confidence 0.65."""
        agents = [a for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                  for a in self.linker.resolve(p, st)]
        if agents and verb.dep_ == "acl":
            # "a resolution proposed jointly by X and Y" was proposed even when it is vetoed after
            modality = "no" if any(c.dep_ == "neg" for c in verb.children) else "fact"
        else:
            modality = self.modality.verb_modality(verb)
        if modality == "no":
            return
        if not agents and verb.dep_ != "acl":
            agents = self.linker.verb_subjects(verb, st)[0]
        agents = unique_args(agents)
        if len({a.actor.id for a in agents}) >= 2:
            yield from self._emit(_JOINT_PATTERN, agents, [], 0.65, modality, verb, sent, index, st, attribution)

    def _joint_text_facts(self, text: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """The authors of a joint text agree with each other: "a statement of joint understanding by
        X and Y", "X and Y issued a joint declaration", "X issued a joint statement with Y" → every two
        of them AGREES_WITH each other (lexicon ``joint_adjectives`` on a ``joint_text_nouns`` noun;
        CAMEO 03, PLOVER AGREE). Authors: the "by" objects of the text, of the noun it complements
        ("a statement of joint understanding by ...") or of the active verb it is the object of, else the subjects of the verb it is the object
        of with that verb's or the text's "with" objects; at least two actors. A negated or
        hypothetical text gives no fact; base confidence 0.65."""
        modality = self.modality.noun_modality(text)
        if modality == "no":
            return
        holders = [text, *([text.head.head] if text.dep_ == "pobj" and text.head.lower_ == "of" else [])]
        gov = governing_verb(holders[-1])[0]
        if gov is not None and not any(c.dep_ in PASS_SUBJ | {"auxpass", "agent"} for c in gov.children):
            holders.append(gov)  # "read a statement ... by X and Y": the parser hangs the text's "by" on an active verb
        authors = [a for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "by"
                   for p in prep_objects(c) for a in self.linker.resolve(p, st)]
        if not authors:
            if gov is not None:
                authors = self.linker.verb_subjects(gov, st)[0]
                authors += [a for h in (gov, *holders) for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                            for p in prep_objects(c) for a in self.linker.resolve(p, st)]
        authors = unique_args(authors)
        if len({a.actor.id for a in authors}) >= 2:
            yield from self._emit(_JOINT_TEXT_PATTERN, authors, [], 0.65, modality, text, sent, index, st, attribution)

    def _origin_member_facts(self, verb: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """States that come or join *from* a club are its members: "A and B join the new bloc
        from the Andean Community", "From Mercosur come A, B and C" (lexicon
        ``member_origin_verbs``). The club is an Organization named in the verb's "from"
        phrase, or — where the parser makes the fronted club a subject of the inverted
        clause — an Organization subject; the members are the verb's State subjects. Only
        factual clauses; confidence 0.75 × the weaker argument."""
        froms = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"]
        if not froms or self.modality.verb_modality(verb) != "fact":
            return
        subjects = [a for c in verb.children if c.dep_ in SUBJ for a in self.linker.resolve(c, st)]
        orgs = [Arg(m.actors[0], m.confidence, t.i) for f in froms for t in f.subtree
                if (m := st.by_token.get(t.i)) is not None and len(m.actors) == 1 and m.actors[0].kind == ActorKind.ORGANIZATION]
        orgs += [a for a in subjects if a.actor.kind == ActorKind.ORGANIZATION]
        members = [a for a in subjects if a.actor.kind == ActorKind.STATE]
        if orgs and members:
            yield from self._emit(_MEMBER_PATTERN, members, unique_args(orgs)[:1], 0.75, "fact", verb, sent, index, st, attribution)
            if not any(c.dep_ in {"dobj", "obj"} or (c.dep_ == "prep" and c.lower_ in {"to", "into"}) for c in verb.children):
                # "From Mercosur come A, B and C": they come into the club the text is about, the
                # nearest organisation named before that is not itself a club states come from
                doc = verb.doc
                dest = next((m.actors[0] for m in st.mentions_before(sent.start, ActorKind.ORGANIZATION)
                             if len(m.actors) == 1 and m.actors[0].id != orgs[0].actor.id
                             and doc[m.end - 1].head.lower_ != "from"
                             and not (doc[m.end - 1].dep_ in SUBJ
                                      and doc[m.end - 1].head.lemma_.lower() in self.lex["member_origin_verbs"])), None)
                if dest is not None:
                    yield from self._emit(_MEMBER_PATTERN, members, [Arg(dest, HOW_CONF["context"], verb.i)], 0.75, "fact",
                                          verb, sent, index, st, attribution)

    def _member_facts(self, noun: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """MEMBER_OF from a member noun said of a state: "Sweden, a member of the EU" (apposition),
        "Finland became a member of NATO" (copula), "welcome Sweden as NATO's 32nd Ally" ("as").

        The organisation is the noun's possessive or "of" object and must be an Organization
        of the tables; the state is the apposition's head, the copula's subject, the direct
        object (else subject) of the verb the "as" phrase hangs on, else the noun's possessor
        ("our NATO Allies": the speaker's state). Only affirmative,
        factual clauses (``_verb_modality`` "fact"); confidence 0.75 × the weaker argument.
        """
        orgs: list[Arg] = []
        for c in noun.children:
            if c.dep_ == "poss":
                orgs.extend(self.linker.resolve_direct(c, st))
            elif c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        orgs.extend(self.linker.resolve_direct(p, st))
            elif c.dep_ == "compound" and c.i in st.by_token:
                orgs.extend(self.linker.resolve_direct(c, st))
        orgs = [o for o in orgs if o.actor.kind == ActorKind.ORGANIZATION]
        not_member = self.lex["not_member_modifiers"] | self.lex["not_member_determiners"]
        if not orgs or any(c.dep_ == "neg" or c.lower_ in not_member for c in noun.children):
            return  # "not a member", "an associate member", "a former member
        members: list[Arg] = []
        verb = None
        if noun.dep_ == "appos":
            members = self.linker.resolve(noun.head, st)
        elif noun.dep_ in {"attr", "oprd"} and noun.head.lemma_.lower() in self.lex["copula_verbs"]:
            verb = noun.head
            if verb.lemma_.lower() == "be" and verb.tag_ == "VBD":
                return  # "It was a member of the Andean Community ...": a past membership
            members = [a for c in verb.children if c.dep_ in SUBJ for a in self.linker.resolve(c, st)]
        elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in {"VERB", "AUX"}:
            verb = noun.head.head
            dobjs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
            members = [a for d in dobjs for a in self.linker.resolve(d, st)] if dobjs else self.linker.verb_subjects(verb, st)[0]
        if verb is not None and (self.modality.verb_modality(verb) != "fact"
                                 or any(c.dep_ == "neg" for c in verb.children)):
            return
        if not members:
            # "NATO's newest member, Sweden, ...": the state named beside the noun
            members = [a for c in noun.children if c.dep_ in {"appos", "npadvmod"} for a in self.linker.resolve(c, st)]
        if not members:
            # "our NATO Allies", "Canada's fellow NATO members": the possessor is a member too
            members = [a for c in noun.children if c.dep_ == "poss" or (c.dep_ == "det" and c.tag_ == "PRP$")
                       for a in self.linker.resolve_direct(c, st)]
        members = [m for m in members if m.actor.kind == ActorKind.STATE]
        if members:
            yield from self._emit(_MEMBER_PATTERN, members, orgs, 0.75, "fact", noun, sent, index, st, attribution)

    def _obligation_facts(self, verb: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        """"X said Y must/should do Z" → X DEMANDS Y (CAMEO 10 "make a demand", Schrodt 2012).

        Only for reporting verbs with an affirmative complement clause whose auxiliary is
        one of ``obligation_aux``; confidence 0.6 × the weakest argument.
        """
        lex = self.lex
        for c in verb.children:
            if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and a.lower_ in lex["obligation_aux"] for a in c.children):
                continue
            if any(a.dep_ == "neg" for a in c.children) or self.modality.verb_modality(verb) == "no":
                continue
            subjects, _ = self.linker.verb_subjects(verb, st)
            if not subjects:
                continue
            objects: list[Arg] = []
            for sub in c.children:
                if sub.dep_ in SUBJ:
                    objects = self.linker.resolve(sub, st)
            if objects:
                yield from self._emit(_MUST_PATTERN, subjects, objects, 0.6, "fact", c, sent, index, st, attribution)

    def _verb_facts(self, verb: Token, patterns, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        dobjs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}] + particle_objects(verb, self.triggers.particles(verb.lemma_.lower()))
        dobjs += relative_objects(verb)
        passive_subj = [c for c in verb.children if c.dep_ in PASS_SUBJ]
        things = dobjs + passive_subj
        thing_lemmas = set()
        for d in things:
            for t in (d, *d.conjuncts):
                # the word as written too, as the trigger table's frame reads it ("arms", lemma "arm")
                thing_lemmas.update((t.lemma_.lower(), t.lower_))
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        thing_lemmas.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
                    if c.dep_ in {"compound", "amod"}:
                        thing_lemmas.add(c.lemma_.lower())
                    if c.dep_ == "prep" and c.lower_ == "in" and t.pos_ == "PROPN":
                        # a named document: "signed the Broad Relationship of Cooperation ... in the XXI Century agreement"
                        thing_lemmas.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN")
        constrained = [p for p in patterns if p.dobj is not None and p.dobj & thing_lemmas]
        chosen = constrained or [p for p in patterns if p.dobj is None]
        if not chosen:
            return
        if any(c.dep_ == "acomp" for c in verb.children):
            return  # "NATO stands more united", "remained firm": a copula, not the trigger's act
        modality = self.modality.verb_modality(verb)
        if modality == "no":
            return
        subjects, base = self.linker.verb_subjects(verb, st)
        unattributed = False
        if not subjects and any(p.relation.name.lower() in self.lex["unattributed_relations"] for p in chosen):
            subjects, base, unattributed = self.linker.unattributed_source(verb, st), 0.65, True
        if not subjects:
            return
        for pattern in chosen:
            if unattributed and pattern.relation.name.lower() not in self.lex["unattributed_relations"]:
                continue
            objects: list[Arg] = []
            if pattern.object_from_dobj:
                owner_ok = pattern.relation in _OWNER_OBJECT
                for d in (passive_subj if any(c.dep_ == "agent" for c in verb.children) or passive_subj else dobjs):
                    objects.extend(self.linker.resolve_object_np(d, st, owner_ok))
                if not objects and owner_ok and verb.dep_ == "relcl" and any(d.tag_ == "WDT" for d in dobjs):
                    # "a policy, which the UN criticised" (a person's "whom" resolves as the head noun above)
                    objects.extend(self.linker.relative_object(verb, st))
                for c in verb.children:
                    if c.dep_ == "dative":
                        objects.extend(self.linker.resolve(c, st))
            else:
                for c in verb.children:
                    if c.dep_ == "dative":
                        objects.extend(self.linker.resolve(c, st))
            # the thing's own prepositions, and those of the noun after its "of" ("suspended part
            # of its aid program for Bosnia"), as the verb frame reads that noun as the thing
            heads = [verb, *things, *(p for d in things for c in d.children if c.dep_ == "prep" and c.lower_ == "of"
                                      for p in c.children if p.dep_ == "pobj")]
            for h in heads:
                for c in h.children:
                    # "gave $67 million to Yemen": the parser may label the verb's "to" a dative
                    if c.dep_ in {"prep", "dative"} and c.lower_ in pattern.preps:
                        for p in prep_objects(c):
                            # the owner of an act: "agreed to US mediation", "opposed the prospect of Ukraine's membership"
                            objects.extend(self.linker.resolve_object_np(p, st, pattern.relation in _OWNER_PREP_OBJECT))
                    if c.dep_ == "prt" and c.lower_ in pattern.preps:
                        for cc in c.children:
                            if cc.dep_ == "prep":
                                for p in cc.children:
                                    if p.dep_ == "pobj":
                                        objects.extend(self.linker.resolve(p, st))
            if not objects and not pattern.object_from_dobj and pattern.relation in _OWNER_PREP_OBJECT:
                # the author of the text or act a light verb takes: "accepted Kenya's peace plan",
                # "accepted the ceasefire proposed by Egypt" (the "by" agent of a participle on it)
                for d in things:
                    for c in d.children:
                        if c.dep_ == "poss":
                            objects.extend(self.linker.resolve(c, st))
                        elif c.dep_ == "acl":
                            objects.extend(g for a in c.children if a.dep_ == "agent"
                                           for p in a.children if p.dep_ == "pobj" for g in self.linker.resolve(p, st))
            if not objects and not pattern.object_from_dobj and pattern.dobj is not None:
                # "terminated the Syria sanctions program", "sent Gaza aid": a name compound on the
                # thing the pattern asks for (or on the noun it modifies) names the thing's target,
                # unless it is the doer's own state ("expands U.S. sanctions authorities")
                own = {self.linker.state_of(a.actor).id for a in subjects}
                for d in things:
                    if d.lemma_.lower() in pattern.dobj or d.lower_ in pattern.dobj:
                        objects.extend(self.linker.aimed_objects(d, st))  # "announced measures to target X's trade"
                    for t in (d, *d.children):
                        if t.lemma_.lower() in pattern.dobj or t.lower_ in pattern.dobj:
                            objects.extend(a.scaled(0.85) for c in (t, d) for m in c.children
                                           if m.dep_ == "compound" and m.pos_ == "PROPN" and m.i in st.by_token
                                           for a in self.linker.resolve_direct(m, st)
                                           if self.linker.state_of(a.actor).id not in own)
            # an agreement to an act its own trigger reads ("agreed to send troops to Syria":
            # MOBILIZES) takes no object from that act: the act is the fact, not a second one
            own_act = pattern.relation == RelationType.AGREES_WITH and any(
                c.dep_ in {"ccomp", "xcomp"} and self._trigger_relations(c) - COOPERATIVE for c in verb.children)
            # "urged its citizens to avoid ...", "pressed the counterpart to sign X": object control names
            # the addressee; when it is no actor, the complement's objects are not the one addressed
            addressed = bool(dobjs) and any(c.dep_ == "xcomp" for c in verb.children)
            if addressed and not objects:
                own_act = True
            if not objects and pattern.relation in _COMPLEMENT_OBJECT and not own_act:
                for c in verb.children:
                    if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.lex["demand_preps"] for m in c.children):
                        # the addressee of "for X to ...", not the objects of the demanded act
                        objects.extend(g.scaled(0.8) for cc in c.children if cc.dep_ in SUBJ for g in self.linker.resolve(cc, st))
                    elif c.dep_ in {"ccomp", "xcomp"}:
                        # "demanded that the government resign": the parser may read a clause's bare
                        # (subjunctive) verb as a noun and its subject as that noun's compound
                        misread = c.pos_ in {"NOUN", "PROPN"} and any(m.dep_ == "mark" for m in c.children)
                        for cc in c.children:
                            if cc.dep_ in SUBJ | {"dobj"} or misread and cc.dep_ == "compound":
                                got = [g.scaled(0.8) for g in self.linker.resolve_object_np(cc, st)]
                                if not got and cc.dep_ == "dobj":
                                    # "refused to deploy peacekeepers in Iraq": the parser hangs the
                                    # complement's goal or place on its object (not the doer's own state)
                                    own = {self.linker.state_of(a.actor).id for a in subjects}
                                    got = [g.scaled(0.7) for p in cc.children if p.dep_ == "prep"
                                           for q in prep_objects(p) for g in self.linker.resolve(q, st)
                                           if self.linker.state_of(g.actor).id not in own]
                                objects.extend(got)
                            if cc.dep_ == "prep":
                                # (a noun an actor modifies stands for it, as in the act's own reading: "to UN peacekeepers")
                                for p in cc.children:
                                    if p.dep_ == "pobj":
                                        objects.extend(g.scaled(0.7) for g in self.linker.resolve_object_np(p, st))
            if not objects and pattern.relation in _PHRASE_OBJECT and base >= 0.65 and not own_act and not (
                    pattern.relation in _OWNER_OBJECT and any(self.triggers.get("NOUN", d.lemma_.lower()) for d in dobjs)):
                # a stance on an act is towards its doer, never its target: "opposed sanctions on
                # Iran", "condemned the attack on Ukraine" (the doer unnamed) give no fact
                objects = self.linker.phrase_objects(verb, st)
            if not objects and pattern.relation in {RelationType.THREATENS, RelationType.DEMANDS}:
                objects = self.linker.condition_subjects(verb, st)
            if not objects and pattern.object_from_dobj and pattern.relation.name.lower() in self.lex["located_object_relations"]:
                # "bombed targets in Syria", "police arrested dozens of protesters": a target known by its place
                affected = passive_subj if any(c.dep_ == "agent" for c in verb.children) or passive_subj else dobjs
                objects = self.linker.located_objects(verb, affected, subjects, st)
            claim = self.linker.answered_claim(verb) if pattern.relation == RelationType.REJECTS else None
            if claim is not None:
                # "X accused Y of backing Z, which Y rejected": the accusation is rejected, towards its maker
                claimants, claim_base = self.linker.verb_subjects(claim, st)
                objects = claimants if claim_base >= 0.65 else []
            objects = unique_args(objects)
            if pattern.object_kinds:
                objects = [o for o in objects if o.actor.kind in pattern.object_kinds]
            conf = base
            yield from self._emit(pattern, subjects, objects, conf, modality, verb, sent, index, st, attribution)

    def _noun_facts(self, noun: Token, patterns, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        if noun.dep_ == "compound" and noun.head.pos_ in {"NOUN", "PROPN"} and noun.head.lemma_.lower() in self.lex["frame_nouns"]:
            # "the UN relief operation in Indonesia", "an aid convoy to Gaza": a trigger noun that
            # modifies a frame noun is read with that noun's arguments, as a light verb's object is
            noun = noun.head
        modality = self.modality.noun_modality(noun)
        if modality == "no":
            return
        # "the suspension of air links with Georgia": a pattern with ``dobj`` words reads the
        # noun's "of" object (and its modifiers) as a verb pattern reads its direct object
        complements = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in prep_objects(c)]
        complement_lemmas = {w for p in complements for t in (p, *(c for c in p.children if c.dep_ in {"compound", "amod"}))
                             for w in (t.lemma_.lower(), t.lower_)}
        patterns = [p for p in patterns if p.dobj is not None and p.dobj & complement_lemmas] \
            or [p for p in patterns if p.dobj is None]
        for pattern in patterns:
            if pattern.relation == RelationType.MEMBER_OF:
                yield from self._membership_facts(noun, pattern, sent, index, st, attribution)
                continue
            subjects: list[Arg] = []
            objects: list[Arg] = []
            base = 0.75
            copular = noun.dep_ == "attr" and noun.head.lemma_ == "be"
            # objects: prepositional
            between: list[Arg] = []
            # "attacks the world has ever seen against Israel": a prepositional object the
            # parser hangs on the noun's relative clause still belongs to the noun
            relcl_preps = [c for r in noun.children if r.dep_ == "relcl" and not self.triggers.get("VERB", r.lemma_.lower())
                           for c in r.children if c.dep_ == "prep" and c.lower_ in self.lex["relcl_object_preps"]]
            # "carried out strikes on Gaza", "pledged aid to Haiti", "engaged in talks with X": the parser
            # hangs the noun's prepositional object on the verb whose object (or prepositional object) the
            # noun is; not on a verb further up ("in response to X's war on Y, Z worked with ...")
            gov, _ = governing_verb(noun)
            near = noun
            while near.dep_ == "conj":
                near = near.head
            near = near.head.head if near.dep_ == "pobj" else near.head
            verb_preps = [c for c in gov.children if c.dep_ in {"prep", "dative"} and noun not in c.subtree] \
                if gov is not None and near == gov else []
            owner_ok = pattern.relation in _OWNER_OBJECT
            thing_preps = [c for p in complements if pattern.dobj is not None for c in p.children if c.dep_ == "prep"]
            for c in [*noun.children, *relcl_preps, *verb_preps, *thing_preps]:
                # "issued a warning to Hungary": the parser may label the verb's "to" a dative
                if c.dep_ in {"prep", "dative"} and c.lower_ in pattern.preps:
                    for p in prep_objects(c):
                        got = self.linker.resolve(p, st) if c.lower_ == "between" else self.linker.resolve_object_np(p, st, owner_ok)
                        if c.lower_ == "between":
                            between.extend(got)
                        else:
                            objects.extend(got)
            # subjects: possessive and modifiers on the noun
            for c in noun.children:
                if c.dep_ == "poss" or (c.dep_ == "det" and c.tag_ == "PRP$"):
                    got = self.linker.resolve(c, st)
                    if c.pos_ == "PRON" and not copular:
                        gov = governing_verb(noun)[0]
                        if gov is not None and gov.lemma_.lower() not in self.lex["receive_verbs"]:
                            from_verb, _ = self.linker.verb_subjects(gov, st)
                            if from_verb:
                                got = [Arg(g.actor, min(g.conf, 0.85), g.token) for g in from_verb]
                    if copular:
                        objects.extend(got)
                    else:
                        subjects.extend(got)
                elif c.dep_ in {"compound", "amod", "nmod"} and c.i in st.by_token:
                    subjects.extend(self.linker.resolve(c, st))
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            subjects.extend(self.linker.resolve(p, st))
            if not subjects:
                # "the expulsion of ten diplomats by Poland": a "by" phrase the parser hangs on the noun's object
                for c in noun.children:
                    if c.dep_ == "prep" and c.lower_ != "by":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                subjects.extend(a for b in p.children if b.dep_ == "prep" and b.lower_ == "by"
                                                for q in b.children if q.dep_ == "pobj" for a in self.linker.resolve(q, st))
            received_by: list[Arg] = []
            means = _served_verb(noun, self.lex, "means_preps") if pattern.relation in _AFFECTING and not subjects else None
            if means is not None:
                # "President X crippled Y's programme via strikes, sanctions and ...": the means are the act of
                # the verb's subject, whatever the verb
                subjects, b = self.linker.verb_subjects(means, st)
                base = min(0.65, b) if subjects else base
            if not subjects:
                gov, via = governing_verb(noun)
                if copular:
                    for c in noun.head.children:
                        if c.dep_ in SUBJ:
                            subjects = self.linker.with_along(self.linker.resolve(c, st), noun.head, st)
                            base = 0.75
                elif noun.dep_ == "appos":
                    subjects = self.linker.resolve(noun.head, st)
                    base = 0.65
                elif via is not None and via.dep_ == "pobj" and via.head.head.pos_ == "NOUN" and via.head.head != noun:
                    holder = via.head.head
                    for c in holder.children:
                        if c.dep_ == "poss" or (c.dep_ in {"compound", "amod"} and c.i in st.by_token):
                            subjects = self.linker.resolve(c, st) or self.linker.modifier_state(holder, st)
                            if not subjects and c.dep_ == "poss":
                                subjects = self.linker.resolve_object_np(c, st)
                            base = 0.65
                    if not subjects:
                        gov = governing_verb(holder)[0]
                countered = via is not None and via.dep_ == "pobj" and via.head.lower_ in self.lex["counter_preps"]
                if not subjects and gov is not None and not countered:
                    # "defended Iraq against Western criticism": the verb's subject counters the act, not does it
                    glemma = verb_lemma(gov, self.lex["light_verbs"])
                    if glemma in self.lex["receive_verbs"]:
                        received_by, _ = self.linker.verb_subjects(gov, st)
                    elif (hand := self.triggers.get("VERB", glemma)) and all(p.relation == RelationType.ACCUSES for p in hand):
                        pass  # "blamed the attack on X", "linked the bombing to X": the accuser did not do the wrong
                    elif glemma in self.lex["light_verbs"] or self.triggers.get("VERB", glemma) or (
                            # "workers went on strike": a verb of motion or state whose preposition holds the event noun
                            glemma in self.lex["prepositional_light_verbs"] and via is not None and via.dep_ == "pobj"
                            and via.head.head == gov):
                        owner = via.head.head if via is not None and via.dep_ == "pobj" else None
                        if owner is not None and owner.dep_ in {"dobj", "obj"} and owner.head == gov \
                                and self.triggers.get("NOUN", owner.lemma_.lower()) \
                                and pattern.relation.name.lower() not in self.lex["subject_matter_relations"]:
                            # one event per clause (PLOVER): "signed a treaty of friendship and
                            # cooperation" is the signing of the treaty, "imposed a tariff on imports
                            # from X" the tariff: what the event noun the verb governs is about is
                            # no second act, unless its relation codes the content of such a
                            # document (lexicon subject_matter_relations: "a treaty of friendship")
                            continue
                        subjects, b = self.linker.verb_subjects(gov, st)
                        base = min(0.65, b) if subjects else base
                        if subjects and self.modality.verb_modality(gov) == "no":
                            return
                if not subjects and pattern.relation in _OF_SUBJECT:
                    for c in noun.children:
                        if c.dep_ == "prep" and c.lower_ == "of":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    subjects = [g.scaled(0.9) for g in self.linker.modifier_state_any(p, st)]
            if not objects and pattern.relation == RelationType.DEMANDS:
                # "its demands that Burundi grant ...", "a call for Israel to withdraw": the subject of the
                # demanded clause is the one the demand is made on
                gov = governing_verb(noun)[0]
                clauses = [*noun.children, *(c for c in gov.children if c.dep_ == "advcl" and c.i > noun.i)] if gov is not None \
                    else list(noun.children)  # "renewed its call for X to ...": the parser hangs the clause on the verb
                objects = [g.scaled(0.8) for c in clauses if c.dep_ in {"acl", "ccomp", "advcl"}
                           and any(m.dep_ == "mark" and m.lower_ in self.lex["demand_marks"] for m in c.children)
                           for cc in c.children if cc.dep_ in SUBJ for g in self.linker.resolve(cc, st)]
            if not objects and pattern.relation in _AFFECTING and noun.dep_ in SUBJ and noun.head.pos_ == "VERB" \
                    and self.modality.verb_modality(noun.head) == "fact":
                # "Russian strikes hit Kyiv", "the U.S. blockade has crippled Iran's economy": the act's
                # target is what its verb affects
                objects = [g.scaled(0.8) for c in noun.head.children if c.dep_ in {"dobj", "obj"}
                           for g in self.linker.resolve_object_np(c, st)]
            if not objects and pattern.relation in CONFLICTUAL:
                objects = self.linker.aimed_objects(noun, st)  # "sanctions targeting X's banks"
            served = _served_verb(noun, self.lex, "means_preps") or _served_verb(noun, self.lex, "counter_preps") \
                if pattern.relation in _AFFECTING and not objects else None
            if served is not None:
                # "crippled Iran's programme via strikes and sanctions", "defend Taiwan against China's
                # aggression": the act's target is what the verb it serves or counters affects
                objects = [g.scaled(0.8) for c in served.children if c.dep_ in {"dobj", "obj"}
                           for g in self.linker.resolve_object_np(c, st)]
            if not objects and received_by:
                objects = received_by
                if not subjects:
                    continue
            if between:
                if len(between) >= 2 and not subjects:
                    if pattern.cameo == _MEDIATE_PATTERN.cameo:
                        continue  # "a mediation effort between A and B": the unnamed mediator consults them, not A B
                    subjects, objects = [between[0]], between[1:]
                else:
                    objects.extend(between)
            subjects, objects = unique_args(subjects), unique_args(objects)
            if pattern.object_kinds:
                objects = [o for o in objects if o.actor.kind in pattern.object_kinds]
            yield from self._emit(pattern, subjects, objects, base, modality, noun, sent, index, st, attribution)

    def _membership_facts(self, noun: Token, pattern: TriggerPattern, sent: Span, index: int, st: DocState,
                          attribution: Reporter) -> Iterator[Fact]:
        """MEMBER_OF from "Finland's membership (in NATO)", "Sweden's accession to NATO".

        The member is only the noun's possessive or modifier (never the subject of the
        governing verb: "I support the applications from Finland ... for membership" is no
        membership of the speaker); a membership still pending (a compound modifier or under
        a ``pending_nouns`` noun: "membership bid", "the path to membership") is no fact.
        Without an "in/of/to" organisation, the nearest organisation named before in the
        article is taken (confidence of a context resolution, 0.6).
        """
        pending = set(self.lex["pending_nouns"])
        if noun.dep_ == "compound":
            return
        t = noun
        for _ in range(3):
            if t.dep_ == "pobj" and t.head.head.pos_ == "NOUN":
                t = t.head.head
                if t.lemma_.lower() in pending:
                    return
            else:
                break
        members: list[Arg] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in {"compound", "amod", "nmod"} and c.i in st.by_token):
                members.extend(self.linker.resolve(c, st))
        members = [m for m in members if m.actor.kind == ActorKind.STATE]
        if not members:
            return
        orgs: list[Arg] = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in pattern.preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        orgs.extend(self.linker.resolve(p, st))
        if not orgs:
            for m in st.mentions_before(noun.i, ActorKind.ORGANIZATION):
                if len(m.actors) == 1:
                    orgs = [Arg(m.actors[0], HOW_CONF["context"], noun.i)]
                    break
        orgs = [o for o in orgs if o.actor.kind == ActorKind.ORGANIZATION]
        yield from self._emit(pattern, members, orgs, 0.75, "fact", noun, sent, index, st, attribution)

    def _emit(self, pattern: TriggerPattern, subjects: list[Arg], objects: list[Arg], base: float, modality: str,
              trigger: Token, sent: Span, index: int, st: DocState, attribution: Reporter) -> Iterator[Fact]:
        relation = pattern.relation
        factor = 1.0
        if modality in {"intent", "plan"}:
            if relation == RelationType.COOPERATES_WITH and trigger.lemma_.lower() in self.lex["vague_cooperation_verbs"]:
                # "will work with Finland to ...", "its commitment to work with X": an intention to
                # cooperate that names no act is a plan, not an agreement (the intentions PLOVER codes
                # AGREE name the act: "will give a grant", "promised military aid")
                return
            if relation in COOPERATIVE and relation != RelationType.AGREES_WITH:
                relation, factor = RelationType.AGREES_WITH, 0.6
            elif relation in CONFLICTUAL and modality == "intent":
                relation, factor = RelationType.THREATENS, 0.6
            elif relation == RelationType.AGREES_WITH:
                factor = 0.6
            else:
                return
        elif modality == "consent":
            # "agreed to reopen the border": an agreement to a cooperative act is AGREE (CAMEO 03 and
            # PLOVER code the agreement, not the act); "agreed to impose sanctions" is the act
            if relation in COOPERATIVE and relation != RelationType.AGREES_WITH:
                relation, factor = RelationType.AGREES_WITH, 0.6
        elif modality == "report":
            factor = 0.7
        if relation == RelationType.ASSAULTS and trigger.lemma_.lower() in self.lex["combat_verbs"]:
            military = set(self.lex["military_nouns"])
            if subjects and all(trigger.doc[s.token].lemma_.lower() in military or trigger.doc[s.token].lower_ in military for s in subjects):
                # killing by state armed forces is conventional military force (CAMEO 19), not
                # unconventional violence (CAMEO 18): "Russian aircraft killed 46 civilians"
                relation = RelationType.FIGHTS
        mutual = relation in SYMMETRIC or (trigger.pos_ == "NOUN" and trigger.lemma_.lower() in self.lex["mutual_nouns"]) \
            or any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in self.lex["mutual_nouns"] for c in trigger.children)
        if len(subjects) >= 2:
            # "The United States and the United Kingdom closed their embassies", "Hungarian and
            # Romanian officials agreed that their countries should cooperate": an act of
            # co-subjects is not done to one of them through another of its phrases
            own = {a.actor.id for a in subjects}
            objects = [o for o in objects if o.actor.id not in own]
        one_group = len(subjects) >= 3 and len({s.token for s in subjects}) == 1
        pairs: list[tuple[Arg, Arg]] | None = None  # the sides of a symmetric act of co-subjects
        if one_group:
            # "They agreed that ... they would ...": a group is not the other side of its own act
            objects = [o for o in objects if all(o.actor.id != a.actor.id for a in subjects)]
        if not objects and len(subjects) >= 2 and mutual and not (one_group and (
                modality != "fact" or any(c.dep_ == "ccomp" for c in trigger.children))):
            # "Russia and China signed an agreement", "... signed a treaty of friendship":
            # co-subjects of a symmetric act (or mutual noun) are its two sides; for directed acts ("Lithuania and Poland welcomed the decision")
            # co-subjects are never each other's objects. The members of a group named by one
            # phrase ("they", "the leaders" after a list, "Quad partners") that "agreed that
            # <clause>" state a joint position, and what they "will" do together is a plan
            # (the gold's "not a fact" rules), not an act among themselves. Every two
            # co-subjects of one kind are the two sides once ("Japan, Korea and Australia met":
            # three pairs; a leader and a state named in one list are not each other's side)
            pairs = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]
                     if (a.actor.kind == ActorKind.LEADER) == (b.actor.kind == ActorKind.LEADER)]
            objects = subjects[1:]
        transitive_use = not pattern.object_from_dobj and trigger.pos_ == "VERB" and any(c.dep_ in {"dobj", "obj"} for c in trigger.children)
        if not objects and relation.name.lower() in self.lex["located_relations"] and not transitive_use and \
                any(s.actor.kind != ActorKind.STATE or s.sector is not None for s in subjects):
            # (a verb whose pattern takes no direct object, used with one, is another sense: "struck Hamas targets in Gaza")
            # "Palestinian prisoners rioted at a jail in northern Israel": a protest with no
            # named target by a group or people is directed at the state where it happens
            # (a state itself is no protester: "Israel struck targets in Gaza")
            objects = self.linker.location_states(trigger, st)
        # (a located act is intransitive: "struck Hamas targets" is no strike towards the doer's state
        # either, while "staged a strike", whose pattern asks for that object, is one)
        personal = relation.name.lower() in self.lex["domestic_relations"]
        targetless = not objects and (personal or relation.name.lower() in self.lex["group_domestic_relations"]) and not (
            transitive_use and pattern.dobj is None and relation.name.lower() in self.lex["located_relations"])
        if targetless:
            # "Ugandan rebels surrendered", "President Shevardnadze resigned", "Young Algerians
            # blocked roads", "the Latvian court cancelled restrictions": an act with no other
            # side, done by a group, a person, or the people or a sector of a state, is done
            # towards that state (docs/domestic-events.md)
            # (a person only as the trigger's own subject, not one found across clauses: "thanked
            # the leaders ... to allow the resumption of aid" is no act of the speaker's)
            # Acts of the lexicon's group_domestic_relations ("Kenyan police arrested dozens of
            # people") are so for groups and organs of a state, not for a person ("President X
            # declared an emergency" names no side the parse could have missed)
            objects = [Arg(self.resolver.state(s.actor.country), 0.6, s.token) for s in subjects
                       if s.actor.kind != ActorKind.STATE and s.actor.country in self.resolver.tables.states
                       and (s.actor.kind != ActorKind.LEADER or personal and base >= _OWN_SUBJECT_BASE.get(trigger.pos_, 0.85))]
            objects += [Arg(s.actor, 0.6, s.token) for s in subjects
                        if s.actor.kind == ActorKind.STATE and s.sector is not None]
            # each actor towards its own state only ("Awori and Gia resigned": not Gia towards Kenya)
            pairs = [(s, o) for s in subjects for o in objects
                     if o.actor.id == (s.actor.id if s.actor.kind == ActorKind.STATE else s.actor.country)]
        if not objects:
            return
        context = pattern.context or self._context(trigger)
        date = self.attribution.date_of(trigger, sent, st)
        for s, o in pairs if pairs is not None else [(s, o) for s in subjects for o in objects]:
            if s.actor.id == o.actor.id or (self.linker.state_of(s.actor).id == o.actor.id and s.actor.kind == ActorKind.LEADER):
                # a domestic event ("Turkish police prevented a demonstration of Turkish
                # students"): the ends are the sectors of the state, when named
                s, o = (replace(s, actor=s.sector) if s.sector and s.actor.kind == ActorKind.STATE else s,
                        replace(o, actor=o.sector) if o.sector else o)
                if s.actor.id == o.actor.id or s.actor.kind == ActorKind.STATE == o.actor.kind:
                    continue
                if s.actor.kind == ActorKind.LEADER and o.actor.kind == ActorKind.STATE and not targetless:
                    continue
            conf = base * min(s.conf, o.conf) * factor
            yield Fact(
                subject=s.actor,
                relation=relation,
                object=o.actor,
                date=date,
                article_id=st.article.id,
                sentence=sentence_text(sent),
                sentence_index=index,
                confidence=round(max(0.05, min(conf, 1.0)), 3),
                cameo=pattern.cameo if relation == pattern.relation else RELATIONS[relation].cameo,
                context=context,
                reported_by=attribution(trigger),
                extractor=EXTRACTOR_TAG,
            )

    def _is_trigger(self, verb: Token) -> bool:
        """Whether ``verb`` gives facts of its own (a trigger pattern fits it in its frame)."""
        return bool(self._trigger_relations(verb))

    def _trigger_relations(self, verb: Token) -> set[RelationType]:
        """The relations of the trigger patterns that fit ``verb`` in its frame (empty when none)."""
        lemma = verb.lemma_.lower()
        known = self.triggers.get("VERB", lemma) or self.triggers.has_verb(lemma, verb.lower_)
        if not known:
            return set()
        return {p.relation for p in self.triggers.for_verb(lemma, verb_frame(verb, self.triggers.particles(lemma)), verb.lower_)}

    def _context(self, trigger: Token) -> str | None:
        words = {c.lower_ for c in trigger.children if c.dep_ in {"amod", "compound"}}
        for w in list(words):
            words.update(w.split("-"))
        for ctx, vocab in self.lex["context_words"].items():
            if words & set(vocab):
                return ctx
        return None


def _served_verb(noun: Token, lex: Lexicon, preps: str) -> Token | None:
    """The verb ``noun`` is an item of an object of, through a preposition of the lexicon list
    ``preps``: a means ("crippled X via strikes, sanctions and ...", lexicon ``means_preps``) or a
    countered act ("defend X against Y's aggression", ``counter_preps``); ``None`` otherwise. A list
    the parser hangs on the verb counts item by item (:func:`~.linking.coordinated`)."""
    t = noun
    while t.dep_ == "conj" and t.head.pos_ not in {"VERB", "AUX"}:
        t = t.head
    verb = t.head if t.dep_ == "conj" else (t.head.head if t.dep_ == "pobj" else None)
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in lex[preps]:
            if any(noun.i == q.i for p in prep_objects(c) for q in coordinated(p)):
                return verb
    return None


def verb_lemma(tok: Token, known: frozenset[str]) -> str:
    """``tok``'s lemma, mended when the lemmatiser cut an -e verb to another word
    ("waged" → "wag", "waging" → "wag"): lemma + "e" is used when it is in ``known``."""
    lemma = tok.lemma_.lower()
    if lemma + "e" in known and tok.lower_.startswith(lemma) and tok.lower_.endswith(("ed", "ing", "es")):
        return lemma + "e"
    return lemma
