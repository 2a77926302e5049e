"""Events: where an event type is decided. Finds the words that carry a PLOVER event in each
sentence (verbs, and nouns such as "talks" or "sanctions"), reads who acts and on whom from the
dependency parse, and sets the markers (negated, future, hypothetical, reported).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .lexicon import Entry, Lexicon
from .model import Analysis, Entity, Event, Mention
from .phrases import in_prep_phrase

_SUBJ = {"nsubj", "csubj"}
# "X is expected / scheduled / said / believed to ...": X is the subject of what follows.
_RAISING = {"expect", "schedule", "slate", "set", "say", "believe", "report", "think", "understand", "poise",
            "suppose", "allege", "know", "see", "rumour", "rumor", "tip"}
_CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "appos"}
_RECIPIENT_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "over", "from", "for", "of")
_NO_RECIPIENT_PREPS = {"MOBILIZE": {"to", "into", "toward", "towards", "at", "on", "for", "from"},
                       "CONSULT": {"on", "at", "for", "over", "of", "into"},
                       "PROTEST": {"on", "at", "for", "into"},
                       "AID": {"on", "at", "with", "into", "from", "of"},
                       "ASSAULT": {"at", "for", "from", "into", "to"},
                       "RETREAT": {"from", "to", "into"}}
_PLACE_WORDS = {"in", "at", "near", "inside", "outside", "across", "around", "along", "within", "through", "during"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL_AUX = {"could", "might", "may", "should", "must"}
_OBJECT_CONTROL = {"urge", "ask", "order", "force", "persuade", "tell", "call", "press", "invite", "allow",
                   "encourage", "pressure", "push", "compel", "instruct", "direct", "warn"}
# A verbal act that contains another act ("threatened to impose sanctions") codes as one event.
_CONTAINERS = {"REQUEST", "THREATEN", "REJECT", "AGREE", "CONCEDE"}
_CONTENT_MODE = {
    "REQUEST": {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist",
                "RETREAT": "yield", "CONCEDE": "yield"},
    "REJECT": {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist",
               "RETREAT": "yield", "CONCEDE": "yield", "REQUEST": "change"},
    "THREATEN": {"ASSAULT": "violence", "SANCTION": "restrict", "COERCE": "restrict", "MOBILIZE": "violence"},
}
_CONFLICT_MATERIAL = {"ASSAULT", "COERCE", "SANCTION"}
# "a package of sanctions", "a round of talks": the noun after "of" names the act.
_CONTAINER_NOUNS = {"package", "round", "series", "set", "wave", "raft", "batch", "string", "spate", "number",
                    "volley", "barrage", "salvo", "tranche", "slew", "host", "flurry",
                    # quantities: "shipped millions of shells", "gave its entire stock of artillery"
                    "stock", "stockpile", "shipment", "consignment", "cargo", "load", "quantity", "amount",
                    "hundred", "thousand", "million", "billion", "dozen", "ton", "tonne", "convoy",
                    # sums: "cancelled four billion francs of debt", "200 million ecus worth of food"
                    "dollar", "franc", "euro", "pound", "yen", "ecu", "rouble", "ruble", "yuan", "rupee", "mark",
                    "worth"}
_REFUSABLE = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
_FUTURE_COOPERATION = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
_INTENT_ADJECTIVES = {"prepared", "ready", "set", "poised", "willing", "determined", "going"}
_FUTURE_NOUN_CUES = {"ahead", "upcoming", "planned", "next", "forthcoming", "scheduled", "proposed"}


@dataclass
class _Trigger:
    token: Token
    entry: Entry
    tokens: list[int]
    anchor: Token  # the verb whose arguments are read (the light verb for "impose sanctions")
    noun: bool = False
    via_rule: bool = False  # the type came from the verb's object ("pay a price", "send troops")


class EventFinder:
    """Pipeline stage: adds ``analysis.events``."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        for sent_no, sent in enumerate(analysis.sentences):
            triggers = self._triggers(doc, sent.start, sent.end)
            by_token = {t.token.i: t for t in triggers}
            events: dict[int, Event] = {}
            for trig in triggers:
                event = self._event(analysis, trig, sent_no)
                if event is not None:
                    events[trig.token.i] = event
            self._absorb_contents(events, by_token)
            self._demands(analysis, events, by_token)
            self._merge_duplicates(doc, events)
            probs = analysis.sentence_types.get(sent_no)
            if probs is not None:
                # typed by the verb's object: an object rule ("sent tanks"), or a light verb's noun naming a
                # material act ("approved new sanctions"; not "approved an agreement", which is ratifying it);
                # keyed by the trigger, valued by the verb that governs it
                by_object = {i: t.anchor.i for i, t in by_token.items() if t.via_rule or (
                    t.anchor.i != t.token.i and t.entry.type in _MATERIAL_ACTS and not self._ambiguous(t))}
                self._use_sentence_type(analysis, sent_no, events, probs, by_object)
            analysis.events.extend(e for e in events.values() if self._finish(analysis, e))
        return analysis

    def _ambiguous(self, trig: _Trigger) -> bool:
        """A bare noun the lexicon types one way alone and another with a modifier ("strike": an air
        strike, a general strike)."""
        entries = self.lex.nouns.get(trig.token.lemma_.lower(), [])
        return not trig.entry.extra and len({e.type for e in entries}) > 1

    def _finish(self, analysis: Analysis, event: Event) -> bool:
        """Fill in recipients the sentence implies; say whether the event is worth keeping."""
        trigger = analysis.doc[event.trigger]
        if not event.actors and event.speaker is not None and (
            event.type in _GRANTED and event.speaker.sector == "GOV"
            or event.type == "COERCE" and event.speaker.sector in ("GOV", "COP", "JUD")
        ) and any(c.dep_ == "nsubjpass" for c in trigger.children) and not any(
            c.dep_ == "agent" for c in trigger.children
        ):  # "exiled politicians will be allowed to return, the interior minister announced": the government;
            # "749 people had been arrested, the attorney general said": the state whose officer tells it
            event.actors = [replace(event.speaker)]
        if event.quad in (1, 3):  # "rejected the criticism as interference in Myanmar's affairs": the critics
            event.recipients = self._earlier_actor(analysis, trigger, event) or event.recipients
        if event.type == "RETREAT" and trigger.lemma_.lower() in ("open", "reopen") and len(
            {a.code for a in event.actors if a.code}
        ) > 1:  # "Kazakhstan and China opened a railway crossing": a link two states make, not one's concession
            event.secondary = ["RETREAT", *event.secondary]
            event.type, event.modes = "COOPERATE", []
        lemma = trigger.lemma_.lower()
        if not any(r.code for r in event.recipients) and (event.type in _JOINT_TYPES or (
                event.type == "SUPPORT" and lemma in _MUTUAL_SUPPORT) or (
                event.type == "ASSAULT" and lemma in _MUTUAL_FIGHT)):
            event.recipients = _each_other(event.actors) or event.recipients
        return _worth_keeping(event)

    def _earlier_actor(self, analysis: Analysis, trigger: Token, event: Event) -> list[Entity]:
        """"The UN condemned the attack": the recipient is whoever carried out the attack, the
        latest earlier event's actor (other than this event's own actor)."""
        obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in self.lex.anaphora:
            return []
        if not any(c.lower_ in ("the", "this", "these", "that", "those", "its", "their") for c in obj.children):
            return []
        own = {a.code for a in event.actors}
        named = {e.type for e in self.lex.nouns.get(obj.lemma_.lower(), []) if not e.extra}
        candidates = [e for e in analysis.events if e.type in named] if named else []
        # the event told with the same word first ("attacked a restaurant" ... "condemned the attack"), then the
        # latest of its type
        same_word = [e for e in candidates if analysis.doc[e.trigger].lemma_.lower() == obj.lemma_.lower()]
        for earlier in [*reversed(same_word), *reversed(candidates or analysis.events)]:
            # shared, not copied: a code the places stage fills in later ("fighters" -> MLI) shows here too
            found = [a for a in earlier.actors if (a.code or a.sector) and (a.code is None or a.code not in own)]
            if found:
                return found
        return []

    # -- finding trigger words ------------------------------------------------------------------
    def _triggers(self, doc: Doc, start: int, end: int) -> list[_Trigger]:
        found: list[_Trigger] = []
        used_nouns: set[int] = set()
        for tok in doc[start:end]:
            if tok.pos_ != "VERB" and not (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
                continue
            lemma = tok.lemma_.lower()
            verdict = self._verdict(tok, lemma)  # "called the sanctions illegal": a verdict, not a call
            if verdict is not None or any(c.dep_ == "oprd" for c in tok.children):
                if verdict is not None:
                    found.append(_Trigger(tok, verdict, [tok.i], tok))
                continue  # other verbs with an object predicate ("named him envoy") carry no event
            objects = [c for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
            objects += [p for o in objects if o.lemma_.lower() in _CONTAINER_NOUNS
                        for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"]
            objects += [p for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in ("with", "to")
                        for p in c.children if p.dep_ == "pobj"]
            if lemma in _ANSWERING and _promised_answer(tok):
                # "Pakistan would respond", "retaliatory measures will follow": a warning, not a statement
                found.append(_Trigger(tok, Entry(lemma, (), "THREATEN", None, ()), [tok.i], tok, via_rule=True))
                continue
            if lemma in self.lex.speech and self._match_verb(tok, lemma, phrasal_only=True) is None and not (
                lemma in self.lex.light_verbs  # "declared a truce", "announced the lifting of the curfew"
                and any(c.dep_ == "dobj" and self._match_noun(c) is not None for c in tok.children)
            ) and not any((lemma, n) in self.lex.object_rules for o in objects for n in _noun_forms(o)):
                continue  # verbs of saying carry quotes, not events ("speak to" is still a meeting)
            if any((lemma, o.lemma_.lower()) in self.lex.non_event_objects for o in objects):
                continue
            if lemma in _WINNING_VERBS and any(t.lemma_.lower() in _SPORTS_WORDS for t in tok.sent):
                continue  # "Sri Lanka's cricketers beat Australia in the World Cup final": a match
            entry = self._match_verb(tok, lemma, phrasal_only=True)
            via_rule = False
            rule_objects: list[int] = []
            if entry is None and lemma in self.lex.light_verbs and self.lex.verbs.get(lemma):
                # a typed verb that gives way to an event noun: "approved a bailout", "adopted sanctions"
                noun_obj = next((o for o in objects if self._match_noun(o) is not None), None)
                if noun_obj is not None:
                    found.append(_Trigger(noun_obj, self._match_noun(noun_obj), [tok.i, noun_obj.i], tok))
                    used_nouns.add(noun_obj.i)
                    continue
            if entry is None:
                verb_forms = [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"] + [lemma]
                ordered_to_act = lemma in ("order", "command") and any(c.dep_ == "xcomp" for c in tok.children)
                for form in [] if ordered_to_act else verb_forms:  # "ordered troops to withdraw": the verb's act
                    for obj in objects:
                        for noun in _noun_forms(obj):
                            rule = self.lex.object_rules.get((form, noun))
                            if rule is not None:
                                entry, via_rule, rule_objects = rule, True, [obj.i]
                                if rule.type == "ASSAULT" and _launch_not_attack(tok, obj):
                                    entry = Entry(lemma, (), "MOBILIZE", "weapons", ("military",))
                                break
                        if entry is not None:
                            break
                    if entry is not None:
                        break
            if entry is None:
                entry = self._match_verb(tok, lemma)
                if entry is not None and lemma == "call" and entry.mode == "phone" and not any(
                    analysis_mention for analysis_mention in objects if analysis_mention.ent_type_ in ("PERSON", "GPE",
                                                                                                      "NORP", "ORG")
                ):
                    entry = None  # "called the resolution 'political'" characterises; "called Macron" phones
            if entry is None and not any(c.dep_ == "dobj" for c in tok.children):
                # "Russian troops moved to the border": an intransitive verb typed by its subject.
                subject = self._subject(tok)
                if subject is not None:
                    rule = self.lex.object_rules.get((lemma, subject.lemma_.lower()))
                    if rule is not None and rule.type == "MOBILIZE":
                        entry, via_rule = rule, True
            if entry is None and lemma in self.lex.light_verbs:
                for obj in objects:
                    noun_entry = self._match_noun(obj)
                    if noun_entry is not None:
                        found.append(_Trigger(obj, noun_entry, [tok.i, obj.i], tok, noun=False))
                        used_nouns.add(obj.i)
                        break
                continue
            if entry is not None:
                words = [tok.i] + [c.i for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "agent", "advmod")
                                   and c.lower_ in entry.extra] + rule_objects
                # a resignation is RETREAT in the PLOVER codebook, which the model tends to read as a concession
                fixed = via_rule or entry.mode == "resign"
                found.append(_Trigger(tok, entry, sorted(set(words)), tok, via_rule=fixed))
                used_nouns.update(o.i for o in objects)
        for tok in doc[start:end]:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in used_nouns:
                continue
            entry = self._match_noun(tok)
            if entry is not None:
                found.append(_Trigger(tok, entry, [tok.i], tok, noun=True))
        return found

    def _verdict(self, tok: Token, lemma: str) -> Entry | None:
        """"called the sanctions illegal": ACCUSE /disapprove; "called the talks constructive": SUPPORT."""
        if lemma not in self.lex.verdict_verbs or not any(c.dep_ == "dobj" for c in tok.children):
            return None
        verdict = next((c for c in tok.children if c.dep_ == "oprd" and c.pos_ in ("ADJ", "NOUN")), None)
        if verdict is None:  # "called Bush the devil", parsed as a name and its appositive
            verdict = next((a for c in tok.children if c.dep_ == "dobj" and c.pos_ == "PROPN" for a in c.children
                            if a.dep_ == "appos" and a.pos_ == "NOUN" and a.i == c.i + 2
                            and a.nbor(-1).lower_ in ("the", "a", "an")), None)
        if verdict is None:
            return None
        words = {verdict.lemma_.lower(), *(f"{c.lower_} {verdict.lemma_.lower()}" for c in verdict.children)}
        if words & self.lex.favourable_verdicts:
            return Entry(lemma, (), "SUPPORT", None, ())
        return Entry(lemma, (), "ACCUSE", "disapprove", ())

    def _match_verb(self, tok: Token, lemma: str, phrasal_only: bool = False) -> Entry | None:
        entries = self.lex.verbs.get(lemma)
        if not entries:
            return None
        words: set[str] = set()
        for child in tok.children:
            if child.dep_ == "prep" and any(p.ent_type_ in ("DATE", "TIME") for p in child.children):
                continue  # "called Putin on Tuesday" is no "call on"
            if child.dep_ in ("prt", "prep", "agent", "advmod", "dative"):
                words.add(child.lower_)
            elif child.dep_ in ("dobj", "npadvmod", "acomp", "oprd", "compound"):
                words.update((child.lower_, child.lemma_.lower()))
            if child.dep_ == "prep":
                words.update(p.lemma_.lower() for p in child.children if p.dep_ == "pobj")
        if tok.i > 0 and tok.nbor(-1).text == "-" and tok.i > 1:  # "test-fired", "tear-gassed"
            words.add(tok.nbor(-2).lower_)
        for entry in entries:
            if phrasal_only and not entry.extra:
                continue
            if all(w in words for w in entry.extra):
                return entry
        return None

    def _match_noun(self, tok: Token) -> Entry | None:
        entries = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
        if not entries:
            return None
        mods: set[str] = set()
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
                mods.update((child.lower_, child.lemma_.lower()))
        if self.lex.non_event_nouns and any(f"{m} {tok.lemma_.lower()}" in self.lex.non_event_nouns for m in mods):
            return None
        for entry in entries:
            if all(w in mods for w in entry.extra):
                return entry
        return None

    # -- one event ------------------------------------------------------------------------------
    def _event(self, analysis: Analysis, trig: _Trigger, sent_no: int) -> Event | None:
        entry = trig.entry
        event = Event(type=entry.type, lexical_type=entry.type, sentence=sent_no, trigger=trig.token.i,
                      trigger_tokens=trig.tokens, modes=[entry.mode] if entry.mode else [],
                      contexts=list(entry.contexts))
        self._passive = False
        if trig.noun:
            event.actors, event.recipients = self._noun_arguments(analysis, trig.token, entry.type)
        else:
            event.actors, event.recipients = self._verb_arguments(analysis, trig.anchor, entry.type)
        receiver = self._receiving_verb(trig)
        if receiver is not None:
            event.actors, event.recipients = self._received_arguments(analysis, trig, receiver)
        _visitor_first(analysis, trig.anchor, event)
        event.passive = self._passive
        event.noun = trig.noun
        event.noun_as_argument = trig.noun and trig.token.dep_ in ("nsubj", "dobj", "nsubjpass", "ROOT") and (
            entry.type in ("ASSAULT", "PROTEST", "MOBILIZE", "COERCE"))
        self._markers(analysis, trig, event)
        self._speaker(analysis, trig.token, event)
        self._contexts(trig.anchor, event)
        self._retype(trig, event)
        if event.type == "MOBILIZE" and (len({a.code for a in event.actors if a.code}) > 1 or any(
            c.lower_ == "joint" for t in trig.tokens for c in analysis.doc[t].children)
        ):
            event.type, event.modes = "COOPERATE", []  # PLOVER: joint exercises are cooperation
            if "military" not in event.contexts:
                event.contexts.append("military")
        if event.type == "ASSAULT" and trig.via_rule and trig.token.lemma_.lower() in ("fire", "launch", "test") \
                and not event.recipients and not event.future and any(
                    analysis.doc[t].lemma_.lower() in ("missile", "rocket") for t in trig.tokens):
            event.type, event.modes = "MOBILIZE", ["weapons"]  # a missile test with no target (not "fired tear gas")
        if event.type == "MOBILIZE" and not event.modes:
            sector = next((a.sector for a in event.actors if a.sector), None)
            mode = {"MIL": "troops", "COP": "police", "REB": "militia"}.get(sector or "")
            if mode:
                event.modes = [mode]
        return event

    @staticmethod
    def _receiving_verb(trig: _Trigger) -> Token | None:
        """The verb whose subject is on the receiving end of the act: "Pakistan received a loan from the IMF",
        "Ukraine got tanks from Germany", "Israel came under rocket fire", "Syria won the backing of Russia"."""
        tok, anchor = trig.token, trig.anchor
        if _receives(anchor) and (anchor is not tok or trig.via_rule):
            return anchor
        if tok.dep_ == "dobj" and _receives(tok.head):
            return tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ == "under" and _receives(tok.head.head):
            return tok.head.head
        return None

    def _received_arguments(self, analysis: Analysis, trig: _Trigger,
                            receiver: Token) -> tuple[list[Entity], list[Entity]]:
        """The receiver's subject is the recipient. The giver is named by "from"/"by" (on the verb, the act or
        what is handed over), by "of" on the act ("the backing of Russia"), or as the act's owner ("Russian
        fire", "a U.S. loan")."""
        recipients = self._subject_entities(analysis, receiver)
        acts = [c for c in receiver.children if c.dep_ == "dobj"] + [
            p for c in receiver.children if c.dep_ == "prep" and c.lower_ == "under" for p in c.children
            if p.dep_ == "pobj"]
        if trig.noun or trig.token is not receiver:
            acts.insert(0, trig.token)
        givers = [p for h in dict.fromkeys([receiver, *acts]) for c in h.children
                  if c.dep_ in ("prep", "agent") and (c.lower_ in ("from", "by") or (c.lower_ == "of" and h in acts))
                  for p in c.children if p.dep_ == "pobj"]
        actors = [e for g in givers for e in self._entities(analysis, g)]
        for act in acts:
            if not actors:
                actors, _ = self._noun_arguments(analysis, act, trig.entry.type)
        self._passive = True  # like "was given a loan": a coded recipient carries the event
        return _dedupe(actors), [r for r in recipients if not _same(r, actors)]

    def _verb_arguments(self, analysis: Analysis, verb: Token, type_: str) -> tuple[list[Entity], list[Entity]]:
        actors: list[Entity] = []
        recipients: list[Entity] = []
        passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        if passive_subject is not None or agent is not None:
            self._passive = True
            if agent is not None:
                actors = self._entities(analysis, agent)
            if passive_subject is not None:
                recipients = self._entities(analysis, passive_subject)
                if type_ in _MOVED_NOT_ACTED_ON and agent is None:
                    # "Rangers were deployed across Karachi": the force deployed is the one that mobilises
                    actors, recipients = recipients, []
        else:
            subject = self._subject(verb)
            if subject is not None:
                actors = self._entities(analysis, subject)
                attack = self._match_noun(subject) if not actors else None
                if attack is not None:
                    # "Israeli airstrikes killed 30 people": the strikes' owner is the actor
                    actors, _ = self._noun_arguments(analysis, subject, type_)
                    if not actors and attack.type == "ASSAULT" == type_:
                        self._passive = True  # "a roadside bomb killed three soldiers": told by whom it hit
            elif verb.dep_ == "acl" and verb.tag_ == "VBN":  # "troops deployed by X": the noun is acted on
                recipients = self._entities(analysis, verb.head)
            elif verb.dep_ == "acl":  # a misparse of "airstrikes killed 30": the noun is the doer
                actors = self._entities(analysis, verb.head)
                if not actors and self._match_noun(verb.head) is not None:
                    actors, _ = self._noun_arguments(analysis, verb.head, type_)
        if not recipients:
            # joint parties ("Peru and Ecuador pledged to settle ... with the help of nations led by Brazil")
            # act towards each other unless the verb itself names someone
            joint = type_ in _JOINT_TYPES and len({a.code for a in actors if a.code}) > 1
            recipients = self._objects(analysis, verb, type_, deep=not joint)
        return actors, [r for r in recipients if not _same(r, actors)]

    def _subject_entities(self, analysis: Analysis, verb: Token) -> list[Entity]:
        subject = self._subject(verb)
        return self._entities(analysis, subject) if subject is not None else []

    def _subject(self, verb: Token, depth: int = 0) -> Token | None:
        # of two subjects the parser gave a verb, the nearest ("the first visit in 12 years, and the two leaders
        # agreed"), but the first for a verb of saying ("militias massed ..., U.N. staff reported"); never the
        # dateline ("CULIACÁN, Mexico (Wire) – Gunmen ambushed ...")
        children = list(verb.children)
        if verb.lemma_.lower() not in self.lex.speech:
            children.sort(key=lambda c: abs(c.i - verb.i))
        for child in children:
            if child.dep_ in _SUBJ and not _dateline_word(child, verb):
                if child.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if depth > 4:
            return None
        head = verb.head
        if verb.dep_ == "xcomp":
            if head.lemma_.lower() in _OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
                if obj is not None:
                    return obj
            raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if raised is not None and head.lemma_.lower() in _RAISING:  # "Modi and Xi are expected to meet"
                return raised
            return self._subject(head, depth + 1)
        if verb.dep_ in ("conj", "acomp", "advcl") and head != verb:
            return self._subject(head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            return self._subject(head.head, depth + 1)
        if verb.dep_ == "relcl":
            return verb.head
        return None

    def _objects(self, analysis: Analysis, verb: Token, type_: str, deep: bool = True) -> list[Entity]:
        """Whom the act is aimed at: the object, then "to/with/against/on ..." phrases, then the subject of
        a content clause. A coded entity wins over one the text names without a country."""
        blocked = _NO_RECIPIENT_PREPS.get(type_, set())
        candidates: list[Token] = []
        if type_ != "MOBILIZE":  # what is mobilised (troops, ships) is not whom it is aimed at
            candidates += [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj") and c.pos_ != "ADP"]
        for prep_word in _RECIPIENT_PREPS:
            if prep_word not in blocked:
                candidates += [p for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == prep_word
                               for p in c.children if p.dep_ == "pobj"]
        # "complained that NATO members are selling ...": the subject of the content clause.
        candidates += [s for c in verb.children if c.dep_ == "ccomp"
                       for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        if verb.lemma_.lower() in _HANDING_VERBS:
            # "handed Karadzic over to the tribunal", "extradited him to the United States": whoever receives
            # what (or whom) is handed over is the recipient, not the person handed over
            to = [p for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                  for p in c.children if p.dep_ == "pobj"]
            candidates = to + [c for c in candidates if c not in to]
        # a party named right in the object or a "to/with" phrase before one found deeper in the object
        # ("share intelligence on bin Laden's network with Washington")
        candidates.sort(key=lambda c: analysis.mention_at(c.i) is None)
        fallback: list[Entity] = []
        for tok in candidates:
            found = self._entities(analysis, tok, places=type_ not in ("CONSULT", "AGREE"))
            if any(e.code or e.sector for e in found):
                return found
            fallback = fallback or found
        if type_ != "MOBILIZE" and deep:
            # the first named country or body further down the verb's own phrase ("sent a team to
            # investigate irregularities in the Honduran vote count")
            subject = self._subject(verb)
            skip = {t.i for t in subject.subtree} if subject is not None else set()
            # where talks were held is not whom they were held with; where a visitor arrives is whom they visit
            venue = (type_ in ("CONSULT", "AGREE") and verb.lemma_.lower() not in _TRAVEL_VERBS) or (
                type_ == "SUPPORT" and verb.lemma_.lower() in _MUTUAL_SUPPORT)  # "signed an accord in Rome"
            for child in verb.children:
                if venue and child.dep_ == "prep" and child.lower_ in _PLACE_WORDS or child.lower_ == "according":
                    skip.update(t.i for t in child.subtree)  # "..., according to Kenyan mediators": the source
            for tok in verb.subtree:
                if tok.i in skip or tok.i == verb.i or tok.dep_ in ("relcl", "advcl", "nsubj"):
                    continue
                if venue and in_prep_phrase(tok, verb, _PLACE_WORDS | {"on"}):
                    continue  # "held talks in Algiers", "met on the island of St Vincent": where, not with whom
                mention = analysis.mention_at(tok.i)
                if mention is not None and mention.entity.code and mention.kind != "pronoun":
                    # with those joined to it by "and": "to mediate between Israel and the Palestinians"
                    return self._entities(analysis, analysis.doc[mention.head]) or [_own(mention)]
        return fallback

    def _noun_arguments(self, analysis: Analysis, noun: Token, type_: str) -> tuple[list[Entity], list[Entity]]:
        actors: list[Entity] = []
        recipients: list[Entity] = []
        blocked = _NO_RECIPIENT_PREPS.get(type_, set()) - {"on"}
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                mention = analysis.mention_at(child.i)
                if mention is not None:
                    actors.append(_own(mention))
            elif child.dep_ == "prep":
                word = child.lower_
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if word == "by":
                        actors.extend(self._entities(analysis, pobj))
                    elif word == "between":
                        actors.extend(self._entities(analysis, pobj))
                    elif word in _RECIPIENT_PREPS and word not in blocked and not recipients:
                        recipients = self._entities(analysis, pobj)
        return _dedupe(actors), [r for r in recipients if not _same(r, actors)]

    def _entities(self, analysis: Analysis, tok: Token, places: bool = True) -> list[Entity]:
        """The entities a noun phrase names: its own mention and those joined to it by "and" (without
        ``places``, not those in its "in/at ..." phrases: "talks in Doha" were not held with Qatar)."""
        found: list[Mention] = []
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        for head in heads:
            mention = analysis.mention_at(head.i)
            if mention is None:  # "the party's leader, Morgan Tsvangirai,": the person, not the party
                mention = next((m for c in head.children if c.dep_ == "appos"
                                if (m := analysis.mention_at(c.i)) is not None and m.entity.code), None)
            if mention is None:
                mention = self._mention_below(analysis, head, places)
            if mention is not None:
                found.append(mention)
        return _dedupe([e for m in found for e in [_own(m), *(Entity(**a.to_dict()) for a in m.also)]])

    def _mention_below(self, analysis: Analysis, tok: Token, places: bool = True) -> Mention | None:
        """The nearest mention in the phrase, not crossing into clauses or "of"-phrases' clauses."""
        def where(c: Token) -> bool:  # "(a day of talks) in the Icelandic capital"
            return not places and c.dep_ == "prep" and c.lower_ in _PLACE_WORDS

        frontier = [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS and c.dep_ != "conj" and not where(c)]
        depth = 0
        while frontier and depth < 4:
            for child in frontier:
                mention = analysis.mention_at(child.i)
                if mention is not None and (mention.entity.code or mention.entity.sector):
                    return mention
            frontier = [g for c in frontier for g in c.children if g.dep_ not in _CLAUSE_DEPS and not where(g)]
            depth += 1
        return None

    # -- markers --------------------------------------------------------------------------------
    def _markers(self, analysis: Analysis, trig: _Trigger, event: Event) -> None:
        verb = trig.anchor
        chain = [verb]
        node = verb
        while node.dep_ in ("xcomp", "acomp", "conj", "pcomp", "prep", "pobj", "advmod") and node.head != node:
            node = node.head
            chain.append(node)
            if len(chain) > 6:
                break
        for child in verb.children:
            low = child.lower_
            if child.dep_ == "neg" or low in ("never",):
                event.negated = True
            if child.dep_ == "aux" and low in _FUTURE_AUX:
                event.future = True
            if child.dep_ == "aux" and low in _HYPOTHETICAL_AUX:
                event.hypothetical = True
            if child.dep_ == "aux" and low == "would":
                event.future = True
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                event.hypothetical = True
        if verb.dep_ == "conj":  # "would not intervene ..., and would continue to supply"
            for child in verb.head.children:
                if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX | {"would"}:
                    event.future = True
        for gov in chain[1:]:
            lemma = gov.lemma_.lower()
            if lemma in self.lex.negating_governors:
                event.secondary.append("NEGATING:" + lemma)
            if lemma in self.lex.future_governors or gov.lower_ in _INTENT_ADJECTIVES:
                event.future = True
            if lemma == "be" and gov.i == verb.head.i and verb.dep_ == "xcomp" and verb.lemma_ != "blame" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
            ):  # "the EC is to send food": a plan
                event.future = True
            if lemma in self.lex.hypothetical_words:
                event.hypothetical = True
            for child in gov.children:
                if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                    event.future = True
                if child.dep_ == "neg" and gov.lemma_.lower() not in self.lex.negating_governors:
                    event.negated = True
        if trig.noun:
            words = {t.lower_ for t in chain} | {c.lower_ for c in trig.token.children}
            if words & _FUTURE_NOUN_CUES:
                event.future = True
        for child in verb.children:  # "asked what assistance NATO would provide"
            if child.tag_ in ("WDT", "WP") or any(g.tag_ in ("WDT", "WP") for g in child.children
                                                  if child.dep_ in ("dobj", "nsubj")):
                event.hypothetical = True
        if verb.dep_ == "relcl" and verb.head.lower_ in ("route", "way", "plan", "option", "chance"):
            event.hypothetical = True
        if any(t.lower_ in ("if", "unless") and t.dep_ == "mark" and t.head == verb
               for t in analysis.sentences[event.sentence]):
            event.hypothetical = True

    def _speaker(self, analysis: Analysis, tok: Token, event: Event) -> None:
        q_index = analysis.speaker_at.get(tok.i)
        if q_index is None:
            return
        quote = analysis.quotes[q_index]
        event.reported = True
        event.speaker = quote.speaker
        if event.future and "would" in {c.lower_ for c in tok.children}:
            event.hypothetical = False
        speaker = quote.speaker
        if speaker is None:
            return
        # "I"/"we" inside what someone said are the speaker (or the speaker's side).
        subject = self._subject(tok) if not event.actors else None
        if subject is not None and subject.lower_ in ("i", "we") and quote.kind in ("direct", "reported"):
            if subject.lower_ == "i":
                event.actors = [Entity(**{**speaker.to_dict(), "entity_text": subject.text})]
            elif speaker.code:
                event.actors = [Entity(speaker.code, "GOV" if speaker.sector in (None, "MIL") else speaker.sector,
                                       subject.text)]
            elif speaker.sector:  # "spokesman Zabihullah Mujahid": whose side the story tells (places stage)
                event.actors = [Entity(None, speaker.sector, subject.text)]

    def _contexts(self, verb: Token, event: Event) -> None:
        for tok in verb.subtree:
            context = self.lex.context_nouns.get(tok.lemma_.lower())
            if context and context not in event.contexts:
                event.contexts.append(context)

    def _retype(self, trig: _Trigger, event: Event) -> None:
        negating = [s for s in event.secondary if s.startswith("NEGATING:")]
        event.secondary = [s for s in event.secondary if not s.startswith("NEGATING:")]
        if negating and event.type not in ("REJECT", "THREATEN", "ACCUSE"):
            verb = negating[0].split(":", 1)[1]
            if verb in ("refuse", "decline", "reject") and event.type not in _CONFLICT_MATERIAL | {"PROTEST"}:
                mode = _CONTENT_MODE["REJECT"].get(event.type, "change")
                event.type, event.modes = "REJECT", [mode]
            else:
                event.negated = True
            return
        if event.negated and self._rules_out_force(trig.token):
            # "Putin did not rule out the use of nuclear weapons": an option kept open
            event.type, event.modes, event.negated = "THREATEN", [], False
            trig.via_rule = True
            return
        if event.negated:
            told_by_other = event.speaker is not None and event.speaker.code is not None and not any(
                a.code == event.speaker.code for a in event.actors)
            if (event.future or event.reported and not told_by_other) and event.type in _REFUSABLE:
                # "Serbia would never recognise Kosovo", "he would not accept a deal": a refusal; not "Russia
                # has not withdrawn, the IAEA said", a third party's report of what did not happen
                mode = _CONTENT_MODE["REJECT"].get(event.type, "change")
                event.type, event.modes, event.negated = "REJECT", [mode], False
            return
        lemma = trig.token.lemma_.lower()
        threat_verb = any(e.type == "THREATEN" and not e.extra for e in self.lex.verbs.get(lemma, []))
        if event.type == "THREATEN" and not threat_verb and not trig.noun and event.speaker is not None and (
            event.speaker.code and not any(a.code == event.speaker.code for a in event.actors)
        ):
            # "Moscow will pay a high price," said the German minister: Germany threatens Russia.
            event.recipients = event.actors
            event.actors = [Entity(**event.speaker.to_dict())]
            event.future = False
            return
        if event.type in _CONFLICT_MATERIAL and event.future and not event.hypothetical and (
            event.reported or event.speaker is not None
            or any(t.lower_ in _INTENT_ADJECTIVES or t.lemma_ in ("threaten", "vow") for t in trig.anchor.ancestors)
        ):
            mode = _CONTENT_MODE["THREATEN"].get(event.type)
            event.type, event.modes = "THREATEN", [mode] if mode else []
            event.future = False
        elif event.type == "RETREAT" and event.future and not event.hypothetical:
            event.secondary.append("RETREAT")  # PLOVER: an announced withdrawal is a verbal concession
            event.type = "CONCEDE"
        elif event.type in _FUTURE_COOPERATION and event.future and not event.hypothetical:
            # PLOVER codes promised cooperation as AGREE; the promised act stays second ("AGREE", "CONSULT").
            event.secondary.insert(0, event.type)
            event.type = "AGREE"

    def _rules_out_force(self, verb: Token) -> bool:
        """``verb`` is "rule (out)" and what it governs names force or a penalty ("using military force",
        "sending troops", "sanctions"): negated or refused, the option is kept open."""
        return verb.lemma_.lower() == "rule" and any(tok.lemma_.lower() in _FORCE_WORDS or any(
            e.type in ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE") for e in self.lex.nouns.get(tok.lemma_.lower(), [])
            if not e.extra) for tok in verb.subtree if tok.i != verb.i)

    def _use_sentence_type(self, analysis: Analysis, sent_no: int, events: dict[int, Event],
                           probs: dict[str, float], by_object: dict[int, int] | None = None) -> None:
        """Weigh the rules' reading of a sentence against the learned model's.

        The model reads the whole sentence; the rules know who did what to whom. When the model is
        confident of a type the rules did not give, the sentence's main event (the trigger nearest the
        root) takes that type; when no rule fired, an event is built around the root verb with the
        model's type; when the model is sure the sentence holds no event, the rules' events go. A type the
        lexicon gave for this very verb and object ("sent tanks" is AID, "sent troops" MOBILIZE) stays."""
        doc = analysis.doc
        best = max((t for t in probs if t != "NONE"), key=probs.__getitem__)
        p_best, p_none = probs[best], probs.get("NONE", 0.0)
        if p_none >= NONE_DROP:
            events.clear()
            return
        if events:
            main = min(events, key=lambda i: (sum(1 for _ in doc[i].ancestors), i))  # the main clause's event
            # the lexicon's type for the main verb and its object ("sent tanks", "pay a price") is not the model's
            lexical = {i for i, verb in (by_object or {}).items() if i in events and self._main_clause(doc[verb])}
            if not any(e.type == best for e in events.values()) and p_best >= RETYPE_AT:
                event = events[main]
                # the model reads the act, the rules its tense: a promised meeting stays AGREE with CONSULT second
                if not event.negated and probs.get(event.type, 0.0) < KEEP_RULE_AT and main not in lexical \
                        and best not in event.secondary:
                    event.secondary = [s for s in [event.type, *event.secondary] if s != best]
                    event.type, event.modes = best, [m for m in event.modes if m in _modes_of(best)]
            # the model's type found only as a word describing a noun ("Russia's threatening actions")
            of_best = [i for i, e in events.items() if e.type == best]
            described = bool(of_best) and all(doc[i].dep_ == "amod" for i in of_best)
            for i, e in list(events.items()):
                e.model_probability = probs.get(e.type, 0.0)
                # a second reading the model finds implausible, beside one it confirms
                if e.type != best and p_best >= RETYPE_AT and e.model_probability < PRUNE_BELOW and len(events) > 1 \
                        and not (described and _has_actor(e)) and not _spared(doc, i, e, of_best) and i not in lexical:
                    del events[i]
            if any(_worth_keeping(e) for e in events.values()):
                return
            # the rules found event words but no one doing them: read the sentence from its root instead
        if p_best >= CREATE_AT:
            root_event = self._root_event(analysis, sent_no, best, p_best)
            events.clear()
            events[root_event.trigger] = root_event

    def _main_clause(self, tok: Token) -> bool:
        """The sentence's main verb, or the main verb of what it reports ("X will pay a price, he said")."""
        return tok.dep_ == "ROOT" or (tok.dep_ in ("ccomp", "parataxis") and tok.head.dep_ == "ROOT"
                                      and tok.head.lemma_.lower() in self.lex.speech)

    def _root_event(self, analysis: Analysis, sent_no: int, best: str, p_best: float) -> Event:
        """An event of the model's type ``best`` built around the sentence's root verb."""
        root = analysis.sentences[sent_no].root
        verb = root
        if root.lemma_.lower() in self.lex.speech:  # "..., the minister said": the reported clause
            verb = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")), root)
        event = Event(type=best, lexical_type=best, sentence=sent_no, trigger=verb.i, trigger_tokens=[verb.i])
        self._passive = False
        event.actors, event.recipients = self._verb_arguments(analysis, verb, best)
        if _receives(verb) and not any(c.dep_ == "dobj" and analysis.mention_at(c.i) is not None
                                       for c in verb.children):  # "got tanks from", not "received the envoy"
            root_trigger = _Trigger(verb, Entry(verb.lemma_.lower(), (), best, None, ()), [verb.i], verb)
            event.actors, event.recipients = self._received_arguments(analysis, root_trigger, verb)
        _visitor_first(analysis, verb, event)
        unnamed_doer = any(c.dep_ == "nsubjpass" for c in verb.children) and not any(
            c.dep_ == "agent" for c in verb.children)  # "ten people were killed, police said": not by the police
        if not event.actors and verb is not root and not (unnamed_doer and best in ("ASSAULT", "COERCE")):
            event.actors = self._subject_entities(analysis, root)
        if not event.actors and verb.pos_ in ("NOUN", "PROPN"):  # a sentence the parser rooted on a noun
            event.actors, _ = self._noun_arguments(analysis, verb, best)
        if best == "ACCUSE" and verb is not root and event.actors:
            # "'India has made a terrible mistake,' Clinton said": the one who says it accuses the one it is said of
            accusers = self._subject_entities(analysis, root)
            if {a.code for a in accusers if a.code} - {a.code for a in event.actors if a.code}:
                event.actors, event.recipients = accusers, event.actors
        event.passive = self._passive
        self._markers(analysis, _Trigger(verb, Entry(verb.lemma_.lower(), (), best, None, ()), [verb.i], verb), event)
        self._speaker(analysis, verb, event)
        event.model_probability = p_best
        return event

    def _merge_duplicates(self, doc: Doc, events: dict[int, Event]) -> None:
        """Two words for one event in a sentence ("increase its deployment by moving troops"): keep
        the most specific (deepest) trigger."""
        def key(e: Event) -> tuple:
            return (e.type, tuple(sorted(a.code or "" for a in e.actors)),
                    tuple(sorted(r.code or "" for r in e.recipients)), e.negated)

        def depth(i: int) -> int:
            return sum(1 for _ in doc[i].ancestors)

        for i in list(events):  # "shelled Kharkiv, killing four civilians": one assault
            tok = doc[i]
            head = events.get(tok.head.i) if tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBG" else None
            served = events.get(tok.head.i) if tok.dep_ == "advcl" and tok.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) else None  # "... to discuss"
            if served is not None and served is not events[i] and (
                served.type != events[i].type and served.actors  # "sent troops to round up deserters": intended
                or served.type == events[i].type and any(r.code for r in served.recipients)
                and not any(r.code for r in events[i].recipients)  # "telephoned X to discuss ...": one consultation
            ):
                del events[i]
                continue
            if head is not None and head is not events[i] and head.type == events[i].type:
                for r in events[i].recipients:
                    if not _same(r, head.recipients):
                        head.recipients.append(r)
                del events[i]
        best: dict[tuple, int] = {}
        for i, event in events.items():
            k = key(event)
            if k not in best or depth(i) > depth(best[k]):
                best[k] = i
        for i in [i for i, e in events.items() if best[key(e)] != i]:
            del events[i]

    def _demands(self, analysis: Analysis, events: dict[int, Event], triggers: dict[int, _Trigger]) -> None:
        """"Castro said Washington must hand back Guantanamo": not a handover but the speaker's demand of the
        party that must act (REQUEST, the act's type second). Only when the speaker is another party: "Putin
        said Russia must strengthen its forces" is a plan of his own."""
        for i, event in events.items():
            anchor = triggers[i].anchor
            if anchor.pos_ == "NOUN" and anchor.dep_ == "dobj":
                anchor = anchor.head  # "China must stop its drills"
            head = anchor.head
            if anchor.dep_ not in ("ccomp", "parataxis") or head.lemma_.lower() not in self.lex.speech or not any(
                    c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in anchor.children):
                continue
            speakers = self._subject_entities(analysis, head) or ([event.speaker] if event.speaker is not None else [])
            said_by = {a.code for a in speakers if a.code}
            doers = {a.code for a in event.actors if a.code}
            if not said_by or not doers or said_by & doers or event.passive:
                continue
            mode = _CONTENT_MODE["REQUEST"].get(event.type)
            event.secondary = [event.type, *event.secondary]
            event.type = event.lexical_type = "REQUEST"
            event.modes = [mode] if mode else []
            event.actors, event.recipients = [replace(a) for a in speakers], event.actors
            event.negated = event.future = event.hypothetical = False
            triggers[i].via_rule = True  # the demand is read from the sentence's shape: the model may not undo it

    def _absorb_contents(self, events: dict[int, Event], triggers: dict[int, _Trigger]) -> None:
        """"Russia threatened to impose sanctions": one THREATEN whose mode comes from the content."""
        for i in list(events):
            event = events.get(i)
            if event is None:
                continue
            anchor = triggers[i].anchor
            parent = anchor.head if anchor.dep_ in ("xcomp", "ccomp") else None
            # "accused Belgrade of arming militants", "of sending troops to fight alongside the rebels": what
            # the accusation says, not an event of its own
            charge = next((a for a in [anchor, *anchor.ancestors] if a.dep_ == "pcomp" and a.head.dep_ == "prep"
                           and a.head.lower_ in ("of", "for") and a.head.head.i in events), None)
            if charge is not None:
                accusation = events.get(charge.head.head.i)
                if accusation is not None and accusation is not event and accusation.type == "ACCUSE":
                    for ctx in event.contexts:
                        if ctx not in accusation.contexts:
                            accusation.contexts.append(ctx)
                    del events[i]
                    continue
            if parent is None or parent.i not in events:
                continue
            container = events[parent.i]
            if container.type == "REJECT" and event.lexical_type == "REJECT" and self._rules_out_force(anchor):
                # "refused to rule out using military force": an option kept open, a threat the model must not undo
                container.type, container.modes = "THREATEN", []
                triggers[parent.i].via_rule = True
                del events[i]
                continue
            if container.type not in _CONTAINERS:
                continue
            mode = _CONTENT_MODE.get(container.type, {}).get(event.lexical_type)
            if mode and not container.modes:
                container.modes = [mode]
            if not container.recipients:
                container.recipients = event.recipients or [a for a in event.actors if not _same(a, container.actors)]
            for ctx in event.contexts:
                if ctx not in container.contexts:
                    container.contexts.append(ctx)
            del events[i]


# "Japan and the Philippines agreed to hold drills", "Chinese and Pakistani forces began joint drills",
# "Ecuadorean and Peruvian troops pulled back": each party acts towards the other, so with two or more actors
# and no one else named, they are the recipients too.
_JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "RETREAT"})
# "Australia and Indonesia signed a defence pact", "... restored ties": support the parties give each other
_MUTUAL_SUPPORT = frozenset({"sign", "ratify", "reaffirm", "restore", "establish", "normalise", "normalize",
                             "initial", "finalise", "finalize", "conclude", "upgrade", "renew"})
# Words naming force in what a verb governs ("refused to rule out military force", "... sending troops").
_FORCE_WORDS = frozenset({"force", "troop", "soldier", "weapon", "military", "nuclear", "sanction", "invasion",
                          "war", "strike", "attack", "retaliation"})
# What a government grants, told in the passive by one of its officials ("will be allowed to return").
_GRANTED = frozenset({"CONCEDE", "RETREAT"})
# "Armenian and Azerbaijani forces clashed", "traded fire": each side fights the other
_MUTUAL_FIGHT = frozenset({"clash", "skirmish", "fight", "battle", "trade", "exchange", "fighting"})
# Verbs whose subject receives the act their object names ("received aid", "faced criticism", "won backing")
_RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "secure", "win", "gain", "earn", "draw", "attract",
                              "face", "suffer", "incur", "endure"})
