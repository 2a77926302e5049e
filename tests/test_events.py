"""Event types, roles and markers from the dependency parse, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import Article
from helpers import find, summary

DAY = dt.date(2023, 5, 10)  # a Wednesday


@pytest.fixture(scope="module")
def code(coder):
    def _code(text: str, published: dt.date | None = DAY):
        return coder.code(Article(id="t", text=text, published=published)).records
    return _code


def test_aid_from_subject_to_object(code):
    records = code("France delivered armoured vehicles to Ukraine on Monday.")
    assert find(records, "AID", ["FRA"], ["UKR"])


def test_passive_voice_reads_the_agent_as_actor(code):
    records = code("The Iranian proposal was rejected by the United States.")
    assert find(records, "REJECT", ["USA"], ["IRN"])


def test_assault_with_role_words_and_place(code):
    records = code("Russian troops shelled Kharkiv on Tuesday, killing four civilians.")
    attack = find(records, "ASSAULT", ["RUS"])
    assert attack
    assert attack[0]["actor"][0]["sector"] == "MIL"
    assert attack[0]["event_loc"]["country"] == "UKR"
    assert attack[0]["event_loc"]["lat"] is not None
    assert attack[0]["date"] == "2023-05-09"


def test_a_town_sharing_a_name_is_the_one_in_the_country_the_sentence_names(code):
    # "Kuito" is also an old spelling of Quito; beside "Angolan" it is Cuito in Angola.
    records = code("Rebel fighters are massing around the city of Kuito, Angolan officers said.")
    assert records and records[0]["event_loc"]["country"] == "AGO"
    # A city's own name keeps the most populous one: London is in England beside "Canadian" too.
    records = code("Canadian troops paraded in London on Monday.")
    assert all(r["event_loc"] is None or r["event_loc"]["country"] == "GBR" for r in records)


def test_a_city_named_before_a_noun_places_the_event(code):
    records = code("Britain vetoed the budget at a Brussels summit on Friday.")
    assert find(records, "REJECT", ["GBR"])[0]["event_loc"]["name"] == "Brussels"
    # a common noun is no town ("summit" is also Summit, New Jersey), and an unmarked small town is not
    # taken from across the world ("Arava" is an old name of Arawa in Papua New Guinea)
    records = code("Jordan and Israel signed an accord at a border crossing in the Arava valley.")
    assert all((r["event_loc"] or {}).get("country") != "PNG" for r in records)


def test_negation_is_marked(code):
    records = code("Serbia did not recognise the new government in Kosovo.")
    assert records and all(r["markers"]["negated"] for r in records)


def test_refusing_to_meet_is_a_rejection(code):
    records = code("The Venezuelan government refused to meet the Colombian delegation.")
    reject = find(records, "REJECT", ["VEN"])
    assert reject and reject[0]["mode"] == ["meet"]


def test_future_meeting_is_marked_future_and_dated_forward(code):
    records = code("Chinese Foreign Minister Wang Yi will meet his Indian counterpart on Friday.")
    meet = find(records, "AGREE", ["CHN"])  # PLOVER: a promised meeting is AGREE, the meeting second
    assert meet and meet[0]["markers"]["future"] and meet[0]["event"] == ["AGREE", "CONSULT"]
    assert meet[0]["date"] == "2023-05-12"


def test_conditional_attack_is_hypothetical(code):
    records = code("If Hamas fires rockets again, Israel could strike targets in Gaza.")
    assert records and any(r["markers"]["hypothetical"] for r in records)


def test_threat_to_impose_sanctions_is_one_threaten_event(code):
    records = code("The European Union threatened to impose sanctions on Belarus.")
    assert [s[0] for s in summary(records)] == ["THREATEN"]
    assert find(records, "THREATEN", ["EU"], ["BLR"])


def test_demand_is_a_request(code):
    records = code("Protesters in Nairobi demanded that the Kenyan government lower fuel prices.")
    assert find(records, "REQUEST", ["KEN"]) or find(records, "PROTEST", ["KEN"])


def test_police_arrests_are_coercion(code):
    records = code("Police in Dhaka arrested twelve opposition activists on Sunday.")
    arrest = find(records, "COERCE", ["BGD"])
    assert arrest and arrest[0]["mode"] == ["arrest"]


def test_the_object_decides_what_blocking_and_suspending_are(code):
    blockade = code("Farmers in Lithuania blocked two border crossings with Belarus on Monday.")
    assert find(blockade, "PROTEST") and not find(blockade, "REJECT")
    shutdown = code("Ethiopian authorities suspended internet services in Amhara for a month.")
    assert find(shutdown, "COERCE", ["ETH"]) and not find(shutdown, "SANCTION")


def test_a_lone_event_word_the_rules_cannot_type_alone_goes_to_the_model(code):
    # "sent" is typed by what was sent (troops, aid, an envoy); no rule knows ambulances
    assert find(code("Norway sent 30 ambulances to Moldova."), "AID", ["NOR"], ["MDA"])


def test_announcing_or_declaring_an_event_noun_is_that_event(code):
    # "announce" and "declare" usually introduce speech; with an event noun as object they do the act
    records = code("The Yemeni president announced a blockade of the port of Hodeidah.")
    assert find(records, "COERCE", ["YEM"])


def test_a_third_partys_report_of_what_did_not_happen_is_no_refusal(code):
    reported = code("Eritrea has not withdrawn its troops from the border town, the African Union said.")
    assert find(reported, "RETREAT", ["ERI"]) and find(reported, "RETREAT", ["ERI"])[0]["markers"]["negated"]
    assert not find(reported, "REJECT")
    own_words = code("Eritrea will not withdraw its troops from the border town, its information minister said.")
    assert find(own_words, "REJECT", ["ERI"])


def test_claiming_responsibility_for_an_attack_is_the_attack(code):
    # "claim" usually introduces speech; "claim responsibility" is the lexicon's way of owning an attack
    records = code("Al-Shabaab claimed responsibility for the bombing in Mogadishu.")
    assert find(records, "ASSAULT", ["SOM"])
    assert not find(records, "ACCUSE")


def test_a_price_to_pay_in_someones_words_stays_a_threat(code):
    # the model alone reads "will pay" as a promise; the lexicon's "pay + price" decides the reported clause
    records = code('"The Houthis will pay a heavy price for this attack," the American defence secretary said.')
    assert find(records, "THREATEN", ["USA"], ["YEM"])
    assert not find(records, "AGREE")


def test_who_is_expected_to_act_is_the_actor(code):
    records = code("Chile's president and Peru's prime minister are expected to hold talks in Lima on Friday.")
    assert find(records, "AGREE", ["CHL"], ["PER"])


def test_reported_speech_makes_the_speaker_the_source_of_a_verbal_event(code):
    records = code("Turkish President Recep Tayyip Erdogan accused Sweden of sheltering militants.")
    assert find(records, "ACCUSE", ["TUR"], ["SWE"])


def test_every_record_has_quad_code_scale_and_cameo(code):
    records = code("Egypt hosted talks between Israeli and Palestinian officials in Cairo.")
    for r in records:
        assert 1 <= r["quad_code"] <= 4
        assert -10 <= r["event_scale"] <= 10
        assert r["cameo"].isdigit()


def test_without_publication_date_relative_dates_stay_unresolved(code):
    records = code("Japan sent rescue teams to Turkey yesterday.", published=None)
    assert records
    assert records[0]["date"] is None
    assert records[0]["date_precision"] == "unresolved"


def test_same_text_gives_the_same_ids(code):
    text = "Brazil and Argentina signed a trade agreement in Buenos Aires."
    assert [r["id"] for r in code(text)] == [r["id"] for r in code(text)]


def test_joint_parties_are_each_others_recipients(code):
    records = code("Chile and Argentina agreed on Tuesday to build a second bridge over their shared river.")
    agree = find(records, "AGREE", ["CHL", "ARG"])
    assert agree
    assert {r["code"] for r in agree[0]["recipient"]} == {"CHL", "ARG"}
    assert agree[0]["recipient"][0]["code"] != agree[0]["actor"][0]["code"]  # A -> B first, not A -> A


def test_a_mobilisation_near_a_border_with_a_country_aims_at_it(code):
    records = code("Armenia deployed two artillery brigades near its border with Azerbaijan on Sunday.")
    moves = find(records, "MOBILIZE", ["ARM"], ["AZE"])
    assert moves and moves[0]["event_loc"]["precision"] == "border"


def test_where_talks_are_held_is_not_whom_they_are_held_with(code):
    records = code("Envoys of Ethiopia and the Tigrayan rebels held talks on the island of Zanzibar on Friday.")
    assert not [r for r in records for e in r["recipient"] if e["code"] == "TZA"]


def test_when_the_rules_find_a_word_but_no_doer_the_sentence_is_read_from_its_root(code):
    # "flood-hit" reads as an attack word without an actor; the model reads the sentence as aid
    records = code("Japan sent 40 tonnes of medical supplies, including tents and blankets, "
                   "to flood-hit Pakistan aboard air force planes.")
    assert find(records, "AID", ["JPN"], ["PAK"])


def test_an_attack_noun_the_parser_makes_the_root_keeps_its_actor(code):
    records = code("Israeli air strikes killed at least 12 people in southern Lebanon on Friday.")
    assert find(records, "ASSAULT", ["ISR"])


@pytest.fixture(scope="module")
def rules_only(coder):
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline(coder.nlp, classifier=None)

    def _code(text: str):
        records, _quotes, _analysis = pipeline(Article(id="t", text=text, published=DAY), coder.nlp(text))
        return records
    return _code


def test_a_verdict_on_anothers_act_is_an_accusation_or_praise(rules_only):
    assert find(rules_only("The Kremlin called the new sanctions illegal."), "ACCUSE", ["RUS"])
    assert find(rules_only("Beijing called the talks constructive."), "SUPPORT", ["CHN"])
    assert not find(rules_only("Macron called Putin on Tuesday."), "ACCUSE")


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # verb and object groups of the lexicon: any hand-over verb with any weapon is military aid
    ("Norway has donated howitzers to Ukraine.", "AID", "NOR", "UKR"),
    ("Poland gave Ukraine a squadron's worth of fighter jets.", "AID", "POL", "UKR"),
    # through a quantity to what is handed over or moved
    ("Sweden has given its whole stock of anti-tank rockets to Ukraine.", "AID", "SWE", "UKR"),
    ("Iran has shipped thousands of drones to Russia, according to Western officials.", "AID", "IRN", "RUS"),
    ("Britain will send a carrier strike group to the Indo-Pacific next year.", "MOBILIZE", "GBR", None),
    ("Chad rushed a battalion to its border with Sudan.", "MOBILIZE", "TCD", None),
])
def test_object_groups_type_a_verb_by_what_it_moves(code, text, type_, actor, recipient):
    assert find(code(text), type_, [actor], [recipient] if recipient else None), summary(code(text))


def test_an_object_rule_naming_both_words_outranks_a_group_rule():
    from eventwire.pipeline.lexicon import load_lexicon

    rules = load_lexicon().object_rules
    assert rules[("send", "jet")].type == "MOBILIZE"  # a country sends its own jets
    assert rules[("give", "jet")].type == "AID"  # and gives another country jets
    assert rules[("ship", "grain")].type == "COOPERATE"  # grain is traded, aid is given


def test_an_object_rule_with_an_unknown_group_is_an_error(tmp_path):
    from eventwire.errors import EventwireError
    from eventwire.pipeline.lexicon import load_lexicon_file

    bad = tmp_path / "lexicon.toml"
    bad.write_text('[object_rules]\nrules = ["<movers> + troop = MOBILIZE"]\n')
    with pytest.raises(EventwireError, match="unknown verb group <movers>"):
        load_lexicon_file(bad)


def test_parties_that_sign_or_restore_ties_support_each_other(code):
    records = code("Australia and Indonesia signed a defence cooperation agreement on Thursday.")
    assert find(records, "SUPPORT", ["AUS"], ["IDN"]) and find(records, "SUPPORT", ["IDN"], ["AUS"])
    # praise from two countries is not praise of each other
    assert not find(code("France and Germany welcomed the election result."), "SUPPORT", None, ["FRA", "DEU"])


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # the subject of "receive", "get", "face", "win", "come under" is on the receiving end
    ("Pakistan received a $3 billion loan from the IMF.", "AID", "IMF", "PAK"),
    ("Ukraine got new tanks from Germany.", "AID", "DEU", "UKR"),
    ("Israel came under rocket fire from Hezbollah.", "ASSAULT", "LBN", "ISR"),
    ("Kyiv came under Russian fire overnight.", "ASSAULT", "RUS", "UKR"),
    ("Iran faces new sanctions from the European Union.", "SANCTION", "EU", "IRN"),
    ("Syria won the backing of Russia.", "SUPPORT", "RUS", "SYR"),
])
def test_a_receiving_verb_makes_its_subject_the_recipient(code, text, type_, actor, recipient):
    assert find(code(text), type_, [actor], [recipient]), summary(code(text))


def test_the_visitor_is_the_actor_and_the_host_the_recipient(code):
    # PLOVER: "the visitor will always be coded as the actor and the host will be the recipient"
    records = code("Putin received the Iranian foreign minister in Moscow.")
    assert find(records, "CONSULT", ["IRN"], ["RUS"]), summary(records)
    records = code("Tanzania's president was hosted by Kenyan President William Ruto in Nairobi for talks.")
    assert find(records, "CONSULT", ["TZA"], ["KEN"]), summary(records)


def test_a_force_that_was_deployed_is_the_one_that_mobilises(code):
    records = code("Russian troops were deployed to the border with Ukraine on Monday.")
    assert find(records, "MOBILIZE", ["RUS"]), summary(records)
    assert not find(records, "MOBILIZE", None, ["RUS"])


def test_a_light_verb_with_a_noun_naming_a_material_act_keeps_the_nouns_type(code):
    # the model alone reads "approved" as a concession; the sanctions decide
    records = code("The U.S. Congress approved new sanctions on Iran.")
    assert find(records, "SANCTION", ["USA"], ["IRN"]), summary(records)
    # "strike" alone is an air strike or a walk-out: the model still decides
    records = code("Trade unions representing doctors and port workers held a one-day strike against tax increases.")
    assert not find(records, "ASSAULT"), summary(records)


def test_congress_is_the_legislature_of_the_country_in_question(code):
    records = code("Peruvian President Alberto Fujimori dissolved Congress on Sunday.")
    assert not any("USA" in {e["code"] for e in r["recipient"]} for r in records), summary(records)


def test_where_a_visitor_arrives_is_whom_they_visit(code):
    records = code("Japan's prime minister arrived in Hanoi on Monday for a three-day official visit.")
    assert find(records, "CONSULT", ["JPN"], ["VNM"]), summary(records)


def test_whoever_receives_a_handed_over_person_is_the_recipient(code):
    records = code("Serbia handed over former Bosnian Serb leader Radovan Karadzic to the U.N. war crimes tribunal.")
    assert find(records, "COOPERATE", ["SRB"], ["UNO"]), summary(records)


def test_where_an_accord_is_signed_is_a_venue(code):
    records = code("Mozambican President Joaquim Chissano and RENAMO leader Afonso Dhlakama signed a peace accord "
                   "in Rome.")
    assert find(records, "SUPPORT", ["MOZ"]), summary(records)
    assert not find(records, "SUPPORT", None, ["ITA"]), summary(records)


def test_meeting_a_condition_is_not_a_meeting(code):
    records = code("Chile said it would not admit the inspectors unless its conditions were met.")
    assert not find(records, "CONSULT")
    assert not code("Greece has met the conditions for the next loan.")


def test_a_call_made_to_discuss_something_is_one_consultation(code):
    records = code("Kenya's president telephoned his Tanzanian counterpart on Sunday to discuss the border dispute.")
    assert len(find(records, "CONSULT")) == 1
    assert find(records, "CONSULT", ["KEN"], ["TZA"])


def test_a_force_that_moves_by_itself_is_mobilised(code):
    records = code("A French naval task force sailed from Toulon on Monday for the eastern Mediterranean.")
    assert find(records, "MOBILIZE", ["FRA"])
    records = code("Ethiopian troops landed in Somalia's Puntland region on Thursday.")
    (landing,) = find(records, "MOBILIZE", ["ETH"], ["SOM"])
    assert landing["event_loc"]["country"] == "SOM"


def test_camping_out_and_staying_away_are_protests(code):
    assert find(code("Thousands of opposition supporters camped out in central Tbilisi for a fourth night."),
                "PROTEST", ["GEO"])
    assert find(code("Iran said its athletes would stay away from the games in protest."), "PROTEST", ["IRN"])


def test_a_government_official_telling_of_what_will_be_granted_is_the_government_granting_it(code):
    records = code("Exiled opposition leaders will be allowed to return to Bolivia, "
                   "Interior Minister Eduardo Valdivia announced.")
    assert find(records, "CONCEDE", ["BOL"])


def test_whoever_tells_of_a_killing_did_not_do_it(code):
    records = code("Ten people were killed in the attack, the Nigerian information minister said.")
    assert not [r for r in records if any(a["code"] == "NGA" and a["sector"] == "GOV" for a in r["actor"])]


def test_a_lender_approving_a_credit_gives_aid(code):
    assert find(code("The World Bank approved a 200 million dollar credit for Ghana."), "AID", ["WBK"], ["GHA"])


def test_what_an_act_is_meant_to_do_is_not_yet_an_event(code):
    records = code("Turkey sent troops into northern Iraq to arrest PKK fighters.")
    assert find(records, "MOBILIZE") and not find(records, "COERCE")


def test_two_states_opening_a_crossing_between_them_cooperate(code):
    records = code("Turkey and Armenia reopened their shared border crossing on Friday.")
    assert find(records, "COOPERATE", ["TUR", "ARM"], ["TUR", "ARM"])
    assert find(code("Israel opened the Kerem Shalom crossing to aid trucks."), "RETREAT", ["ISR"])


def test_two_sides_that_clash_fight_each_other(code):
    (clash,) = find(code("Indian and Pakistani troops traded fire overnight."), "ASSAULT", ["IND", "PAK"])
    assert {r["code"] for r in clash["recipient"]} == {"IND", "PAK"}


def test_two_sides_pulling_back_retreat_from_each_other(code):
    (pullback,) = find(code("Ecuadorean and Peruvian troops pulled back from the disputed border zone."), "RETREAT",
                       ["ECU", "PER"])
    assert {r["code"] for r in pullback["recipient"]} == {"ECU", "PER"}


def test_parties_joined_by_and_further_down_the_verbs_phrase_are_all_recipients(code):
    (offer,) = find(code("Egypt offered to mediate between Israel and the Palestinians."), "AGREE", ["EGY"])
    assert {r["code"] for r in offer["recipient"]} == {"ISR", "PSE"}


def test_arrests_an_officer_of_the_state_reports_in_the_passive_are_the_states(code):
    records = code("Security forces fired tear gas at protesters in La Paz, and the attorney general said "
                   "300 people had been arrested since Monday.")
    assert find(records, "COERCE", ["BOL"])


def test_sending_rescue_teams_or_doctors_is_aid(code):
    assert find(code("Turkey sent 200 rescuers to Syria after the earthquake."), "AID", ["TUR"], ["SYR"])
    assert find(code("Cuba dispatched a medical team to Haiti."), "AID", ["CUB"], ["HTI"])


def test_refusing_to_rule_out_force_is_a_threat(code):
    assert find(code("Trump refused to rule out using military force to take control of the Panama Canal."),
                "THREATEN", ["USA"])
    assert not find(code("The Brazilian president refused to rule out a second term."), "THREATEN")
    assert find(code("Putin did not rule out the use of nuclear weapons."), "THREATEN", ["RUS"])


def test_a_reaction_to_an_earlier_event_is_aimed_at_its_doer(code):
    # "the criticism" points back to who criticised, over a party named inside the reaction's own words
    records = code("The European Union condemned the elections in Belarus as a sham. "
                   "Belarus rejected the criticism as meddling in Belarus's internal affairs.")
    assert find(records, "REJECT", ["BLR"], ["EU"])
    # the event told with the same word, not merely the latest of its type
    records = code("Gunmen from Boko Haram attacked a market in Borno state, killing 20 people. "
                   "Nigerian jets later bombed militant camps near the border. "
                   "The African Union condemned the attack.")
    (condemned,) = find(records, "ACCUSE", ["AU"], ["NGA"])
    assert condemned["recipient"][0]["entity_text"] == "Gunmen"


def test_what_a_body_is_to_do_is_a_plan(code):
    records = code("The European Union is to send 50 million euros worth of food to Sudan before the rains.")
    assert find(records, "AGREE", ["EU"], ["SDN"])  # a promise of aid, not aid given
    records = code("France cancelled two billion euros of debt owed by Niger.")  # a sum "of" what is cancelled
    assert find(records, "AID", ["FRA"], ["NER"])


def test_a_phone_call_on_a_day_is_not_a_call_on_someone(code):
    assert find(code("Biden called Putin on Tuesday."), "CONSULT", ["USA"], ["RUS"])
    assert find(code("Biden called on Putin to withdraw his troops."), "REQUEST", ["USA"], ["RUS"])


def test_calling_someone_a_name_is_an_accusation(code):
    # the parser may read "the devil" as a second name for Bush
    assert find(code("Hugo Chavez called George W. Bush the devil."), "ACCUSE", ["VEN"], ["USA"])


def test_a_territory_sealed_off_is_where_the_act_is_and_whom_it_weighs_on(code):
    records = code("Israeli troops sealed off the West Bank after a shooting on a Tel Aviv bus.")
    (closure,) = find(records, "COERCE", ["ISR"], ["PSE"])
    # where the shooting happened (a phrase telling another event) is not where the closure is
    assert closure["event_loc"]["name"] == "West Bank"


def test_a_long_range_missile_aimed_at_no_one_is_a_show_of_force(code):
    launch = code("North Korea fired an intercontinental ballistic missile that landed in the sea off Hokkaido.")
    assert find(launch, "MOBILIZE", ["PRK"])
    attack = code("Russia fired ballistic missiles at Kyiv overnight.")
    (strike,) = find(attack, "ASSAULT", ["RUS"], ["UKR"])
    assert strike["event_loc"]["name"] == "Kyiv"  # not "Kyiv overnight", which the recogniser read as a time
    assert find(code("Hamas fired rockets into southern Israel."), "ASSAULT", ["PSE"], ["ISR"])


def test_an_attack_told_by_its_weapon_is_kept_for_whom_it_hit(code):
    records = code("A roadside bomb killed four Canadian soldiers near Kandahar, a NATO spokesman said.")
    (attack,) = find(records, "ASSAULT", recipient=["CAN"])
    assert attack["actor"] == []


def test_a_game_won_is_no_attack(code):
    assert code("India's cricketers beat Pakistan by six wickets in the Asia Cup final on Sunday.") == []
    assert find(code("Government forces defeated the rebels in a battle near Goma."), "ASSAULT")


def test_what_another_party_must_do_is_the_speaker_s_demand(code):
    records = code("The European Union said Russia must withdraw its troops from Georgia.")
    (demand,) = find(records, "REQUEST", ["EU"], ["RUS"])
    assert demand["event"][1:] == ["RETREAT"]
    assert find(code("Erdogan said Sweden should extradite the Kurdish militants."), "REQUEST", ["TUR"], ["SWE"])
    assert not find(code("Japan said China must stop its drills near Taiwan."), "MOBILIZE", ["CHN"])


def test_a_second_act_joined_by_and_is_an_event_of_its_own(code):
    records = code("Serbia's foreign ministry rejected the criticism and accused Western governments of meddling.")
    assert find(records, "REJECT", ["SRB"]) and find(records, "ACCUSE", ["SRB"])


def test_the_dateline_is_not_the_subject_of_the_lead(coder):
    text = ("HERAT, Afghanistan, 9 October (Wirefront) – Gunmen attacked a police checkpoint outside Herat on Sunday, "
            "killing four officers, the provincial police chief said.")
    records = coder.code(Article(id="d", text=text, published=dt.date(2023, 10, 9))).records
    (attack,) = find(records, "ASSAULT")
    assert attack["actor"][0]["entity_text"] == "Gunmen"


def test_everything_an_accusation_charges_is_its_content(code):
    records = code("Somalia accused Ethiopia of sending troops to fight alongside clan militias.")
    assert [r["event"][0] for r in records] == ["ACCUSE"]


def test_a_resignation_is_a_retreat(code):
    records = code("Charles Taylor resigned as Liberia's president on Monday and flew into exile in Nigeria.")
    assert find(records, "RETREAT", ["LBR"])


def test_ordering_forces_somewhere_is_a_deployment(code):
    assert find(code("France ordered 1,000 gendarmes to New Caledonia on Wednesday."), "MOBILIZE", ["FRA"])
    assert not find(code("Putin ordered troops to withdraw from Kherson."), "MOBILIZE")  # an order to act
    assert find(code("Soldiers took up positions at major intersections in Bangkok on Friday."), "MOBILIZE")
    assert code("Niger hosts about 1,500 French troops.") == []  # troops based there, no meeting
    records = code("Police fired tear gas at protesters in Dhaka on Sunday.")
    assert find(records, "ASSAULT") and not find(records, "MOBILIZE")  # not a missile test


def test_a_vote_or_decision_to_send_help_is_a_promise(code):
    records = code("The UN Security Council voted on Friday to send up to 7,000 peacekeepers to South Sudan.")
    assert find(records, "AGREE", ["UNO"])


def test_a_frontier_with_a_country_is_that_country_s_border(code):
    records = code("India's Border Security Force put its units along the 4,096-km frontier with Bangladesh "
                   "on high alert.")
    (alert,) = find(records, "MOBILIZE", ["IND"], ["BGD"])
    assert alert["event_loc"]["precision"] == "border"  # not a town that "Bangladesh" is another name of


def test_carrying_people_out_of_danger_is_aid(code):
    assert find(code("The Indian air force evacuated 400 civilians from Kabul."), "AID", ["IND"])


def test_a_reply_still_to_come_is_a_warning(code):
    assert find(code("Pakistan's foreign minister said Pakistan would respond to restore the balance."), "THREATEN",
                ["PAK"])
    assert not find(code("Iran responded that the talks were over."), "THREATEN")


def test_a_role_named_in_apposition_acts_as_the_person(code):
    records = code("The party's leader, Morgan Tsvangirai, called for a new poll under international supervision.")
    assert find(records, "REQUEST", ["ZWE"])


def test_a_state_organ_known_by_its_title_acts_in_a_statement_naming_no_one(code):
    # the KB does not know him; his title makes him the government, which the story's country then codes
    records = code("Prime Minister Allan Kemakeza welcomed the force as a new beginning.")
    assert [a["sector"] for r in records if r["event"][0] == "SUPPORT" for a in r["actor"]] == ["GOV"]
