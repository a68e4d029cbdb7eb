"""Attribution patterns: before, after, inverted, split, participle, relative clause, colon."""

from claims.extraction import extract
from tests.extraction.helpers import load, speaker_of


def test_attribution_before_with_colon():
    _body, extraction = load("harbour_strike.txt")
    assert speaker_of(extraction, "We have waited eleven months") == "Tomas Reyes"


def test_attribution_after_with_pronoun():
    _body, extraction = load("harbour_strike.txt")
    assert speaker_of(extraction, "The authority treats") == "Tomas Reyes"
    assert speaker_of(extraction, "Nobody here has had") == "Tomas Reyes"


def test_inverted_attribution_said_name():
    _body, extraction = load("blackout_inquiry.txt")
    assert speaker_of(extraction, "There was no cover-up") == "Jonas Brandt"


def test_partial_quote_after_participle_belongs_to_sentence_subject():
    extraction = extract(
        'Veteran diplomat Ines Moreau resigned on Friday, saying the embassy had become "a museum of bad ideas".'
    )
    assert speaker_of(extraction, "a museum of bad ideas") == "Ines Moreau"


def test_partial_quote_in_relative_clause_belongs_to_antecedent():
    extraction = extract(
        'The letter was signed by farmers\' leader Olu Adeyemi who this week accused ministers of "total neglect".'
    )
    assert speaker_of(extraction, "total neglect") == "Olu Adeyemi"


def test_according_to():
    extraction = extract('"Prices will fall by spring," according to economist Mira Holt.')
    assert speaker_of(extraction, "Prices will fall") == "Mira Holt"


def test_apposition_before_name_gives_the_speaker_and_a_role():
    extraction = extract('The airline\'s chief executive, Rosa Dalton, said: "We expect to fly again by June."')
    assert speaker_of(extraction, "We expect") == "Rosa Dalton"
    speaker = extraction.speakers[extraction.statements[0].speaker]
    assert any("chief executive" in role for role in speaker.roles)


def test_unattributed_follow_up_paragraph_inherits_the_previous_speaker():
    body = 'Coach Dana Whitfield said: "We trained hard all winter."\n\n"Nobody expected us to reach the final."'
    assert speaker_of(extract(body), "Nobody expected") == "Dana Whitfield"