_UNDER_VERBS = frozenset({"come", "be", "remain", "fall"})  # "came under fire", "was under attack"
# A light verb's noun of these types names the act itself ("approved new sanctions", "launched a raid").
_MATERIAL_ACTS = frozenset({"AID", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"})
_MOVED_NOT_ACTED_ON = frozenset({"MOBILIZE"})  # the passive subject of these is the force, not a target
# Verbs whose "to" phrase names who receives what is handed over, and verbs of going to a visit's host.
_HANDING_VERBS = frozenset({"hand", "extradite", "deliver", "transfer", "surrender", "turn", "return", "repatriate"})
_TRAVEL_VERBS = frozenset({"arrive", "fly", "travel", "land", "go", "come", "head", "visit", "tour"})
_HOSTING_VERBS = frozenset({"host", "receive"})  # "received the envoy": the host is the recipient


def _visitor_first(analysis: Analysis, verb: Token, event: Event) -> None:
    """PLOVER: "the visitor will always be coded as the actor and the host will be the recipient"
    ("King Hussein received Arafat in Amman", "Hassan was hosted by Ruto")."""
    if event.type == "CONSULT" and verb.lemma_.lower() in _HOSTING_VERBS and event.recipients and any(
            c.dep_ in ("dobj", "nsubjpass") and analysis.mention_at(c.i) is not None for c in verb.children):
        event.actors, event.recipients = event.recipients, event.actors


def _receives(verb: Token) -> bool:
    """"received", "faced", "won"; "came under" (fire, attack, pressure)."""
    lemma = verb.lemma_.lower()
    return lemma in _RECEIVING_VERBS or (lemma in _UNDER_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "under" for c in verb.children))


def _each_other(actors: list[Entity]) -> list[Entity]:
    codes = {a.code for a in actors if a.code}
    if len(codes) < 2:
        return []
    return [replace(a) for a in actors[1:] + actors[:1]]  # the first actor's counterpart comes first


# Thresholds on the learned model's probabilities (tuned on the dev splits only).
NONE_DROP = 0.97   # the model is sure the sentence reports no event: drop the rules' events
RETYPE_AT = 0.70   # the model's type replaces the main rule event's type
CREATE_AT = 0.70   # no rule fired: build an event around the root verb
KEEP_RULE_AT = 0.15  # ... unless the model gives the rules' type at least this much
PRUNE_BELOW = 0.01  # beside an event the model confirms, drop rule events of types it finds this unlikely
# Verbs whose participle with a that-clause states something besides the act it hangs from.
_SAYING = {"demand", "insist", "warn", "accuse", "urge", "call", "threaten", "deny", "reject", "vow", "pledge",
           "promise"}


# A game won is no attack: "beat Australia by seven wickets", "defeated Brazil 2-1 in the final".
_WINNING_VERBS = {"beat", "defeat", "thrash", "rout", "trounce", "crush", "edge", "overcome", "outplay", "hammer"}
_SPORTS_WORDS = {"match", "final", "semi-final", "semifinal", "quarter-final", "cup", "tournament", "championship",
                 "league", "game", "games", "olympics", "olympic", "wicket", "goal", "inning", "innings",
                 "cricketer", "footballer", "athlete", "medal", "stadium", "fixture", "qualifier", "penalty"}
_LONG_RANGE = {"ballistic", "intercontinental", "hypersonic", "long-range", "medium-range", "intermediate-range"}
_WATERS = {"sea", "ocean", "water", "waters", "pacific", "atlantic"}


# Verbs that, promised with no words of their own to report, warn of a reply in kind.
_ANSWERING = {"respond", "react", "reply", "hit back", "follow"}


def _promised_answer(verb: Token) -> bool:
    """"Pakistan would respond to restore the balance", "the Kremlin vowed to respond", "retaliatory measures will
    follow": a reply still to come, with no that-clause (not "responded that ...") and no object."""
    children = list(verb.children)
    vowed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("vow", "pledge", "promise", "swear", "threaten")
    if not vowed and not any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX | {"would"} for c in children):
        return False
    if any(c.dep_ in ("ccomp", "dobj", "neg") for c in children):
        return False
    if verb.lemma_.lower() == "follow":  # only "measures/steps/retaliation will follow"
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lemma_.lower() in ("measure", "step", "retaliation", "response",
                                                                   "consequence", "action")
    return True


