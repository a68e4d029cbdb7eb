"""Every API error is JSON with a message, whatever the endpoint renders when it succeeds."""

import base64

import pytest

from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


@pytest.mark.parametrize(
    "cursor",
    [
        base64.b64encode(b"p=abc").decode(),
        base64.b64encode(b"o=1&p=abc").decode(),
        base64.b64encode(b"p=99999999999999999999999").decode(),
        "not-base64!",
        base64.b64encode(b"o=-5").decode(),
    ],
)
def test_a_tampered_cursor_is_400_on_cursor(api_client, viewer, cursor):
    ClaimFactory.create_batch(2)
    api_client.force_authenticate(viewer)
    assert "cursor" in _json_error(api_client.get("/api/v1/claims/", {"cursor": cursor}), 400)
    assert "cursor" in _json_error(
        api_client.get("/api/v1/claims/", {"cursor": cursor, "ordering": "-updated_at"}), 400
    )


def test_a_real_cursor_still_pages(api_client, viewer):
    ClaimFactory.create_batch(3)
    api_client.force_authenticate(viewer)
    first = api_client.get("/api/v1/claims/", {"page_size": 2}).json()
    second = api_client.get(first["next"])
    assert second.status_code == 200 and len(second.json()["results"]) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/abc/",
        "/api/v1/claims/abc",
        "/api/v1/claims/1x/history",
        "/api/v1/no-such-thing/",
        "/api/v1/articles/99999999/text/",
        "/api/v1/articles/99999999999999999999999/text/",
        "/api/v1/claims/99999999/claimreview",
    ],
)
def test_unknown_paths_and_ids_are_json_404(api_client, viewer, path):
    api_client.force_authenticate(viewer)
    assert "detail" in _json_error(api_client.get(path), 404)


def test_unknown_paths_are_404_for_anonymous_callers_too(api_client):
    assert "detail" in _json_error(api_client.get("/api/v1/claims/abc/"), 404)


def test_a_bad_filter_on_the_csv_export_is_400_json_on_the_field(api_client, viewer):
    api_client.force_authenticate(viewer)
    body = _json_error(api_client.get("/api/v1/claims/export.csv", {"speaker": "abc"}), 400)
    assert "speaker" in body


def test_unknown_fields_in_a_claim_patch_are_400_naming_them(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    etag = api_client.get(f"/api/v1/claims/{claim.pk}/").headers["ETag"]
    body = _json_error(
        api_client.patch(f"/api/v1/claims/{claim.pk}/", {"status": "published"}, format="json", HTTP_IF_MATCH=etag),
        400,
    )
    assert "status" in body
    claim.refresh_from_db()
    assert claim.status == "proposed"


@pytest.mark.parametrize(
    ("url", "field", "limit"),
    [("/api/v1/speakers/", "description", 2000)],
)
def test_speaker_descriptions_have_a_length_limit(api_client, annotator, url, field, limit):
    api_client.force_authenticate(annotator)
    long = api_client.post(url, {"name": "A Person", field: "x" * (limit + 1)}, format="json")
    assert field in _json_error(long, 400)
    assert api_client.post(url, {"name": "A Person", field: "x" * limit}, format="json").status_code == 201


def test_verdict_bodies_and_notes_have_length_limits(api_client, reviewer):
    claim = ClaimFactory(status="in_review", assignee=reviewer)
    api_client.force_authenticate(reviewer)
    verdict = api_client.post(
        f"/api/v1/claims/{claim.pk}/verdict/", {"rating": "false", "summary": "s", "body": "x" * 20001}, format="json"
    )
    assert "body" in _json_error(verdict, 400)
    note = api_client.post(f"/api/v1/claims/{claim.pk}/notes", {"body": "x" * 20001}, format="json")
    assert "body" in _json_error(note, 400)


def test_the_admin_enforces_the_same_limit(client, editor):
    editor.is_staff = True
    editor.save()
    speaker = SpeakerFactory()
    client.force_login(editor)
    page = client.post(
        f"/admin/claims/speaker/{speaker.pk}/change/",
        {"name": speaker.name, "kind": speaker.kind, "description": "x" * 2001},
    )
    assert page.status_code == 200 and "description" in page.context["adminform"].form.errors
