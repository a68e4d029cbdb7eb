"""Reads for the public pages, feed, sitemap and ClaimReview: published verdicts only.

Everything here starts from `public_claims()`, so nothing without a published verdict can reach a
public page, a count or a timestamp.
"""

import datetime as dt

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from articles.models import Article
from claims.choices import ANSWERING_RELATIONS, ClaimStatus, RelationType, ReviewStatus
from claims.models import Citation, Claim, ClaimRelation, Review, Speaker
from claims.selectors.lists import text_query
from claims.selectors.matches import claim_matched_claims

# Statuses of claims a reviewer has confirmed: proposals and rejections are never shown publicly.
CONFIRMED_STATUSES = (ClaimStatus.ACCEPTED, ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED)
# Reviews whose change alters what the public sees (a withdrawal or a correction moves these timestamps too).
_VISIBLE_ONCE = (ReviewStatus.PUBLISHED, ReviewStatus.SUPERSEDED)


def _published_review() -> QuerySet[Review]:
    return Review.objects.filter(claim=OuterRef("pk"), status=ReviewStatus.PUBLISHED)


def public_claims() -> QuerySet[Claim]:
    """Claims with a published verdict, annotated with its publication time, newest first."""
    return (
        Claim.objects.filter(Exists(_published_review()))
        .annotate(verdict_published_at=Subquery(_published_review().values("published_at")[:1]))
        .order_by("-verdict_published_at", "-id")
    )


def public_claim_list(*, query: str = "") -> QuerySet[Claim]:
    """The index: published claims with speaker, article and verdict, optionally matching a text search."""
    claims = public_claims()
    if query:
        claims = claims.filter(
            Q(search_vector=text_query(query))
            | Q(speaker__name__icontains=query)
            | Q(article__headline__icontains=query)
        )
    return (
        claims.select_related("speaker", "article__outlet")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch")
        .prefetch_related(
            Prefetch(
                "reviews", queryset=Review.objects.filter(status=ReviewStatus.PUBLISHED), to_attr="published_reviews"
            )
        )
    )


def public_claim_detail(*, claim_id: int) -> Claim:
    """One published claim with all its page shows; raises Claim.DoesNotExist for anything unpublished.

    `published_reviews` holds the verdict, `earlier_reviews` the verdicts it corrected (newest first),
    `public_citations` the sources and `public_responses` the confirmed answers it drew.
    """
    responses = (
        ClaimRelation.objects.filter(relation_type__in=ANSWERING_RELATIONS, source__status__in=CONFIRMED_STATUSES)
        .select_related("source__speaker", "source__article__outlet")
        .defer("source__search_vector", "source__article__body", "source__article__raw_text")
        .annotate(
            source_public=Exists(Review.objects.filter(claim=OuterRef("source_id"), status=ReviewStatus.PUBLISHED))
        )
        .order_by("source__article__published", "source_id")
    )
    return (
        public_claims()
        .select_related("speaker", "article__outlet")
        .defer("search_vector", "article__raw_text", "article__search_vector", "article__text_sketch")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(status=ReviewStatus.PUBLISHED).select_related("supersedes"),
                to_attr="published_reviews",
            ),
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(status=ReviewStatus.SUPERSEDED).order_by("-published_at", "-id"),
                to_attr="earlier_reviews",
            ),
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("stance", "id"),
                to_attr="public_citations",
            ),
            Prefetch("incoming_relations", queryset=responses, to_attr="public_responses"),
        )
        .get(pk=claim_id)
    )


def claim_appearances(*, claim: Claim) -> list[Article]:
    """Every confirmed appearance of the claim, earliest first: its own article and those of its repeats.

    A repeat is a confirmed claim linked to this one by a `repeats` relation in either direction, or a
    claim a reviewer (or the matcher) confirmed as the same one.
    """
    repeats = Claim.objects.filter(
        Q(outgoing_relations__relation_type=RelationType.REPEATS, outgoing_relations__target=claim)
        | Q(incoming_relations__relation_type=RelationType.REPEATS, incoming_relations__source=claim),
        status__in=CONFIRMED_STATUSES,
    ).values("article_id")
    matched = [c.article_id for c in claim_matched_claims(claim=claim)]
    articles = (
        Article.objects.filter(Q(pk=claim.article_id) | Q(pk__in=repeats) | Q(pk__in=matched))
        .select_related("outlet")
        .only("id", "headline", "url", "published", "outlet__name", "created_at")
        .order_by("published", "id")
    )
    return list(articles)


def public_claim_last_modified(*, claim_id: int) -> dt.datetime | None:
    """When anything the claim's public page shows last changed; None if the claim is not public."""
    row = (
        public_claims()
        .filter(pk=claim_id)
        .annotate(
            reviews_changed=Max("reviews__updated_at", filter=Q(reviews__status__in=_VISIBLE_ONCE)),
            cited=Max("citations__created_at"),
            answered=Max("incoming_relations__source__updated_at"),
        )
        .values("updated_at", "article__updated_at", "speaker__updated_at", "reviews_changed", "cited", "answered")
        .first()
    )
    if row is None:
        return None
    return max(value for value in row.values() if value is not None)


def public_speaker(*, speaker_id: int) -> Speaker:
    """A speaker with at least one published verdict; raises Speaker.DoesNotExist otherwise."""
    return Speaker.objects.filter(Exists(public_claims().filter(speaker=OuterRef("pk")))).get(pk=speaker_id)


def public_speaker_claims(*, speaker: Speaker) -> QuerySet[Claim]:
    """The speaker's published claims with their verdicts, newest verdict first."""
    return public_claim_list().filter(speaker=speaker)


def public_speakers() -> QuerySet[Speaker]:
    """Speakers with at least one published verdict, each with when their latest verdict was published."""
    latest = public_claims().filter(speaker=OuterRef("pk")).values("verdict_published_at")[:1]
    return (
        Speaker.objects.filter(Exists(public_claims().filter(speaker=OuterRef("pk"))))
        .annotate(latest_verdict_at=Subquery(latest))
        .order_by("id")
    )


def public_last_modified() -> dt.datetime | None:
    """When the set of public verdicts last changed (publication, correction or withdrawal of one)."""
    return public_state()[0]


def public_state(*, speaker_id: int | None = None) -> tuple[dt.datetime | None, int]:
    """When the public verdicts last changed, and how many there are (of one speaker's claims if given).

    One aggregate over reviews, cheap at any size: the count catches a deletion, which leaves no newer
    timestamp behind (a claim has at most one published review)."""
    reviews = Review.objects.filter(status__in=_VISIBLE_ONCE)
    published = Q(status=ReviewStatus.PUBLISHED)
    if speaker_id is not None:
        published &= Q(claim__speaker_id=speaker_id)
    state = reviews.aggregate(latest=Max("updated_at"), published=Count("id", filter=published))
    return state["latest"], state["published"]
