"""Rate limits live in the shared cache: every process counts into the same buckets; bad tokens are limited."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from claims.api.throttling import window_hit, window_peek
from claims.services.tokens import token_create
from tests.processes import database_url_of_this_test

URL = "/api/v1/claims/"
ROOT = Path(__file__).resolve().parents[2]

# Another Python process, started from scratch, makes requests through the whole stack with the key given.
OTHER_PROCESS = """
import sys, django
django.setup()
from django.test import Client
key, count = sys.argv[1], int(sys.argv[2])
client = Client()
print(",".join(str(client.get("/api/v1/claims/", HTTP_AUTHORIZATION="Token " + key).status_code) for _ in range(count)))
"""


def _in_another_process(key: str, count: int, rate: str) -> list[int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url_of_this_test(),  # a socket for the embedded server, host and port otherwise
        "ALLOWED_HOSTS": "testserver",
        "API_THROTTLE_RATE": rate,
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, key, str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [int(code) for code in done.stdout.strip().splitlines()[-1].split(",")]


@pytest.mark.django_db(transaction=True)
def test_a_tokens_limit_holds_across_processes(viewer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "4/minute"},
    }
    created = token_create(user=viewer)
    assert _in_another_process(created.key, 3, "4/minute") == [200, 200, 200]
    client = APIClient()
    statuses = [client.get(URL, HTTP_AUTHORIZATION=f"Token {created.key}").status_code for _ in range(2)]
    # A per-process count would allow four here; the shared one has one left.
    assert statuses == [200, 429]


@pytest.fixture
def three_failures(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "failed_auth": "3/minute"},
    }


@pytest.mark.django_db
def test_invalid_tokens_are_throttled_per_address(viewer, three_failures, store):
    good = token_create(user=viewer).key
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    wrong = [client.get(URL, HTTP_AUTHORIZATION=f"Token guess-{n}").status_code for n in range(3)]
    assert wrong == [401, 401, 401]
    throttled = client.get(URL, HTTP_AUTHORIZATION="Token guess-4")
    assert throttled.status_code == 429
    assert throttled["Content-Type"].startswith("application/json")
    assert "invalid tokens" in throttled.json()["detail"] and int(throttled["Retry-After"]) > 0
    # Even the right key gets nowhere from that address now, so guessing cannot find it.
    assert client.get(URL, HTTP_AUTHORIZATION=f"Token {good}").status_code == 429
    # Other addresses are not affected.
    assert APIClient(REMOTE_ADDR="198.51.100.2").get(URL, HTTP_AUTHORIZATION=f"Token {good}").status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_reset_the_count(viewer, three_failures, store):
    client = APIClient(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.get(URL, HTTP_AUTHORIZATION=f"Token guess-{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [401, 401, 401, 429]


@pytest.mark.django_db
def test_valid_tokens_do_not_count_as_failures(viewer, three_failures, store):
    good = token_create(user=viewer).key
    client = APIClient(REMOTE_ADDR="203.0.113.8")
    assert [client.get(URL, HTTP_AUTHORIZATION=f"Token {good}").status_code for _ in range(5)] == [200] * 5


def _redis_or_skip():
    import redis
    from django.conf import settings

    url = settings.REDIS_URL.rsplit("/", 1)[0] + "/9"  # a database of its own, emptied by the test
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis server at REDIS_URL")
    return url


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    """Each test below runs against both counters: the PostgreSQL table and Redis."""
    if request.param == "redis":
        import redis

        url = _redis_or_skip()
        redis.Redis.from_url(url).flushdb()
        settings.RATE_LIMIT_REDIS_URL = url
        yield request.param
        redis.Redis.from_url(url).flushdb()
    else:
        settings.RATE_LIMIT_REDIS_URL = None
        yield request.param


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_each_counted_once(store):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def hit(_):
        try:
            return window_hit("throttle_test_race", 60)[0]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = sorted(pool.map(hit, range(16)))
    # A read-modify-write counter hands two requests the same number; an atomic one never does.
    assert counts == list(range(1, 17))
    assert window_peek("throttle_test_race")[0] == 16


@pytest.mark.django_db(transaction=True)
def test_a_window_starts_again_once_it_has_ended(store):
    import time

    assert window_hit("throttle_test_expiry", 1)[0] == 1
    hits, remaining = window_hit("throttle_test_expiry", 1)
    assert hits == 2 and 0 < remaining <= 1
    time.sleep(remaining + 0.1)
    assert window_peek("throttle_test_expiry") == (0, 0.0)
    assert window_hit("throttle_test_expiry", 1)[0] == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_over_http_never_exceed_the_limit(viewer, live_server, settings):
    """Many requests at once through the live server's threads: exactly the limit gets through."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    settings.RATE_LIMIT_REDIS_URL = None
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "5/minute"},
    }
    key = token_create(user=viewer).key

    def get(_):
        return requests.get(f"{live_server.url}{URL}", headers={"Authorization": f"Token {key}"}, timeout=60)

    with ThreadPoolExecutor(max_workers=24) as pool:
        responses = list(pool.map(get, range(24)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 5 + [429] * 19
    refused = next(response for response in responses if response.status_code == 429)
    assert 0 < int(refused.headers["Retry-After"]) <= 60


@pytest.mark.django_db(transaction=True)
def test_windows_that_ended_are_deleted_by_later_hits(settings):
    from datetime import timedelta

    from django.utils import timezone

    from claims.models import RateWindow

    settings.RATE_LIMIT_REDIS_URL = None
    long_ago = timezone.now() - timedelta(hours=1)
    RateWindow.objects.bulk_create(RateWindow(key=f"gone-{n}", hits=3, expires_at=long_ago) for n in range(3))
    for _ in range(2):
        window_hit("throttle_test_live", 60)
    # Two hits delete up to four ended windows, never a live one.
    assert set(RateWindow.objects.values_list("key", flat=True)) == {"throttle_test_live"}
