"""POST /api/v1/claimreviews/import over HTTP: editors only, a report per record, idempotent."""

import json

import pytest
from django.urls import reverse

from claims.choices import ClaimOrigin
from claims.models import Review
from tests.claims.imports.feeds import mixed_feed, review

pytestmark = pytest.mark.django_db
URL = "/api/v1/claimreviews/import"


def test_editor_imports_a_mixed_feed_and_gets_each_record_reported(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.post(URL, mixed_feed(), format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["imported"], body["unchanged"], body["failed"]) == (3, 0, 2)
    failed = [(record["position"], record["reason"]) for record in body["records"] if record["status"] == "failed"]
    assert failed == [
        ("dataFeedElement[1].item[1]", "url must be an http:// or https:// address."),
        ("dataFeedElement[2].item[0]", "reviewRating is missing."),
    ]
    imported = Review.objects.filter(origin=ClaimOrigin.IMPORTED)
    assert set(imported.values_list("author", flat=True)) == {editor.pk}
    again = api_client.post(URL, mixed_feed(), format="json").json()
    assert (again["imported"], again["unchanged"], again["failed"]) == (0, 3, 2)
    assert imported.count() == 3


def test_json_ld_bodies_and_an_imported_verdict_on_its_public_page(api_client, editor, client):
    api_client.force_authenticate(editor)
    response = api_client.generic("POST", URL, data=json.dumps(review(9)), content_type="application/ld+json")
    assert response.status_code == 200
    claim_id = response.json()["records"][0]["claim_id"]
    page = client.get(reverse("public:factcheck", args=[claim_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tunnel opening date is not set (9)" in html and "Verdict by Partner Desk" in html
    doc = api_client.get(reverse("api:claim-claimreview", args=[claim_id])).json()
    assert doc["url"] == "https://partner.example/checks/9"
    assert doc["author"] == {"@type": "Organization", "name": "Partner Desk"}


def test_only_editors_import_and_nothing_importable_is_400(api_client, reviewer, editor):
    assert api_client.post(URL, review(1), format="json").status_code in (401, 403)
    api_client.force_authenticate(reviewer)
    assert api_client.post(URL, review(1), format="json").status_code == 403
    api_client.force_authenticate(editor)
    response = api_client.post(URL, [review(1, url="")], format="json")
    assert response.status_code == 400
    assert response.json()["records"][0]["reason"] == "url is missing."
    assert api_client.post(URL, "[1,", content_type="application/json").status_code == 400
    assert Review.objects.count() == 0
