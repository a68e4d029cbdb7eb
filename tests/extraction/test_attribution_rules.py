"""Attribution rules of news writing: subjects read past their name, deferred and coordinated speech verbs,
datelines, appositions, documents, unnamed voices, and who the pronouns and descriptions refer back to."""

from claims.extraction import extract
from tests.extraction.helpers import speaker_of, statement


def _speaker(extraction, text):
    return extraction.speakers[statement(extraction, text).speaker]


def test_a_subject_read_past_its_name_into_the_verb_is_the_name():
    extraction = extract(
        "Lucía Moreno has led the port authority in Valparaíso since 2019.\n\n"
        "Moreno all but ruled out a second term on Sunday.\n\n"
        '"Six years is enough for anyone," she said.\n'
    )
    assert speaker_of(extraction, "Six years is enough") == "Lucía Moreno"


def test_whoever_said_it_goes_on_after_adding():
    extraction = extract(
        "The Riksdag committee will report in May, Anders Lindqvist said, adding that its findings would be "
        '"made public in full".\n'
    )
    assert speaker_of(extraction, "made public in full") == "Anders Lindqvist"


def test_dashes_set_off_a_parenthesis_and_a_dateline():
    extraction = extract(
        "NAIROBI — Wanjiru Kamau, the county's health director, said the clinics were “at breaking point”.\n\n"
        "Peter Otieno — who chaired the hospital board for a decade — told reporters the plan was "
        "“dead on arrival”.\n"
    )
    assert speaker_of(extraction, "at breaking point") == "Wanjiru Kamau"
    assert speaker_of(extraction, "dead on arrival") == "Peter Otieno"


def test_a_description_then_a_name_after_the_quotation_gives_the_name_and_its_role():
    extraction = extract(
        "Wards at the Royal Infirmary in Leeds will stay open over the winter.\n\n"
        "“We are not closing any wards,” the trust's medical director, Dr. Helen Achterberg, said.\n"
    )
    speaker = _speaker(extraction, "We are not closing any wards")
    assert speaker.name == "Helen Achterberg"
    assert any("medical director" in role for role in speaker.roles)


def test_party_and_state_after_the_name_and_a_quotation_ending_in_an_exclamation():
    extraction = extract(
        "The House voted on the farm bill late on Thursday.\n\n"
        '"This bill is dead," Rep. Dana Whitfield, R-Ohio, said.\n\n'
        '"Not on my watch!" Sen. Marcus Oyelaran, D-Ill., said of the plan.\n'
    )
    assert speaker_of(extraction, "This bill is dead") == "Dana Whitfield"
    assert speaker_of(extraction, "Not on my watch!") == "Marcus Oyelaran"


def test_documents_speak_and_their_capitalised_words_name_the_author():
    extraction = extract(
        "A letter signed by 40 headteachers in Cardiff was sent to the education minister on Tuesday.\n\n"
        '"Our schools cannot absorb another cut," the letter said.\n\n'
        'A Home Office memo warned that the scheme was "unworkable in its current form".\n'
    )
    letter = _speaker(extraction, "Our schools cannot absorb")
    assert "letter" in letter.name
    memo = _speaker(extraction, "unworkable in its current form")
    assert memo.name == "Home Office memo"
    assert memo.affiliation == "Home Office"
    assert "Home Office memo" not in [s.name for s in extraction.speakers if s.kind == "person"]


def test_an_indefinite_description_is_someone_new_not_the_person_the_story_is_about():
    extraction = extract(
        "Mayor Inès Laborde opened the new bridge over the Garonne on Saturday.\n\n"
        '"It took far too long," a resident said.\n'
    )
    speaker = _speaker(extraction, "It took far too long")
    assert speaker.name != "Inès Laborde"
    assert "resident" in speaker.name


def test_a_description_with_a_name_in_it_is_not_that_person():
    extraction = extract(
        "Supporters gathered outside the courthouse in Manila.\n\n"
        '"We want him home," said a Castillo supporter.\n\n'
        '"The appeal is ready," Castillo said later.\n'
    )
    assert speaker_of(extraction, "The appeal is ready") == "Castillo"
    assert speaker_of(extraction, "We want him home") != "Castillo"


