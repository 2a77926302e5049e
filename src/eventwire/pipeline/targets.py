"""Whom an event is aimed at when the sentence names no one: the conventions of CAMEO-coded event data
that PLOVER keeps for domestic events.

* A material act told with where it happened and no target ("killed 30 people in central Gaza",
  "deployed special units to the north of Kosovo") is aimed at the country where it happened.
* An act whose target the parser could not attach, in a sentence that names one other party ("Kosovo
  will ease its ban on imports of Serbian goods", "coast guards boarded Philippine boats and confiscated
  their weapons"), is aimed at that party: the nearest one under the event word, else the first one in
  the sentence that is neither an actor nor the one who told the news ("..., Philippine officials said"),
  and only then a party of another event the sentence tells ("called up reservists as it prepared an
  offensive against Hamas"). The same holds when the only recipient found is the actor itself.
* An act with no target, in a sentence that names no other party, is aimed at the actor's own country:
  a protest at its government, arrests and curfews at its people, an eased restriction at those who
  lived under it, troops put on alert at home, a promise of elections, a rejected call for reform.
  So is what courts and police do to people the text does not place (a sentence, a charge, a beating).
* A statement that names no one answers whoever last acted on the speaker, a sentence or two before ("the EU
  adopted new sanctions against Russia ... the Kremlin vowed to respond"), unless that was its own side.
* An outsider's act with no target named (a UN call for civilian rule, a suspension of aid) is aimed at the
  country the story is about.

Runs after the places stage (which finds where events happened) and fills only empty recipients, or ones
that are the actor itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import geo
from .model import Analysis, Entity, Event, Mention
from .phrases import ANOTHER_EVENT, GENERIC_PLACES, in_prep_phrase

# Types whose place is also their target when no one else is named.
_PLACE_IS_TARGET = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "PROTEST"}
# Types that, done with no one else named in the sentence, are aimed at the actor's own country (CAMEO's
# events are dyadic: "Moi promised to hold elections", "Prince Nayef rejected calls to let women drive").
# Not material help, sanctions or attacks, which the text names a target for when there is one.
_DOMESTIC = {"PROTEST", "COERCE", "CONCEDE", "MOBILIZE", "AGREE", "REJECT", "REQUEST", "ACCUSE", "THREATEN",
             "SUPPORT", "RETREAT", "CONSULT", "COOPERATE"}
# ... and those that courts and police do to people (sentences, charges, beatings).
_JUDGED = {"SANCTION", "ASSAULT", "ACCUSE", "THREATEN"}
# Sectors that act inside their own country (not diplomats, businesses, foreign-facing bodies).
_HOME_SECTORS = {None, "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "CVL", "LAB", "EDU", "REL", "MED",
                 "HLH", "CRM"}
# Clause boundaries below an event word, and the prepositions of "where".
_CLAUSES = {"advcl", "acl", "relcl", "ccomp", "parataxis", "csubj"}
_WHERE = {"in", "at", "on", "near", "inside", "across", "around", "along", "within", "through", "during"}
_REACTION_VERBS = {"draw", "prompt", "spark", "trigger", "provoke", "earn", "attract", "bring", "cause", "elicit"}
_ANSWER_NOUNS = {"response", "reply", "reaction", "retaliation", "answer", "protest"}
_PLACE_KINDS = {"country", "capital", "city", "place"}


class TargetFinder:
    """Pipeline stage: fills in an event's recipient by the conventions above, when the text names none."""

    def __call__(self, analysis: Analysis) -> Analysis:
        for event in analysis.events:
            actor_codes = {a.code for a in event.actors if a.code}
            recipient_codes = {r.code for r in event.recipients if r.code}
            if recipient_codes and not recipient_codes <= actor_codes:
                continue
            if recipient_codes and len(actor_codes) > 1 and recipient_codes == actor_codes:
                continue  # joint actors of a mutual act are each other's recipients
            if recipient_codes:  # the actor aimed at itself: a party the clause names alone does better
                other = _named_other(analysis, event, self_aimed=True) or _place_target(event, abroad=True)
                if other is not None:
                    event.recipients = [other]
                continue
            target = _place_target(event) or _named_other(analysis, event) or _answered_party(analysis, event) or (
                _home_target(event) or _story_target(analysis, event))
            if target is not None:
                event.recipients = [target]
        return analysis


