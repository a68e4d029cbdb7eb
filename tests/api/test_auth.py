"""API tokens: header only, hashed at rest, revocable, last use recorded; the management command."""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from claims.models.tokens import APIToken, token_hash
from claims.services.tokens import token_create, token_revoke

pytestmark = pytest.mark.django_db
URL = "/api/v1/claims/"


def test_token_and_bearer_headers_authenticate(viewer):
    created = token_create(user=viewer, name="cms")
    for keyword in ("Token", "Bearer"):
        client = APIClient()
        response = client.get(URL, HTTP_AUTHORIZATION=f"{keyword} {created.key}")
        assert response.status_code == 200, keyword
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None


def test_only_prefix_and_hash_are_stored(viewer):
    created = token_create(user=viewer)
    row = APIToken.objects.get(pk=created.token.pk)
    assert row.key_hash == token_hash(created.key) != created.key
    assert created.key.startswith(row.prefix) and len(row.prefix) < len(created.key)


def test_key_in_query_string_is_not_accepted(viewer):
    created = token_create(user=viewer)
    for param in ("token", "key", "access_token", "auth_token"):
        assert APIClient().get(URL, {param: created.key}).status_code == 401


def test_wrong_revoked_and_inactive_keys_are_401(viewer):
    created = token_create(user=viewer)
    assert APIClient().get(URL, HTTP_AUTHORIZATION="Token not-a-key").status_code == 401
    assert APIClient().get(URL, HTTP_AUTHORIZATION="Token").status_code == 401
    token_revoke(token=created.token)
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {created.key}").status_code == 401
    other = token_create(user=viewer)
    viewer.is_active = False
    viewer.save()
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {other.key}").status_code == 401


def test_anonymous_is_401_with_a_challenge():
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_admin_session_authenticates(client, staff_user):
    client.force_login(staff_user)
    assert client.get(URL).status_code == 200


def test_revoking_through_the_api_keeps_the_row(api_client, viewer):
    api_client.force_authenticate(viewer)
    created = api_client.post("/api/v1/tokens/", {"name": "pipeline"}, format="json").json()
    key = created["key"]
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert "key" not in api_client.get(f"/api/v1/tokens/{created['id']}/").json()
    assert api_client.delete(f"/api/v1/tokens/{created['id']}/").status_code == 204
    assert api_client.get(f"/api/v1/tokens/{created['id']}/").json()["revoked_at"] is not None
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_users_see_only_their_own_tokens(api_client, viewer, annotator):
    mine = token_create(user=viewer).token
    theirs = token_create(user=annotator).token
    api_client.force_authenticate(viewer)
    ids = [row["id"] for row in api_client.get("/api/v1/tokens/").json()["results"]]
    assert mine.pk in ids and theirs.pk not in ids
    assert api_client.delete(f"/api/v1/tokens/{theirs.pk}/").status_code == 404


def test_a_token_is_only_ever_issued_to_the_caller(api_client, editor, reviewer):
    api_client.force_authenticate(editor)
    response = api_client.post("/api/v1/tokens/", {"name": "x", "user": reviewer.pk}, format="json")
    assert response.status_code == 400 and "user" in response.json()
    assert not APIToken.objects.exists()


def test_editors_revoke_others_tokens_without_seeing_them(api_client, editor, reviewer, annotator):
    theirs = token_create(user=reviewer)
    api_client.force_authenticate(annotator)
    assert api_client.delete(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 404
    api_client.force_authenticate(editor)
    assert api_client.get(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 404
    assert theirs.token.pk not in [row["id"] for row in api_client.get("/api/v1/tokens/").json()["results"]]
    assert api_client.delete(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 204
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {theirs.key}").status_code == 401


def test_create_api_token_command_prints_a_working_key_once(viewer):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "viewer", "--name", "research", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert APIToken.objects.get(key_hash=token_hash(key)).name == "research"
    assert key not in err.getvalue()
    assert APIClient().get(URL, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_create_api_token_command_refuses_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "ghost", stdout=io.StringIO(), stderr=io.StringIO())


def test_requests_are_throttled_per_token(viewer, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/minute"}}
    first, second = token_create(user=viewer), token_create(user=viewer)
    client = APIClient()
    statuses = [client.get(URL, HTTP_AUTHORIZATION=f"Token {first.key}").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another token of the same user has its own bucket.
    assert client.get(URL, HTTP_AUTHORIZATION=f"Token {second.key}").status_code == 200


def test_token_use_is_written_at_most_once_a_minute(viewer):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    created = token_create(user=viewer, name="poller")
    client = APIClient(HTTP_AUTHORIZATION=f"Token {created.key}")
    assert client.get(URL).status_code == 200
    first = APIToken.objects.get(pk=created.token.pk).last_used_at
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(URL).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "claims_apitoken" in q["sql"]]
    assert writes == []
    assert APIToken.objects.get(pk=created.token.pk).last_used_at == first
    # A minute and more later, the next request records the use again.
    APIToken.objects.filter(pk=created.token.pk).update(last_used_at=first - timedelta(minutes=2))
    assert client.get(URL).status_code == 200
    assert APIToken.objects.get(pk=created.token.pk).last_used_at > timezone.now() - timedelta(seconds=30)
