"""The same background tasks run on Redis-backed RQ workers when TASKS_BACKEND says so."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from articles.services import article_import
from claims.models import Claim
from tests.processes import ROOT, database_url_of_this_test


def redis_is_reachable() -> bool:
    import redis

    try:
        return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def manage(*args: str) -> str:
    env = {
        **os.environ,
        "TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "DATABASE_URL": database_url_of_this_test(),
        "DJANGO_DEBUG": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout + result.stderr


@pytest.mark.skipif(not redis_is_reachable(), reason="no Redis server at REDIS_URL")
@pytest.mark.django_db(transaction=True)
def test_extraction_queued_on_rq_is_done_by_an_rq_worker():
    article = article_import(raw="Harbour tolls rise\n\nThe harbour master said: “Tolls will double in May.”").article
    assert "Queued extraction of 1 article(s)." in manage("propose_claims", str(article.pk), "--background")
    assert Claim.objects.count() == 0

    log = manage("rqworker", "--burst", "--job-class", "django_tasks_rq.backend.Job", "default")
    assert "article_propose_claims_task" in log
    assert Claim.objects.filter(article=article, text="Tolls will double in May.").exists()
