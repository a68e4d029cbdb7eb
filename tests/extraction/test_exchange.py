"""Claims and responses of an article's exchange, and the claims each response answers."""

from articles.cleaning import clean_article
from claims.extraction import extract
from tests.extraction.helpers import ARTICLES, load, statement


def answers(extraction, text):
    """The texts the statement starting with `text` is linked to."""
    return [extraction.statements[i].text for i in statement(extraction, text).responds_to]


def test_rebuttal_of_these_claims_answers_the_whole_turn_and_earlier_figures_stay_claims():
    _body, extraction = load("water_outages_za.txt")
    rebuttal = statement(extraction, "These claims are false")
    assert rebuttal.kind == "response" and rebuttal.relation_type == "denies"
    assert [t[:30] for t in answers(extraction, "These claims are false")] == [
        "The utility has been telling r",
        "Somebody decided it was better",
    ]
    assert 0 < rebuttal.link_confidence < 1
    # The mayor's own figures, set out a month before the row, answer nobody.
    figures = statement(extraction, "We have replaced 84 kilometres")
    assert figures.kind == "claim" and figures.responds_to == () and figures.link_confidence is None


def test_no_comment_on_an_unquoted_report_is_a_response_without_a_link():
    _body, extraction = load("water_outages_za.txt")
    silence = statement(extraction, "does not comment on matters before the auditor")
    assert silence.kind == "response"
    assert silence.responds_to == ()


def test_rejection_answers_the_charge_and_the_accuser_replies_to_the_statement():
    _body, extraction = load("clinic_staffing_ie.txt")
    assert statement(extraction, "On most nights").kind == "claim"
    assert answers(extraction, "Every ward is staffed") == [statement(extraction, "On most nights").text]
    reply = statement(extraction, "does not match what our members see")
    assert reply.kind == "response"
    assert answers(extraction, "does not match") == [statement(extraction, "Every ward is staffed").text]


def test_minister_statistics_for_her_own_policy_stay_claims():
    _body, extraction = load("clinic_staffing_ie.txt")
    training = statement(extraction, "We are training more nurses")
    assert training.kind == "claim"
    assert training.responds_to == ()


def test_supporting_statements_and_statistics_without_a_dispute_are_all_claims():
    _body, extraction = load("bus_fares_nz.txt")
    assert len(extraction.statements) == 3
    for s in extraction.statements:
        assert s.kind == "claim", s.text
        assert s.responds_to == () and s.relation_type is None


def test_rebuttal_answers_the_accuser_not_the_headline_nor_an_unrelated_later_quote():
    raw = (ARTICLES / "rail_tender_ke.txt").read_text(encoding="utf-8")
    extraction = extract(clean_article(raw).body)
    texts = [s.text for s in extraction.statements]
    assert "Rail minister hits back" not in " ".join(texts)  # the headline's scare quote is no statement
    accusation = statement(extraction, "The tender was written")
    union = statement(extraction, "Our members have not been paid")
    assert union.kind == "claim" and union.responds_to == ()
    for text in ("That is simply not true", "I have nothing to hide"):
        rebuttal = statement(extraction, text)
        assert rebuttal.kind == "response"
        assert extraction.statements.index(accusation) in rebuttal.responds_to
        assert extraction.statements.index(union) not in rebuttal.responds_to
        assert all(extraction.statements[t].speaker == accusation.speaker for t in rebuttal.responds_to)


def test_an_apology_turning_to_but_becomes_a_defence():
    body = (
        "Ferry passengers accused Brightwater Lines of hiding its inspection reports.\n\n"
        "“The company sat on the inspection findings for a year,” said Ruth Okello, who leads the "
        "passengers' association.\n\n"
        "“We are deeply sorry for the distress our passengers have felt,” said Sam Idowu, the company's "
        "chief executive. “But every inspection report was published on our website within a month.”\n"
    )
    extraction = extract(body)
    apology = statement(extraction, "We are deeply sorry")
    defence = statement(extraction, "But every inspection report")
    assert apology.relation_type == "apologises_for"
    assert defence.kind == "response" and defence.relation_type == "denies"
    assert statement(extraction, "The company sat on").kind == "claim"
