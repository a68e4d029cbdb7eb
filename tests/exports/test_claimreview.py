"""ClaimReview JSON-LD: the fields schema.org and fact-check search tools require and recommend."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.choices import ClaimStatus, Rating, ReviewStatus
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, ReviewFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def published_claim(rating=Rating.MOSTLY_FALSE):
    article = ArticleFactory(
        url="https://news.example/a", published=dt.date(2018, 12, 20), outlet=OutletFactory(name="Daily Example")
    )
    claim = ClaimFactory(article=article, speaker=SpeakerFactory(name="Alex Minister"), status=ClaimStatus.PUBLISHED)
    ReviewFactory(
        claim=claim, rating=rating, status=ReviewStatus.PUBLISHED, published_at=timezone.now(), body="Details."
    )
    return claim


def url(claim):
    return reverse("api:claim-claimreview", args=[claim.pk])


def test_published_verdict_has_required_and_recommended_fields(api_client, viewer):
    claim = published_claim()
    api_client.force_authenticate(viewer)
    response = api_client.get(url(claim))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/ld+json")
    doc = response.json()
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == claim.text
    assert doc["url"].startswith("http")
    assert doc["author"]["@type"] == "Organization" and doc["author"]["name"]
    assert dt.date.fromisoformat(doc["datePublished"])
    rating = doc["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Alex Minister"}
    assert item["datePublished"] == "2018-12-20"
    assert [appearance["url"] for appearance in item["appearance"]] == ["https://news.example/a"]
    assert item["firstAppearance"]["publisher"]["name"] == "Daily Example"


def test_verdict_off_the_scale_keeps_its_name_only(api_client, viewer):
    claim = published_claim(Rating.UNPROVEN)
    api_client.force_authenticate(viewer)
    rating = api_client.get(url(claim)).json()["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unproven"}


def test_unpublished_is_409_and_unknown_is_404(api_client, viewer):
    claim = ClaimFactory(status=ClaimStatus.REVIEWED)
    ReviewFactory(claim=claim, status=ReviewStatus.SUBMITTED)
    api_client.force_authenticate(viewer)
    assert api_client.get(url(claim)).status_code == 409
    assert api_client.get(reverse("api:claim-claimreview", args=[99999999])).status_code == 404
