"""Long news-like bodies and the edits newsrooms make to them (a corrected figure, a rewritten quote, a
paragraph added, cut or moved), for the version diff's tests and benchmark. Written from templates, so any
size can be made; the same seed gives the same text."""

import random

_NAMES = [
    "Petra Halloran",
    "Idris Mensah",
    "Lucia Varga",
    "Tomas Brennan",
    "Amara Okafor",
    "Rhys Callender",
    "Noor Haddad",
    "Elin Sorensen",
    "Marek Dvorak",
    "Grace Otieno",
    "Felix Aumont",
    "Saoirse Keane",
]
_BODIES = [
    "the county council",
    "the harbour board",
    "the transport authority",
    "the teachers' union",
    "the health trust",
    "the water company",
    "the planning committee",
    "the opposition group",
]
_TOPICS = [
    "the bridge repairs",
    "the school budget",
    "the bus timetable",
    "the hospital car park",
    "the flood defences",
    "the library hours",
    "the recycling contract",
    "the housing plan",
]
_SENTENCES = [
    "{name} said {body} had spent £{n}m on {topic} since {year}.",
    "“We have been clear from the start about {topic},” said {name}.",
    "According to {body}, {n} residents wrote in about {topic} last month.",
    "{name}, who chairs {body}, told reporters the figures for {topic} were “simply wrong”.",
    "The report found that {n} per cent of the money for {topic} was never spent.",
    "A spokesperson for {body} said it would respond to the claims about {topic} in {month}.",
    "Critics say {topic} has been delayed {n} times since {year}.",
    "{name} denied that {body} had misled anyone over {topic}.",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def _sentence(rng: random.Random) -> str:
    return rng.choice(_SENTENCES).format(
        name=rng.choice(_NAMES),
        body=rng.choice(_BODIES),
        topic=rng.choice(_TOPICS),
        n=rng.randint(2, 9_999),
        year=rng.randint(1998, 2025),
        month=rng.choice(_MONTHS),
    )


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))


def news_body(size: int, *, seed: int = 0) -> str:
    """About `size` characters of paragraphs."""
    rng = random.Random(seed)
    paragraphs, length = [], 0
    while length < size:
        paragraphs.append(_paragraph(rng))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def edited(body: str, *, seed: int = 0, edits: int = 6) -> tuple[str, list[str]]:
    """`body` after `edits` newsroom edits, and what each edit was."""
    rng = random.Random(seed)
    paragraphs = body.split("\n\n")
    done = []
    for _ in range(edits):
        kind = rng.choice(["figure", "rewrite", "add", "cut", "move"])
        at = rng.randrange(len(paragraphs))
        if kind == "figure":
            words = paragraphs[at].split(" ")
            spots = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)] or [0]
            spot = rng.choice(spots)
            words[spot] = f"{rng.randint(2, 9_999)}" + "".join(c for c in words[spot] if not c.isdigit() and c != "£")
            paragraphs[at] = " ".join(words)
        elif kind == "rewrite":
            paragraphs[at] = _paragraph(rng)
        elif kind == "add":
            paragraphs.insert(at, _paragraph(rng))
        elif kind == "cut" and len(paragraphs) > 1:
            paragraphs.pop(at)
        elif kind == "move" and len(paragraphs) > 2:
            moved = paragraphs.pop(at)
            paragraphs.insert(rng.randrange(len(paragraphs)), moved)
        done.append(kind)
    return "\n\n".join(paragraphs), done
