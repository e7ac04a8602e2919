"""Stance: blame (and its mirror, praise) carried by nouns and predicates, not by a verb of accusing.

An accusation is often no verb at all but an evaluative noun or predicate whose holder is
the agent of the condemned act: "the world is rejecting *Russia's lies*", "this launch *by X*
is *a brazen violation* of ...", "Germany said *Russia is responsible for* the attacks",
"Iran *is to blame*". Each gives ``evaluator ACCUSES blamed`` (CAMEO 112 "accuse", whose
sub-codes name the objects of blame: 1121 crime and corruption, 1122 human rights abuses,
1123 aggression, 1124 war crimes, 1125 espionage; Schrodt 2012, CAMEO 1.1b3 codebook).

Word classes come from the lexicon:

- ``blame_nouns``: nouns that by themselves ascribe a wrong to their holder (lie, violation,
  atrocity, aggression ...), and any noun with a ``wrong_modifiers`` adjective ("unfair practices");
- ``blame_predicates``: predicate words of a copula ("X is responsible / guilty / to blame"),
  mapped to ``any`` (blame by itself) or ``harm`` (only with a "for" object that is a blame
  noun or the noun of a conflictual act: "responsible for the attacks", not "responsible for
  security");
- ``praise_modifiers``: adjectives of praise; a noun they modify predicated of an actor ("NATO is
  the most successful alliance") is the evaluator's support (SUPPORTS, CAMEO 051 "praise or endorse").

The blamed actor is the holder of the noun (possessor, "by" agent, a modifying actor
mention: "Chinese abuses"; for a wrong of governance, lexicon ``domestic_wrongs``, with none
named, the state where it happens: "abuses in Zimbabwe"), for a copular noun the holder of its
subject ("this launch by X is a violation"), or the subject it is predicated of. The evaluator is the subject of the nearest
clause above that the blame is an object or complement of ("France condemned ...", "Germany
said ..."); when no clause names one, the speaker of an official statement (``DocState.
speaker_group``, never inside a quotation). No fact from a negated or hypothetical clause on
the way up, from a blame noun under a negative or free-choice determiner ("no violation",
"any violation"), or when the evaluator is the blamed actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...graph.model.vocabulary import RELATIONS, RelationType
from ..lexicon import Lexicon
from ..triggers import TriggerPattern, TriggerTable
from .document import HOW_CONF, PASS_SUBJ, SUBJ, Arg, DocState
from .linking import ArgumentLinker
from .modality import Modality

__all__ = ["BLAME_PATTERN", "CONDEMN_PATTERN", "PRAISE_PATTERN", "THREAT_PATTERN", "Blame", "BlameFinder"]

#: Confidence of a blame found on a noun or predicate (a noun form, as :mod:`.rules`).
NOUN_BASE = 0.75
#: Confidence when the evaluator is the speaker of the statement, not a named subject.
SPEAKER_BASE = 0.65


#: Verbal conflict whose object phrase may hold a blamed act ("condemned X's lies", "called for an end to X's
#: provocations"); not THREATENS: "warned of X's aggression" threatens no one.
STANCE_RELATIONS = frozenset({RelationType.OPPOSES, RelationType.ACCUSES, RelationType.REJECTS, RelationType.DEMANDS})
#: The pattern of a blame no verb of stance governs (CAMEO 112 "accuse").
BLAME_PATTERN = TriggerPattern(RelationType.ACCUSES, "blame", "NOUN", frozenset(), cameo="112")
#: The pattern of a warning of consequences ("X would face severe consequences": CAMEO 130 "threaten").
THREAT_PATTERN = TriggerPattern(RelationType.THREATENS, "consequence", "NOUN", frozenset(), cameo="130")
#: The pattern of an implied condemnation (a condemning modifier on the holder's act: CAMEO 111).
CONDEMN_PATTERN = TriggerPattern(RelationType.OPPOSES, "condemn", "NOUN", frozenset(), cameo="111")
#: The pattern of praise predicated of an actor ("NATO is the most successful alliance": CAMEO 051).
PRAISE_PATTERN = TriggerPattern(RelationType.SUPPORTS, "praise", "NOUN", frozenset(), cameo="051")
#: Dependencies of a noun predicated of a subject: a copula's attribute, an object predicative, a small clause.
_PREDICATE_DEPS = frozenset({"attr", "oprd", "ccomp"})


def _predicate(noun: Token) -> Token | None:
    """The predicate ``noun`` is or stands in: itself when its relation is one of :data:`_PREDICATE_DEPS`,
    the partitive predicate whose "of" object it is ("one of the most generous pledges"), else ``None``."""
    if noun.dep_ in _PREDICATE_DEPS:
        return noun
    part = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return part if part is not None and part.dep_ in {"attr", "oprd"} else None


@dataclass(frozen=True, slots=True)
class Blame:
    """One blame: ``evaluators`` ``pattern.relation`` ``blamed`` at confidence ``base`` (before the
    arguments' own). ``pattern`` is :data:`BLAME_PATTERN`, or the hand pattern of the verb of
    verbal conflict whose object the blame is ("France condemned Russia's lies": OPPOSES, CAMEO
    111, one fact rather than an OPPOSES and an ACCUSES of the same pair)."""

    evaluators: list[Arg]
    blamed: list[Arg]
    base: float
    pattern: TriggerPattern = BLAME_PATTERN


def _hyphenated(tok: Token) -> str:
    """The lower-case word a hyphen joins ``tok`` into with the word before ("non - market" →
    "non-market", the tokenizer splits hyphens), else ``tok``'s own."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


class BlameFinder:
    """Find blame on evaluative nouns and copular predicates (see the module docstring).

    Parameters
    ----------
    lex:
        The validated lexicon (``blame_nouns``, ``blame_predicates``, ``negative_determiners``,
        ``copula_verbs``).
    triggers:
        The trigger table: a noun of a conflictual act ("attack") is harm for ``harm`` predicates.
    linker, modality:
        Argument linking and the clause modality check.
    """

    def __init__(self, lex: Lexicon, triggers: TriggerTable, linker: ArgumentLinker, modality: Modality) -> None:
        self.lex = lex
        self.triggers = triggers
        self.linker = linker
        self.modality = modality

    def is_candidate(self, tok: Token) -> bool:
        """Whether ``tok`` is a blame noun, a noun with a condemning modifier, a blame verb, or a
        blame predicate word (cheap test by lemma)."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"NOUN", "PROPN"} and _predicate(tok) is not None and self._praised(tok):
            return True
        if tok.pos_ == "NOUN":
            return lemma in self.lex["blame_nouns"] or self._wrongful(tok) or self._condemned(tok)
        if tok.pos_ == "VERB":
            return lemma in self.lex["blame_verbs"]
        if tok.dep_ == "acomp" and tok.lower_ in self.lex["condemnation_modifiers"]:
            return True
        return lemma in self.lex["blame_predicates"] and tok.dep_ in {"acomp", "xcomp", "attr", "oprd", "prep"}

    def find(self, tok: Token, st: DocState) -> Blame | None:
        """The blame ``tok`` carries, or None (no holder, no evaluator, or a non-factual clause)."""
        if tok.pos_ in {"NOUN", "PROPN"} and _predicate(tok) is not None and self._praised(tok):
            return self._praise(tok, st)
        if tok.pos_ == "NOUN":
            # "Russia's unprovoked aggression" describes with condemnation (OPPOSES); "this launch is a
            # brazen violation", "X committed aggression" assert the wrong (ACCUSES)
            if (tok.lemma_.lower() in self.lex["blame_nouns"] or self._wrongful(tok)) and not (
                    self._condemned(tok) and self.linker.act_holders(tok, st)):
                return self._noun_blame(tok, st)
            return self._condemned_blame(tok, st)
        if tok.pos_ == "VERB":
            return self._verb_blame(tok, st)
        if tok.lemma_.lower() not in self.lex["blame_predicates"]:
            return self._condemned_predicate(tok, st)
        return self._predicate_blame(tok, st)

    def _condemned_predicate(self, word: Token, st: DocState) -> Blame | None:
        """A condemning predicate of an actor: "Germany said Russia was reckless", "rich nations like
        X are being stingy" → the evaluator OPPOSES the actor (as a condemning modifier on the
        actor's act, CAMEO 111). Only an actor subject (an act's badness, "the annexation is
        illegal", is the blame of :meth:`_noun_blame` and the modifiers), an affirmative copula."""
        copula = word.head
        if copula.i == word.i or copula.lemma_.lower() not in self.lex["copula_verbs"]:
            return None
        if any(c.dep_ == "neg" for c in (*copula.children, *word.children)):
            return None
        blamed: list[Arg] = []
        for c in copula.children:
            if c.dep_ in SUBJ:
                # the actor itself, or the example of a class ("rich nations like the U.S.")
                blamed = self.linker.resolve(c, st) or [
                    a for p in c.children if p.dep_ == "prep" and p.lower_ in self.lex["example_preps"]
                    for o in p.children if o.dep_ == "pobj" for a in self.linker.resolve(o, st)]
        if not blamed:
            return None
        return self._condemnation(word, blamed, st)

    def _verb_blame(self, verb: Token, st: DocState) -> Blame | None:
        """A wrong done as a verb: "Germany said Russia violated the treaty", "the US assesses that
        Iran is meddling in ..." → the claim's speaker ACCUSES the subject (lexicon ``blame_verbs``,
        the verbs of the ``blame_nouns``; CAMEO 112). Only an affirmative, factual clause whose
        subject is named in it, a passive's agent ("the ceasefire was violated by X") or the controller
        of an open complement ("Iran continues to sponsor ..."), not an actor found across clauses."""
        if self.modality.verb_modality(verb) != "fact":
            return None
        blamed, base = self.linker.verb_subjects(verb, st)
        if not blamed or base < 0.65:
            return None
        return self._with_evaluator(verb, blamed, st)

    def _wrongful(self, noun: Token) -> bool:
        """Whether a modifier of ``noun`` makes it a wrong ("unfair practices", "non-market
        policies": lexicon ``wrong_modifiers``), so that the noun blames its holder as a blame noun does."""
        words = self.lex["wrong_modifiers"]
        return any(m.dep_ in {"amod", "compound"} and (m.lower_ in words or _hyphenated(m) in words) for m in noun.children)

    def _praised(self, noun: Token) -> bool:
        """Whether a modifier of ``noun`` praises it ("the most successful alliance": lexicon ``praise_modifiers``)."""
        mods = self.lex["praise_modifiers"]
        return any(c.lower_ in mods for m in noun.children if m.dep_ == "amod" for c in (m, *m.conjuncts))

    def _praise(self, noun: Token, st: DocState) -> Blame | None:
        """Praise predicated of an actor: "Germany said NATO is the most successful alliance in history",
        "what makes NATO the greatest alliance" → the evaluator SUPPORTS the actor (CAMEO 051 "praise or
        endorse"; :data:`PRAISE_PATTERN`). Only an affirmative copula or a small clause with an actor
        subject, a noun that names no wrong or conflict ("the greatest threat"), and no verb of
        verbal conflict above it. The predicate may be partitive ("one of the most generous pledges"),
        and the subject an act of the actor ("America's contributions were one of the most generous
        pledges": its holder, :meth:`~.linking.ArgumentLinker.act_holders`)."""
        lemma = noun.lemma_.lower()
        patterns = self.triggers.get("NOUN", lemma) or ()
        if lemma in self.lex["blame_nouns"] or any(RELATIONS[p.relation].sign < 0 for p in patterns):
            return None
        pred = _predicate(noun)
        if pred.dep_ in {"attr", "oprd"}:
            praised = self._copula_subjects(pred, st)
            if not praised and not any(c.dep_ == "neg" for c in pred.head.children) \
                    and pred.head.lemma_.lower() in self.lex["copula_verbs"]:
                praised = [a for c in pred.head.children if c.dep_ in SUBJ for a in self.linker.act_holders(c, st)]
        else:
            praised = [a for c in noun.children if c.dep_ in SUBJ for a in self.linker.resolve(c, st)]
        if not praised:
            return None
        found = self._with_evaluator(noun, praised, st)
        if found is None or found.pattern is not BLAME_PATTERN:
            return None
        return Blame(found.evaluators, found.blamed, found.base, PRAISE_PATTERN)

    def _condemned(self, noun: Token) -> bool:
        """Whether a modifier of ``noun`` condemns it ("brutal war", "malign influence")."""
        mods = self.lex["condemnation_modifiers"]
        return any(c.dep_ in {"amod", "conj"} and c.lower_ in mods for m in noun.children if m.dep_ == "amod"
                   for c in (m, *m.children))

    def _condemned_blame(self, noun: Token, st: DocState) -> Blame | None:
        """Implied condemnation: "Russia's brutal war", "Iran's malign influence", "the corrupt Maduro
        regime" → the evaluator OPPOSES the holder (CAMEO 111 "criticize or denounce"; the gold's
        rule: condemning adjectives are an OPPOSES, explicit blame an ACCUSES). The holder of an
        actor noun ("regime", "government") is the actor it names."""
        if self._hedged(noun):
            return None
        blamed = self.holder(noun, st)
        if not blamed and (noun.lemma_.lower() in self.lex["actor_nouns"] or noun.lower_ in self.lex["actor_nouns"]):
            blamed = self.linker.resolve_direct(noun, st)
        if not blamed:
            return None
        return self._condemnation(noun, blamed, st)

    def _condemnation(self, word: Token, blamed: list[Arg], st: DocState) -> Blame | None:
        """The evaluator's stance on ``blamed`` at ``word`` as a condemnation (OPPOSES,
        :data:`CONDEMN_PATTERN`) where :meth:`_with_evaluator` would read an accusation."""
        blame = self._with_evaluator(word, blamed, st)
        if blame is None or blame.pattern is not BLAME_PATTERN:
            return blame
        return Blame(blame.evaluators, blame.blamed, blame.base, CONDEMN_PATTERN)

    # ------------------------------------------------------------ nouns
    def _noun_blame(self, noun: Token, st: DocState) -> Blame | None:
        if self._hedged(noun):
            return None
        blamed = self.holder(noun, st)
        top = noun
        while top.dep_ == "conj":
            top = top.head
        if not blamed and noun.lemma_.lower() in self.lex["domestic_wrongs"]:
            # "in Zimbabwe we continue to witness gross abuses": a wrong of governance where no doer
            # is named is the government's of the state where it happens (its own location, its verb's,
            # or that of the verb whose open complement its verb is)
            places = [top]
            if top.dep_ in {"dobj", "obj"}:
                places.append(top.head)
                if top.head.dep_ == "xcomp":
                    places.append(top.head.head)
            blamed = next((got for p in places if (got := self.linker.location_states(p, st))), [])
        if not blamed and top.dep_ in {"attr", "oprd"} and top.head.lemma_.lower() in self.lex["copula_verbs"]:
            # "this launch by X is a violation of ...", "Russia is the aggressor"
            copula = top.head
            if any(c.dep_ == "neg" for c in copula.children):
                return None
            for c in copula.children:
                if c.dep_ in SUBJ:
                    blamed = self.linker.resolve(c, st) or self.holder(c, st)
        if not blamed:
            return None
        return self._with_evaluator(noun, blamed, st)

    def _hedged(self, noun: Token) -> bool:
        """Whether ``noun`` is negated, free choice or hedged: "no violation", "any violation would
        ...", "alleged war crimes" (someone else's claim, not the evaluator's blame), or the
        matter of an inquiry ("investigations into anti-competitive actions by X", "is probing X's
        abuses": the object of a word of an INVESTIGATES pattern, or of its preposition, is
        examined, not asserted)."""
        t = noun
        while t.dep_ == "conj":
            t = t.head
        inquiry = t.head.head if t.dep_ == "pobj" else t.head if t.dep_ in {"dobj", "obj"} else None
        if inquiry is not None:
            pos = "NOUN" if inquiry.pos_ in {"NOUN", "PROPN"} else "VERB"
            if any(p.relation == RelationType.INVESTIGATES and p.dobj is None  # not "carry out [an inquiry]"
                   for p in self.triggers.get(pos, inquiry.lemma_.lower()) or ()):
                return True
        return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in self.lex["negative_determiners"])
                   or (c.dep_ in {"amod", "advmod"} and c.lower_ in self.lex["hedge_modifiers"]) for c in noun.children)

    def holder(self, noun: Token, st: DocState) -> list[Arg]:
        """Who did the act ``noun`` names (:meth:`.ArgumentLinker.act_holders`), else the subject of
        the verb of perpetration it is the object of (:meth:`perpetrators`), else, for "this
        launch", "the attack", the agent of the earlier act it refers back to
        (:meth:`.ArgumentLinker.event_antecedent`). A later conjunct shares the first one's
        possessor: "China's overcapacity and non-market investments"."""
        first = noun
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        shared = [a for c in first.children if c.dep_ == "poss" for a in self.linker.resolve(c, st)] if first is not noun else []
        return (self.linker.act_holders(noun, st) or shared or self.perpetrators(noun, st)
                or self.linker.event_antecedent(noun, st))

    def perpetrators(self, noun: Token, st: DocState) -> list[Arg]:
        """Who commits the wrong ``noun`` names as the object of a verb of perpetration (lexicon
        ``perpetration_verbs``): "Russia committed war crimes", "Iran is supporting terrorism",
        "Belarus engaged in aggression" (the object of the verb's preposition), "war crimes were
        committed by X" (the passive's agent), "X was involved in espionage" (a passive subject);
        not an actor found across clauses. Of a noun of perpetration (lexicon ``perpetration_nouns``:
        "Cuba's support for terrorism"), the holder of that noun, or the subject an agent noun is
        predicated of ("Iran is the leading sponsor of terrorism"). The verb's own modality is checked by the
        evaluator's climb (:meth:`_with_evaluator`)."""
        t = noun
        while t.dep_ == "conj":
            t = t.head
        if t.dep_ in {"dobj", "obj"} or t.dep_ in PASS_SUBJ:
            verb = t.head
        elif t.dep_ == "pobj" and t.head.dep_ == "prep":
            verb = t.head.head
        else:
            return []
        if verb.pos_ == "NOUN" and t.dep_ == "pobj" and verb.lemma_.lower() in self.lex["perpetration_nouns"]:
            # "Cuba's support for terrorism", "Russia's involvement in war crimes"; an agent noun predicated
            # of its doer: "Iran is the leading sponsor of terrorism"
            return self.linker.act_holders(verb, st) or self._copula_subjects(verb, st)
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex["perpetration_verbs"]:
            return []
        got, base = self.linker.verb_subjects(verb, st)
        if not got and t.dep_ == "pobj":
            # "Belarus was engaged in aggression", "X is involved in espionage": the passive subject
            got = [a for c in verb.children if c.dep_ in PASS_SUBJ for a in self.linker.resolve(c, st)]
            base = 0.85
        return got if base >= 0.65 else []

    def _copula_subjects(self, noun: Token, st: DocState) -> list[Arg]:
        """The actors an affirmative copula predicates ``noun`` of ("Iran has been the sponsor ..."), else []."""
        copula = noun.head
        if noun.dep_ not in {"attr", "oprd"} or copula.lemma_.lower() not in self.lex["copula_verbs"] \
                or any(c.dep_ == "neg" for c in copula.children):
            return []
        return [a for c in copula.children if c.dep_ in SUBJ for a in self.linker.resolve(c, st)]

    # ------------------------------------------------------------ consequences
    def consequence(self, noun: Token, st: DocState) -> Blame | None:
        """A warning of consequences: "we made clear that Iran would face severe consequences",
        "X will pay a heavy price" → the evaluator THREATENS the one who is to suffer them (CAMEO
        130; lexicon ``consequence_nouns`` as the object of ``suffer_verbs``). Only a future or
        conditional clause ("will", "would": ``future_aux``, ``conditional_aux``) is a warning;
        "Iran faced consequences" reports a fact, and a negated clause warns of nothing."""
        verb = noun.head
        if noun.dep_ not in {"dobj", "obj"} or verb.lemma_.lower() not in self.lex["suffer_verbs"] or self._hedged(noun):
            return None
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not auxes & (self.lex["future_aux"] | self.lex["conditional_aux"]) or any(c.dep_ == "neg" for c in verb.children):
            return None
        threatened = [a for c in verb.children if c.dep_ in SUBJ for a in self.linker.resolve(c, st)]
        if not threatened:
            return None
        found = self._with_evaluator(verb, threatened, st)
        return None if found is None else Blame(found.evaluators, found.blamed, found.base, THREAT_PATTERN)

    # ------------------------------------------------------------ predicates
    def _predicate_blame(self, word: Token, st: DocState) -> Blame | None:
        kind = self.lex["blame_predicates"][word.lemma_.lower()]
        copula = word.head
        if copula.i == word.i or copula.lemma_.lower() not in self.lex["copula_verbs"]:
            return None
        if word.dep_ == "prep" and not self._harm_noun(word):
            return None  # "X was behind the bombing": the preposition's own object is the harm
        if word.dep_ == "xcomp" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
            return None  # "to blame" only as the infinitive complement of a copula
        if any(c.dep_ == "neg" for c in (*copula.children, *word.children)):
            return None
        if kind == "harm" and word.dep_ != "prep" and not self._harm_object(word):
            return None
        blamed: list[Arg] = []
        for c in copula.children:
            if c.dep_ in SUBJ:
                blamed = self.linker.resolve(c, st)
        if not blamed and copula.dep_ == "relcl":
            blamed = self.linker.resolve(copula.head, st)  # "X, which is responsible for ..."
        if not blamed:
            return None
        return self._with_evaluator(word, blamed, st)

    def _harm_object(self, word: Token) -> bool:
        """Whether a "for" object of ``word`` is harm (:meth:`_harm_noun`)."""
        return any(c.dep_ == "prep" and c.lower_ == "for" and self._harm_noun(c) for c in word.children)

    def _harm_noun(self, prep: Token) -> bool:
        """Whether an object of the preposition ``prep`` is a blame noun or the noun of a conflictual act."""
        for p in prep.children:
            if p.dep_ not in {"pobj", "pcomp"}:
                continue
            for t in (p, *p.conjuncts):
                lemma = t.lemma_.lower()
                if lemma in self.lex["blame_nouns"]:
                    return True
                patterns = self.triggers.get("NOUN", lemma) or self.triggers.get("VERB", lemma)
                if any(RELATIONS[pt.relation].sign < 0 for pt in patterns or ()):
                    return True
        return False

    # ------------------------------------------------------------ evaluator
    def _with_evaluator(self, trigger: Token, blamed: list[Arg], st: DocState) -> Blame | None:
        """Climb from ``trigger`` (its own clause is not checked) to the clause whose subject
        evaluates; else the speaker."""
        t = trigger
        evaluators: list[Arg] = []
        base = NOUN_BASE
        pattern = BLAME_PATTERN
        in_object = True  # no verb passed yet: the blamed act is the verb's object phrase
        for _ in range(12):
            head = t.head
            if head.i == t.i:
                break
            if head.pos_ in {"VERB", "AUX"}:
                if t.dep_ not in SUBJ | PASS_SUBJ and self.modality.verb_modality(head) == "no":
                    return None  # "did not commit violations"; a subject is presupposed: "X's crimes must be punished"
                own = t.dep_ in SUBJ | PASS_SUBJ or (head.lemma_.lower() in self.lex["copula_verbs"]
                                                     and t.dep_ in {"attr", "acomp", "oprd", "xcomp"})
                stance = self._stance_pattern(head) if in_object and not own else None
                if not own and (stance is not None or self._evaluates(head)):
                    got, b = self.linker.verb_subjects(head, st)
                    if got and b >= 0.65:
                        evaluators, base = got, min(base, b)
                        pattern = stance or pattern
                        break
                    if head.lemma_.lower() in self.lex["reporting_verbs"] and any(c.dep_ in SUBJ for c in head.children):
                        return None  # "the minister said Iran is to blame": someone not known speaks
                in_object = False
            t = head
        if not evaluators:
            if st.speaker_group is None or st.in_quotation(trigger):
                return None
            evaluators, base = [Arg(st.speaker_group, HOW_CONF["speaker"], trigger.i)], SPEAKER_BASE
        # a state does not blame itself, its leader or its own groups here (a domestic matter)
        blamed_ids = {a.actor.id for a in blamed} | {a.actor.country for a in blamed if a.actor.country}
        evaluators = [e for e in evaluators if e.actor.id not in blamed_ids
                      and self.linker.state_of(e.actor).id not in blamed_ids]
        if not evaluators:
            return None
        return Blame(evaluators, blamed, base, pattern)

    def _evaluates(self, verb: Token) -> bool:
        """Whether ``verb``'s subject holds the stance of its complement: a reporting, speech or
        evaluation verb ("said", "agreed", "called"). A verb of verbal conflict evaluates only its
        own object phrase (:data:`STANCE_RELATIONS`, "condemned X's lies", "called for an end to X's
        provocations"); a material act ("defend against X's invasion", "imposed in response to X's
        war", "ordered troops to ... in response to X's war") is no evaluation of its own: the
        stance is the speaker's."""
        lemma = verb.lemma_.lower()
        return lemma in self.lex["reporting_verbs"] or lemma in self.lex["speech_verbs"] or lemma in self.lex["evaluation_verbs"]

    def _stance_pattern(self, verb: Token) -> TriggerPattern | None:
        """The first hand pattern of ``verb`` that takes a stance on its object (:data:`STANCE_RELATIONS`:
        condemn, reject, accuse, demand), or None."""
        for p in self.triggers.get("VERB", verb.lemma_.lower()) or ():
            if p.relation in STANCE_RELATIONS:
                return p
        return None
