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
