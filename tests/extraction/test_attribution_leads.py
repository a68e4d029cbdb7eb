"""Sentence openings that are time words, not speakers: "Late on Friday, …", "Early this morning, …"."""

from claims.extraction import extract
from tests.extraction.helpers import speaker_of


def test_late_and_early_lead_ins_leave_the_subject_after_the_comma():
    extraction = extract(
        "Fishing quotas for the Bay of Biscay will be cut by a fifth next season.\n\n"
        'Late on Friday, the Basque Fisheries Federation issued a statement saying the cut was "a death '
        'sentence for small boats".\n\n'
        "Early this morning, Itziar Goikoetxea, the federation's president, said the fleet would "
        '"sail to Bilbao in protest".\n'
    )
    assert speaker_of(extraction, "a death sentence") == "Basque Fisheries Federation"
    assert speaker_of(extraction, "sail to Bilbao") == "Itziar Goikoetxea"
