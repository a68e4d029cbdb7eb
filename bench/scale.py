"""Benchmark: every page that must stay flat as the corpus grows, timed through the whole Django stack next to
a hand-written psycopg query returning the same rows, in the same run.

    uv run python bench/scale.py --sizes 10k,100k      # build (once) and time 10k- and 100k-claim corpora
    uv run python bench/scale.py --sizes 1m --rounds 15
    uv run python bench/scale.py --report              # the stored tables side by side, growth 10k -> 1M

API pages are called with a token, as other systems call them; admin pages with a signed-in session.

Each size lives in a database of its own on DATABASE_URL's server (`ct_perf_bench_10k`, ...; the prefix can be
changed with BENCH_DATABASE_PREFIX, so that two checkouts keep separate corpora), built with
COPY the first time (see `bench/corpus.py`) and kept: later runs only time. `--rebuild` starts it afresh.
The figures of the last run of each size are stored in that database, for `--report`.
Import figures: `bench/imports.py`.
"""

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def database_url(label: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(parts._replace(path=f"/{database_name(label)}"))


def database_name(label: str) -> str:
    return f"{os.environ.get('BENCH_DATABASE_PREFIX') or 'ct_perf_bench'}_{label}"


def admin_url() -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(parts._replace(path="/postgres"))


def configure_environment() -> None:
    # Production-like: no DEBUG (which records every query), no HTTPS redirect, the test client's host.
    os.environ["DATABASE_URL"] = database_url("10k")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else")
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["API_THROTTLE_RATE"] = "1000000/minute"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = private_redis()


def private_redis() -> str:
    """A Redis of the bench's own on a socket, stopped at exit: production keeps the rate limits in a shared
    Redis, and the database table that stands in for it without one would add a write to every API request."""
    server = shutil.which("redis-server")
    if server is None:
        print("no redis-server: rate limits kept in the database cache table (a write per API request)")
        return ""
    folder = tempfile.mkdtemp(prefix="bench-redis-")
    socket = os.path.join(folder, "redis.sock")
    process = subprocess.Popen(
        [server, "--port", "0", "--unixsocket", socket, "--save", "", "--appendonly", "no", "--dir", folder],
        stdout=subprocess.DEVNULL,
    )
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    atexit.register(process.terminate)
    for _ in range(100):
        if os.path.exists(socket):
            break
        time.sleep(0.05)
    return f"unix://{socket}?db=0"


configure_environment()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Served from the checkout: the bench times pages, not a collected static manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

import psycopg  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import corpus  # noqa: E402

CLAIM_ROW_SQL = """
SELECT c.id, c.text, c.start, c."end", c.direct, c.kind, c.claim_type, c.origin, c.confidence, c.status,
       c.created_at, c.updated_at, c.orphaned_at, a.id, a.headline, a.url, a.published, o.id, o.name, o.domain,
       s.id, s.name, s.kind, u.id, u.username
FROM claims_claim c
JOIN articles_article a ON a.id = c.article_id
LEFT JOIN articles_outlet o ON o.id = a.outlet_id
LEFT JOIN claims_speaker s ON s.id = c.speaker_id
LEFT JOIN auth_user u ON u.id = c.assignee_id
"""
CITATIONS_SQL = """
SELECT ci.claim_id, ci.id, ci.stance, ci.excerpt, so.id, so.title, so.source_type, so.url, so.publisher
FROM claims_citation ci JOIN claims_source so ON so.id = ci.source_id WHERE ci.claim_id = ANY(%s)
"""
ADMIN_ROW_SQL = """
SELECT c.id, c.text, c.kind, c.claim_type, c.status, a.id, a.headline, a.published, o.name, s.name, u.username,
       EXISTS (SELECT 1 FROM claims_claimrelation r WHERE r.target_id = c.id
               AND r.relation_type IN ('rebuts', 'denies', 'clarifies', 'apologises_for')),
       EXISTS (SELECT 1 FROM claims_citation ci WHERE ci.claim_id = c.id)
FROM claims_claim c
JOIN articles_article a ON a.id = c.article_id
LEFT JOIN articles_outlet o ON o.id = a.outlet_id
LEFT JOIN claims_speaker s ON s.id = c.speaker_id
LEFT JOIN auth_user u ON u.id = c.assignee_id
"""


def raw_list(where: str = "TRUE", order: str = "c.id DESC", limit: int = 51, offset: int = 0):
    def run(cur, params):
        rows = cur.execute(
            f"{CLAIM_ROW_SQL} WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}", params
        ).fetchall()
        cur.execute(CITATIONS_SQL, [[r[0] for r in rows]]).fetchall()
        return rows

    run.claim_rows = True  # measure() checks that it returns the page's claims, in the page's order
    return run


def raw_admin(where: str = "TRUE", offset: int = 0, order: str = "c.id DESC"):
    def run(cur, params):
        return cur.execute(
            f"{ADMIN_ROW_SQL} WHERE {where} ORDER BY {order} LIMIT 50 OFFSET {offset}", params
        ).fetchall()

    return run


def raw_admin_search(term: str):
    return lambda cur, params: cur.execute(
        f"""{ADMIN_ROW_SQL} WHERE c.id IN (
            SELECT id FROM claims_claim WHERE search_vector @@ websearch_to_tsquery('english', %(term)s)
            UNION SELECT cs.id FROM claims_claim cs JOIN claims_speaker sp ON sp.id = cs.speaker_id
                  WHERE upper(sp.name) LIKE upper(%(like)s))
        ORDER BY c.id DESC LIMIT 50""",
        {"term": term, "like": f"%{term}%"},
    ).fetchall()


def raw_dashboard(cur, params):
    cur.execute("SELECT status, count(*) FROM claims_claim GROUP BY status").fetchall()
    cur.execute(
        "SELECT o.name, count(*) FROM claims_claim c JOIN articles_article a ON a.id = c.article_id"
        " LEFT JOIN articles_outlet o ON o.id = a.outlet_id GROUP BY o.name ORDER BY 2 DESC LIMIT 10"
    ).fetchall()
    cur.execute(
        "SELECT date_trunc('month', a.published), count(*) FROM claims_claim c JOIN articles_article a"
        " ON a.id = c.article_id GROUP BY 1 ORDER BY 1 DESC LIMIT 12"
    ).fetchall()
    return cur.execute(
        "SELECT speaker_id, count(*) FROM claims_claim WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
    ).fetchall()


def raw_workbench(cur, params):
    cur.execute("SELECT id, headline, body FROM articles_article WHERE id = %(article)s", params).fetchall()
    rows = cur.execute(
        "SELECT c.*, s.name FROM claims_claim c LEFT JOIN claims_speaker s ON s.id = c.speaker_id"
        " WHERE c.article_id = %(article)s ORDER BY c.start, c.end, c.id",
        params,
    ).fetchall()
    ids = [r[0] for r in rows]
    cur.execute("SELECT * FROM claims_claimrelation WHERE source_id = ANY(%s) OR target_id = ANY(%s)", [ids, ids])
    cur.execute(CITATIONS_SQL, [ids]).fetchall()
    return rows


def raw_claim_page(cur, params):
    rows = cur.execute(
        f"{CLAIM_ROW_SQL}, LATERAL (SELECT a2.body FROM articles_article a2 WHERE a2.id = c.article_id) b"
        " WHERE c.id = %(claim)s",
        params,
    ).fetchall()
    cur.execute(
        "SELECT * FROM claims_claimrelation WHERE source_id = %(claim)s OR target_id = %(claim)s", params
    ).fetchall()
    cur.execute("SELECT * FROM claims_review WHERE claim_id = %(claim)s", params).fetchall()
    cur.execute("SELECT * FROM claims_claimevent WHERE pgh_obj_id = %(claim)s ORDER BY pgh_id", params).fetchall()
    return rows


def raw_history(cur, params):
    rows = cur.execute("SELECT * FROM claims_claimevent WHERE pgh_obj_id = %(claim)s", params).fetchall()
    cur.execute(
        "SELECT * FROM claims_claimrelationevent WHERE source_id = %(claim)s OR target_id = %(claim)s", params
    ).fetchall()
    cur.execute("SELECT * FROM claims_citationevent WHERE claim_id = %(claim)s", params).fetchall()
    cur.execute("SELECT * FROM claims_reviewevent WHERE claim_id = %(claim)s", params).fetchall()
    return rows


def pages(probe: dict) -> list[tuple[str, str, object]]:
    """(name, URL, raw query) for every page of the table."""
    middle = probe["admin_pages"] // 2
    return [
        ("GET /api/v1/claims/", "/api/v1/claims/", raw_list()),
        ("?status=proposed", "/api/v1/claims/?status=proposed", raw_list("c.status = 'proposed'")),
        ("?status=published", "/api/v1/claims/?status=published", raw_list("c.status = 'published'")),
        ("?status=in_review", "/api/v1/claims/?status=in_review", raw_list("c.status = 'in_review'")),
        ("?kind=response", "/api/v1/claims/?kind=response", raw_list("c.kind = 'response'")),
        ("?ordering=-updated_at", "/api/v1/claims/?ordering=-updated_at", raw_list(order="c.updated_at DESC")),
        ("?ordering=created_at", "/api/v1/claims/?ordering=created_at", raw_list(order="c.created_at")),
        (
            "?speaker= (top speaker)",
            f"/api/v1/claims/?speaker={probe['speaker']}",
            raw_list("c.speaker_id = %(speaker)s"),
        ),
        ("?article=", f"/api/v1/claims/?article={probe['article']}", raw_list("c.article_id = %(article)s")),
        ("?outlet=", f"/api/v1/claims/?outlet={probe['outlet']}", raw_list("a.outlet_id = %(outlet)s")),
        ("?assignee=", f"/api/v1/claims/?assignee={probe['assignee']}", raw_list("c.assignee_id = %(assignee)s")),
        (
            "?q= (common word)",
            f"/api/v1/claims/?q={probe['word']}",
            raw_list("c.search_vector @@ websearch_to_tsquery('english', %(word)s)"),
        ),
        ("claim history", f"/api/v1/claims/{probe['claim']}/history", raw_history),
        ("admin changelist", "/admin/claims/claim/", raw_admin()),
        ("admin changelist, middle page", f"/admin/claims/claim/?p={middle}", raw_admin(offset=middle * 50)),
        ("admin search, no match", "/admin/claims/claim/?q=qzxjv", raw_admin_search("qzxjv")),
        (
            "admin search, a speaker",
            f"/admin/claims/claim/?q={probe['speaker_word']}",
            raw_admin_search(probe["speaker_word"]),
        ),
        (
            "admin filter status=proposed",
            "/admin/claims/claim/?status__exact=proposed",
            raw_admin("c.status = 'proposed'"),
        ),
        ("dashboard", "/admin/claims/claim/dashboard/", raw_dashboard),
        ("workbench, 500 claims", f"/admin/articles/article/{probe['big_article']}/workbench/", raw_workbench),
        ("claim page", f"/admin/claims/claim/{probe['claim']}/change/", raw_claim_page),
    ]


def timed(fn, rounds: int, budget: float) -> tuple[float, float]:
    """(p50, p95) in ms of `fn`, over `rounds` calls or as many as fit in `budget` seconds (at least 3)."""
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < rounds and (len(samples) < 3 or time.perf_counter() - started < budget):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def use_database(label: str, rebuild: bool) -> None:
    name = database_name(label)
    with psycopg.connect(admin_url(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    # The pool (on without DEBUG) keeps connections to the database it was opened on: start a new one.
    connection.close()
    connection.close_pool()
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)
    with psycopg.connect(database_url(label), autocommit=True) as conn:
        if not conn.execute("SELECT EXISTS (SELECT 1 FROM claims_claim)").fetchone()[0]:
            print(f"building the {label} corpus")
            t0 = time.perf_counter()
            with conn.transaction():
                counts = corpus.build(conn, claims=SIZES[label])
            print(f"  built in {time.perf_counter() - t0:.0f} s: {counts}")
            conn.execute("VACUUM ANALYZE")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_results (page text PRIMARY KEY, p50 float, p95 float, raw50 float,"
            " queries int, measured_at timestamptz DEFAULT now())"
        )


def probe_values(label: str) -> dict:
    with psycopg.connect(database_url(label)) as conn:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        total = one("SELECT count(*) FROM claims_claim")
        speaker = one("SELECT speaker_id FROM claims_claim GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        return {
            "claims": total,
            "admin_pages": max(1, total // 50),
            "speaker": speaker,
            "speaker_word": one(f"SELECT split_part(name, ' ', 3) FROM claims_speaker WHERE id = {speaker}"),
            "article": one("SELECT article_id FROM claims_claim WHERE id = (SELECT max(id) / 2 FROM claims_claim)"),
            "big_article": one("SELECT article_id FROM claims_claim GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
            "outlet": one("SELECT id FROM articles_outlet ORDER BY id LIMIT 1 OFFSET 3"),
            "assignee": one("SELECT min(assignee_id) FROM claims_claim"),
            "word": one("SELECT split_part(text, ' ', 2) FROM claims_claim ORDER BY id LIMIT 1"),
            "claim": one("SELECT target_id FROM claims_claimrelation ORDER BY id DESC LIMIT 1"),
        }


def measure(label: str, rounds: int, budget: float, only: str | None) -> list[tuple]:
    # As a served process keeps its connection (CONN_MAX_AGE), and so the query log survives each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    probe = probe_values(label)
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    admin = Client()
    admin.force_login(user)
    # API pages are called as other systems call them, with a token (one query finds it and its user); the
    # admin pages with the session a person signs in with.
    from claims.services.tokens import token_create

    api = Client(headers={"authorization": f"Token {token_create(user=user, name='bench').key}"})
    results = []
    with psycopg.connect(database_url(label), autocommit=True) as raw:
        cur = raw.cursor()
        for name, url, raw_query in pages(probe):
            if only and only not in name:
                continue
            client = api if url.startswith("/api/") else admin
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:500])
            if getattr(raw_query, "claim_rows", False):
                page = [row["id"] for row in response.json()["results"]]
                assert page == [row[0] for row in raw_query(cur, probe)][: len(page)], f"{name}: not the same rows"
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            count = len(queries)
            p50, p95 = timed(lambda url=url, client=client: client.get(url), rounds, budget)
            raw50, _ = timed(lambda q=raw_query: q(cur, probe), rounds, budget)
            results.append((name, p50, p95, raw50, count))
            print(f"  {name:<32} {p50:9.1f} {p95:9.1f} {raw50:9.1f} {p50 / raw50:7.1f}x {count:4d} q", flush=True)
    with psycopg.connect(database_url(label), autocommit=True) as conn:
        for row in results:
            conn.execute(
                "INSERT INTO bench_results (page, p50, p95, raw50, queries) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (page) DO UPDATE SET p50 = excluded.p50, p95 = excluded.p95, raw50 = excluded.raw50,"
                " queries = excluded.queries, measured_at = now()",
                row,
            )
    return results


def report(labels: list[str]) -> None:
    stored: dict[str, dict[str, tuple]] = {}
    for label in labels:
        try:
            with psycopg.connect(database_url(label)) as conn:
                stored[label] = {
                    r[0]: r[1:] for r in conn.execute("SELECT page, p50, p95, raw50, queries FROM bench_results")
                }
        except psycopg.Error:
            continue
    if not stored:
        print("nothing measured yet")
        return
    names = list(next(iter(stored.values())))
    order = [
        name
        for name, _, _ in pages(
            {
                k: 0
                for k in (
                    "admin_pages",
                    "speaker",
                    "article",
                    "big_article",
                    "outlet",
                    "assignee",
                    "word",
                    "claim",
                    "speaker_word",
                )
            }
        )
    ]
    names.sort(key=lambda n: order.index(n) if n in order else len(order))
    head = " | ".join(f"{label} p50 / p95 (raw)" for label in stored)
    print(f"| page | {head} | queries | growth {labels[0]}→{labels[-1]} |")
    print("|---|" + "---|" * len(stored) + "---|---|")
    for name in names:
        cells = []
        for label in stored:
            r = stored[label].get(name)
            cells.append(f"{r[0]:.1f} / {r[1]:.1f} ({r[2]:.1f})" if r else "")
        first, last = stored.get(labels[0], {}).get(name), stored.get(labels[-1], {}).get(name)
        growth = f"{last[0] / first[0]:.1f}x" if first and last else ""
        queries = "/".join(str(stored[label][name][3]) for label in stored if name in stored[label])
        print(f"| {name} | {' | '.join(cells)} | {queries} | {growth} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", help="comma-separated: 10k, 100k, 1m (default 10k,100k; all three for --report)")
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per page (at most)")
    parser.add_argument("--budget", type=float, default=6.0, help="seconds per page and side before stopping early")
    parser.add_argument("--only", help="time only the pages whose name contains this")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the corpora")
    parser.add_argument("--report", action="store_true", help="print the stored figures of every size")
    args = parser.parse_args()
    labels = [s.strip().lower() for s in (args.sizes or ("10k,100k,1m" if args.report else "10k,100k")).split(",")]
    if args.report:
        report(labels)
        return
    for label in labels:
        use_database(label, args.rebuild)
        print(f"\n{label} claims: page, p50 ms, p95 ms, raw p50 ms, ratio, queries")
        measure(label, args.rounds, args.budget, args.only)
    print()
    report(labels)


if __name__ == "__main__":
    main()
