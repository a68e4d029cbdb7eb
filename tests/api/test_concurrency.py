"""Optimistic concurrency: ETag on claims and reviews, If-Match required on edits (428), checked (412)."""

import threading

import pytest
from django.db import connection

from claims.choices import ClaimType
from claims.models import Claim
from tests.factories import ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def claim_url(claim):
    return f"/api/v1/claims/{claim.pk}/"


def test_claim_carries_a_strong_etag_that_changes_with_the_row(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    first = api_client.get(claim_url(claim)).headers["ETag"]
    assert first.startswith('"') and not first.startswith("W/")
    assert api_client.get(claim_url(claim)).headers["ETag"] == first
    # A bulk update bypasses save() and updated_at, and still changes the ETag.
    Claim.objects.filter(pk=claim.pk).update(direct=False)
    assert api_client.get(claim_url(claim)).headers["ETag"] != first


def test_patch_without_if_match_is_428(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    response = api_client.patch(claim_url(claim), {"claim_type": "opinion"}, format="json")
    assert response.status_code == 428
    claim.refresh_from_db()
    assert claim.claim_type == ClaimType.OTHER


def test_second_reviewer_with_stale_etag_gets_412_and_first_change_survives(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    etag = api_client.get(claim_url(claim)).headers["ETag"]
    first = api_client.patch(claim_url(claim), {"claim_type": "opinion"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    assert first.headers["ETag"] != etag
    second = api_client.patch(claim_url(claim), {"claim_type": "promise"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    claim.refresh_from_db()
    assert claim.claim_type == ClaimType.OPINION
    # The new ETag from the first answer works.
    third = api_client.patch(
        claim_url(claim), {"claim_type": "promise"}, format="json", HTTP_IF_MATCH=first.headers["ETag"]
    )
    assert third.status_code == 200 and third.json()["claim_type"] == "promise"


def test_weak_etag_never_matches(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    etag = api_client.get(claim_url(claim)).headers["ETag"]
    response = api_client.patch(claim_url(claim), {"direct": False}, format="json", HTTP_IF_MATCH=f"W/{etag}")
    assert response.status_code == 412


def test_transition_with_stale_if_match_is_412(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    etag = api_client.get(claim_url(claim)).headers["ETag"]
    Claim.objects.filter(pk=claim.pk).update(claim_type=ClaimType.OPINION)
    response = api_client.post(f"{claim_url(claim)}accept/", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.status == "proposed"


def test_review_carries_an_etag(api_client, viewer):
    review = ReviewFactory()
    api_client.force_authenticate(viewer)
    response = api_client.get(f"/api/v1/reviews/{review.pk}/")
    assert response.status_code == 200
    assert response.headers["ETag"].startswith(f'"review-{review.pk}-')


@pytest.mark.django_db(transaction=True)
def test_check_and_write_happen_under_the_row_lock(annotator):
    """Two PATCHes with the same ETag at the same moment: exactly one wins, the other gets 412."""
    from rest_framework.test import APIClient

    claim = ClaimFactory()
    reader = APIClient()
    reader.force_authenticate(annotator)
    etag = reader.get(claim_url(claim)).headers["ETag"]
    barrier = threading.Barrier(2)
    statuses = []

    def patch(claim_type):
        client = APIClient()
        client.force_authenticate(annotator)
        barrier.wait()
        try:
            response = client.patch(claim_url(claim), {"claim_type": claim_type}, format="json", HTTP_IF_MATCH=etag)
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=(t,)) for t in ("opinion", "promise")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412]


def test_publishing_with_a_stale_review_etag_is_412(api_client, editor):
    from claims.choices import ClaimStatus, ReviewStatus
    from claims.models import Review

    review = ReviewFactory(claim=ClaimFactory(status=ClaimStatus.REVIEWED), status=ReviewStatus.SUBMITTED)
    api_client.force_authenticate(editor)
    etag = api_client.get(f"/api/v1/reviews/{review.pk}/").headers["ETag"]
    Review.objects.filter(pk=review.pk).update(summary="Rewritten meanwhile.")
    stale = api_client.post(f"/api/v1/reviews/{review.pk}/publish/", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    fresh = api_client.get(f"/api/v1/reviews/{review.pk}/").headers["ETag"]
    published = api_client.post(f"/api/v1/reviews/{review.pk}/publish/", HTTP_IF_MATCH=fresh)
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