def _dateline_word(tok: Token, verb: Token) -> bool:
    """"CULIACÁN, Mexico, 11 September (Wire) – Gunmen ambushed ...": the parser made the dateline a subject."""
    return tok.text.isupper() and len(tok.text) > 2 and tok.i < verb.i and any(
        t.text in ("–", "—", "-", "--") for t in tok.doc[tok.i:verb.i])


def _launch_not_attack(verb: Token, weapon: Token) -> bool:
    """"North Korea fired a ballistic missile that landed in the sea": a launch that shows force (MOBILIZE),
    not an attack, when a long-range missile is aimed at no one ("fired ballistic missiles at Kyiv" is)."""
    if weapon.lemma_.lower() not in ("missile", "rocket") or not any(
            c.lower_ in _LONG_RANGE for c in weapon.children if c.dep_ in ("amod", "compound")):
        return False
    for tok in verb.subtree:
        if tok.dep_ == "prep" and tok.lower_ in ("at", "on", "against", "toward", "towards", "into") and not any(
                p.lower_ in _WATERS for p in tok.children if p.dep_ == "pobj"):
            return False
        if tok.lemma_.lower() in ("hit", "strike", "kill", "destroy", "target", "damage", "wound"):
            return False
    return True


def _spared(doc: Doc, i: int, event: Event, others: list[int]) -> bool:
    """A second event kept beside the model's reading: one with its own clause and both parties coded
    (neither trigger below the other), a second verb of the same subject joined by "and", or a statement made
    while acting ("massed troops, demanding that the state never join NATO"; not "marched, demanding his
    resignation", where the demand is the march's aim)."""
    tok = doc[i]
    if not any(a.code for a in event.actors) or not others:
        return False
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in others and tok.lemma_.lower() in _SAYING \
            and any(c.dep_ == "ccomp" for c in tok.children):
        return True  # a that-clause: a statement of its own, not the manner of the act
    if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.i in others and any(
            c.dep_ in ("dobj", "prep", "xcomp") for c in tok.children) and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "rejected the criticism and accused Western governments of interfering": a second act of the same
        # subject, which articles count as an event of its own (one-label sentence sets count it as extra)
        return True
    return any(r.code for r in event.recipients) and all(
        not tok.is_ancestor(doc[j]) and not doc[j].is_ancestor(tok) for j in others)


