"""The same background tasks run on Redis-backed RQ workers when TASKS_BACKEND says so."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from articles.services import article_import
from claims.models import Claim

ROOT = Path(__file__).resolve().parents[2]


def redis_is_reachable() -> bool:
    import redis

    try:
        return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def worker_database_url() -> str:
    """DATABASE_URL of the database this test runs on, for the worker processes."""
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):  # the embedded server listens on a socket only
        return f"postgresql://{credentials}@{quote(host, safe='')}/{db['NAME']}"
    return f"postgresql://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def manage(*args: str) -> str:
    env = {
        **os.environ,
        "TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "DATABASE_URL": worker_database_url(),
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
