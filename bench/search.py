"""Search and matching at a million claims: p50/p95 of finding matches for a new claim, a typo-tolerant
speaker lookup and a ranked full-text search, each next to the same query with its indexes switched off,
with the machine's load average beside the figures.

    uv run python bench/search.py [--claims 1000000] [--samples 20] [--unindexed-samples 3]

Loads its own database (`ct_matching_bench` on the server of DATABASE_URL, or --database) with the scale
benchmark's corpus (bench/corpus.py, by COPY) the first time; later runs reuse it. Without its index a
candidate lookup reads and re-parses every claim, so those runs stop at --unindexed-budget seconds and
report that bound as a lower limit.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def ensure_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            connection.execute(f'create database "{name}"')


def load(claims: int) -> None:
    """Fill the database with the scale benchmark's corpus (bench/corpus.py, by COPY) of about `claims`
    claims, the secondary indexes dropped while loading and built after, as a restore would."""
    import psycopg
    from django.db import connection

    from bench import corpus
    from claims.models import Claim

    if Claim.objects.exists():
        print(f"reusing the {Claim.objects.count()} claims already loaded")
        return
    tables = ["claims_claim", "articles_article", "claims_speaker", "claims_claimrelation", "claims_review"]
    with connection.cursor() as cursor:
        cursor.execute(
            "select indexname, indexdef from pg_indexes where tablename = any(%s) and indexname not in "
            "(select conname from pg_constraint)",
            [tables],
        )
        indexes = cursor.fetchall()
    started = time.perf_counter()
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        for index_name, _ in indexes:
            conn.execute(f'drop index "{index_name}"')
        with conn.transaction():
            counts = corpus.build(conn, claims=claims)
        print(f"loaded {counts} in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        for _, definition in indexes:
            conn.execute(definition)
        conn.execute("vacuum analyze")
        print(f"built {len(indexes)} indexes in {time.perf_counter() - started:.0f} s")


def timed(run, inputs, *, indexed: bool) -> list[float | None]:
    """Milliseconds per input; None where the query gave up at its time bound."""
    from django.db import connection, transaction

    times: list[float | None] = []
    for value in inputs:
        with transaction.atomic(), connection.cursor() as cursor:
            if not indexed:
                cursor.execute("set local enable_indexscan = off; set local enable_bitmapscan = off")
                cursor.execute("set local enable_indexonlyscan = off")
            started = time.perf_counter()
            finished = run(value) is not None
            times.append((time.perf_counter() - started) * 1000 if finished else None)
    return times


def percentiles(times: list[float | None], bound_ms: float) -> tuple[float, str]:
    """The median (a bound counts as itself) and a printable p50/p95, '≥' where the bound was hit."""
    ordered = sorted(bound_ms if t is None else t for t in times)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    gave_up = sum(t is None for t in times)
    mark = "≥" if gave_up else " "
    note = f", {gave_up} stopped at the bound" if gave_up else ""
    return p50, f"p50 {mark}{p50:9.1f} ms  p95 {mark}{p95:9.1f} ms  (n={len(ordered)}{note})"


def typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1 :]


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--unindexed-samples", type=int, default=3)
    parser.add_argument("--unindexed-budget", type=float, default=60.0, help="seconds per unindexed lookup")
    parser.add_argument("--database", default="ct_matching_bench")
    parser.add_argument("--load-only", action="store_true", help="build the corpus and stop")
    args = parser.parse_args()

    url = database_url(args.database)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    load(args.claims)
    if args.load_only:
        return

    from bench.corpus import Corpus
    from claims.models import Claim, Speaker
    from claims.selectors.search import claim_text_search, speaker_lookup
    from claims.services.matching import claim_match_candidates

    rng = random.Random(11)
    last_claim = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    sample_ids = rng.sample(range(1, last_claim + 1), args.samples)
    existing = list(Claim.objects.filter(pk__in=sample_ids).values_list("text", flat=True))
    # A new claim repeating an existing one with a word added: the match it should find exists.
    new_claims = [Claim(text=text.replace(" ", " and ", 1), article_id=0) for text in existing]
    last_speaker = Speaker.objects.order_by("-pk").values_list("pk", flat=True).first()
    speaker_ids = rng.sample(range(1, last_speaker + 1), args.samples)
    names = Speaker.objects.filter(pk__in=speaker_ids).values_list("name", flat=True)
    speaker_typos = [typo(name.split()[-1], rng) for name in names]
    words = Corpus(args.claims).words[200:1200]  # neither the commonest words nor ones hardly used
    searches = [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(args.samples)]
    searches = [q if i % 3 else f'"{q}"' for i, q in enumerate(searches)]

    budget_ms = args.unindexed_budget * 1000
    cases = [
        (
            "matches for a new claim",
            lambda claim, timeout_ms=2000: claim_match_candidates(claim=claim, timeout_ms=timeout_ms),
            new_claims,
        ),
        ("typo-tolerant speaker lookup", lambda q, timeout_ms=None: list(speaker_lookup(query=q)[:10]), speaker_typos),
        ("ranked full-text search", lambda q, timeout_ms=None: claim_text_search(query=q, limit=20), searches),
    ]
    print(f"{Claim.objects.count()} claims, {Speaker.objects.count()} speakers; load average {load_average()}")
    for label, run, inputs in cases:
        run(inputs[0])  # warm the cache
        with_index = timed(run, inputs, indexed=True)
        without = timed(
            lambda value, run=run: run(value, timeout_ms=int(budget_ms)),
            inputs[: args.unindexed_samples],
            indexed=False,
        )
        indexed_p50, indexed_line = percentiles(with_index, 2000)
        unindexed_p50, unindexed_line = percentiles(without, budget_ms)
        print(f"{label:<30} indexed   {indexed_line}")
        print(f"{'':<30} no index  {unindexed_line}  ratio {unindexed_p50 / indexed_p50:7.1f}x")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
