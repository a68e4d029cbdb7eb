"""Names as newspapers write them: honorifics with a dot, middle initials, suffixes, doubled apostrophes."""

from claims.extraction import extract
from tests.extraction.helpers import speaker_of


def test_doubled_apostrophes_are_quotation_marks_and_the_name_after_them_speaks():
    extraction = extract(
        "Governor Ellen Park spoke first.\n\n"
        "''We will not raise the toll on the bridge this year,'' said Marcus Webb, a commuter from Troy. "
        "''I drive across it twice a day and it is already too much.''\n"
    )
    assert speaker_of(extraction, "We will not raise the toll") == "Marcus Webb"
    assert speaker_of(extraction, "I drive across it twice") == "Marcus Webb"


def test_honorific_with_a_dot_resolves_to_the_full_name_introduced_earlier():
    extraction = extract(
        "Dana Whitfield, who runs a bakery in Dayton, said the new tariff had doubled her flour bill.\n\n"
        "Samuel Ortega, an economist at a state university, disagreed with the forecast.\n\n"
        '"Small shops will feel this first, and they will feel it hardest," Ms. Whitfield said.\n\n'
        '"The effect on prices should fade within a year," Mr. Ortega said.\n'
    )
    assert speaker_of(extraction, "Small shops will feel") == "Dana Whitfield"
    assert speaker_of(extraction, "The effect on prices") == "Samuel Ortega"


def test_middle_initial_and_suffix_stay_in_the_name():
    extraction = extract(
        '"The committee will hold hearings in the spring," said Representative Harold J. Brennan Jr., '
        "who chairs the panel.\n\n"
        '"We owe the veterans an answer," said Sen. Patricia M. Okoye of Ohio.\n\n'
        '"The hearings will be public," Mr. Brennan said.\n'
    )
    assert speaker_of(extraction, "The committee will hold") == "Harold J. Brennan Jr."
    assert speaker_of(extraction, "We owe the veterans") == "Patricia M. Okoye"
    assert speaker_of(extraction, "The hearings will be public") == "Harold J. Brennan Jr."


def test_state_and_title_before_the_name_are_its_role():
    extraction = extract('"Our roads come first," Nevada Gov. Ruth Calloway said on Tuesday.\n')
    speaker = extraction.speakers[extraction.statements[0].speaker]
    assert speaker.name == "Ruth Calloway"


def test_a_surname_that_is_also_a_title_or_role_after_an_honorific():
    extraction = extract(
        "Helen King, a councillor in Leeds, opposed the plan.\n\n"
        '"The consultation was a sham from start to finish," Ms. King said.\n'
    )
    assert speaker_of(extraction, "The consultation was a sham") == "King"


def test_weekdays_and_places_are_never_speakers():
    extraction = extract(
        "Priya Raman, a lawyer for the tenants, spoke outside Harbour Tower.\n\n"
        '"The landlord has ignored every letter we sent," Raman Tuesday said.\n\n'
        'Outside Harbour Tower, "nobody is listening to us," a tenant said.\n'
    )
    names = {s.name for s in extraction.speakers}
    assert speaker_of(extraction, "The landlord has ignored") == "Priya Raman"
    assert not any("Tuesday" in n or "Tower" in n for n in names)


def test_a_title_cased_heading_names_nobody():
    extraction = extract(
        "Treasurer Slams Banks Over Rising Mortgage Fees\n\n"
        'Sydney banks have raised fees again. "This is gouging, plain and simple," said Mark Ellison, '
        "a consumer advocate.\n"
    )
    names = {s.name for s in extraction.speakers}
    assert names == {"Mark Ellison"}


def test_a_person_of_a_body_and_a_role_of_a_named_body_before_the_name():
    extraction = extract(
        '"The levy will hurt growers," said Tom Hadley of the regional farmers\' council.\n\n'
        "The chair of the Murray Water Board, Lena Fischer, warned that the cuts were "
        '"the deepest in a generation."\n\n'
        '"We will appeal," Councillor Ravi K. Bishop, Labour member for Hove, said of the decision.\n'
    )
    assert speaker_of(extraction, "The levy will hurt growers") == "Tom Hadley"
    assert speaker_of(extraction, "the deepest in a generation") == "Lena Fischer"
    assert speaker_of(extraction, "We will appeal") == "Ravi K. Bishop"


def test_a_short_title_cased_first_line_names_nobody():
    extraction = extract(
        "Okafor and Lindqvist Slam ‘Harbour Deal.’\n\n"
        "Dr. Amara Okafor, a port economist, criticised the agreement on Monday.\n\n"
        '"It hands the docks to one bidder for thirty years," Okafor said.\n'
    )
    assert speaker_of(extraction, "It hands the docks") == "Amara Okafor"
    assert not any("Slam" in s.name for s in extraction.speakers)