def _named_other(analysis: Analysis, event: Event, self_aimed: bool = False) -> Entity | None:
    """The party a sentence names besides the actors and the news's source: first one under the event word,
    then one elsewhere in its clause, then one anywhere else in the sentence outside other events' clauses,
    and only then one in another event's clause."""
    doc = analysis.doc
    sent = analysis.sentences[event.sentence]
    trigger = doc[event.trigger]
    own = {a.code for a in event.actors if a.code}
    told_by: set[int] = set()
    for quote in analysis.quotes:
        if quote.speaker_token is not None and sent.start <= quote.speaker_token < sent.end:
            told_by.update(t.i for t in doc[quote.speaker_token].subtree)
    for tok in sent:  # "..., according to the Kenyan mediators"
        if tok.lower_ == "according" and tok.dep_ == "prep":
            told_by.update(t.i for t in tok.subtree)
    top = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
        top = trigger.head  # "voiced solidarity with the Sandinista government": the verb's phrases too
    while top.dep_ in ("conj", "xcomp") and top.head.pos_ in ("VERB", "AUX"):
        top = top.head  # "boarded Philippine boats and confiscated their weapons": one clause, two verbs
    subjects = {t.i for verb in {trigger, top} for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                for t in c.subtree}
    other_events = _other_clauses(top)
    if event.quad in (1, 3):  # what a statement is about is its content: "denied that its troops entered Lebanon"
        other_events -= {t.i for c in trigger.children if c.dep_ == "ccomp" for t in c.subtree}
    # what followed from the act ("..., drawing condemnation from the EU") is no one's target
    reactions = {t.i for c in top.subtree if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in _REACTION_VERBS
                 for t in c.subtree}
    aside = told_by | subjects | other_events
    under = {t.i for t in trigger.subtree} - aside
    scope = {t.i for t in top.subtree} - aside
    candidates: list[tuple[int, int, Mention]] = []
    for m in analysis.mentions:
        code = m.entity.code
        if not code or code in own or not sent.start <= m.head < sent.end or m.kind == "pronoun":
            continue
        if m.head in told_by or (m.head in other_events and (self_aimed or m.head in reactions)):
            continue
        where = m.kind in _PLACE_KINDS or (_describes_place(doc[m.head]) and event.type not in _PLACE_IS_TARGET)
        if (where and in_prep_phrase(doc[m.head], sent.root, _WHERE) and not _answered(doc[m.head])
                and (self_aimed or not _place_of_object(doc[m.head], trigger, top))):
            # "met on the island of St Vincent": where it happened, not whom it was aimed at. The place of what
            # the act is about ("an inquiry into crimes in Darfur") is its target, but no better than a recipient
            # of the actor's own country ("found Defence Minister Ariel Sharon responsible for the massacre in Beirut")
            continue
        if in_prep_phrase(doc[m.head], sent.root, {"under"}) or _mediator(doc[m.head]):
            continue  # "under U.N. auspices", "talks mediated by Qatar": who made it possible
        # under the event word, elsewhere in its clause, elsewhere in the sentence, and last in a clause told
        # beside it ("called up reservists as it prepared an offensive against Hamas")
        rank = 0 if m.head in under else 1 if m.head in scope else 3 if m.head in other_events else 2
        if rank == 2 and self_aimed:
            continue
        candidates.append((rank, abs(m.head - trigger.i), m))
    if not candidates:
        return None
    if self_aimed and len({c[2].entity.code for c in candidates}) > 1:
        return None
    mention = min(candidates, key=lambda c: (c[0], c[1]))[2]
    return Entity(mention.entity.code, mention.entity.sector, doc[mention.start:mention.end].text,
                  mention.entity.identifier_id, mention.entity.identifier_text)


def _describes_place(tok: Token) -> bool:
    """``tok`` describes a place word: "the Kenyan lakeside town of Naivasha", "the Icelandic capital"."""
    return tok.dep_ in ("amod", "compound", "poss") and tok.head.lemma_.lower() in GENERIC_PLACES


