"""Whole articles from several domains, each with hand-made gold: every quotation, its span, speaker,
kind (claim or response) and what each response answers.

None of these articles was used to write the rules' word lists; they exercise general patterns:
court reporting, sport, health statistics, a recall with a regulator, US attribution style with nested
single quotes and `according to`, two people sharing a surname, a joint statement by three bodies, an
embedded post, interview answers and hard-wrapped lines.
"""

import pytest

from claims.extraction import Extraction, extract
from tests.extraction.helpers import ARTICLES

# (text, speaker, kind, responds_to) — responds_to lists the answered texts; None means "not asserted".
Gold = list[tuple[str, str, str, list[str] | None]]

GOLD: dict[str, Gold] = {
    "court_ruling.txt": [
        ("put the lives of patients at risk for the sake of a bonus", "Helen Marsh", "claim", []),
        ("You betrayed the trust of every nurse who relied on those checks", "Helen Marsh", "claim", []),
        (
            "My client accepts the verdict and is deeply sorry for the distress he has caused.",
            "Priya Nair",
            "response",
            None,
        ),
        ("overhauled every inspection procedure", "hospital trust", "claim", []),
    ],
    "football_transfer.txt": [
        ("This is the club I dreamed about as a boy", "Lukas Brenner", "claim", []),
        ("I want to win trophies here.", "Lukas Brenner", "claim", []),
        ("the complete modern midfielder", "Sofia Castellanos", "claim", []),
        ("We did not want to sell, but the player made his wishes clear", "Markus Feld", "claim", []),
        # Answers the reports of a lower fee, which the article does not quote.
        (
            "The figures reported this week are wrong. The fee is a club record.",
            "Northfield United spokesman",
            "response",
            [],
        ),
    ],
    "health_waiting_times.txt": [
        ("One in five patients waiting for a new hip is now in constant pain", "Anika Rao", "claim", []),
        (
            "By the end of next year, no patient will wait longer than a year for an operation",
            "Martin Hale",
            "claim",
            [],
        ),
        ("too little, too late", "Patients Association", "claim", []),
        ("rewriting history", "Rachel Oduya", "claim", []),
        (
            "This is simply untrue. Waiting times for cancer treatment have fallen for six months in a row.",
            "Department of Health spokesperson",
            "response",
            ["rewriting history"],
        ),
    ],
    # A minister's own figures, given before the row, answer nobody; the department answers the guild,
    # the guild answers the department; a "no comment" to an unquoted report answers nothing here.
    "clinic_waiting_lists.txt": [
        ("We have cut the waiting list for hip operations by 14 per cent since March", "Tomas Brennock", "claim", []),
        ("Nine in ten patients are now seen within a year.", "Tomas Brennock", "claim", []),
        (
            "Wards are running with half the nurses they need, and patients are paying for it",
            "Aoife Kinsella",
            "claim",
            [],
        ),
        (
            "Staffing on every ward meets the national standard, and the guild knows that",
            "Department of Health spokeswoman",
            "response",
            ["Wards are running with half the nurses they need, and patients are paying for it"],
        ),
        (
            "a fairy tale that nobody on a night shift would recognise",
            "Aoife Kinsella",
            "response",
            ["Staffing on every ward meets the national standard, and the guild knows that"],
        ),
        ("does not comment on individual patients", "Ridgeway Clinic", "response", []),
    ],
    # An apology answers the blame; a refusal to apologise rebuts; a third party's words about the
    # refusal answer it; the passenger answers the company's statement.
    "airline_apology.txt": [
        ("Nobody from Skylark Air told us anything for thirty hours", "Mei Tanaka", "claim", []),
        (
            "We are sorry for the disruption our customers faced this week",
            "Skylark Air",
            "response",
            ["Nobody from Skylark Air told us anything for thirty hours"],
        ),
        (
            "nothing to apologise for",
            "Ruben Alcott",
            "response",
            ["Nobody from Skylark Air told us anything for thirty hours"],
        ),
        (
            "a slap in the face for every family who slept on the terminal floor",
            "Consumer Travel Council",
            "response",
            ["nothing to apologise for"],
        ),
        (
            "too little, and far too late",
            "Mei Tanaka",
            "response",
            ["We are sorry for the disruption our customers faced this week"],
        ),
    ],
    "product_recall.txt": [
        (
            "The safety of our customers is our highest priority. We are recalling the affected models as a "
            "precaution, and no injuries have been reported.",
            "Brightkite",
            "claim",
            [],
        ),
        (
            "Brightkite knew about the fault in March and waited four months to act",
            "Office for Product Safety and Standards",
            "claim",
            [],
        ),
        (
            "We informed the regulator as soon as our own tests confirmed the problem",
            "Oliver Grant",
            "response",
            ["Brightkite knew about the fault in March and waited four months to act"],
        ),
    ],
    "city_hall_us.txt": [
        ("We are not closing libraries, we are consolidating them", "Linda Alvarez", "claim", []),
        ("Every neighborhood will still be within a mile of a branch.", "Linda Alvarez", "claim", []),
        (
            "The mayor keeps calling this 'consolidation,' but residents will lose their branch",
            "Derek Hughes",
            "response",
            [
                "We are not closing libraries, we are consolidating them",
                "Every neighborhood will still be within a mile of a branch.",
            ],
        ),
        ("Nobody asked the people who actually use these branches", "Maria Lopez", "claim", []),
        # "That number" is the union's job-loss figure, reported without quotation marks.
        ("That number is wrong", "Tom Becker", "response", []),
        ("No librarian will lose a job.", "Tom Becker", "response", []),
    ],
    "shared_surname.txt": [
        ("to finish the job on housing", "Sunita Patel", "claim", []),
        ("People keep asking if we are married", "Raj Patel", "claim", []),
        ("We are not, and we do not agree on much.", "Raj Patel", "claim", []),
        ("a developers' charter", "Sunita Patel", "claim", []),
        ("That is nonsense", "Raj Patel", "response", ["a developers' charter"]),
        ("My plan builds council homes first.", "Raj Patel", "response", ["a developers' charter"]),
    ],
    "joint_statement.txt": [
        (
            "treated the river as an open sewer for a decade",
            "Friends of the Alder and Wild Rivers Trust and Anglers' Federation",
            "claim",
            [],
        ),
        # Disputes the volunteers' test figures, which are reported, not quoted.
        ("strongly disputes", "Severnside", "response", []),
        ("Our monitoring shows that discharges fell by a third last year", "Severnside spokeswoman", "response", []),
        (
            "We reject the suggestion that we have acted illegally.",
            "Severnside spokeswoman",
            "response",
            ["treated the river as an open sewer for a decade"],
        ),
    ],
    "tweet_embed.txt": [
        ("holding the country to ransom", "Karen Whitby", "claim", []),
        (
            "Strikes are holding the country to ransom. Passengers deserve better than this.",
            "Karen Whitby",
            "claim",
            [],
        ),
        (
            "The only person holding anyone to ransom is a minister who refuses to negotiate",
            "Sam Adeyemi",
            "response",
            [
                "holding the country to ransom",
                "Strikes are holding the country to ransom. Passengers deserve better than this.",
            ],
        ),
    ],
    "interview_qa.txt": [
        ("Not on its own. But a story can make a number feel like a person.", "Ingrid Halvorsen", "claim", []),
        (
            "I was writing about a burning planet from airport lounges. I could not keep doing that.",
            "Ingrid Halvorsen",
            "claim",
            [],
        ),
        # Answers critics the article only paraphrases.
        ("Some of them have not read past the first chapter.", "Ingrid Halvorsen", "response", []),
    ],
    "hard_wrapped.txt": [
        ("based on the best scientific advice available", "Anne Lowry", "claim", []),
        (
            "If these quotas stand, half the fleet in this harbour will be\nscrapped by Christmas",
            "Tom Gallagher",
            "claim",
            [],
        ),
        (
            "The fleet has grown\nevery year for a decade",
            "Anne Lowry",
            "response",
            ["If these quotas stand, half the fleet in this harbour will be\nscrapped by Christmas"],
        ),
    ],
}


