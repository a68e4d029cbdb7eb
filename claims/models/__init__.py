"""Speakers, claims, relations, sources, citations and reviews."""

from claims.models.bulk import BulkDecision
from claims.models.claims import Claim, ClaimRelation
from claims.models.dashboard import DashboardSnapshot
from claims.models.matches import ClaimMatch
from claims.models.notes import Note
from claims.models.reviews import Review
from claims.models.sources import Citation, Source
from claims.models.speakers import Speaker, SpeakerAlias, SpeakerRole
from claims.models.throttling import RateWindow
from claims.models.tokens import APIToken
from claims.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookSubscription

__all__ = [
    "APIToken",
    "BulkDecision",
    "Citation",
    "Claim",
    "ClaimMatch",
    "ClaimRelation",
    "DashboardSnapshot",
    "Note",
    "RateWindow",
    "Review",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "SpeakerRole",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
]
