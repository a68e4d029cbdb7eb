"""Publishing needs If-Match; every other transition honours it; the schema says so."""

import json

import pytest

from claims.choices import ClaimStatus, ReviewStatus
from claims.models import Claim, Review
from tests.factories import ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_review():
    return ReviewFactory(claim=ClaimFactory(status=ClaimStatus.REVIEWED), status=ReviewStatus.SUBMITTED)


def test_publishing_without_if_match_is_428_and_changes_nothing(api_client, editor, waiting_review):
    api_client.force_authenticate(editor)
    response = api_client.post(f"/api/v1/reviews/{waiting_review.pk}/publish/")
    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    waiting_review.refresh_from_db()
    assert waiting_review.status == ReviewStatus.SUBMITTED


def test_publishing_a_verdict_revised_after_it_was_read_is_412(api_client, editor, waiting_review):
    api_client.force_authenticate(editor)
    etag = api_client.get(f"/api/v1/reviews/{waiting_review.pk}/").headers["ETag"]
    Review.objects.filter(pk=waiting_review.pk).update(body="Revised after the editor read it.")
    assert api_client.post(f"/api/v1/reviews/{waiting_review.pk}/publish/", HTTP_IF_MATCH=etag).status_code == 412
    waiting_review.refresh_from_db()
    assert waiting_review.status == ReviewStatus.SUBMITTED


@pytest.mark.parametrize(
    ("status", "action", "body"),
    [
        (ClaimStatus.PROPOSED, "accept/", None),
        (ClaimStatus.PROPOSED, "reject/", {"reason": "Not a claim"}),
        (ClaimStatus.REJECTED, "reopen/", None),
    ],
)
def test_claim_transitions_refuse_a_stale_if_match(api_client, editor, status, action, body):
    claim = ClaimFactory(status=status)
    api_client.force_authenticate(editor)
    etag = api_client.get(f"/api/v1/claims/{claim.pk}/").headers["ETag"]
    Claim.objects.filter(pk=claim.pk).update(claim_type="opinion")
    stale = api_client.post(f"/api/v1/claims/{claim.pk}/{action}", body, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Claim.objects.get(pk=claim.pk).status == status
    fresh = api_client.get(f"/api/v1/claims/{claim.pk}/").headers["ETag"]
    assert (
        api_client.post(f"/api/v1/claims/{claim.pk}/{action}", body, format="json", HTTP_IF_MATCH=fresh).status_code
        == 200
    )


def test_send_back_refuses_a_stale_if_match(api_client, editor, waiting_review):
    api_client.force_authenticate(editor)
    etag = api_client.get(f"/api/v1/reviews/{waiting_review.pk}/").headers["ETag"]
    Review.objects.filter(pk=waiting_review.pk).update(summary="Changed.")
    url = f"/api/v1/reviews/{waiting_review.pk}/send-back/"
    assert api_client.post(url, {"reason": "Check the figures."}, format="json", HTTP_IF_MATCH=etag).status_code == 412


def _operation(schema: dict, path: str, method: str) -> dict:
    return schema["paths"][path][method]


def _if_match(operation: dict) -> dict:
    [header] = [p for p in operation.get("parameters", []) if p["in"] == "header" and p["name"] == "If-Match"]
    return header


def test_the_schema_marks_if_match_required_where_it_is_and_documents_412_and_428(client):
    schema = json.loads(client.get("/api/v1/schema/", {"format": "json"}).content)
    publish = _operation(schema, "/api/v1/reviews/{id}/publish/", "post")
    assert _if_match(publish)["required"] is True
    assert {"412", "428"} <= set(publish["responses"])
    for path, method in [
        ("/api/v1/claims/{id}/", "patch"),
        ("/api/v1/claims/{id}/", "put"),
        ("/api/v1/claims/{id}/", "delete"),
        ("/api/v1/reviews/{id}/", "patch"),
        ("/api/v1/reviews/{id}/", "delete"),
    ]:
        operation = _operation(schema, path, method)
        assert _if_match(operation)["required"] is True, (path, method)
        assert {"412", "428"} <= set(operation["responses"]), (path, method)
    for path in ("/api/v1/claims/{id}/accept/", "/api/v1/claims/{id}/assign/", "/api/v1/reviews/{id}/send-back/"):
        operation = _operation(schema, path, "post")
        assert not _if_match(operation).get("required", False), path
        assert "412" in operation["responses"] and "428" not in operation["responses"], path
