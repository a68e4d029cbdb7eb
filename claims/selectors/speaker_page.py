"""Reads for a speaker's admin page: what they said."""

from django.db.models import Prefetch

from claims.choices import ReviewStatus
from claims.models import Claim, Review, Speaker


def speaker_page_claims(*, speaker: Speaker, limit: int = 100) -> list[Claim]:
    """The speaker's latest claims with their article and published verdict, newest article first."""
    published = Review.objects.filter(status=ReviewStatus.PUBLISHED).only("id", "claim_id", "rating", "summary")
    return list(
        Claim.objects.filter(speaker=speaker)
        .select_related("article")
        .only("id", "text", "status", "kind", "claim_type", "article__id", "article__headline", "article__published")
        .prefetch_related(Prefetch("reviews", queryset=published, to_attr="published_reviews"))
        .order_by("-article__published", "-id")[:limit]
    )
