"""Claim or response, claim types, and links from responses to the claims they answer."""

from tests.extraction.helpers import load, statement


def test_spokesperson_denial_is_a_response_linked_to_the_accusation():
    _body, extraction = load("harbour_strike.txt")
    response = statement(extraction, "These claims are untrue")
    assert response.kind == "response"
    assert response.relation_type == "denies"
    accusation = extraction.statements.index(statement(extraction, "lied to"))
    assert accusation in response.responds_to


def test_quote_after_a_rejection_is_a_response_to_the_accusations():
    _body, extraction = load("blackout_inquiry.txt")
    response = statement(extraction, "There was no cover-up")
    assert response.kind == "response"
    targets = {extraction.statements[i].text for i in response.responds_to}
    assert "cover-up" in targets


def test_accusers_statements_are_claims_with_types():
    _, extraction = load("blackout_inquiry.txt")
    assert statement(extraction, "cover-up").kind == "claim"
    assert statement(extraction, "cover-up").claim_type == "accusation"
    assert statement(extraction, "We will publish").claim_type == "promise"
    _body, extraction = load("harbour_strike.txt")
    assert statement(extraction, "These claims are untrue").claim_type == "statistical"


def test_defence_after_defended_answers_the_joint_letter():
    _body, extraction = load("arts_council.txt")
    defence = statement(extraction, "The council funded")
    assert defence.kind == "response"
    assert extraction.statements[defence.responds_to[0]].text.startswith("failed an entire generation")


def test_claims_have_no_links():
    _body, extraction = load("harbour_strike.txt")
    for s in extraction.statements:
        if s.kind == "claim":
            assert s.responds_to == ()
            assert s.relation_type is None
