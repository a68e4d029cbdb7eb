"""Reviewers record where the desk published a verdict; the ClaimReview then points there."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def set_url(client, review, value):
    return client.post(reverse("api:review-published-url", args=[review.pk]), {"published_url": value}, format="json")


def test_reviewer_sets_the_address_and_claimreview_follows(api_client, reviewer, world):
    review = world.claim.reviews.get(status="published")
    api_client.force_authenticate(reviewer)
    response = set_url(api_client, review, "https://checks.example/exports")
    assert response.status_code == 200
    assert response.json()["published_url"] == "https://checks.example/exports"
    doc = api_client.get(reverse("api:claim-claimreview", args=[world.claim.pk])).json()
    assert doc["url"] == "https://checks.example/exports"
    assert set_url(api_client, review, "").json()["published_url"] == ""


def test_bad_address_is_a_field_error_and_viewers_are_refused(api_client, reviewer, viewer, world):
    review = world.claim.reviews.get(status="published")
    api_client.force_authenticate(reviewer)
    response = set_url(api_client, review, "javascript:alert(1)")
    assert response.status_code == 400
    assert "published_url" in response.json()
    api_client.force_authenticate(viewer)
    assert set_url(api_client, review, "https://checks.example/x").status_code == 403
    review.refresh_from_db()
    assert review.published_url == ""
