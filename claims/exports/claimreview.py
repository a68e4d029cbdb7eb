"""schema.org ClaimReview JSON-LD for a published verdict (what fact-check search tools read)."""

from django.conf import settings

from claims.choices import RATING_BEST, RATING_VALUES, RATING_WORST, SpeakerKind
from claims.models import Claim, Review
from claims.selectors.matches import claim_appearances

SCHEMA_ORG = "https://schema.org"


class NotPublished(Exception):
    """The claim has no published verdict, so there is nothing to export yet."""


def publisher() -> dict:
    """The organisation that publishes the verdicts (settings CLAIMREVIEW_PUBLISHER_NAME / _URL)."""
    organisation = {"@type": "Organization", "name": getattr(settings, "CLAIMREVIEW_PUBLISHER_NAME", "Claimtrack")}
    url = getattr(settings, "CLAIMREVIEW_PUBLISHER_URL", "")
    if url:
        organisation["url"] = url
    return organisation


def _speaker(claim: Claim) -> dict | None:
    speaker = claim.speaker
    if speaker is None:
        return None
    kind = "Person" if speaker.kind == SpeakerKind.PERSON else "Organization"
    return {"@type": kind, "name": speaker.name}


def _appearance(claim: Claim, article_url: str) -> dict:
    article = claim.article
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


def claimreview_document(*, claim: Claim, url: str, article_url: str) -> dict:
    """The ClaimReview of the claim's published verdict (claim from `claim_with_published_review`).

    `url` is where this review can be read, `article_url` where the article is when it has no URL of its own.
    """
    reviews = getattr(claim, "published_reviews", None)
    if not reviews:
        raise NotPublished(f"Claim {claim.pk} has no published verdict.")
    review = reviews[0]
    item = {"@type": "Claim", "appearance": _appearance(claim, article_url)}
    # The verdict covers every article the claim was confirmed in: all are listed, the earliest first.
    appearances = claim_appearances(claim=claim)
    if len(appearances) > 1:
        listed = [_appearance(c, article_url) if c.pk == claim.pk else _appearance(c, "") for c in appearances]
        item["appearance"] = [{k: v for k, v in a.items() if v} for a in listed]
        item["firstAppearance"] = item["appearance"][0]
    author = _speaker(claim)
    if author:
        item["author"] = author
    if claim.article.published:
        item["datePublished"] = claim.article.published.isoformat()
    document = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": review_rating(review),
        "author": publisher(),
        "datePublished": review.published_at.date().isoformat() if review.published_at else None,
        "headline": review.summary,
    }
    if review.body:
        document["reviewBody"] = review.body
    return {key: value for key, value in document.items() if value is not None}
