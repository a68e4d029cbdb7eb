"""Changing and removing what annotators and reviewers made: refusals while in use, authorship, transitions."""

import pytest

from claims.choices import ClaimStatus, ReviewStatus
from claims.models import Citation, Claim, ClaimRelation, Review, Source
from tests.factories import CitationFactory, ClaimFactory, ClaimRelationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def etag(client, url: str) -> str:
    return client.get(url).headers["ETag"]


def waiting_review(author) -> Review:
    return ReviewFactory(claim=ClaimFactory(status=ClaimStatus.REVIEWED), author=author, status=ReviewStatus.SUBMITTED)


def test_deleting_a_cited_source_is_409_until_its_citations_are_gone(api_client, editor):
    citation = CitationFactory()
    url = f"/api/v1/sources/{citation.source_id}/"
    api_client.force_authenticate(editor)
    refused = api_client.delete(url)
    assert refused.status_code == 409, refused.content
    assert "cited" in refused.json()["detail"]
    assert Source.objects.filter(pk=citation.source_id).exists()
    assert api_client.delete(f"/api/v1/citations/{citation.pk}/").status_code == 204
    assert api_client.delete(url).status_code == 204
    assert not Source.objects.filter(pk=citation.source_id).exists()


@pytest.mark.parametrize("status", [ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED])
def test_deleting_a_claim_taken_into_review_is_409(api_client, editor, status):
    claim = ClaimFactory(status=status)
    url = f"/api/v1/claims/{claim.pk}/"
    api_client.force_authenticate(editor)
    response = api_client.delete(url, HTTP_IF_MATCH=etag(api_client, url))
    assert response.status_code == 409, response.content
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_deleting_a_claim_with_a_withdrawn_verdict_is_409(api_client, editor):
    review = ReviewFactory(claim=ClaimFactory(status=ClaimStatus.ACCEPTED), status=ReviewStatus.WITHDRAWN)
    url = f"/api/v1/claims/{review.claim_id}/"
    api_client.force_authenticate(editor)
    assert api_client.delete(url, HTTP_IF_MATCH=etag(api_client, url)).status_code == 409
    assert Claim.objects.filter(pk=review.claim_id).exists()


def test_deleting_a_proposal_takes_its_links_and_citations_with_it(api_client, editor):
    relation = ClaimRelationFactory()
    citation = CitationFactory(claim=relation.source)
    url = f"/api/v1/claims/{relation.source_id}/"
    api_client.force_authenticate(editor)
    assert api_client.delete(url, HTTP_IF_MATCH=etag(api_client, url)).status_code == 204
    assert not ClaimRelation.objects.filter(pk=relation.pk).exists()
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert Source.objects.filter(pk=citation.source_id).exists()
    assert api_client.get(f"/api/v1/claims/{relation.target_id}/").json()["responses"] == []


def test_put_replaces_the_span_and_a_published_claim_refuses_it(api_client, annotator):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/"
    start = claim.article.body.index("These figures")
    data = {"start": start, "end": start + 13, "speaker": None, "kind": "claim", "claim_type": "other", "direct": True}
    api_client.force_authenticate(annotator)
    response = api_client.put(url, data, format="json", HTTP_IF_MATCH=etag(api_client, url))
    assert response.status_code == 200, response.content
    assert (response.json()["text"], response.json()["speaker"]) == ("These figures", None)

    frozen = ClaimFactory(status=ClaimStatus.PUBLISHED)
    frozen_url = f"/api/v1/claims/{frozen.pk}/"
    refused = api_client.put(frozen_url, data, format="json", HTTP_IF_MATCH=etag(api_client, frozen_url))
    assert refused.status_code == 409
    frozen.refresh_from_db()
    assert frozen.speaker_id is not None


def test_relation_update_refuses_a_duplicate_and_fixed_fields(api_client, annotator):
    relation = ClaimRelationFactory(relation_type="rebuts")
    ClaimRelationFactory(source=relation.source, target=relation.target, relation_type="denies")
    url = f"/api/v1/relations/{relation.pk}/"
    api_client.force_authenticate(annotator)
    duplicate = api_client.patch(url, {"relation_type": "denies"}, format="json")
    assert duplicate.status_code == 400 and "relation_type" in duplicate.json()
    moved = api_client.patch(url, {"target": relation.source_id}, format="json")
    assert moved.status_code == 400 and "target" in moved.json()
    assert api_client.patch(url, {"relation_type": "bogus"}, format="json").status_code == 400
    relation.refresh_from_db()
    assert (relation.relation_type, relation.target_id) == ("rebuts", relation.target_id)


