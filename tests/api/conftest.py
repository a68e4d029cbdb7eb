"""API tests: fresh throttle buckets, and a fast password hasher (hashing dominated the run time)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_buckets(db):  # the cache is a database table unless REDIS_URL is set
    cache.clear()
    yield
    cache.clear()
