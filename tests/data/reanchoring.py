# ruff: noqa: E501  (article text and edits are data, kept one paragraph a line)
"""Article pairs with the edits newsrooms make after publication, for measuring claim re-anchoring.

Every quotation in curly quotes in an old text is a claim. Each case lists its edits as (old, new)
replacements applied to the old text, and `moved` maps a quotation whose words changed to its new words,
or to None when it is gone and its claim must be orphaned. Every other quotation keeps its words.
"""

HOUSING = """The council approved its housing plan on Tuesday after a four-hour debate.

The leader of the council, Maria Ostrowska, said: “We will build two thousand homes by the end of the decade, and half of them will be affordable.”

Opposition councillors were not convinced. “The plan counts homes that already have planning permission,” said councillor Tom Brightwell. “Nothing here is new.”

Residents near the proposed site at Millbrook Farm fear the roads cannot cope. “Our lane floods every winter and the school is already full,” said Janet Okafor, who chairs the residents' association.

A council spokesperson said: “Flood defences and a new primary school are part of the first phase.”

The plan goes to a public inquiry next spring. Ms Ostrowska added: “We are confident the inspector will see that this is the right plan for the town.”
"""

HOSPITAL = """Waiting lists at the county hospital have reached their highest level in six years, figures show.

The hospital's chief executive, Dr Anil Mehta, said: “More than eleven thousand patients are waiting for planned operations, and four hundred of them have waited over a year.”

He blamed the loss of two operating theatres to a leaking roof. “We lost theatre capacity for five months while the roof was repaired,” he said.

The patients' group Care Watch said the figures hid a deeper problem. “Staff are leaving faster than the hospital can hire them,” its director, Helen Marsh, said. “No roof explains that.”

The health board said: “Recruitment is up by twelve per cent this year and agency spending is falling.”

Dr Mehta said the list would shrink by the summer. “We expect to clear every wait over a year by June,” he said.
"""

RAIL = """Train drivers will strike for three days next month after talks broke down, their union announced.

The union's general secretary, Colin Redfern, said: “Our members have not had a pay rise in four years while the company has paid out record dividends.”

The operator said the offer on the table was fair. “We have offered a five per cent rise over two years and no compulsory redundancies,” a spokesman for the operator said.

Passengers' groups warned of chaos on the busiest routes. “Commuters have already suffered a year of cancellations,” said Priya Nair of the Rail Users' Forum.

Mr Redfern said the door to talks remained open. “If the company puts a serious offer in writing, we will put it to our members,” he said.

The transport minister called the strike “deeply irresponsible” and urged both sides to return to talks.
"""

UNIVERSITY = """The university will close its modern languages department, its governing council decided on Friday.

The vice-chancellor, Professor Ruth Adeyemi, said: “Applications to languages have fallen by sixty per cent in ten years and the department cannot be sustained.”

Students staged a sit-in outside the council meeting. “Closing languages tells the world this university has stopped looking outward,” said Daniel Fox, the students' union president.

Staff said they had not been consulted. “We learnt about the closure from a press release,” a senior lecturer said.

The university said: “Every current student will be able to finish their degree, and no teaching post will be cut before 2027.”

The lecturers' union said it would ballot its members. “This is the third department closed in three years,” said its branch secretary, Owen Price. “It will not be the last unless we act.”
"""