def _place_of_object(tok: Token, trigger: Token, top: Token) -> bool:
    """``tok`` places the thing an act is done to, not the act: "an inquiry into war crimes in Darfur", "widen its
    offensive in the West Bank", "refugees who fled fighting in Sierra Leone" (not "talks in Doha", "met in Geneva",
    "at a meeting in Riyadh")."""
    prep = next((a for a in tok.ancestors if a.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in _WHERE:
        return False
    noun = prep.head
    if noun.pos_ != "NOUN" or noun.i in (trigger.i, top.i) or noun.ent_type_:
        return False
    for ancestor in noun.ancestors:  # the noun hangs on the act through its object, not through another "where"
        if ancestor.dep_ == "prep" and ancestor.lower_ in _WHERE or ancestor.dep_ in ("nsubj", "nsubjpass"):
            return False
        if ancestor.i in (trigger.i, top.i):
            return True
    return False


def _mediator(tok: Token) -> bool:
    """``tok`` names who brokered the act: "mediated by Qatar", "U.S.-brokered talks", "with Egyptian mediation"."""
    for ancestor in [tok, *tok.ancestors]:
        if ancestor.lemma_.lower() in _BROKERING or ancestor.lower_ in _BROKERING:
            return True
        if ancestor.dep_ in ("ROOT", "ccomp", "advcl", "relcl") or ancestor.pos_ == "VERB" and ancestor.i != tok.i:
            return False
    return any(c.lower_ in _BROKERING or c.lemma_.lower() in _BROKERING for c in tok.head.children
               if c.dep_ in ("amod", "compound") and c.i > tok.i)


_BROKERING = {"mediate", "mediated", "mediation", "broker", "brokered", "auspices", "sponsored", "facilitated",
              "facilitation", "backed"}


def _answered(tok: Token) -> bool:
    """``tok`` names whom an act answers: "in response to India's tests", "in retaliation for Iran's strike"."""
    prep = next((a for a in tok.ancestors if a.dep_ == "prep" and a.lower_ != "of"), None)
    return prep is not None and prep.lower_ in ("to", "for") and prep.head.lemma_.lower() in _ANSWER_NOUNS


def _other_clauses(verb: Token) -> set[int]:
    """Words in clauses of their own below a verb ("..., drawing condemnation from the UN") and in phrases
    that tell another event ("after a mediation by Qatar")."""
    return {t.i for tok in verb.subtree if tok.i != verb.i and (tok.dep_ in _CLAUSES or tok.dep_ == "prep" and
                                                                 tok.lower_ in ANOTHER_EVENT) for t in tok.subtree}


def _place_target(event: Event, abroad: bool = False) -> Entity | None:
    """The country where a material act happened; with ``abroad``, only one that is not the actor's own
    ("has not withdrawn its forces from the Zaporizhzhia plant")."""
    where = event.location or {}
    country = where.get("country")
    if event.type not in _PLACE_IS_TARGET or not country:
        return None
    if abroad and country in {a.code for a in event.actors}:
        return None
    if event.type == "PROTEST":  # people protesting in a country protest at its government
        return Entity(country, "GOV", "")
    return Entity(country, None, where.get("name") or "")


def _answered_party(analysis: Analysis, event: Event) -> Entity | None:
    """A statement that names no one answers whoever last acted on the speaker: after "the EU adopted new
    sanctions against Russia", "the Kremlin vowed to respond" is aimed at the EU; after "France will withdraw
    its ambassador from Niger", "the junta welcomed the announcement" at France."""
    if event.quad not in (1, 3):
        return None
    own = {a.code for a in event.actors if a.code}
    if not own:
        return None
    for earlier in reversed([e for e in analysis.events if e.trigger < event.trigger]):
        if event.sentence - earlier.sentence > _ANSWER_WITHIN:
            break
        if not own & {r.code for r in earlier.recipients}:
            continue
        doers = [a for a in earlier.actors if a.code and a.code not in own]
        if not doers:
            return None  # the last act on the speaker was its own side's ("opposition parties called on him")
        return Entity(doers[0].code, doers[0].sector, doers[0].entity_text)
    return None


_ANSWER_WITHIN = 2  # sentences back


def _story_target(analysis: Analysis, event: Event) -> Entity | None:
    """An outsider acting on no one the sentence names acts on the country the story is about: in a story of
    Thailand's coup, "UN Secretary-General Ban Ki-moon called for a prompt return to civilian rule" and
    "Washington said it was suspending military assistance" are aimed at Thailand."""
    home = analysis.home_country
    if not home or home in {a.code for a in event.actors} or not any(a.code for a in event.actors):
        return None
    return Entity(home, None, "")


def _home_target(event: Event) -> Entity | None:
    codes = {a.code for a in event.actors if a.code}
    # courts and police sentence, charge and beat people at home: whom the text does not place ("a Moscow
    # court sentenced Mikhail Khodorkovsky") is of the court's own country
    judged_at_home = event.type in _JUDGED and all(a.sector in ("COP", "JUD") for a in event.actors)
    if (event.type not in _DOMESTIC and not judged_at_home) or len(codes) != 1:
        return None
    if any(a.sector not in _HOME_SECTORS for a in event.actors) or not all(geo.is_country(c) for c in codes):
        return None  # an IGO or a company acts on others, not "at home"
    (code,) = codes
    return Entity(code, "GOV" if event.type == "PROTEST" else None, "")
