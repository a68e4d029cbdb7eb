"""Reads for a speaker's admin page: what they said, and other records that may be the same speaker."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Exists, FloatField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Greatest

from claims.choices import ReviewStatus
from claims.models import Claim, Review, Speaker, SpeakerAlias

# How alike two names must be (pg_trgm similarity, 0–1) for the records to be offered as possible duplicates.
DUPLICATE_SIMILARITY = 0.45


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


def speaker_duplicates(*, speaker: Speaker, limit: int = 5) -> QuerySet[Speaker]:
    """Active speakers of the same kind whose name is like this one's (trigrams) or shares a name or alias."""
    names = [speaker.name, *speaker.aliases.values_list("name", flat=True)]
    shared = Q(name__iexact=speaker.name) | Exists(
        SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__in=names)
    )
    for name in names:
        shared |= Q(name__iexact=name)
    return (
        Speaker.objects.filter(merged_into__isnull=True, kind=speaker.kind)
        .exclude(pk=speaker.pk)
        .annotate(
            similarity=Greatest(
                *(TrigramSimilarity("name", name) for name in names), Value(0.0, output_field=FloatField())
            )
        )
        .filter(Q(similarity__gte=DUPLICATE_SIMILARITY) | shared)
        .order_by("-similarity", "name")[:limit]
    )
