"""The public result types of extraction: proposed speakers and statements of one article body."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProposedSpeaker:
    """Someone (or a body) the article quotes, with the names and roles the text gives them."""

    name: str
    kind: str  # "person" | "organisation" | "spokesperson" | "group"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    members: tuple[int, ...] = ()


@dataclass(frozen=True)
class ProposedStatement:
    """One quoted (or embedded) statement: exact text and span in the body, speaker, kind and links."""

    text: str
    start: int
    end: int
    speaker: int | None
    kind: str  # "claim" | "response"
    claim_type: str  # "factual" | "statistical" | "accusation" | "opinion" | "promise" | "other"
    direct: bool
    confidence: float
    responds_to: tuple[int, ...] = ()
    relation_type: str | None = None
    link_confidence: float | None = None  # how sure the links in responds_to are (0..1)


@dataclass(frozen=True)
class Extraction:
    """Everything extraction proposes for one body."""

    speakers: tuple[ProposedSpeaker, ...]
    statements: tuple[ProposedStatement, ...]
