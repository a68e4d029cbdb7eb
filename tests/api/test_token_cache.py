"""Token requests with Redis: one round trip before the page's own query, and a copy of the token and user
that never outlives a revocation, a deactivation or a change of role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.api import tokencache
from claims.services.tokens import token_create, token_revoke
from tests.api.test_throttling import _redis_or_skip

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/v1/claims/"


@pytest.fixture
def redis_store(settings):
    import redis

    url = _redis_or_skip()
    store = redis.Redis.from_url(url)
    store.flushdb()
    settings.RATE_LIMIT_REDIS_URL = url
    yield store
    store.flushdb()


def _client(user) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {token_create(user=user).key}")


def _get(client, method="get"):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(URL, {}, format="json") if method == "post" else client.get(URL)
    return response, [q["sql"] for q in queries if "claims_apitoken" in q["sql"]]


def test_a_repeated_request_does_not_look_the_token_up_again(redis_store, viewer):
    client = _client(viewer)
    first, first_lookups = _get(client)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(URL)
    assert first.status_code == second.status_code == 200
    assert first_lookups and second.json() == first.json()
    assert len(queries) == 1 and "claims_apitoken" not in queries[0]["sql"]


def test_a_revoked_token_is_refused_at_once(redis_store, viewer):
    client = _client(viewer)
    assert client.get(URL).status_code == 200
    from claims.models.tokens import APIToken

    token_revoke(token=APIToken.objects.get(user=viewer))
    assert client.get(URL).status_code == 401


def test_a_deactivated_user_is_refused_at_once(redis_store, viewer):
    client = _client(viewer)
    assert client.get(URL).status_code == 200
    viewer.is_active = False
    viewer.save()
    assert client.get(URL).status_code == 401


def test_a_role_taken_away_applies_at_once(redis_store, viewer):
    client = _client(viewer)
    assert client.get(URL).status_code == 200
    viewer.groups.clear()
    assert client.get(URL).status_code == 403


def test_a_copy_moved_to_another_key_or_altered_is_not_used(redis_store, viewer, editor):
    viewers, editors = _client(viewer), _client(editor)
    assert viewers.get(URL).status_code == editors.get(URL).status_code == 200
    from claims.models.tokens import APIToken

    viewer_key = tokencache._copy_key(APIToken.objects.get(user=viewer).key_hash)
    editor_copy = redis_store.get(tokencache._copy_key(APIToken.objects.get(user=editor).key_hash))
    # Someone able to write to Redis puts the editor's copy under the viewer's key: it is not believed.
    redis_store.set(viewer_key, editor_copy)
    response, lookups = _get(viewers, "post")
    assert response.status_code == 403 and lookups
    # Nor is a copy whose contents were changed after it was signed.
    redis_store.set(viewer_key, editor_copy.replace(str(editor.pk).encode(), str(viewer.pk).encode(), 1))
    response, lookups = _get(viewers)
    assert response.status_code == 200 and lookups


def test_a_copy_is_used_for_a_short_while_only(redis_store, viewer, monkeypatch):
    client = _client(viewer)
    assert client.get(URL).status_code == 200
    import time
    from types import SimpleNamespace

    later = time.time() + tokencache.PRINCIPAL_SECONDS + 1
    monkeypatch.setattr(tokencache, "time", SimpleNamespace(time=lambda: later))
    response, lookups = _get(client)
    assert response.status_code == 200 and lookups


def test_each_token_has_its_own_limit_counted_in_the_same_round_trip(redis_store, viewer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "3/minute"},
    }
    client, other = _client(viewer), _client(viewer)
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(URL)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert other.get(URL).status_code == 200
