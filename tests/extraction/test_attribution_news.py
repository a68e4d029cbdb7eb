"""Attribution the way news reports write it: closing attributions, questions, one-word names."""

from claims.extraction import extract
from tests.extraction.helpers import speaker_of


def test_attribution_closing_the_sentence_covers_a_quotation_inside_it():
    extraction = extract(
        "Rohan Mehta, a trade economist, has studied the tariffs.\n\n"
        'The new duties are "a tax on every family in Pune," said Anjali Desai, who runs a textile firm.\n\n'
        'The scheme has been "quietly abandoned" by the ministry, Mehta said.\n'
    )
    assert speaker_of(extraction, "a tax on every family") == "Anjali Desai"
    assert speaker_of(extraction, "quietly abandoned") == "Rohan Mehta"


def test_a_question_followed_by_its_speaker_is_one_sentence():
    extraction = extract(
        "Colin Baird, the council's finance chief, took questions.\n\n"
        "Joan Petrie, who leads the opposition group, was not convinced.\n\n"
        '"Where will the money come from?" Ms. Petrie asked. "Nobody has told us."\n'
    )
    assert speaker_of(extraction, "Where will the money come from?") == "Joan Petrie"


def test_a_one_word_name_later_called_she_is_a_person():
    extraction = extract(
        "Nurses in Brisbane walked out on Monday.\n\n"
        "Okonkwo said the hospital had ignored repeated warnings about staffing.\n\n"
        '"We warned them in March and again in June," she said.\n'
    )
    assert speaker_of(extraction, "We warned them") == "Okonkwo"
    speaker = extraction.speakers[extraction.statements[0].speaker]
    assert speaker.kind == "person"


def test_several_appositions_between_the_name_and_the_verb():
    extraction = extract(
        "Voters in Ballarat were asked about the by-election.\n\n"
        '"Neither of them has visited our town," Grace Whitlam, 64, of Ballarat, who runs a pharmacy, said.\n'
    )
    assert speaker_of(extraction, "Neither of them has visited") == "Grace Whitlam"


def test_a_name_right_before_a_participle_speaks_the_partial_quotation():
    extraction = extract(
        "The two leaders met in Wellington on Friday, Ardern saying the talks were “frank and useful”.\n"
    )
    assert speaker_of(extraction, "frank and useful") == "Ardern"


def test_a_document_speaks_for_its_author_and_a_colon_introduces_the_next_paragraph():
    extraction = extract(
        "A review by the Grattan Institute found that rents had risen \"faster than wages in every capital\".\n\n"
        "The Harbour Trust describes its work in the following way:\n\n"
        "“Every dollar we raise goes back to the reef.”\n"
    )
    assert speaker_of(extraction, "faster than wages") == "Grattan Institute"
    assert speaker_of(extraction, "Every dollar we raise") == "Harbour Trust"


def test_an_outlet_is_the_speaker_of_what_the_newspaper_wrote_and_an_opening_said_names_its_speaker():
    extraction = extract(
        "The Adelaide Chronicle obtained the inspection reports on Monday.\n\n"
        '"The council knew about the cracks for two years," the newspaper wrote.\n\n'
        'Said Maria Lopez, who runs the corner shop, "We were never told."\n'
    )
    assert speaker_of(extraction, "The council knew") == "Adelaide Chronicle"
    assert speaker_of(extraction, "We were never told") == "Maria Lopez"
