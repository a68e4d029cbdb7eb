"""API tests: fresh rate-limit windows, and a fast password hasher (hashing dominated the run time)."""

import pytest

from claims.models import RateWindow


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_buckets(db):  # counted in a database table unless REDIS_URL is set
    RateWindow.objects.all().delete()
    yield
    RateWindow.objects.all().delete()
