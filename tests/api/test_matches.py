"""Claim matches over HTTP: listing candidates with scores, states and verdicts; confirming and dismissing."""

import pytest

from claims.choices import ReviewStatus
from claims.services.matching import claim_matches_refresh
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def claim_in(text, speaker=None):
    article = ArticleFactory(body=f"She said: “{text}”")
    start = article.body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), speaker=speaker)


def test_matches_are_listed_with_scores_and_decided_by_reviewers(api_client, viewer, annotator):
    original = claim_in("Child poverty in the county has halved since 2019.", SpeakerFactory())
    repeated = claim_in("Child poverty in the county has halved since 2019", SpeakerFactory())
    ReviewFactory(claim=repeated, status=ReviewStatus.PUBLISHED)
    claim_matches_refresh(claim=original)
    api_client.force_authenticate(viewer)
    listed = api_client.get(f"/api/v1/claims/{original.pk}/matches/").json()
    assert [m["claim"]["id"] for m in listed] == [repeated.pk]
    assert listed[0]["state"] == "suggested" and listed[0]["score"] >= 0.9
    assert listed[0]["verdict"]["rating"] == "mostly_false"
    assert api_client.get(f"/api/v1/claims/{original.pk}/matches/?state=maybe").status_code == 400
    assert api_client.post(f"/api/v1/claims/{original.pk}/matches/{repeated.pk}/confirm/").status_code == 403

    api_client.force_authenticate(annotator)
    done = api_client.post(f"/api/v1/claims/{original.pk}/matches/{repeated.pk}/dismiss/")
    assert done.status_code == 200 and done.json()["state"] == "dismissed"
    assert api_client.get(f"/api/v1/claims/{original.pk}/matches/").json() == []
    dismissed = api_client.get(f"/api/v1/claims/{repeated.pk}/matches/?state=dismissed").json()
    assert [m["claim"]["id"] for m in dismissed] == [original.pk]
    unknown = api_client.post(f"/api/v1/claims/{original.pk}/matches/{original.pk + 999}/confirm/")
    assert unknown.status_code == 400 and "other" in unknown.json()
    assert api_client.get("/api/v1/claims/99999999/matches/").status_code == 404
