"""Modality: whether the act of a trigger was done, is intended, or is negated or hypothetical.

A clause-level check on the dependency parse: a negated act ("did not sign", "no longer
supports", "neither X nor Y signed") and a
hypothetical one ("could", "if", "refused to", "rejected the possibility of") give no
fact; a stated intention ("will send aid", "threatened to ...") is ``"intent"`` — the rules
turn it into AGREES_WITH for cooperative acts and THREATENS for conflictual ones (CAMEO 03
"express intent to cooperate" and 13 "threaten"; Schrodt 2012); a plan or expectation ("plans
to attack", "is expected to attack") is ``"plan"``: AGREES_WITH for cooperative acts as an
intention, but no threat, since nothing is said to the target (the ontology's "a future plan"
is not a fact). The word classes
(auxiliaries, cancelling verbs and nouns, condition marks) come from the lexicon.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from .document import PASS_SUBJ, SUBJ

__all__ = ["Modality"]


class Modality:
    """Modality of verb and noun triggers from the lexicon's word classes.

    Values: ``"fact"``, ``"intent"`` (future or intended), ``"plan"`` (planned, attempted or
    expected: an open complement of the lexicon's ``plan_verbs``, "plans to attack", "is expected
    to sign"), ``"consent"`` (an open complement of the lexicon's ``consent_verbs``: "agreed to
    reopen the border"), ``"report"`` (a conditional under a fact-reporting verb: "announced it would ...")
    or ``"no"`` (negated or hypothetical).
    """

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def verb_modality(self, verb: Token, depth: int = 0) -> str:
        """"fact", "intent", "plan", "report" (future under announce/confirm) or "no" (negated or hypothetical)."""
        lex = self.lex
        children = list(verb.children)
        if any(self._negated_argument(c) for c in children):
            return "no"  # "Neither France nor Germany supports ...", "supports neither Ukraine nor ..."
        for c in children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and (
                    c.lower_ in lex["negation_adverbs"] or " ".join(t.lower_ for t in c.subtree) in lex["negation_adverbs"])):
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if nxt is not None and nxt.lower_ in lex["negation_exceptions"]:
                    continue
                return "no"
            if c.dep_ == "mark" and c.lower_ in lex["condition_marks"]:
                return "no"
        auxes = [c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}]
        if verb.dep_ == "conj" and not auxes and not any(c.dep_ in SUBJ for c in children):
            auxes = [c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}]
            for c in verb.head.children:
                if c.dep_ == "neg":
                    return "no"
        result = "fact"
        if any(a in lex["hypothetical_aux"] for a in auxes):
            return "no"
        if any(a in lex["future_aux"] for a in auxes):
            result = "intent"
        if any(a in lex["conditional_aux"] for a in auxes):
            result = "would"
        if any(c.lower_ in lex["future_markers"] for c in children):
            result = "intent"
        head = verb.head
        if verb.dep_ == "xcomp" and head != verb:
            hl = head.lemma_.lower()
            if hl in lex["cancel_verbs"]:
                return "no"
            if hl in lex["consent_verbs"]:
                # "agreed to reopen the border", "consented to release the hostages": an agreement
                # to a cooperative act is AGREE (CAMEO 03), a conflictual act agreed on is done
                return "no" if self.verb_modality(head, depth + 1) == "no" else "consent"
            if hl in lex["intent_verbs"] or hl in lex["plan_verbs"]:
                if hl in lex["complement_fact_verbs"]:
                    result = "fact" if result == "fact" else result
                else:
                    upper = self.verb_modality(head, depth + 1)
                    if upper == "no":
                        return "no"
                    # "plans to attack", "is expected to attack": a plan or an expectation, not a stated intention
                    return "plan" if hl in lex["plan_verbs"] or upper == "plan" else "intent"
        if verb.dep_ in {"dobj", "obj"} and head.lemma_.lower() in lex["cancel_verbs"]:
            return "no"  # "vetoed ... censuring X" (a gerund object of a cancelling verb)
        demanded = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex["demand_preps"] for c in children)
        if head != verb and (verb.dep_ in {"ccomp", "xcomp"} or demanded) and (head.lemma_.lower() in lex["demand_verbs"] or demanded and any(
                c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in lex["demand_nouns"] for c in head.children)):
            # "demanded that X refuse ...", "called for X to withdraw", "renewed its call for X to withdraw"
            # (the parser hangs the "for" clause on the verb of the demand noun): the demanded act is not done
            return "no"
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and depth < 3 and self.noun_modality(head) == "no":
            return "no"  # "vetoed a resolution censuring X"
        if verb.dep_ in {"acl", "xcomp"} and head.pos_ == "NOUN" and head.lemma_.lower() in lex["pending_nouns"]:
            return "no"  # "their effort to join the IDB", "a bid to join NATO": not (yet) done"
        if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in lex["intent_nouns"] \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return "intent"  # "threats by X to attack Y", "a vow to rebuild", "its commitment to work with X": as "threatened to attack"
        if verb.dep_ in {"ccomp", "xcomp", "advcl", "conj"} and head != verb and depth < 3:
            upper = self.verb_modality(head, depth + 1) if verb.dep_ != "conj" else "fact"
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex["condition_marks"] for c in children):
                return "no"
            if upper == "no" and verb.dep_ in {"ccomp", "xcomp"}:
                return "no"
            if verb.dep_ == "ccomp" and head.lemma_.lower() in lex["denial_verbs"]:
                return "no"
            if result == "would":
                if head.lemma_.lower() in lex["fact_reporting_verbs"]:
                    return "report"
                if head.lemma_.lower() in lex["reporting_verbs"] or head.lemma_.lower() in lex["intent_verbs"]:
                    return "intent"
        if result == "would":
            return "no"
        return result

    def _negated_argument(self, child: Token) -> bool:
        """Whether ``child`` (a dependent of a verb) is a subject or object, or the object of a
        preposition, coordinated by a negative correlative ("neither X nor Y", the lexicon's
        ``negative_correlatives``): the act is denied of every conjunct (correlative "neither ...
        nor": Huddleston and Pullum 2002, *The Cambridge Grammar of the English Language*, ch. 15)."""
        if child.dep_ == "prep":
            return any(self._negated_argument(c) for c in child.children if c.dep_ == "pobj")
        if child.dep_ not in SUBJ | PASS_SUBJ | {"dobj", "obj", "pobj", "dative", "attr"}:
            return False
        return any(c.dep_ in {"det", "preconj", "cc", "advmod"} and c.lower_ in self.lex["negative_correlatives"]
                   for c in child.children)

    def noun_modality(self, noun: Token) -> str:
        """Modality of a trigger noun: "no" under a negative determiner ("no sanctions"), a
        cancelling noun ("the threat of an attack"), as the object of a restriction ("a tariff on
        imports from X", lexicon ``restriction_nouns`` and ``restriction_preps``), a cancelling or planning verb
        ("discussed sanctions", also as its passive subject: "sanctions were lifted"), "intent" as the
        object of a verb of promising ("promised aid", lexicon ``intent_object_verbs``), the subject of a
        verb of ending ("the support has ended", lexicon ``ending_verbs``) or a demand ("called for sanctions", lexicon ``demand_verbs`` and
        ``demand_preps``); else the modality of the verb it is the object of."""
        lex = self.lex
        for c in noun.children:
            if c.dep_ == "det" and c.lower_ in lex["negative_determiners"]:
                return "no"
            if c.dep_ == "neg":
                return "no"
        if noun.dep_ in PASS_SUBJ and noun.head.lemma_.lower() in lex["object_cancel_verbs"]:
            return "no"  # "the sanctions on Iran were lifted", "an attack was discussed": as the object of those verbs
        if noun.dep_ in SUBJ and noun.head.lemma_.lower() in lex["ending_verbs"]:
            return "no"  # "India's support for Russia has ended": a stance or act that is over
        if noun.dep_ in SUBJ | PASS_SUBJ or noun.dep_ == "appos":
            return "fact"
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in lex["restriction_preps"] and prep.head.lemma_.lower() in lex["restriction_nouns"]:
            return "no"  # "a tariff on imports from Canada", "a ban on arms sales to Iran": the act is restricted, not done
        t = noun
        cancel_nouns = lex["cancel_nouns"]
        for _ in range(6):
            parent = t.head
            if parent == t:
                break
            if parent.pos_ == "NOUN" and parent.lemma_.lower() in cancel_nouns and parent != noun:
                return "no"
            if parent.pos_ in {"VERB", "AUX"}:
                if t.dep_ in SUBJ | PASS_SUBJ:
                    return "fact"
                pl = parent.lemma_.lower()
                if pl in lex["object_cancel_verbs"]:
                    return "no"
                if pl in lex["intent_object_verbs"] and t.dep_ in {"dobj", "obj"}:
                    # "promised aid to X", "vowed support": the act named by the object is intended
                    return "no" if self.verb_modality(parent) == "no" else "intent"
                if pl in lex["demand_verbs"] and (t.dep_ in {"dobj", "obj"} or (t.dep_ == "prep" and t.lower_ in lex["demand_preps"])):
                    return "no"  # "called for sanctions on X", "demanded a ceasefire": the demanded act is not done
                m = self.verb_modality(parent)
                return "no" if m in {"no"} else ("fact" if m in {"fact", "report"} else (m if m in {"plan", "consent"} else "intent"))
            t = parent
        return "fact"
