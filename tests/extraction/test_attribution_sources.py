"""Who said it when the quotation's own sentence does not say: the paragraph's subject, a source named
before it, the subject of a naming verb, one member of a pair; sentence openers are nobody."""

from claims.extraction import extract
from tests.extraction.helpers import speaker_of


def test_a_paragraph_subject_named_after_the_last_quotation_says_the_next_words():
    extraction = extract(
        "Ferry fares in Halifax will rise by a fifth in April.\n\n"
        '"The increase keeps the service afloat," harbour commissioner Dale Fraser said on Monday.\n\n'
        'On "Island Morning," Councillor Mei Chen (Dartmouth), who sits on the transit board, called '
        'commuters the ones who will pay. "Some of them cross twice a day and earn the minimum wage."\n'
    )
    assert speaker_of(extraction, "The increase keeps") == "Dale Fraser"
    assert speaker_of(extraction, "Some of them cross") == "Mei Chen"


def test_according_to_before_the_quotation_names_its_source():
    extraction = extract(
        "Auditors in Accra have finished their review of the stadium contract.\n\n"
        'According to the Daily Graphic, "the ministry paid for seats that were never installed."\n'
    )
    assert speaker_of(extraction, "the ministry paid for seats") == "Daily Graphic"


def test_the_subject_of_a_naming_verb_in_a_relative_clause_used_the_words():
    extraction = extract(
        "Dagny Holm, the mayor of Tromsø, defended the new parking rules.\n\n"
        "Perhaps it was bad timing, but the rules -- which the opposition's leader, Erik Vang, called "
        '"a tax on nurses" -- took effect the week the hospital moved.\n'
    )
    assert speaker_of(extraction, "a tax on nurses") == "Erik Vang"


def test_a_sentence_adverb_or_an_imperative_opening_the_sentence_is_nobody():
    extraction = extract(
        "The water board in Durban published its accounts on Friday.\n\n"
        "Wait, it gets stranger:\n\n"
        '"Meters were read at houses that had been demolished years before."\n'
    )
    assert speaker_of(extraction, "Meters were read") != "Wait"


def test_a_pronoun_after_a_pair_means_the_member_of_its_gender():
    extraction = extract(
        "Dr. Paul Imrie opened the inquiry in Aberdeen.\n\n"
        "Mrs. Ishbel Grant and Mr. Rory Moffat gave evidence for the families. "
        '"The trust knew in 2019 and told nobody," she said.\n'
    )
    assert speaker_of(extraction, "The trust knew") == "Ishbel Grant"


def test_verbs_of_manner_and_people_nouns_attribute_the_words():
    extraction = extract(
        "Supporters packed the ground in Cork for the final.\n\n"
        '"Go back to your own county," Keane barked at the visiting manager.\n\n'
        '"This is the best night of my life!" beamed Aoife Brennan of Mallow, who came with her son.\n\n'
        '"Blink twice if the referee is holding you hostage!" one person tweeted.\n\n'
        "''The club has not paid its tax,'' Mr. Keane pointed out.\n"
    )
    assert speaker_of(extraction, "Go back to your own county") == "Keane"
    assert speaker_of(extraction, "This is the best night") == "Aoife Brennan"
    assert speaker_of(extraction, "Blink twice") == "one person"
    assert speaker_of(extraction, "The club has not paid") == "Keane"


def test_a_description_no_one_was_introduced_with_is_an_unnamed_speaker():
    extraction = extract(
        "Education Minister Tomas Berg defended the school closures in Uppsala.\n\n"
        '"The plan protects the youngest children," Berg said.\n\n'
        "An advertisement paid for by the teachers' union ran on Sunday.\n\n"
        '"Your school could be next," says the ad\'s narrator.\n\n'
        '"I was elected to make hard choices," the minister said.\n'
    )
    assert speaker_of(extraction, "Your school could be next") == "the ad's narrator"
    assert speaker_of(extraction, "I was elected") == "Tomas Berg"


def test_a_quotation_the_writer_says_in_the_first_person_inherits_no_one():
    extraction = extract('Judge Ada Mwangi asked why I had come to Nairobi. "To see my daughter," I said.\n')
    assert speaker_of(extraction, "To see my daughter") is None


def test_the_agent_of_a_passive_speech_verb_said_the_words():
    extraction = extract(
        "Mayor Lionel Dube opened the new terminal in Bulawayo.\n\n"
        'The mayor was accused of "running the airport like a private farm" by a local rival.\n'
    )
    assert speaker_of(extraction, "running the airport") == "a local rival"


def test_a_sentence_after_the_quotation_can_name_who_said_it():
    extraction = extract(
        "Parents in Kisumu have raised money for a new classroom block.\n\n"
        "Headteacher Grace Atieno thanked them at assembly.\n\n"
        '"Give us the land and we will build the school ourselves."\n\n'
        "Those were the words of the parents' association chairman, Otieno Were, on Tuesday.\n"
    )
    assert speaker_of(extraction, "Give us the land") == "Otieno Were"


def test_as_a_name_with_an_apposition_put_it():
    extraction = extract(
        "Exporters in Mombasa are counting the cost of the strong shilling.\n\n"
        "As Wanjiru Kamau, an economist at the Coast Institute, recently put it, "
        '"Nobody wins a currency war, least of all the tea growers."\n'
    )
    assert speaker_of(extraction, "Nobody wins a currency war") == "Wanjiru Kamau"


def test_dotted_initials_stay_inside_the_name_and_its_sentence():
    extraction = extract(
        "The rural caucus met in Columbus on Thursday.\n\n"
        '"This is a disgrace to the whole chamber," said Rep. J.T. Okonjo (D-Ohio), head of the caucus. '
        '"We expect answers."\n\n'
        '"Nobody has called us back," Mr. Okonjo added.\n'
    )
    assert speaker_of(extraction, "This is a disgrace") == "J.T. Okonjo"
    assert speaker_of(extraction, "We expect answers") == "J.T. Okonjo"
    assert speaker_of(extraction, "Nobody has called us back") == "J.T. Okonjo"


def test_leads_of_time_datelines_and_a_lone_participle_are_nobody():
    extraction = extract(
        "Polls are tightening in Manitoba.\n\n"
        'Hours later, Marta Quist returned the favour, telling the Free Press, "She is a friend."\n\n'
        'Quist said the race was close. Adding, "Nobody should relax now."\n\n'
        'WINNIPEG, Aug. 24 (CP) — Premier Louis Bouchard called the poll "a snapshot, nothing more."\n'
    )
    assert speaker_of(extraction, "She is a friend") == "Marta Quist"
    assert speaker_of(extraction, "Nobody should relax") == "Marta Quist"
    assert speaker_of(extraction, "a snapshot, nothing more") == "Louis Bouchard"


def test_a_full_name_set_off_before_a_colon_introduces_its_words():
    extraction = extract(
        "The pollsters looked back at the primary.\n\n"
        'Analysts agree - Omar Haddad: "The undecided voters broke late, and they broke for the outsider."\n'
    )
    assert speaker_of(extraction, "The undecided voters") == "Omar Haddad"


def test_a_number_opening_the_sentence_is_never_a_speaker():
    extraction = extract(
        "Bus drivers in Wellington stayed out for a second day.\n\n"
        "Twenty-two depots backed the walkout on Monday.\n\n"
        'Fifteen said so in writing: "The buses will not run until the offer improves."\n'
    )
    speakers = {s.name for s in extraction.speakers}
    assert not speakers & {"Twenty-two", "Fifteen"}
