"""Matches in the admin: the claim page and the workbench say where else a claim appears and what verdict it
got there, and a reviewer confirms or dismisses a suggestion from the claim page."""

import pytest

from claims.choices import MatchState, ReviewStatus
from claims.models import ClaimMatch
from claims.services.matching import claim_matches_refresh
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def claim_in(text, speaker):
    article = ArticleFactory(body=f"He said: “{text}”")
    start = article.body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), speaker=speaker)


def test_claim_page_and_workbench_show_matches_and_verdicts(client, staff_user):
    speaker = SpeakerFactory(name="Omar Quinn")
    original = claim_in("The harbour will be dredged before the regatta.", speaker)
    repeated = claim_in("The harbour will be dredged before the regatta.", speaker)
    reported = claim_in("the harbour will be dredged before the regatta", SpeakerFactory())
    ReviewFactory(claim=repeated, status=ReviewStatus.PUBLISHED)
    claim_matches_refresh(claim=original)
    client.force_login(staff_user)

    page = client.get(f"/admin/claims/claim/{original.pk}/change/").content.decode()
    assert "Also in 1 other article" in page and "1 suggested match" in page
    assert "verdict: Mostly false" in page
    workbench = client.get(f"/admin/articles/article/{original.article_id}/workbench/").content.decode()
    assert "also in 1 other article" in workbench and "1 possible match" in workbench
    assert "verdict elsewhere: <strong>Mostly false</strong>" in workbench

    response = client.post(f"/admin/claims/claim/{original.pk}/match/{reported.pk}/dismiss/")
    assert response.status_code == 302
    low, high = sorted((original.pk, reported.pk))
    assert ClaimMatch.objects.get(claim_id=low, other_id=high).state == MatchState.DISMISSED