def _load(name: str) -> tuple[str, Extraction]:
    body = (ARTICLES / name).read_text(encoding="utf-8")
    return body, extract(body)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_quotation_is_found_with_its_exact_span_and_nothing_else(name):
    body, extraction = _load(name)
    assert [s.text for s in extraction.statements] == [text for text, *_ in GOLD[name]]
    previous_end = 0
    for s in extraction.statements:
        assert body[s.start : s.end] == s.text
        assert s.start >= previous_end  # in reading order, never overlapping
        # The span is the quotation's own occurrence: right inside its quotation marks.
        assert body[s.start - 1] in "\"“‘'" or body[s.start - 1].isspace()
        previous_end = s.end


@pytest.mark.parametrize("name", sorted(GOLD))
def test_speakers_and_kinds(name):
    _body, extraction = _load(name)
    got = [
        (s.text, extraction.speakers[s.speaker].name if s.speaker is not None else None, s.kind)
        for s in extraction.statements
    ]
    assert got == [(text, speaker, kind) for text, speaker, kind, _ in GOLD[name]]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_responses_are_linked_to_what_they_answer(name):
    _body, extraction = _load(name)
    statements = extraction.statements
    for s, (text, _speaker, kind, answers) in zip(statements, GOLD[name], strict=True):
        if answers is None:
            continue
        assert [statements[i].text for i in s.responds_to] == answers, text
        assert (s.relation_type is not None) == (kind == "response"), text


def test_joint_statement_is_one_group_of_the_three_signatories():
    _body, extraction = _load("joint_statement.txt")
    group = extraction.speakers[extraction.statements[0].speaker]
    assert group.kind == "group"
    assert {extraction.speakers[m].name for m in group.members} == {
        "Friends of the Alder",
        "Wild Rivers Trust",
        "Anglers' Federation",
    }
    assert all(extraction.speakers[m].kind == "organisation" for m in group.members)


def test_people_sharing_a_surname_stay_two_speakers_with_their_own_names():
    _body, extraction = _load("shared_surname.txt")
    people = {s.name for s in extraction.speakers if s.name.endswith("Patel")}
    assert people == {"Sunita Patel", "Raj Patel"}


def test_named_representative_speaks_for_the_organisation_and_keeps_the_role():
    _body, extraction = _load("product_recall.txt")
    grant = next(s for s in extraction.speakers if s.name == "Oliver Grant")
    assert grant.kind == "person"
    assert any("chief executive" in role for role in grant.roles)
    _body, extraction = _load("city_hall_us.txt")
    becker = next(s for s in extraction.speakers if s.name == "Tom Becker")
    assert any("spokesman" in role for role in becker.roles)


def test_embedded_post_gets_its_author_and_handle():
    _body, extraction = _load("tweet_embed.txt")
    author = extraction.speakers[extraction.statements[1].speaker]
    assert author.name == "Karen Whitby"
    assert "@KarenWhitbyMP" in author.aliases


def test_statistics_are_typed_as_such():
    _body, extraction = _load("health_waiting_times.txt")
    assert extraction.statements[0].claim_type == "statistical"
    _body, extraction = _load("hard_wrapped.txt")
    assert extraction.statements[1].claim_type == "statistical"
