"""Denials in their own words: "We do not recognise the figure", "At no point did …", "no recollection"."""

from claims.extraction import extract
from tests.extraction.helpers import statement

BODY = (
    "A tenants' group in Rotterdam says the housing association Maasoever ignored damp in 400 flats.\n\n"
    '"Families have been living with black mould for three winters," said Femke de Wit, who chairs the '
    "Tenants' Alliance.\n\n"
    'Maasoever said in a reply to the council: "We do not recognise the figure of 400 flats. Every report '
    'of damp is inspected within ten days."\n\n'
    'Its director, Joris Bakker, said he had "no recollection" of any meeting with the alliance. "At no point '
    'did we refuse an inspection," he said.\n\n'
    'A local architect, Sanne Visser, said the flats were "built cheaply in the 1970s".\n'
)


def test_wordings_that_deny_make_responses():
    extraction = extract(BODY)
    for text in ("We do not recognise the figure", "no recollection", "At no point did we refuse"):
        found = statement(extraction, text)
        assert found.kind == "response", text
        assert found.relation_type == "denies", text
    # The figure it disputes is the group's, given without quotation marks: nothing quoted to link to.
    assert statement(extraction, "We do not recognise the figure").responds_to == ()


def test_a_bystanders_description_stays_a_claim():
    extraction = extract(BODY)
    assert statement(extraction, "built cheaply").kind == "claim"
    assert statement(extraction, "Families have been living").kind == "claim"
