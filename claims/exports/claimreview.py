"""schema.org ClaimReview JSON-LD for a published verdict (what fact-check search tools read).

Carries the fields schema.org marks as expected and Google's Fact Check markup requires or recommends:
`claimReviewed`, `reviewRating` (with its scale and `alternateName`), `itemReviewed` (a Claim with its
`author`, `datePublished`, every `appearance` and the `firstAppearance`), `author`, `url`, `datePublished`.
"""

from collections.abc import Sequence

from django.conf import settings

from articles.models import Article
from claims.choices import RATING_BEST, RATING_VALUES, RATING_WORST, ClaimOrigin, SpeakerKind
from claims.models import Claim, Review, Speaker

SCHEMA_ORG = "https://schema.org"


class NotPublished(Exception):
    """The claim has no published verdict, so there is nothing to export yet."""


def publisher() -> dict:
    """The organisation that publishes the verdicts (settings CLAIMREVIEW_PUBLISHER_NAME / _URL)."""
    organisation = {"@type": "Organization", "name": settings.CLAIMREVIEW_PUBLISHER_NAME}
    if settings.CLAIMREVIEW_PUBLISHER_URL:
        organisation["url"] = settings.CLAIMREVIEW_PUBLISHER_URL
    return organisation


def _speaker(speaker: Speaker | None) -> dict | None:
    if speaker is None:
        return None
    kind = "Person" if speaker.kind == SpeakerKind.PERSON else "Organization"
    return {"@type": kind, "name": speaker.name}


def _appearance(article: Article, article_url: str) -> dict:
    appearance = {"@type": "NewsArticle", "url": article.url or article_url, "headline": article.headline}
    if article.published:
        appearance["datePublished"] = article.published.isoformat()
    if article.outlet_id:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return appearance


def review_rating(review: Review) -> dict:
    """The verdict on ClaimReview's 1..5 scale; a verdict off the scale (unproven) has only its name."""
    rating = {"@type": "Rating", "alternateName": review.get_rating_display()}
    value = RATING_VALUES.get(review.rating)
    if value is not None:
        rating.update(ratingValue=value, bestRating=RATING_BEST, worstRating=RATING_WORST)
    return rating


def _review_author(review: Review) -> dict:
    # A partner's verdict is theirs: republishing it under our name would misattribute it.
    if review.origin == ClaimOrigin.IMPORTED and review.source_publisher:
        return {"@type": "Organization", "name": review.source_publisher}
    return publisher()


def review_url(review: Review, public_url: str) -> str:
    """Where a reader finds the verdict: the desk's own page when a reviewer gave one, else the public page."""
    return review.published_url or public_url


def claimreview_document(
    *, claim: Claim, public_url: str, appearances: Sequence[Article], article_url: str = ""
) -> dict:
    """The ClaimReview of the claim's published verdict (claim with `published_reviews` prefetched).

    `public_url` is the verdict's public page; `appearances` are the confirmed appearances, earliest first
    (`claim_appearances`); `article_url` stands in for an article without a URL of its own.
    """
    reviews = getattr(claim, "published_reviews", None)
    if not reviews:
        raise NotPublished(f"Claim {claim.pk} has no published verdict.")
    review = reviews[0]
    appearances = list(appearances) or [claim.article]
    listed = [_appearance(article, article_url) for article in appearances]
    item = {"@type": "Claim", "appearance": listed, "firstAppearance": listed[0]}
    author = _speaker(claim.speaker)
    if author:
        item["author"] = author
    first = next((article.published for article in appearances if article.published), None)
    if first:
        item["datePublished"] = first.isoformat()
    document = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": review_url(review, public_url),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": review_rating(review),
        "author": _review_author(review),
        "datePublished": review.published_at.date().isoformat() if review.published_at else None,
        "dateModified": review.updated_at.isoformat() if review.updated_at else None,
        "headline": review.summary,
        "inLanguage": claim.article.language or None,
    }
    if review.body:
        document["reviewBody"] = review.body
    return {key: value for key, value in document.items() if value is not None}