def test_citation_update_refuses_a_duplicate_stance(api_client, annotator):
    citation = CitationFactory(stance="contradicts")
    CitationFactory(claim=citation.claim, source=citation.source, stance="context")
    api_client.force_authenticate(annotator)
    response = api_client.patch(f"/api/v1/citations/{citation.pk}/", {"stance": "context"}, format="json")
    assert response.status_code == 400 and "stance" in response.json()
    citation.refresh_from_db()
    assert citation.stance == "contradicts"


def test_only_the_author_revises_or_withdraws_a_verdict(api_client, reviewer, second_reviewer, editor):
    review = waiting_review(reviewer)
    url = f"/api/v1/reviews/{review.pk}/"
    for other in (second_reviewer, editor):
        api_client.force_authenticate(other)
        tag = etag(api_client, url)
        assert api_client.patch(url, {"summary": "Mine now."}, format="json", HTTP_IF_MATCH=tag).status_code == 403
        assert api_client.delete(url, HTTP_IF_MATCH=tag).status_code == 403
        assert api_client.post(f"{url}withdraw/").status_code == 403
    review.refresh_from_db()
    assert (review.status, review.summary) == (ReviewStatus.SUBMITTED, "Growth was far lower than claimed.")


def test_revising_checks_the_verdict_and_its_state(api_client, reviewer):
    review = waiting_review(reviewer)
    url = f"/api/v1/reviews/{review.pk}/"
    api_client.force_authenticate(reviewer)
    blank = api_client.patch(url, {"summary": "   "}, format="json", HTTP_IF_MATCH=etag(api_client, url))
    assert blank.status_code == 400 and "summary" in blank.json()
    before = etag(api_client, url)
    revised = api_client.patch(url, {"body": "Source: the Q3 tables."}, format="json", HTTP_IF_MATCH=before)
    assert revised.status_code == 200 and revised.json()["body"] == "Source: the Q3 tables."
    assert revised.headers["ETag"] not in (before, None)
    assert revised.json()["status"] == ReviewStatus.SUBMITTED

    published = ReviewFactory(
        claim=ClaimFactory(status=ClaimStatus.PUBLISHED), author=reviewer, status=ReviewStatus.PUBLISHED
    )
    published_url = f"/api/v1/reviews/{published.pk}/"
    late = api_client.patch(
        published_url, {"summary": "Rewritten."}, format="json", HTTP_IF_MATCH=etag(api_client, published_url)
    )
    assert late.status_code == 409
    assert api_client.delete(published_url, HTTP_IF_MATCH=etag(api_client, published_url)).status_code == 409


def test_withdraw_is_offered_to_the_author_and_returns_the_claim_to_review(api_client, reviewer, second_reviewer):
    review = waiting_review(reviewer)
    claim_url = f"/api/v1/claims/{review.claim_id}/"
    api_client.force_authenticate(second_reviewer)
    assert "withdraw" not in api_client.get(claim_url).json()["transitions"]
    api_client.force_authenticate(reviewer)
    assert "withdraw" in api_client.get(claim_url).json()["transitions"]

    response = api_client.post(f"/api/v1/reviews/{review.pk}/withdraw/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ReviewStatus.WITHDRAWN
    after = api_client.get(claim_url).json()
    assert after["status"] == ClaimStatus.IN_REVIEW
    assert "withdraw" not in after["transitions"]
    assert api_client.post(f"/api/v1/reviews/{review.pk}/withdraw/").status_code == 409


def test_withdraw_action_honours_a_stale_if_match(api_client, reviewer):
    review = waiting_review(reviewer)
    url = f"/api/v1/reviews/{review.pk}/"
    api_client.force_authenticate(reviewer)
    tag = etag(api_client, url)
    Review.objects.filter(pk=review.pk).update(body="Changed meanwhile.")
    assert api_client.post(f"{url}withdraw/", HTTP_IF_MATCH=tag).status_code == 412
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_unknown_ids_are_404_for_the_new_writes(api_client, editor):
    api_client.force_authenticate(editor)
    assert api_client.patch("/api/v1/relations/987654/", {"note": "x"}, format="json").status_code == 404
    assert api_client.patch("/api/v1/citations/987654/", {"excerpt": "x"}, format="json").status_code == 404
    assert api_client.delete("/api/v1/sources/987654/").status_code == 404
    assert api_client.delete("/api/v1/claims/987654/", HTTP_IF_MATCH="*").status_code == 404
    assert api_client.patch("/api/v1/reviews/987654/", {}, format="json", HTTP_IF_MATCH="*").status_code == 404
    assert api_client.delete(f"/api/v1/reviews/{10**30}/", HTTP_IF_MATCH="*").status_code == 404
