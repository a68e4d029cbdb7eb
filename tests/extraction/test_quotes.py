"""Which quotations become statements, and their exact spans."""

from claims.extraction import extract
from tests.extraction.helpers import load, texts


def test_spans_are_exact_and_exclude_quote_marks_and_trailing_comma():
    body = 'The mayor said: "Buses will be free from May." Later she added that it was "a fair deal".'
    extraction = extract(body)
    assert texts(extraction) == ["Buses will be free from May.", "a fair deal"]
    for s in extraction.statements:
        assert body[s.start : s.end] == s.text


def test_curly_and_straight_double_quotes_are_both_found():
    body = 'Ana Ruiz said: “We won.” Her rival, Leo Park, said: "We lost."'
    assert texts(extract(body)) == ["We won.", "We lost."]


def test_single_quotes_are_quotations_but_apostrophes_are_not():
    body = "The coach said it was 'a night to remember' for the players' families, and the club's fans agreed."
    assert texts(extract(body)) == ["a night to remember"]


def test_british_quotation_reopened_on_each_paragraph_is_one_statement():
    _body, extraction = load("arts_council.txt")
    multi = [s for s in extraction.statements if s.text.startswith("The council funded")]
    assert len(multi) == 1
    assert multi[0].text.endswith("opened two new studios")
    assert "\n\n“We doubled" in multi[0].text


def test_quotation_interrupted_by_its_attribution_is_two_statements():
    _body, extraction = load("harbour_strike.txt")
    assert "The authority treats this port as a cash machine" in texts(extraction)
    assert "Nobody here has had a pay rise since 2019." in texts(extraction)


def test_nicknames_labels_and_titles_are_not_statements():
    _body, extraction = load("harbour_strike.txt")
    assert "the long summer" not in texts(extraction)
    assert "Ports for the Future" not in texts(extraction)


def test_so_called_term_is_not_a_statement():
    _body, extraction = load("blackout_inquiry.txt")
    assert "winter files" not in texts(extraction)


def test_scare_quoted_single_word_without_speech_is_dropped_but_reported_word_is_kept():
    assert texts(extract('The "experts" met in a hotel on Friday.')) == []
    assert texts(extract('She said the plan was a "disgrace".')) == ["disgrace"]


def test_unclosed_quotation_runs_to_the_end_of_its_paragraph_with_low_confidence():
    extraction = extract('He said: "We will never give up on this town\n\nNext paragraph.')
    [s] = extraction.statements
    assert s.text == "We will never give up on this town"
    assert s.confidence < 0.8


def test_a_short_quotation_after_a_verb_of_naming_is_what_someone_called_it():
    from claims.extraction import extract

    extraction = extract('Premier Dan Hollis called the audit "deeply flawed" on Thursday.\n')
    assert [s.text for s in extraction.statements] == ["deeply flawed"]
    assert extraction.speakers[extraction.statements[0].speaker].name == "Dan Hollis"
