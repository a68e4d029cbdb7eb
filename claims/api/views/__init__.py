"""The REST API's views, one module per resource."""

from claims.api.views.articles import ArticleViewSet
from claims.api.views.claims import ClaimViewSet
from claims.api.views.links import CitationViewSet, ClaimRelationViewSet, SourceViewSet
from claims.api.views.notes import ClaimNoteListView, QueueView
from claims.api.views.reviews import ReviewViewSet
from claims.api.views.speakers import SpeakerViewSet
from claims.api.views.tokens import APITokenViewSet
from claims.api.views.webhooks import WebhookSubscriptionViewSet

__all__ = [
    "APITokenViewSet",
    "ArticleViewSet",
    "CitationViewSet",
    "ClaimNoteListView",
    "ClaimRelationViewSet",
    "ClaimViewSet",
    "QueueView",
    "ReviewViewSet",
    "SourceViewSet",
    "SpeakerViewSet",
    "WebhookSubscriptionViewSet",
]