CASES = [
    {
        "name": "housing: typo fixed inside a quote",
        "old": HOUSING,
        "edits": [("half of them will be afordable", "half of them will be affordable")],
        "old_edits": [("half of them will be affordable", "half of them will be afordable")],
        "moved": {"We will build two thousand homes by the end of the decade, and half of them will be afordable.":
                  "We will build two thousand homes by the end of the decade, and half of them will be affordable."},
    },
    {
        "name": "housing: paragraph added at the top, typo fixed in context",
        "old": HOUSING,
        "edits": [
            ("The council approved", "Correction: an earlier version of this article misnamed the site.\n\nThe council approved"),
            ("Residents near the proposed site at Millbrook Farm fear", "Residents near the proposed site at Millbrook Fields fear"),
        ],
        "moved": {},
    },
    {
        "name": "housing: a quote shortened",
        "old": HOUSING,
        "edits": [("“Our lane floods every winter and the school is already full,”", "“Our lane floods every winter,”")],
        "moved": {"Our lane floods every winter and the school is already full,": "Our lane floods every winter,"},
    },
    {
        "name": "housing: a paragraph deleted",
        "old": HOUSING,
        "edits": [("A council spokesperson said: “Flood defences and a new primary school are part of the first phase.”\n\n", "")],
        "moved": {"Flood defences and a new primary school are part of the first phase.": None},
    },
    {
        "name": "hospital: paragraph added in the middle",
        "old": HOSPITAL,
        "edits": [
            ("The patients' group Care Watch",
             "The hospital said a new roof had been fitted in March. “The building is now watertight,” its estates director said.\n\nThe patients' group Care Watch"),
        ],
        "moved": {},
    },
    {
        "name": "hospital: statistics corrected inside a quote, with a note",
        "old": HOSPITAL,
        "edits": [
            ("More than eleven thousand patients", "More than ten thousand patients"),
            ("by June,” he said.\n", "by June,” he said.\n\nThis article was amended to correct the number of patients waiting.\n"),
        ],
        "moved": {"More than eleven thousand patients are waiting for planned operations, and four hundred of them have waited over a year.":
                  "More than ten thousand patients are waiting for planned operations, and four hundred of them have waited over a year."},
    },
    {
        "name": "hospital: a paragraph deleted and a quote shortened",
        "old": HOSPITAL,
        "edits": [
            ("He blamed the loss of two operating theatres to a leaking roof. “We lost theatre capacity for five months while the roof was repaired,” he said.\n\n", ""),
            ("“Recruitment is up by twelve per cent this year and agency spending is falling.”", "“Recruitment is up by twelve per cent this year.”"),
        ],
        "moved": {
            "We lost theatre capacity for five months while the roof was repaired,": None,
            "Recruitment is up by twelve per cent this year and agency spending is falling.": "Recruitment is up by twelve per cent this year.",
        },
    },
    {
        "name": "rail: quiet rewrite of a quote and its attribution",
        "old": RAIL,
        "edits": [
            ("“We have offered a five per cent rise over two years and no compulsory redundancies,” a spokesman for the operator said.",
             "A spokeswoman for the operator said it had made a generous offer and wanted talks to resume."),
        ],
        "moved": {"We have offered a five per cent rise over two years and no compulsory redundancies,": None},
    },
    {
        "name": "rail: typo fixes in quote and context, paragraph added at the end",
        "old": RAIL,
        "edits": [
            ("Passengers' groups warned of chaos", "Passenger groups warned of chaos"),
            ("a year of cancelations", "a year of cancellations"),
            ("return to talks.\n", "return to talks.\n\nThe strike is due to begin on the 14th.\n"),
        ],
        "old_edits": [("a year of cancellations", "a year of cancelations")],
        "moved": {"Commuters have already suffered a year of cancelations,": "Commuters have already suffered a year of cancellations,"},
    },
    {
        "name": "rail: paragraphs swapped",
        "old": RAIL,
        "edits": [
            ("Passengers' groups warned of chaos on the busiest routes. “Commuters have already suffered a year of cancellations,” said Priya Nair of the Rail Users' Forum.\n\nMr Redfern said the door to talks remained open. “If the company puts a serious offer in writing, we will put it to our members,” he said.",
             "Mr Redfern said the door to talks remained open. “If the company puts a serious offer in writing, we will put it to our members,” he said.\n\nPassengers' groups warned of chaos on the busiest routes. “Commuters have already suffered a year of cancellations,” said Priya Nair of the Rail Users' Forum."),
        ],
        "moved": {},
    },
    {
        "name": "university: a quote shortened at the start",
        "old": UNIVERSITY,
        "edits": [("“Every current student will be able to finish their degree, and no teaching post will be cut before 2027.”",
                   "“No teaching post will be cut before 2027.”")],
        "moved": {"Every current student will be able to finish their degree, and no teaching post will be cut before 2027.":
                  "No teaching post will be cut before 2027."},
    },
    {
        "name": "university: two paragraphs deleted, one added",
        "old": UNIVERSITY,
        "edits": [
            ("Students staged a sit-in outside the council meeting. “Closing languages tells the world this university has stopped looking outward,” said Daniel Fox, the students' union president.\n\n", ""),
            ("Staff said they had not been consulted. “We learnt about the closure from a press release,” a senior lecturer said.\n\n",
             "About forty staff work in the department.\n\n"),
        ],
        "moved": {
            "Closing languages tells the world this university has stopped looking outward,": None,
            "We learnt about the closure from a press release,": None,
        },
    },
    {
        "name": "university: word changed inside a short quote and its sentence reworded",
        "old": UNIVERSITY,
        "edits": [("“It will not be the last unless we act.”", "“It will not be the last unless staff act now.”")],
        "moved": {"It will not be the last unless we act.": "It will not be the last unless staff act now."},
    },
]


def _apply(text: str, edits) -> str:
    for old, new in edits:
        assert old in text, f"edit not applicable: {old[:40]!r}"
        text = text.replace(old, new, 1)
    return text


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans inside curly double quotes."""
    spans, at = [], text.find("“")
    while at != -1:
        close = text.find("”", at + 1)
        spans.append((at + 1, close))
        at = text.find("“", close + 1)
    return spans


def pairs():
    """(name, old text, new text, [(old span, expected new span or None)]) for every case."""
    for case in CASES:
        old = _apply(case["old"], case.get("old_edits", []))
        new = _apply(old, case["edits"])
        expected = []
        for start, end in quotations(old):
            quote = old[start:end]
            target = case["moved"].get(quote, quote)
            if target is None:
                expected.append(((start, end), None))
                continue
            assert new.count(target) == 1, f"{case['name']}: {target[:40]!r} is not once in the new text"
            at = new.index(target)
            expected.append(((start, end), (at, at + len(target))))
        yield case["name"], old, new, expected