def test_a_negated_auxiliary_ends_the_subject():
    extraction = extract(
        "Ingrid Halvorsen chairs the fisheries board in Tromsø.\n\n"
        "Halvorsen wasn’t impressed by the ministry's offer.\n\n"
        "“It changes nothing for the coastal fleet,” she said.\n"
    )
    assert speaker_of(extraction, "It changes nothing") == "Ingrid Halvorsen"


def test_a_surname_that_looks_plural_is_the_person_named_earlier():
    extraction = extract(
        "Priya Summers leads the nurses' union in Auckland.\n\n"
        "Summers said the offer was “an insult to every ward sister”.\n"
    )
    assert speaker_of(extraction, "an insult to every ward sister") == "Priya Summers"


def test_the_governor_is_the_one_titled_gov_not_a_former_governor():
    extraction = extract(
        "Gov. Teresa Lindqvist signed the state budget on Friday.\n\n"
        "Alan Brandt, a former governor who held the office for eight years, called it reckless.\n\n"
        '"I have no regrets about this budget," the governor said.\n'
    )
    assert speaker_of(extraction, "I have no regrets") == "Teresa Lindqvist"


def test_as_she_put_it_and_a_second_verb_sharing_the_subject():
    extraction = extract(
        "The university's survey of Osaka households was published on Monday.\n\n"
        'As Professor Aiko Tanaka put it: "The data simply do not support the claim."\n\n'
        "The doubts grew when Senator Rhys Morgan questioned the costings and criticised the "
        '"fantasy numbers" in the plan.\n'
    )
    assert speaker_of(extraction, "The data simply do not") == "Aiko Tanaka"
    assert speaker_of(extraction, "fantasy numbers") == "Rhys Morgan"


def test_the_pronoun_after_a_quotation_can_mean_its_speakers():
    extraction = extract(
        "The new letter to the board was signed by Amara Obi and Tomas Lind, who accused it of "
        '"stalling for months".\n\n'
        'While they welcomed the apology, they said the talks must bring "real change".\n'
    )
    assert speaker_of(extraction, "real change") == "Amara Obi and Tomas Lind"


def test_the_company_is_the_business_and_a_company_spokeswoman_speaks_for_it():
    extraction = extract(
        "Zelda Foods Ltd was fined by the Food Standards Authority on Monday.\n\n"
        'The authority said its inspectors had found "serious lapses in hygiene".\n\n'
        'In a statement, the company said it "accepts the findings in full".\n\n'
        'A company spokeswoman said new managers were "already in place".\n'
    )
    assert speaker_of(extraction, "accepts the findings") == "Zelda Foods Ltd"
    spokeswoman = _speaker(extraction, "already in place")
    assert spokeswoman.kind == "spokesperson"
    assert spokeswoman.affiliation == "Zelda Foods Ltd"


def test_a_participle_lead_and_a_role_before_the_name():
    extraction = extract(
        "Replying for the government, the junior housing minister, Ana Costa, told MPs the target was "
        "“firmly on track”.\n"
    )
    assert speaker_of(extraction, "firmly on track") == "Ana Costa"


def test_an_organisation_noun_with_no_organisation_named_is_no_organisation():
    extraction = extract('The party said the vote had been "free and fair" and would not be rerun.\n')
    assert [s.name for s in extraction.speakers if s.kind == "organisation"] == []
    assert _speaker(extraction, "free and fair").kind == "spokesperson"


def test_a_gender_guessed_from_a_wrong_pronoun_gives_way_to_the_nearer_person():
    extraction = extract(
        "Mara Quint runs a sheep farm outside Ballarat.\n\n"
        "To Quint, Dario Fontaine is the stranger who saved it.\n\n"
        "On Tuesday, she met Fontaine again at a fundraiser.\n\n"
        "Fontaine told the crowd the rescue had cost more than he expected.\n\n"
        "“I thought it would be a lot cheaper,” he said.\n"
    )
    assert speaker_of(extraction, "I thought it would be a lot cheaper") == "Dario Fontaine"
