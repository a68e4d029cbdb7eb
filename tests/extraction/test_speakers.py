"""Speaker resolution: pronouns, descriptions, surnames, spokespersons, organisations, groups, capitals."""

from claims.extraction import extract
from claims.extraction.speakers import public_aliases
from tests.extraction.helpers import load, speaker_of


def test_all_caps_first_word_is_normalised_for_names_but_body_is_unchanged():
    body, extraction = load("arts_council.txt")
    assert body.startswith("KAREN Lindqvist")
    assert speaker_of(extraction, "Lots of cheers") == "Karen Lindqvist"


def test_pronoun_resolves_to_the_most_recent_compatible_subject():
    _body, extraction = load("arts_council.txt")
    # "he said" after "Council member Peter Lindqvist ... defended" is Peter, not Karen.
    assert speaker_of(extraction, "The council funded") == "Peter Lindqvist"


def test_shared_surname_is_told_apart_by_gender():
    _body, extraction = load("arts_council.txt")
    assert speaker_of(extraction, "proud of what we built") == "Karen Lindqvist"


def test_role_description_resolves_to_its_holder():
    _body, extraction = load("harbour_strike.txt")
    assert speaker_of(extraction, "I will not let this port close") == "Elena Vasquez"


def test_age_description_resolves_to_the_person_in_focus():
    _body, extraction = load("harbour_strike.txt")
    assert speaker_of(extraction, "lied to") == "Tomas Reyes"


def test_title_used_as_a_description():
    extraction = extract(
        "Senator Amara Okafor opened the hearing.\n\nThe minister, Paul Ekwueme, declined to attend.\n\n"
        '"He owes the public an answer," the senator said.'
    )
    assert speaker_of(extraction, "He owes the public") == "Amara Okafor"


def test_surname_only_mention_resolves_to_the_full_name():
    _body, extraction = load("harbour_strike.txt")
    assert speaker_of(extraction, "welcome but late") == "Tomas Reyes"


def test_unnamed_spokesperson_is_tied_to_the_organisation():
    _body, extraction = load("harbour_strike.txt")
    index = next(s for s in extraction.statements if s.text.startswith("These claims")).speaker
    speaker = extraction.speakers[index]
    assert speaker.kind == "spokesperson"
    assert speaker.affiliation == "Harbour Authority"


def test_organisation_speaking_through_a_description():
    _body, extraction = load("arts_council.txt")
    index = next(s for s in extraction.statements if s.text.startswith("review every grant")).speaker
    assert extraction.speakers[index].name == "Nordvik Arts Council"
    assert extraction.speakers[index].kind == "organisation"


def test_joint_letter_is_a_group_whose_members_are_the_signatories():
    _body, extraction = load("arts_council.txt")
    index = next(s for s in extraction.statements if s.text.startswith("failed an entire")).speaker
    group = extraction.speakers[index]
    assert group.kind == "group"
    assert {extraction.speakers[m].name for m in group.members} == {
        "Nordvik Writers Guild",
        "Society of Illustrators",
    }


def test_embedded_post_is_attributed_to_its_author_with_handle_alias():
    _body, extraction = load("arts_council.txt")
    index = next(s for s in extraction.statements if s.text.startswith("Lots of cheers")).speaker
    assert "@klindqvist" in extraction.speakers[index].aliases


def test_directory_aliases_drop_possessives_descriptions_and_mentions_that_only_repeat_the_name():
    aliases = ["Ana Costa’s", "former minister Ana Costa", "Ms Costa", "ms costa", "the minister", "the 72-year-old"]
    assert public_aliases("Ana Costa", aliases) == ("Ms Costa",)
    assert public_aliases("Green Party", ["the Greens", "the party", "its leadership"]) == ("the Greens",)
