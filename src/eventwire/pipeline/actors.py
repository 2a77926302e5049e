"""Actors: find the mentions of countries, organisations, groups, people and role words in a parsed
article and resolve each to a PLOVER entity (code, sector, office), using the article's date for
people's offices. Later mentions ("Wallace", "the UK secretary", "she", "it") reuse what an earlier
full mention established where the text makes it clear.
"""

from __future__ import annotations

import datetime as dt
from bisect import insort
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import geo
from ..kb import KnowledgeBase, Name, Person, Region
from ..kb.index import NameIndex, name_index
from .model import Analysis, Entity, Mention
from .phrases import entity_at, quoted_spans

# Which reading of an ambiguous name wins ("Georgia" the country over a person of that name, ...).
_KIND_PRIORITY = {"person": 0, "organisation": 1, "metonym": 2, "capital": 3, "country": 4,
                  "adjective": 5, "demonym": 6, "surname": 7}
_COUNTRY_KINDS = {"country", "adjective", "demonym", "capital", "metonym"}
_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}
_LEADER_WORDS = {"leader"}  # a title only right before a name: "Hong Kong leader Carrie Lam"
_BELONGING = {"own", "owned", "flag", "flagged", "register", "registered", "operate", "operated", "base", "based"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_IT_PRONOUNS = {"it", "its"}
_THEY_PRONOUNS = {"they", "their"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Definite descriptions that point back to the last organisation of a kind.
_PAIR_NOUNS = {"leaders", "countries", "governments", "sides", "nations", "presidents", "ministers", "states",
               "neighbours", "neighbors", "capitals", "delegations", "parties", "men", "armies", "militaries"}
# Words before a title that make it no claim about the article's day ("former Defence Secretary").
_TITLE_QUALIFIERS = {"former", "ex", "then", "late", "deputy", "vice", "shadow", "acting", "interim", "incoming",
                     "designate", "elect", "future", "next", "previous", "outgoing", "caretaker", "would-be",
                     "first", "second", "junior", "assistant", "under", "erstwhile", "onetime", "one-time",
                     "ousted", "deposed", "toppled", "overthrown", "exiled", "fallen", "retired", "disgraced",
                     "jailed", "imprisoned", "slain", "assassinated", "sacked", "fired", "dismissed", "nominee",
                     "nominated", "presumptive", "potential", "candidate", "aspiring", "self-declared",
                     "self-proclaimed"}
_GROUP_NOUNS = {"group", "militia", "movement", "faction", "insurgents", "militants"}
_GROUP_SECTORS = {"REB", "OPP", "PTY", "CRM", "NGO"}
_ANAPHORIC_ORGS = {"alliance": {"NATO", "CSTO", "AUKUS"}, "bloc": {"EU", "ASEAN", "AU", "BRICS", "ECOWAS"},
                   # "the ICC ... We do not recognise this court": an international court named before
                   "court": {"ICC", "ICJ", "ICTY", "ECHR", "PCA"}, "tribunal": {"ICC", "ICJ", "ICTY", "PCA"},
                   "watchdog": {"IAEA"}}


def _own_subjects(tok: Token) -> set[int]:
    """The subjects beside a pronoun under its head word, which it cannot stand for ("Russia criticised it":
    not Russia); none when the pronoun is itself the subject."""
    return {c.i for c in tok.head.children if c.dep_ in _SUBJECT_DEPS} if tok.dep_ not in _SUBJECT_DEPS else set()


def _covered(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


@lru_cache(maxsize=4)
def _matcher(nlp: Language, kb: KnowledgeBase) -> NameIndex:
    return name_index(nlp, sorted(kb.names), kb.digest)


def _case_ok(alias: str, span: Span) -> bool:
    """"US" must not match the pronoun "us"; "Turkey" must not match the bird."""
    text = span.text
    if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 5:
        return text == alias
    if alias[:1].isupper():
        return text[:1].isupper()
    return True


def _best_name(names: list[Name], span: Span, day: dt.date | None = None) -> Name | None:
    ok = [n for n in names if _case_ok(n.text, span)]
    if not ok:
        return None
    best = min(ok, key=lambda n: _KIND_PRIORITY.get(n.kind, 9))
    if best.kind == "surname":
        # a surname alone means someone in the news at the time: "Street" in 2024 is not Australia's foreign
        # minister of 1975-83; a surname two people share ("Kabila", "Mubarak") means the one in office that
        # day, and no one when the article has no date; with no date, only someone in office today (a name the
        # KB knows only from the past would stand for no country and hide the words around it)
        people = [n for n in ok if n.kind == "surname" and (
            _topical(n.target, day) if day is not None else n.target.office_on(None) is not None)]  # type: ignore[arg-type, union-attr]
        if len(people) > 1 and day is not None:
            people = [n for n in people if n.target.office_on(day) is not None]  # type: ignore[union-attr]
        return people[0] if len(people) == 1 else None
    if best.kind == "person" and len({id(n.target) for n in ok if n.kind == "person"}) > 1:
        # a full name two people share ("George Bush", father and son): the one in office that day, else the
        # one in the news within eight years of it, and no one when the article has no date
        namesakes = [n for n in ok if n.kind == "person"]
        for test in (lambda p: p.office_on(day) is not None, lambda p: _topical(p, day)):
            found = {id(n.target): n for n in namesakes if day is not None and test(n.target)}
            if len(found) == 1:
                return next(iter(found.values()))
        return None
    return best


_TOPICAL = dt.timedelta(days=365 * 8)


def _topical(person: Person, day: dt.date) -> bool:
    """In office on ``day`` or within eight years of it (or with no dated office to tell)."""
    if not person.offices:
        return True
    return any((o.start is None or o.start - _TOPICAL <= day) and (o.end is None or day <= o.end + _TOPICAL)
               for o in person.offices)


def _person_entity(person: Person, text: str, day: dt.date | None) -> Entity:
    office = person.office_on(day)
    if office is not None:
        return Entity(office.country, office.sector, text, person.qid, person.name, office.office)
    if day is not None:
        last = person.last_office_before(day)
        if last is not None:
            return Entity(last.country, last.sector, text, person.qid, person.name, f"former {last.office}")
        first = person.first_office_after(day)
        if first is not None:  # "Netanyahu" in 1995, before his first term: his country, no office
            return Entity(first.country, None, text, person.qid, person.name, None)
    countries = {o.country for o in person.offices}
    if day is None and len(countries) == 1:  # no date to tell which office: the one country they served
        sectors = {o.sector for o in person.offices}
        return Entity(countries.pop(), sectors.pop() if len(sectors) == 1 else None, text, person.qid, person.name,
                      None)
    return Entity(None, None, text, person.qid, person.name, None)


def _name_entity(name: Name, text: str, day: dt.date | None) -> Entity:
    target = name.target
    if name.kind in ("person", "surname"):
        return _person_entity(target, text, day)  # type: ignore[arg-type]
    if name.kind == "organisation":
        return Entity(target.code, target.sector_on(day), text, target.qid, target.name)  # type: ignore[union-attr]
    return Entity(target.code, name.sector, text, target.qid, target.name)  # type: ignore[union-attr]


_HYPHEN_MODIFIERS = {"backed", "led", "based", "made", "funded", "supported", "aligned", "brokered", "allied",
                     "sponsored", "controlled", "held", "run", "owned", "linked", "affiliated", "born"}


def _is_hyphen_modifier(doc: Doc, end: int) -> bool:
    """"Iran-backed group", "Czech-led initiative": the name qualifies something else."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _HYPHEN_MODIFIERS


_ACTING_REGION_KINDS = {"region", "autonomous_region", "breakaway_region", "province", "territory"}
_NAME_LABELS = {"FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}


def _inside_name(doc: Doc, span: Span) -> bool:
    """"Pan-American Highway", "Russian Orthodox Church": a country word inside another name."""
    ent_type = doc[span.start].ent_type_
    if ent_type not in _NAME_LABELS:
        return False
    ent = entity_at(doc, span.start)
    return ent is not None and (ent.end - ent.start) > (span.end - span.start)


def _longer_name(doc: Doc, span: Span, matched: set[int]) -> bool:
    """"Turkey's National Security Council": an organisation's name at the end of a longer one the KB does
    not know is another body (not "U.N. Security Council", whose first word is a name of its own)."""
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return (before.pos_ == "PROPN" and before.text[:1].isupper() and before.dep_ == "compound"
            and span.start <= before.head.i < span.end and before.i not in matched
            and before.ent_type_ not in ("GPE", "NORP"))


# The last word of an organisation's name the KB does not know, and the sector it tells ("the Civic Forum",
# "the Sudanese Professionals Association", "the Muslim Brotherhood"); the places stage gives it the country
# of the story, as it does "police" or "protesters".
_BODY_WORDS = {"forum": "OPP", "front": "OPP", "movement": "OPP", "alliance": "OPP", "coalition": "OPP",
               "opposition": "OPP", "brotherhood": "OPP", "association": "CVL", "federation": "CVL",
               "confederation": "LAB", "union": "LAB", "unions": "LAB", "league": "CVL", "committee": "CVL",
               "council": "CVL", "party": "PTY"}


def _unknown_bodies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Organisations the KB does not know, named in capitalised words ending in one that tells their kind."""
    covered = _covered(mentions)
    found = []
    for last in doc:
        sector = _BODY_WORDS.get(last.lower_)
        if sector is None or not last.text[:1].isupper() or last.i in covered:
            continue
        start = last.i  # "Civic Forum", "Sudanese Professionals Association": capitalised words before it
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].head.i in range(start, last.i + 1) \
                and doc[start - 1].dep_ in ("compound", "amod", "nmod") and doc[start - 1].i not in covered:
            start -= 1
        if start == last.i:
            continue
        name = doc[start:last.i + 1].text
        found.append(Mention(start, last.i + 1, last.i, "organisation", Entity(None, sector, name)))
        covered.update(range(start, last.i + 1))
    return found


_NP_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "case", "punct", "npadvmod"}


def _modifying_owner(doc: Doc, person: Mention, by_token: dict[int, Mention]) -> Mention | None:
    """The nearest country or organisation in the words before a person's name that modify it."""
    head = doc[person.head]
    for i in range(person.start - 1, head.left_edge.i - 1, -1):
        other = by_token.get(i)
        if other is None or other.kind not in _COUNTRY_KINDS | {"organisation"} or not other.entity.code:
            continue
        tok, steps = doc[i], 0
        while tok.i != head.i and tok.dep_ in _NP_MODIFIER_DEPS and steps < 8:
            tok, steps = tok.head, steps + 1
        if tok.i == head.i:
            return other
    return None


class ActorFinder:
    """Pipeline stage: adds ``analysis.mentions`` (sorted by position)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, speech_verbs: frozenset[str]) -> None:
        self.nlp = nlp
        self.kb = kb
        self.speech_verbs = speech_verbs
        self.matcher = _matcher(nlp, kb)

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        day = analysis.article.published
        self._sent = analysis.sentence_of
        mentions = self._named_mentions(doc, day)
        mentions = self._attach_titles_and_roles(doc, mentions, day)
        mentions += self._acting_regions(doc, mentions)
        mentions += _unknown_bodies(doc, mentions)
        if analysis.dateline_end:
            mentions = [m for m in mentions if doc[m.start].idx >= analysis.dateline_end]
        mentions.sort(key=lambda m: m.start)
        self._resolve_references(analysis, doc, mentions)
        analysis.home_country = self._home_country(mentions) or analysis.dateline_country
        analysis.mentions = sorted(mentions, key=lambda m: m.start)
        analysis.reset_mention_index()
        return analysis

    # -- names from the KB and from NER ---------------------------------------------------------
    def _named_mentions(self, doc: Doc, day: dt.date | None) -> list[Mention]:
        spans: list[Span] = []
        chosen: dict[tuple[int, int], Name] = {}
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            name = _best_name(self.kb.lookup(span.text), span, day)
            if name is not None:
                spans.append(span)
                chosen[(start, end)] = name
        # without a possessive ending the recogniser took in ("Yasser Arafat's proposal")
        ner_people = [doc[e.start:e.end - 1] if len(e) > 1 and e[-1].tag_ == "POS" else e
                      for e in doc.ents if e.label_ == "PERSON"]
        matched = {i for sp in spans for i in range(sp.start, sp.end)}
        spans = [sp for sp in spans if not _is_hyphen_modifier(doc, sp.end) and not _inside_name(doc, sp)
                 and not (sp.start > 0 and doc[sp.start - 1].text == "-")  # "Pan-American", "pro-Russian"
                 and not (chosen[(sp.start, sp.end)].kind == "organisation" and _longer_name(doc, sp, matched))]
        kept = filter_spans(spans + ner_people)
        mentions: list[Mention] = []
        for span in kept:
            name = chosen.get((span.start, span.end))
            if name is None:  # a person the KB does not know
                if any(t.is_digit for t in span) or span.text.islower():
                    continue
                start = self._after_title(doc, span)  # "Dutch King Willem-Alexander": the name is the rest
                entity = Entity(None, None, doc[start:span.end].text, None, None, None)
                mentions.append(Mention(start, span.end, span.root.i, "person", entity,
                                        person_key=doc[start:span.end].text))
                continue
            kind = "person" if name.kind == "surname" else name.kind
            entity = _name_entity(name, span.text, day)
            gender = getattr(name.target, "gender", None) if kind == "person" else None
            key = name.target.name if kind == "person" else None  # type: ignore[union-attr]
            mentions.append(Mention(span.start, span.end, span.root.i, kind, entity, gender, key))
        # "Okafor said ..." after "Jane Okafor": surnames of people named in full, where NER missed them.
        taken = _covered(mentions)
        surnames = {doc[m.end - 1].text: m for m in mentions if m.kind == "person" and m.end - m.start > 1}
        for tok in doc:
            first = surnames.get(tok.text)
            if first is not None and tok.i not in taken and tok.i >= first.end and tok.pos_ == "PROPN":
                entity = Entity(**{**first.entity.to_dict(), "entity_text": tok.text})
                mentions.append(Mention(tok.i, tok.i + 1, tok.i, "person", entity, first.gender, first.person_key))
        return mentions

    def _acting_regions(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"Chechnya accused Moscow", "Somaliland rejected the talks": a region that is the subject of a verb
        stands for its authorities, coded as the state it belongs to. Elsewhere it is a place, not an actor
        (the places stage reads it as where things happen). Disputed territories are left out: whose state
        they belong to is the dispute."""
        taken = _covered(mentions)
        found: list[Mention] = []
        for tok in doc:
            if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.i in taken or tok.head.pos_ not in ("VERB", "AUX"):
                continue
            ent = entity_at(doc, tok.i)
            span = ent if ent is not None and ent.root == tok else doc[tok.left_edge.i:tok.i + 1]
            region = self._acting_region(span.text)
            if region is None or any(i in taken for i in range(span.start, span.end)):
                continue
            found.append(Mention(span.start, span.end, tok.i, "region", Entity(region.country, None, span.text)))
        return found

    def _acting_region(self, text: str) -> Region | None:
        """The KB region ``text`` names, when it is one whose authorities act (not a disputed territory)."""
        region = self.kb.region(text)
        return region if region is not None and region.kind in _ACTING_REGION_KINDS else None

    def _after_title(self, doc: Doc, span: Span) -> int:
        """Where the name starts in a person span the entity recogniser drew over a title and a country
        adjective ("Dutch King Willem-Alexander"), so that the title is read like one before the name."""
        i = span.start
        while i < span.end - 1 and (doc[i].lower_ in self.kb.roles or doc[i].lower_ in self._title_words()
                                    or self._country_word(doc[i]) is not None):
            i += 1
        return i

    def _country_word(self, tok: Token) -> str | None:
        """The country a capitalised word names by itself ("Dutch", "U.S."), from the KB."""
        if not tok.text[:1].isupper():
            return None
        named = [n for n in self.kb.lookup(tok.text) if n.kind in ("country", "adjective")]
        return named[0].target.code if named else None  # type: ignore[union-attr]

    # -- titles before names ("German Foreign Minister Annalena Baerbock") and role nouns ----------
    def _attach_titles_and_roles(self, doc: Doc, mentions: list[Mention], day: dt.date | None) -> list[Mention]:
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        absorbed: set[int] = set()
        out: list[Mention] = []
        roles = self.kb.roles
        # People: look left for title words and a country adjective.
        for m in mentions:
            if m.kind != "person":
                continue
            self._title_claim(doc, m, by_token)
            i = m.start - 1
            title_tokens: list[Token] = []
            country: Mention | None = None
            country_code: str | None = None
            country_start = m.start
            body: Mention | None = None  # "NUG spokesman Kyaw Zaw", "Hamas leader ...": the body they speak for
            while i >= 0 and self._sent(i) == self._sent(m.start):
                tok = doc[i]
                other = by_token.get(i)
                if other is not None and other.kind in _COUNTRY_KINDS and country is None:
                    country = other
                    i = other.start - 1
                    continue
                if other is not None and other.kind == "organisation" and country is None and body is None and (
                    title_tokens or doc[m.start].lower_ in roles
                ):
                    body = other
                    i = other.start - 1
                    continue
                named = self._country_word(tok) if other is None and country is None and country_code is None else None
                if named is not None:
                    country_code, country_start = named, tok.i  # inside a name span
                    i -= 1
                    continue
                if i >= 2 and doc[i - 1].text == "-" and f"{doc[i - 2].lower_}-{tok.lower_}" in roles:
                    title_tokens[:0] = [doc[i - 2], doc[i - 1], tok]  # "OAS Secretary-General Cesar Gaviria"
                    i -= 3
                    continue
                if tok.lower_ in roles or tok.lower_ in ("shadow", "foreign", "prime", "deputy", "interior") or (
                    tok.lower_ in _LEADER_WORDS and not title_tokens and i == m.start - 1
                ):
                    title_tokens.insert(0, tok)
                    i -= 1
                    continue
                break
            title = " ".join(t.lower_ for t in title_tokens) or None
            if title is None:
                title = self._appositive_title(doc, m)
            if country is not None:
                absorbed.add(id(country))
                m.start = min(m.start, country.start)
            if title_tokens:
                m.start = min(m.start, title_tokens[0].i)
            if country_code is not None and (title_tokens or country_start == m.start - 1):
                m.start = min(m.start, country_start)
            if body is not None:
                absorbed.add(id(body))
                m.start = min(m.start, body.start)
                if m.entity.code is None or m.entity.office is None or m.entity.office.startswith("former "):
                    # "OAS Secretary-General Cesar Gaviria" in 2003: the body, not the country he once led
                    m.entity.code, m.entity.sector = body.entity.code, body.entity.sector
            if m.entity.code is None and country is not None:
                m.entity.code = country.entity.code
            elif m.entity.code is None and country_code is not None and title_tokens:
                m.entity.code = country_code
            if m.entity.code is None or (m.entity.office is None and m.entity.sector is None):
                # "U.S. Trade Representative Mickey Kantor", "Norwegian peace envoy Erik Solheim": a title the
                # KB does not know still ties the person to the country or body that modifies it (over the
                # country of an office the KB says they held only later)
                owner = _modifying_owner(doc, m, by_token)
                if owner is not None:
                    m.entity.code = owner.entity.code
            if m.entity.sector is None and title:
                words = title.split()
                role = roles.get(words[-1])
                if role is None and words[-1] in _LEADER_WORDS:
                    # "opposition leader X" leads the opposition; "Hong Kong leader X" governs Hong Kong
                    role = next((roles[w] for w in reversed(words[:-1]) if w in roles), None)
                    m.entity.sector = role.sector if role else ("GOV" if m.entity.code and title_tokens else None)
                else:
                    m.entity.sector = role.sector if role else None
            if m.entity.office is None and title:
                m.entity.office = title
            m.entity.entity_text = doc[m.start:m.end].text
        # Role nouns: "Russian troops", "the Kiev army", "Russian foreign minister", "police".
        last_words = self._role_last_words()
        taken = {i for m in mentions if m.kind == "person" for i in range(m.start, m.end)}  # titles read above
        for tok in doc:
            if tok.i in by_token or tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.i > 0 and doc[tok.i - 1].text == "-" and tok.dep_ in ("amod", "compound", "nmod"):
                continue  # "the seven-party alliance", "all-party talks": a word describing something else
            if tok.lower_ not in last_words and tok.lemma_.lower() not in last_words:
                continue
            role_word, start = self._role_phrase(doc, tok)
            if role_word is None:
                continue
            role = roles[role_word]
            country = None
            place_code: str | None = None
            # "FMLN guerrilla commanders": a name that modifies a modifier of the role word
            modifiers = [*tok.children, *(g for c in tok.children if c.dep_ == "compound" and c.i not in by_token
                                          for g in c.children if g.dep_ in _MODIFIER_DEPS)]
            for child in modifiers:
                other = by_token.get(child.i)
                if other is not None and other.kind in _COUNTRY_KINDS | {"organisation"} and (
                    child.dep_ in _MODIFIER_DEPS
                ):
                    country = other
                elif other is None and child.dep_ in _MODIFIER_DEPS and child.pos_ == "PROPN" and (
                    region := self._acting_region(doc[child.left_edge.i:child.i + 1].text)
                ) is not None:
                    place_code, start = region.country, min(start, child.left_edge.i)  # "Darfur rebels"
                elif child.dep_ == "amod" and child.lemma_.lower() in _BELONGING:
                    # "a British-owned tanker", "a Greek-flagged ship" (never "Iranian-backed": a backer)
                    for word in (c for c in child.children if c.dep_ == "npadvmod"):
                        owner = by_token.get(word.i)
                        if owner is not None and owner.kind in _COUNTRY_KINDS:
                            country = owner
                        elif owner is None and (code := self._country_word(word)):
                            place_code, start = code, min(start, word.i)
                elif child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                    for pobj in child.children:
                        other = by_token.get(pobj.i)
                        if other is not None and other.kind in _COUNTRY_KINDS | {"organisation"} and (
                            country is None or child.lower_ != "in"
                        ):  # "the Chinese embassy in Belgrade" is China's
                            country = other
                        elif other is None and pobj.ent_type_ == "GPE" and child.lower_ == "in":
                            name = pobj.doc[pobj.left_edge.i:pobj.i + 1].text  # "New York", not "York"
                            place = geo.city(name) or geo.city(pobj.text)  # "police in Lagos"
                            if place and place["iso3"]:
                                place_code = place["iso3"]
            entity = Entity(place_code, role.sector, "", None, None, role_word if role.is_title else None)
            span_start = start
            if country is not None:
                absorbed.add(id(country))
                entity.code = country.entity.code
                span_start = min(start, country.start)
                holder = self.kb.office_holder(country.entity.code, role_word, day) if role.is_title else None
                if holder is not None:
                    person, office = holder
                    entity = Entity(office.country, office.sector, "", person.qid, person.name, office.office)
            end = tok.i + 1
            entity.entity_text = doc[span_start:end].text
            # "Chinese and Pakistani naval forces": one phrase, two countries' forces
            also = []
            if country is not None:
                for conj in doc[country.head].conjuncts:
                    other = by_token.get(conj.i)
                    if other is not None and other.kind in _COUNTRY_KINDS and other.entity.code != entity.code:
                        absorbed.add(id(other))
                        also.append(Entity(other.entity.code, role.sector, entity.entity_text))
            out.append(Mention(span_start, end, tok.i, "role", entity, also=also,
                               person_key=entity.identifier_text if role.is_title else None))
        return [m for m in mentions if id(m) not in absorbed] + out

    def _home_country(self, mentions: list[Mention]) -> str | None:
        """The only country the text names, or the one most mentions point to when it holds at least 40%
        of them (2 or more)."""
        counts: dict[str, int] = {}
        for m in mentions:
            code = m.entity.code
            if code and len(code) == 3 and code in self.kb.countries and m.kind != "pronoun":
                counts[code] = counts.get(code, 0) + 1
        if not counts:
            return None
        code, n = max(counts.items(), key=lambda kv: kv[1])
        if len(counts) == 1:
            return code  # the only country the text names
        return code if n >= 2 and n / sum(counts.values()) >= 0.4 else None

    def _title_words(self) -> frozenset[str]:
        """Words of many-word titles ("defence" of "defence secretary", "state" of "secretary of state"),
        so that a whole title before a name is read, not only its last word."""
        if not hasattr(self, "_words_of_titles"):
            phrases = [p for p in (*self.kb.roles, *self.kb.office_titles) if " " in p]
            self._words_of_titles = frozenset(
                w for p in phrases for w in p.split() if w not in ("of", "for", "the", "and", "to", "on", "in")
            ) | {"shadow", "deputy"}
        return self._words_of_titles

    def _role_last_words(self) -> frozenset[str]:
        """The last word of every role phrase: a cheap test before building phrases."""
        if not hasattr(self, "_last_words"):
            self._last_words = frozenset(phrase.split()[-1] for phrase in self.kb.roles)
        return self._last_words

    def _role_phrase(self, doc: Doc, tok: Token) -> tuple[str | None, int]:
        """The longest role phrase ending at ``tok`` ("foreign minister", "defence secretary")."""
        roles = self.kb.roles
        for width in (3, 2):
            start = tok.i - width + 1
            if start >= 0 and self._sent(start) == self._sent(tok.i):
                phrase = doc[start:tok.i + 1].text.lower()
                if phrase in roles:
                    return phrase, start
        for form in (tok.lower_, tok.lemma_.lower()):
            if form in roles:
                return form, tok.i
        return None, tok.i

    def _title_claim(self, doc: Doc, m: Mention, by_token: dict[int, Mention]) -> None:
        """Record the title the text gives a person (``m.title`` and the claim's words), for the claim checks:
        "Russian Defence Minister Igor Petrenko", "then-Defence Secretary Ben Wallace", or an appositive."""
        i, words, country_code, country_at = m.start - 1, [], None, None
        while i >= 0 and self._sent(i) == self._sent(m.start):
            tok, other = doc[i], by_token.get(i)
            if other is not None and other.kind in _COUNTRY_KINDS | {"organisation"} and country_code is None:
                country_code, country_at = other.entity.code, other.start  # "Russian", "NATO"
                i = other.start - 1
                continue
            named = self._country_word(tok) if country_code is None else None
            if named is not None:  # "U.S." the NER left out
                country_code, country_at, i = named, tok.i, i - 1
                continue
            if tok.lower_ in self.kb.roles or tok.lower_ in self._title_words() or (
                words and (tok.lower_ in ("of", "for") or (tok.text == "-" and not tok.whitespace_))
            ):
                words.insert(0, tok)
                i -= 1
                continue
            break
        while words and (words[0].lower_ in ("of", "for") or words[0].text == "-"):
            words.pop(0)
        if not words:
            self._appositive_claim(doc, m, by_token)
            return
        first = min([words[0].i] + ([country_at] if country_at is not None and country_at < words[0].i else []))
        title = doc[words[0].i:words[-1].i + 1].text.lower()  # "secretary-general" keeps its hyphen
        m.title, m.claim_start, m.claim_end = " ".join(title.split()), first, m.end
        m.title_country = country_code
        m.title_qualified = any(t.lower_ in _TITLE_QUALIFIERS for t in words) or any(
            doc[k].lower_.strip("-") in _TITLE_QUALIFIERS for k in range(max(0, first - 2), first))

    def _appositive_claim(self, doc: Doc, m: Mention, by_token: dict[int, Mention]) -> None:
        """ "Ben Wallace, the British defence secretary," and "Russia's defence minister, Sergei Shoigu,":
        record the title the text gives the person (only; resolution is left as it is)."""
        head = doc[m.head]
        nouns = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            nouns.append(head.head)
        for noun in nouns:
            words: list[Token] = []
            country: Mention | None = None
            qualified = False
            for child in noun.lefts:
                other = by_token.get(child.i)
                if other is not None and other.kind in _COUNTRY_KINDS | {"organisation"}:
                    country = other
                elif child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "PROPN", "ADJ"):
                    words.append(child)
                    qualified |= child.lower_ in _TITLE_QUALIFIERS
                elif child.lower_ in _TITLE_QUALIFIERS:
                    qualified = True
            phrase = " ".join([w.lower_ for w in words] + [noun.lower_])
            if phrase not in self.kb.roles and phrase not in self.kb.office_titles:
                continue
            lo, hi = min(noun.left_edge.i, m.start), max(noun.right_edge.i + 1, m.end)
            m.title, m.title_country, m.title_qualified = phrase, country.entity.code if country else None, qualified
            m.claim_start, m.claim_end = lo, hi
            return

    def _appositive_title(self, doc: Doc, m: Mention) -> str | None:
        for child in doc[m.head].children:
            if child.dep_ == "appos" and child.lower_ in self.kb.roles:
                return child.lower_
        return None

    # -- later mentions reuse earlier ones --------------------------------------------------------
    def _resolve_references(self, analysis: Analysis, doc: Doc, mentions: list[Mention]) -> None:
        full_names: dict[str, Mention] = {}
        for m in mentions:
            if m.kind != "person":
                continue
            text = doc[m.head].text if m.end - m.start > 1 else doc[m.start:m.end].text
            # A bare surname of someone named in full earlier: reuse that person, also over someone else the
            # KB knows by that surname ("Bishop Rolando Álvarez ... Álvarez" is not a Dominican minister)
            if m.end - m.start == 1 and text in full_names and (
                m.entity.identifier_text is None or full_names[text].person_key != m.person_key
            ):
                self._reuse(m, full_names[text])
            name_tokens = [t for t in doc[m.start:m.end] if t.ent_type_ == "PERSON" or t.i == m.head]
            if name_tokens:
                full_names.setdefault(name_tokens[-1].text, m)
        # Pronouns and "the alliance", in reading order so that each can point to the ones before it.
        for tok in doc:
            low = tok.lower_
            found: Mention | None = None
            if low in _PRONOUN_GENDER and tok.pos_ == "PRON" or (low in ("his", "her") and tok.dep_ == "poss"):
                target = self._antecedent_person(doc, mentions, tok, _PRONOUN_GENDER[low])
                if target is not None:
                    found = self._copy(target, tok, "pronoun")
            elif low in _IT_PRONOUNS and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "poss"):
                target = self._antecedent_it(analysis, doc, mentions, tok)
                if target is not None:
                    found = self._copy(target, tok, "pronoun")
            elif low in _THEY_PRONOUNS and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "poss"):
                found = self._antecedent_they(analysis, doc, mentions, tok)
            elif low in _PAIR_NOUNS and tok.i > 0 and (
                doc[tok.i - 1].lower_ == "both" or doc[tok.i - 1].lower_ == "two" and tok.i > 1
                and doc[tok.i - 2].lower_ == "the"
            ):
                pair = self._last_two(mentions, tok.i)
                if pair:  # "the two leaders", "both countries": one mention standing for two
                    start = tok.i - (2 if doc[tok.i - 1].lower_ == "two" else 1)
                    text = doc[start:tok.i + 1].text
                    first, second = (Entity(p.entity.code, p.entity.sector, text) for p in pair)
                    found = Mention(start, tok.i + 1, tok.i, "pronoun", first, also=[second])
            elif low in _ANAPHORIC_ORGS and tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "this", "that"):
                codes = _ANAPHORIC_ORGS[low]
                prior = [m for m in mentions if m.start < tok.i and m.entity.code in codes]
                if prior:
                    found = self._copy(prior[-1], tok, "organisation")
                    found.start = tok.i - 1
                    found.entity.entity_text = doc[tok.i - 1:tok.i + 1].text
                    mentions[:] = [m for m in mentions if not (m.kind == "role" and m.start <= tok.i < m.end)]
            elif low in _GROUP_NOUNS and tok.pos_ == "NOUN" and tok.i not in _covered(mentions) and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children
            ) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                # "the group", "the Iran-backed militia": the last armed group or movement named before
                prior = [m for m in mentions if m.end <= tok.i and m.kind == "organisation"
                         and m.entity.sector in _GROUP_SECTORS]
                if prior:
                    found = self._copy(prior[-1], tok, "organisation")
            if found is not None:
                insort(mentions, found, key=lambda m: m.start)
        for n, m in enumerate(mentions):
            # "the junta" after "Niger's junta": the same body, so the same country.
            if m.kind == "role" and m.entity.code is None:
                word = doc[m.head].lemma_.lower()
                for prior in reversed(mentions[:n]):
                    if prior.kind == "role" and prior.entity.code and doc[prior.head].lemma_.lower() == word:
                        m.entity.code = prior.entity.code
                        break
        for m in mentions:
            if m.kind == "role" and m.entity.office and m.entity.identifier_text is None:
                target = self._title_antecedent(mentions, m)
                if target is not None:
                    self._reuse(m, target)

    def _last_two(self, mentions: list[Mention], before: int) -> list[Mention]:
        """The two most recent distinct countries named before ``before`` (people count by their country)."""
        seen: dict[str, Mention] = {}
        for m in reversed([m for m in mentions if m.end <= before and m.entity.code]):
            if m.entity.code not in seen and m.kind != "pronoun":
                seen[m.entity.code] = m
            if len(seen) == 2:
                return list(seen.values())
        return []

    def _reuse(self, m: Mention, target: Mention) -> None:
        text = m.entity.entity_text
        m.entity = Entity(**{**target.entity.to_dict(), "entity_text": text})
        m.gender = target.gender
        m.person_key = target.person_key

    def _copy(self, target: Mention, tok: Token, kind: str) -> Mention:
        entity = Entity(**{**target.entity.to_dict(), "entity_text": tok.text})
        return Mention(tok.i, tok.i + 1, tok.i, kind, entity, target.gender, target.person_key)

    def _antecedent_person(self, doc: Doc, mentions: list[Mention], tok: Token, gender: str) -> Mention | None:
        # a pronoun outside quotation marks does not point to a name inside them ("... for Kharkiv," he said)
        quoted = [(s, e) for s, e in quoted_spans(doc.text) if not s <= tok.idx < e]
        candidates = [m for m in mentions if m.end <= tok.i and m.person_key
                      and (m.gender in (None, gender)) and tok.i - m.end < 120
                      and not any(s <= doc[m.start].idx < e for s, e in quoted)]
        if not candidates:
            return None
        # "..., he said": prefer the last person who was speaking.
        if tok.dep_ in _SUBJECT_DEPS and tok.head.lemma_ in self.speech_verbs:
            speakers = [m for m in candidates if doc[m.head].dep_ in _SUBJECT_DEPS
                        and doc[m.head].head.lemma_ in self.speech_verbs]
            if speakers:
                return speakers[-1]
        same_sentence = [m for m in candidates if self._sent(m.start) == self._sent(tok.i)]
        return (same_sentence or candidates)[-1]

    def _antecedent_it(self, analysis: Analysis, doc: Doc, mentions: list[Mention], tok: Token) -> Mention | None:
        """"it" is the nearest earlier subject country/organisation in the sentence, else the main
        subject of the previous sentence; otherwise it stays unresolved."""
        sent_no = analysis.sentence_of(tok.i)
        own_subjects = _own_subjects(tok)
        coded = [m for m in mentions if (m.kind in _COUNTRY_KINDS | {"organisation"} or m.kind == "role" and
                                         m.entity.code and not m.person_key) and m.end <= tok.i
                 and m.head not in own_subjects]
        here = [m for m in coded if analysis.sentence_of(m.head) == sent_no
                and doc[m.head].dep_ in _SUBJECT_DEPS]
        if here:
            return here[-1]
        if sent_no > 0:
            prev = analysis.sentences[sent_no - 1]
            for m in coded:
                head = doc[m.head]
                if analysis.sentence_of(m.head) == sent_no - 1 and head.dep_ in _SUBJECT_DEPS and (
                    head.head == prev.root
                ):
                    return m
        return None

    def _antecedent_they(self, analysis: Analysis, doc: Doc, mentions: list[Mention], tok: Token) -> Mention | None:
        """"they" is the nearest earlier plural subject in the sentence ("the Houthis said they would halt
        attacks", "Russia and China said they would veto it"), else the previous sentence's plural main
        subject; people named one by one are left to "he"/"she"."""
        sent_no = analysis.sentence_of(tok.i)
        own_subjects = _own_subjects(tok)
        by_head = {m.head: m for m in mentions}

        def plural(m: Mention) -> Mention | None:
            if m.kind == "person" or m.head in own_subjects or not (m.entity.code or m.entity.sector):
                return None
            head = doc[m.head]
            partners = [by_head[c.i] for c in head.conjuncts if c.i in by_head and c.i > head.i]
            if partners:
                first = Entity(**{**m.entity.to_dict(), "entity_text": tok.text})
                others = [Entity(**{**p.entity.to_dict(), "entity_text": tok.text}) for p in partners]
                return Mention(tok.i, tok.i + 1, tok.i, "pronoun", first, also=others)
            if head.tag_ in ("NNS", "NNPS") or m.kind == "organisation" and head.text.endswith("s"):  # "the Houthis"
                return self._copy(m, tok, "pronoun")
            return None

        subjects = [m for m in mentions if m.end <= tok.i and doc[m.head].dep_ in _SUBJECT_DEPS]
        for m in reversed([m for m in subjects if analysis.sentence_of(m.head) == sent_no]):
            found = plural(m)
            if found is not None:
                return found
        if sent_no > 0:
            prev = analysis.sentences[sent_no - 1]
            for m in subjects:
                if analysis.sentence_of(m.head) == sent_no - 1 and doc[m.head].head == prev.root:
                    return plural(m)
        return None

    def _title_antecedent(self, mentions: list[Mention], m: Mention) -> Mention | None:
        word = (m.entity.office or "").split()[-1]
        for prior in reversed([p for p in mentions if p.start < m.start and p.kind == "person"]):
            office = (prior.entity.office or "").lower()
            if word and word in office and (m.entity.code in (None, prior.entity.code)):
                return prior
        return None
