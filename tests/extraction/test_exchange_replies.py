"""An accuser speaking again right after the answer it got replies to that answer."""

from claims.extraction import extract
from tests.extraction.helpers import statement


def _index(extraction, text):
    return extraction.statements.index(statement(extraction, text))


BODY = (
    "Bus drivers in Porto Alegre will hold a vote on strike action next week.\n\n"
    "Luana Ferreira, president of the drivers' union, said the city's operator had cut rest breaks on "
    'night routes. "Drivers are being pushed to work eleven hours without a proper meal," she said.\n\n'
    'Transporte Sul chief executive Mateus Borges rejected the claim. "Every shift on our network meets '
    'the legal limits, and the inspectors have confirmed that twice this year," he said.\n\n'
    'Ferreira was unmoved. "The inspectors came on a Tuesday afternoon. Our members work at three in the '
    'morning," she said.\n\n'
    'A council transport officer said bus use had "risen by a tenth" since the spring.\n'
)


def test_the_accusers_next_words_right_after_the_answer_reply_to_it():
    extraction = extract(BODY)
    reply = statement(extraction, "The inspectors came on a Tuesday")
    assert reply.kind == "response"
    assert reply.responds_to == (_index(extraction, "Every shift on our network"),)


def test_a_third_party_after_the_exchange_still_only_claims():
    extraction = extract(BODY)
    assert statement(extraction, "risen by a tenth").kind == "claim"
    assert statement(extraction, "Drivers are being pushed").kind == "claim"
