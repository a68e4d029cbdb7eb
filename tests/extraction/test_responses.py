"""Claim or response, claim types, and links from responses to the claims they answer."""

from claims.extraction import extract
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


def test_rebuttal_answers_the_claim_of_the_official_it_refers_to_even_when_not_an_accusation():
    body = (
        "Transport minister Ingrid Solberg said the tolls would rise next spring.\n\n"
        "“Every ship that uses the harbour will pay twice what it pays today,” Ms Solberg told reporters.\n\n"
        "A spokesman for the Coastal Shipping Association said: “These claims are false. The minister has\n"
        "misread her own figures.”\n"
    )
    extraction = extract(body)
    claim = statement(extraction, "Every ship")
    rebuttal = statement(extraction, "These claims are false")
    assert claim.kind == "claim" and claim.claim_type != "accusation"
    assert rebuttal.kind == "response"
    assert rebuttal.responds_to == (extraction.statements.index(claim),)


def test_demonstrative_rejection_answers_the_nearest_other_speaker():
    body = (
        "Mayor Lena Hart said: “The new bridge will open in May.”\n\n"
        "Opposition leader Omar Haddad replied: “We reject that. Nothing has been built yet.”\n"
    )
    extraction = extract(body)
    reply = statement(extraction, "We reject that")
    assert reply.kind == "response"
    assert [extraction.statements[i].text for i in reply.responds_to] == ["The new bridge will open in May."]


def test_a_number_noun_only_answers_a_claim_with_a_number():
    body = (
        "Coach Ana Lima said: “We played well and deserved to win.”\n\n"
        "The league said attendance had fallen. “That figure is wrong,” a club spokesman said.\n"
    )
    extraction = extract(body)
    reply = statement(extraction, "That figure is wrong")
    assert reply.kind == "response"
    assert reply.responds_to == ()


def test_a_spokesperson_never_answers_its_own_organisation():
    body = (
        "The ministry said in a statement it would “review every contract”.\n\n"
        "“These claims are baseless,” a ministry spokeswoman said.\n"
    )
    extraction = extract(body)
    reply = statement(extraction, "These claims are baseless")
    assert reply.kind == "response"
    assert reply.responds_to == ()


def test_a_bare_reply_answers_whoever_spoke_last():
    body = (
        'Jane Roe, 45, said: "I have lived here all my life."\n\n'
        'Her neighbour, Tom Poe, disagreed. "She only moved in last year," he said.\n'
    )
    extraction = extract(body)
    reply = statement(extraction, "She only moved in")
    assert extraction.speakers[reply.speaker].name == "Tom Poe"
    assert reply.kind == "response"
    assert [extraction.statements[i].text for i in reply.responds_to] == ["I have lived here all my life."]


def test_relation_types_of_answers():
    _body, extraction = load("airline_apology.txt")
    assert statement(extraction, "We are sorry").relation_type == "apologises_for"
    assert statement(extraction, "nothing to apologise for").relation_type == "rebuts"  # a refusal defends


def test_a_no_comment_is_a_response_that_answers_nothing_quoted():
    body = (
        "A local paper reported that two managers had been suspended.\n\n"
        'The Harlow Water Company said it "does not comment on staffing matters".\n'
    )
    [no_comment] = extract(body).statements
    assert no_comment.kind == "response"
    assert no_comment.responds_to == ()


def test_statistics_given_before_the_row_are_claims_not_answers():
    body = (
        'Councillor Ana Ruiz accused the mayor of "starving the parks budget".\n\n'
        'Mayor Colin Drew rejected the claim. "Parks spending is protected," he said.\n\n'
        "Mr Drew had set out his figures at a budget meeting two weeks earlier. "
        '"We spend 12 per cent more on parks than in 2020," he said.\n'
    )
    extraction = extract(body)
    assert statement(extraction, "Parks spending is protected").kind == "response"
    figures = statement(extraction, "We spend 12 per cent more")
    assert (figures.kind, figures.claim_type, figures.responds_to) == ("claim", "statistical", ())


def test_reported_rebuttal_makes_the_next_quotation_an_answer():
    body = (
        'Residents said the new depot "will flood the lane with lorries".\n\n'
        "Depot owner Kofi Mensah said the residents had misread the plans. "
        '"There will be six deliveries a day at most," he said.\n'
    )
    extraction = extract(body)
    answer = statement(extraction, "There will be six deliveries")
    assert answer.kind == "response"
    assert [extraction.statements[i].text for i in answer.responds_to] == ["will flood the lane with lorries"]


def test_a_supporter_of_the_accuser_makes_claims():
    body = (
        'Nurse Maya Lund accused the clinic of "cutting corners on hygiene".\n\n'
        'The clinic denied the claim. "Every room is cleaned twice a day," a spokesman said.\n\n'
        'Patient group chair Omar Siddiq backed the nurses. "We have heard the same from many patients," he said.\n'
    )
    extraction = extract(body)
    assert statement(extraction, "Every room is cleaned").kind == "response"
    assert statement(extraction, "We have heard the same").kind == "claim"