def _modes_of(type_: str) -> set[str]:
    from ..plover import event_types

    return set(event_types()[type_].modes) | set(event_types()[type_].cameo_modes)


def _has_actor(event: Event) -> bool:
    """Someone the coder knows does it: a coded actor, a role word, or a coded recipient of a passive."""
    return (any(a.code or a.sector for a in event.actors)
            or (event.passive and any(r.code for r in event.recipients)))


# Organs of a state: a role word of these acts for the story's country even in a statement that names no one.
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}


def _worth_keeping(event: Event) -> bool:
    """An event needs a known actor: a coded one, a role word ("police", "protesters"; a state organ's even
    in a statement that names no one, "Prime Minister Allan Kemakeza welcomed the force"), or, for
    "ten journalists were arrested" and "a roadside bomb killed three soldiers", a coded recipient of a
    passive verb or of an attack told by its weapon. An event named by a noun
    ("its cooperation", "France's request") needs a recipient or joint actors as well, unless it is a
    clash told as the subject or object of a clause ("Israeli strikes killed ten")."""
    if event.noun and not event.recipients and len(event.actors) < 2 and not event.noun_as_argument:
        return False
    if any(a.code for a in event.actors):
        return True
    if any(a.sector for a in event.actors) and (event.recipients or event.quad in (2, 4) or any(
            a.sector in _STATE_SECTORS for a in event.actors)):
        return True
    return event.passive and any(r.code for r in event.recipients)


def _noun_forms(tok: Token) -> list[str]:
    """Object-rule keys for a noun, most specific first: "rescue team", then "team"."""
    head = tok.lemma_.lower()
    return [f"{c.lower_} {head}" for c in tok.children if c.dep_ in ("compound", "amod")] + [head]


def _own(mention: Mention) -> Entity:
    return Entity(**mention.entity.to_dict())


def _same(entity: Entity, others: list[Entity]) -> bool:
    return any(entity.code is not None and entity.code == o.code and entity.sector == o.sector
               and entity.identifier_text == o.identifier_text for o in others)


def _dedupe(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if not _same(entity, out):
            out.append(entity)
    return out
