"""Benchmark: a 50-claim page of the claims API against a hand-written psycopg + orjson endpoint.

Both answer the same JSON (checked before timing) from the same database, through the same Django
request handler and middleware; the real endpoint also authenticates a token, checks the role,
throttles, filters and paginates. Prints the median time of each and their ratio.

    uv run python bench/api.py [--rounds 300]

It uses (and creates) the database `claimtrack_bench` on DATABASE_URL's server, or on the checkout's
embedded server when DATABASE_URL is not set.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "claimtrack_bench"
PAGE = 50
CLAIMS = 400


def configure_environment() -> None:
    if os.environ.get("DATABASE_URL"):
        server_url = os.environ["DATABASE_URL"]
    else:
        from config.embedded_db import embedded_database_url

        server_url = embedded_database_url(ROOT / ".pgdata")
    # A database of its own on the same server, so the seeded rows never mix with real ones.
    parts = urlsplit(server_url)
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    _create_database(urlunsplit(parts._replace(path="/postgres")))
    # Production-like: no DEBUG (which records every query), no HTTPS redirect, the test client's host.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else")
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["API_THROTTLE_RATE"] = "1000000/minute"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"


def _create_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone():
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


configure_environment()

import django  # noqa: E402

django.setup()

import orjson  # noqa: E402
import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

BASELINE_CLAIMS_SQL = """
SELECT c.id, c.text, c.start, c."end", c.direct, c.kind, c.claim_type, c.origin, c.confidence, c.status,
       c.created_at, c.updated_at,
       a.id, a.headline, a.url, a.published, o.id, o.name, o.domain,
       s.id, s.name, s.kind, u.id, u.username
FROM claims_claim c
JOIN articles_article a ON a.id = c.article_id
LEFT JOIN articles_outlet o ON o.id = a.outlet_id
LEFT JOIN claims_speaker s ON s.id = c.speaker_id
LEFT JOIN auth_user u ON u.id = c.assignee_id
ORDER BY c.id DESC
LIMIT %s
"""
BASELINE_CITATIONS_SQL = """
SELECT ci.claim_id, ci.id, ci.stance, ci.excerpt, so.id, so.title, so.source_type, so.url, so.publisher
FROM claims_citation ci JOIN claims_source so ON so.id = ci.source_id
WHERE ci.claim_id = ANY(%s)
ORDER BY ci.claim_id, ci.id
"""

_baseline_connection = None


def _iso(value):
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def baseline_view(request):
    """The hand-written endpoint: two queries, tuples to dicts, orjson."""
    global _baseline_connection
    if _baseline_connection is None:
        db = settings.DATABASES["default"]
        _baseline_connection = psycopg.connect(
            dbname=db["NAME"],
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"],
            port=db["PORT"] or None,
            autocommit=True,
        )
    rows = _baseline_connection.execute(BASELINE_CLAIMS_SQL, [PAGE + 1]).fetchall()
    has_next = len(rows) > PAGE
    rows = rows[:PAGE]
    citations: dict[int, list] = {}
    for r in _baseline_connection.execute(BASELINE_CITATIONS_SQL, [[row[0] for row in rows]]).fetchall():
        citations.setdefault(r[0], []).append(
            {
                "id": r[1],
                "stance": r[2],
                "excerpt": r[3],
                "source": {"id": r[4], "title": r[5], "source_type": r[6], "url": r[7], "publisher": r[8]},
            }
        )
    results = [
        {
            "id": r[0],
            "article": {
                "id": r[12],
                "headline": r[13],
                "url": r[14],
                "published": r[15].isoformat() if r[15] else None,
                "outlet": {"id": r[16], "name": r[17], "domain": r[18]} if r[16] is not None else None,
            },
            "speaker": {"id": r[19], "name": r[20], "kind": r[21]} if r[19] is not None else None,
            "text": r[1],
            "start": r[2],
            "end": r[3],
            "direct": r[4],
            "kind": r[5],
            "claim_type": r[6],
            "origin": r[7],
            "confidence": r[8],
            "status": r[9],
            "assignee": {"id": r[22], "username": r[23]} if r[22] is not None else None,
            "citations": citations.get(r[0], []),
            "created_at": _iso(r[10]),
            "updated_at": _iso(r[11]),
        }
        for r in rows
    ]
    body = {"next": "cursor" if has_next else None, "previous": None, "results": results}
    return HttpResponse(orjson.dumps(body), content_type="application/json")


urlpatterns = [path("bench/claims/", baseline_view), path("", include("config.urls"))]


def seed() -> None:
    """Enough claims for a full page, each with a speaker, an article with an outlet, and citations."""
    from articles.models import Article, Outlet
    from claims.models import Citation, Claim, Source, Speaker

    if Claim.objects.count() >= CLAIMS:
        return
    outlets = [Outlet.objects.create(name=f"Bench outlet {i}", domain=f"o{i}.example") for i in range(5)]
    speakers = [Speaker.objects.create(name=f"Bench speaker {i}") for i in range(40)]
    sources = [Source.objects.create(title=f"Bench source {i}", url=f"https://s.example/{i}") for i in range(30)]
    sentence = "The speaker said: “Growth is {n} per cent and rising.” "
    for a in range(CLAIMS // 4):
        body = "".join(sentence.format(n=a * 10 + k) for k in range(4))
        article = Article.objects.create(
            headline=f"Bench article {a}",
            outlet=outlets[a % 5],
            url=f"https://news.example/{a}",
            body=body,
            raw_text=body,
            content_hash=f"bench-{a}",
        )
        position = 0
        for k in range(4):
            start = body.index("“", position) + 1
            end = body.index("”", start)
            position = end
            claim = Claim.objects.create(
                article=article,
                speaker=speakers[(a + k) % 40],
                text=body[start:end],
                start=start,
                end=end,
                confidence=0.9,
            )
            for j in range(2):
                Citation.objects.create(claim=claim, source=sources[(a + k + j) % 30], stance="supports")


def bench_token() -> str:
    from django.contrib.auth.models import Group, User

    from claims.services.tokens import token_create

    user, _ = User.objects.get_or_create(username="bench-viewer")
    user.groups.add(Group.objects.get(name="viewer"))
    return token_create(user=user, name="bench").key


def median_ms(client: Client, url: str, rounds: int, **headers) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url, **headers)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    seed()
    key = bench_token()
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    api_url = f"/api/v1/claims/?page_size={PAGE}"
    with override_settings(ROOT_URLCONF=__name__):
        client = Client()
        real = orjson.loads(client.get(api_url, **auth).content)
        baseline = orjson.loads(client.get("/bench/claims/").content)
        assert len(real["results"]) == PAGE
        assert real["results"] == baseline["results"], "the two endpoints disagree"
        for _ in range(20):  # warm-up
            client.get(api_url, **auth)
            client.get("/bench/claims/")
        api_ms = baseline_ms = 0.0
        # Interleaved rounds, so that load on the machine hits both alike.
        api_runs, baseline_runs = [], []
        for _ in range(5):
            api_runs.append(median_ms(client, api_url, args.rounds // 5, **auth))
            baseline_runs.append(median_ms(client, "/bench/claims/", args.rounds // 5))
        api_ms, baseline_ms = statistics.median(api_runs), statistics.median(baseline_runs)
    print(f"database: {connection.settings_dict['NAME']}, {PAGE} claims per page, {args.rounds} requests each")
    print(f"API  GET {api_url}: median {api_ms:.2f} ms")
    print(f"hand-written psycopg + orjson:        median {baseline_ms:.2f} ms")
    print(f"ratio: {api_ms / baseline_ms:.2f}x")


if __name__ == "__main__":
    main()
