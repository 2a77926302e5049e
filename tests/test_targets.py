"""Whom an event is aimed at when the parser attached no one (pipeline/targets.py): the place where a
material act happened, the one other party the sentence names, or the actor's own country for protests,
coercion and concessions at home. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import Article
from helpers import find, summary


@pytest.fixture(scope="module")
def code(coder):
    def _code(text: str):
        return coder.code(Article(id="t", text=text, published=dt.date(2023, 5, 10))).records
    return _code


def test_a_curfew_is_aimed_at_the_actors_own_country(code):
    assert find(code("Police in Harare imposed a night curfew on Monday."), "COERCE", ["ZWE"], ["ZWE"])


def test_a_street_protest_is_aimed_at_the_government_of_where_it_happened(code):
    (protest,) = find(code("Thousands of teachers marched through central Lima on Sunday."), "PROTEST", ["PER"])
    assert [(r["code"], r["sector"]) for r in protest["recipient"]] == [("PER", "GOV")]


def test_lifting_an_emergency_is_a_concession_to_the_own_country(code):
    assert find(code("The Ecuadorian government lifted the state of emergency on Friday."), "CONCEDE", ["ECU"], ["ECU"])


def test_aid_delivered_somewhere_is_aid_to_that_place(code):
    assert find(code("The World Food Programme distributed food in northern Gaza."), "AID", ["UNO"], ["PSE"])


def test_a_named_recipient_is_never_replaced(code):
    records = code("Ukrainian troops fired rockets at Russian positions in Belgorod on Tuesday.")
    assert find(records, "ASSAULT", ["UKR"], ["RUS"])


def test_a_meeting_place_is_not_whom_the_talks_were_with(code):
    records = code("Kenyan and Ethiopian officials held talks in Geneva on Monday.")
    assert not find(records, "CONSULT", recipient=["CHE"])


def test_the_city_of_talks_is_not_whom_they_were_held_with(code):
    records = code("Colombian officials and ELN commanders held talks in Havana on Friday about a new ceasefire.")
    assert find(records, "CONSULT", ["COL"])
    assert not find(records, "CONSULT", recipient=["CUB"])


def test_strikes_that_killed_people_somewhere_are_aimed_at_that_place(code):
    # the parser may read "airstrikes" as the head and "killed ..." as a clause hanging from it
    records = code("Turkish airstrikes killed at least 12 people in northern Syria on Sunday.")
    assert find(records, "ASSAULT", ["TUR"], ["SYR"])


def test_a_withdrawal_is_aimed_at_the_place_left(code):
    assert find(code("Russian troops withdrew from Kherson on Friday."), "RETREAT", ["RUS"], ["UKR"])
    announced = code("Israel will withdraw its forces from southern Lebanon within 60 days.")
    assert find(announced, "CONCEDE", ["ISR"], ["LBN"])  # an announced withdrawal, aimed where it will happen


def test_the_other_party_named_in_the_clause_is_the_target(code):
    records = code("Tunisia will ease its ban on imports of Libyan fuel from next week.")
    assert find(records, "CONCEDE", ["TUN"], ["LBY"])


def test_two_verbs_of_one_clause_share_their_target(code):
    # "seized its cargo" names no one; the tanker stopped in the same clause is Greek
    records = code("Iranian commandos stopped a Greek tanker in the Strait of Hormuz and seized its cargo.")
    assert find(records, "COERCE", ["IRN"], ["GRC"])


def test_whoever_told_the_news_is_not_the_target(code):
    records = code("Russian warplanes bombed a market in Idlib, Turkish officials said.")
    assert find(records, "ASSAULT", ["RUS"], ["SYR"])
    assert not find(records, "ASSAULT", recipient=["TUR"])


def test_a_party_in_another_event_of_the_sentence_is_not_the_target(code):
    records = code("The junta dissolved the main opposition party, drawing condemnation from the European Union.")
    assert not find(records, "COERCE", recipient=["EU"])


def test_courts_and_police_act_on_people_at_home(code):
    records = code("A Moscow court sentenced the former oil tycoon to nine years in prison for fraud.")
    assert find(records, "SANCTION", ["RUS"], ["RUS"]), summary(records)
    records = code("Police in Nairobi beat the opposition leader during his arrest.")
    assert find(records, "ASSAULT", ["KEN"], ["KEN"]), summary(records)


def test_a_noun_event_word_takes_the_party_its_verb_names(code):
    # "Ghana's solidarity" names the actor's own country; whom it is with hangs on the verb.
    records = code("President Akufo-Addo voiced Ghana's solidarity with the Ivorian government in Accra.")
    assert find(records, "SUPPORT", ["GHA"], ["CIV"])


def test_joint_actors_stay_each_others_recipients_when_a_third_party_is_named(code):
    records = code("Kenyan and Ugandan troops began their annual joint exercises, "
                   "with British instructors taking part.")
    assert find(records, "COOPERATE", ["KEN", "UGA"], ["KEN", "UGA"])


def test_an_eased_blockade_weighs_on_the_place_it_is_of(code):
    records = code("Egypt eased its blockade of the Gaza Strip on Sunday, letting in fuel and medicine.")
    (eased,) = find(records, "RETREAT", ["EGY"], ["PSE"])
    assert eased["event_loc"]["name"] == "Gaza Strip"


def test_whom_an_act_answers_is_its_target(code):
    records = code("Pakistan carried out five nuclear tests on Thursday in response to India's tests last month.")
    assert find(records, "MOBILIZE", ["PAK"], ["IND"])


def test_a_promise_or_refusal_that_names_no_one_else_is_aimed_at_home(code):
    assert find(code("Kenya's president promised to hold multi-party elections before the end of next year."),
                "AGREE", ["KEN"], ["KEN"])
    assert find(code("Saudi Arabia's interior minister rejected calls to let women drive."), "REJECT", ["SAU"], ["SAU"])
    (aid,) = find(code("Japan sent 20 tonnes of relief supplies on Tuesday."), "AID", ["JPN"])
    assert not aid["recipient"]


def test_who_brokers_a_meeting_is_not_whom_it_is_held_with(code):
    records = code("Salvadoran government negotiators and FMLN guerrilla commanders sat down in Mexico City "
                   "under U.N. auspices for a fresh round of peace talks.")
    (talks,) = find(records, "CONSULT", ["SLV"])
    assert "UNO" not in {r["code"] for r in talks["recipient"]}


def test_a_denial_is_aimed_at_the_party_its_content_names(code):
    assert find(code("Syria denied that its troops had entered Lebanon."), "REJECT", ["SYR"], ["LBN"])


def test_a_party_of_another_clause_is_the_last_resort_before_home(code):
    records = code("Israel called up thousands of reservists on Friday as it prepared to widen its offensive "
                   "against Hamas.")
    assert find(records, "MOBILIZE", ["ISR"], ["PSE"])


def test_the_place_of_what_an_act_is_about_is_its_target(code):
    # "in Sudan" places the clashes the meeting is about, not the meeting ("in Addis Ababa" is a venue)
    records = code("African Union envoys met in Addis Ababa on Monday to discuss the fighting in Sudan.")
    assert find(records, "CONSULT", ["AU"], ["SDN"])
    taken_in = code("Chad has taken in 80,000 refugees who fled the war in Sudan, aid officials said.")
    assert find(taken_in, "AID", ["TCD"], ["SDN"])


def test_forces_of_its_own_leave_a_place_abroad(code):
    # "its forces" names the actor as the recipient; the place it leaves does better
    records = code("Russia has not pulled its troops out of the Zaporizhzhia nuclear power plant, inspectors said.")
    assert find(records, "RETREAT", ["RUS"], ["UKR"])


def test_an_organisation_acting_alone_is_not_aimed_at_itself(code):
    records = code("The International Criminal Court opened an inquiry into alleged abuses on Monday.")
    (inquiry,) = find(records, "ACCUSE", ["ICC"])
    assert "ICC" not in [r["code"] for r in inquiry["recipient"]]


def test_the_country_of_a_venue_is_not_whom_talks_were_held_with(code):
    records = code("Armenian and Azerbaijani diplomats held a third round of talks in the Kazakh capital Almaty.")
    assert not find(records, "CONSULT", recipient=["KAZ"])
    records = code("Colombian officials and ELN negotiators resumed talks in the Venezuelan town of San Cristobal, "
                   "according to Norwegian mediators.")
    assert not find(records, "CONSULT", recipient=["VEN"]) and not find(records, "CONSULT", recipient=["NOR"])


def test_a_party_named_in_a_to_phrase_comes_before_one_deep_in_the_object(code):
    records = code("Washington shared intelligence on the Taliban's leaders in Pakistan with India on Monday.")
    assert find(records, "COOPERATE", ["USA"], ["IND"])


def test_joint_parties_act_towards_each_other_not_a_helper_named_further_on(code):
    records = code("Armenia and Azerbaijan agreed to resume border talks with the help of mediators sent by France.")
    (agreed,) = find(records, "AGREE", ["ARM"])
    assert {r["code"] for r in agreed["recipient"]} == {"ARM", "AZE"}
    records = code("Colombian and Venezuelan troops began joint patrols near Cucuta after guerrillas based in "
                   "Ecuador attacked a village.")
    assert not find(records, "COOPERATE", recipient=["ECU"])


def test_an_outsider_acting_on_no_one_named_acts_on_the_country_of_the_story(coder):
    text = ("BANGKOK, 23 May (Wirefront) - Thailand's army seized power on Thursday and detained former ministers "
            "in Bangkok. Thai soldiers blocked roads around the parliament.\n\n"
            "UN Secretary-General Ban Ki-moon called for a prompt return to civilian rule.")
    records = coder.code(Article(id="s", text=text, published=dt.date(2014, 5, 23))).records
    assert find(records, "REQUEST", ["UNO"], ["THA"])


def test_a_statement_naming_no_one_answers_whoever_last_acted_on_the_speaker(coder):
    text = ("BRUSSELS, 24 June (Wirefront) - The European Union adopted new sanctions against Russia on Monday. "
            "The Kremlin said the sanctions would hurt Europe more than Russia and vowed to respond.")
    records = coder.code(Article(id="r", text=text, published=dt.date(2024, 6, 24))).records
    assert find(records, "THREATEN", ["RUS"], ["EU"])
