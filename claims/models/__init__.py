"""Speakers, claims, relations, sources, citations and reviews."""

from claims.models.claims import Claim, ClaimRelation
from claims.models.reviews import Review
from claims.models.sources import Citation, Source
from claims.models.speakers import Speaker, SpeakerAlias, SpeakerRole

__all__ = [
    "Citation",
    "Claim",
    "ClaimRelation",
    "Review",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "SpeakerRole",
]
