"""Search and matching at a million claims: p50/p95 of finding matches for a new claim, a typo-tolerant
speaker lookup and a ranked full-text search, each next to the same query with its indexes switched off.

    uv run python bench/search.py [--claims 1000000] [--samples 20] [--unindexed-samples 5]

Loads its own database (`ct_versions_bench` on the server of DATABASE_URL, or --database) with COPY the
first time; later runs reuse it. Texts are random word sequences drawn from the demo articles' vocabulary
and speaker names are built from syllables, so nothing depends on any real article.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLAIMS_PER_ARTICLE = 20
SPEAKERS = 50_000
SYLLABLES = (
    *("ar", "bel", "cor", "dan", "el", "fin", "gar", "hol", "is", "jen", "kar", "lin", "mor"),
    *("nel", "or", "par", "quin", "ros", "sel", "tor", "ul", "var", "wen", "yor", "zan"),
)


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


def vocabulary() -> list[str]:
    words: dict[str, int] = {}
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        for word in re.findall(r"[A-Za-z][a-z]{2,}", path.read_text(encoding="utf-8")):
            words[word.lower()] = words.get(word.lower(), 0) + 1
    return sorted(words, key=lambda w: (-words[w], w))


def name(rng: random.Random) -> str:
    def part() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    return f"{part()} {part()}"


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    picked = rng.choices(words, weights=weights, k=rng.randint(8, 22))
    return " ".join(picked).capitalize() + "."


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


def timed(run, inputs, *, indexed: bool) -> list[float]:
    from django.db import connection, transaction

    times = []
    for value in inputs:
        with transaction.atomic(), connection.cursor() as cursor:
            if not indexed:
                cursor.execute("set local enable_indexscan = off; set local enable_bitmapscan = off")
                cursor.execute("set local enable_indexonlyscan = off")
            started = time.perf_counter()
            run(value)
            times.append((time.perf_counter() - started) * 1000)
    return times


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):8.1f} ms  p95 {p95:8.1f} ms  (n={len(ordered)})"


def typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--unindexed-samples", type=int, default=5)
    parser.add_argument("--database", default="ct_matching_bench")
    parser.add_argument("--load-only", action="store_true", help="build the corpus and stop")
    args = parser.parse_args()

    url = database_url(args.database)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    load(args.claims)
    if args.load_only:
        return

    from claims.models import Claim, Speaker
    from claims.selectors.search import claim_text_search, speaker_lookup
    from claims.services.matching import claim_match_candidates

    sample_ids = rng.sample(range(1, args.claims + 1), args.samples)
    existing = list(Claim.objects.filter(pk__in=sample_ids).values_list("text", flat=True))
    # A new claim repeating an existing one with a word changed: the matches it should find exist.
    new_claims = [Claim(text=text.replace(" ", " and ", 1), article_id=0) for text in existing]
    speaker_ids = rng.sample(range(1, SPEAKERS + 1), args.samples)
    surnames = [n.split()[-1] for n in Speaker.objects.filter(pk__in=speaker_ids).values_list("name", flat=True)]
    speaker_typos = [typo(s, rng) for s in surnames if len(s) > 4] or ["Karlin"]
    words = [w for w in vocabulary()[200:1200]]
    searches = [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(args.samples)]
    searches = [q if i % 3 else f'"{q}"' for i, q in enumerate(searches)]

    cases = [
        ("matches for a new claim", lambda claim: claim_match_candidates(claim=claim), new_claims),
        ("typo-tolerant speaker lookup", lambda q: list(speaker_lookup(query=q)[:10]), speaker_typos),
        ("ranked full-text search", lambda q: claim_text_search(query=q, limit=20), searches),
    ]
    print(f"{Claim.objects.count()} claims, {Speaker.objects.count()} speakers")
    for label, run, inputs in cases:
        run(inputs[0])  # warm the cache
        with_index = timed(run, inputs, indexed=True)
        without = timed(run, inputs[: args.unindexed_samples], indexed=False)
        print(f"{label:<30} indexed   {percentiles(with_index)}")
        ratio = statistics.median(without) / statistics.median(with_index)
        print(f"{'':<30} no index  {percentiles(without)}  ratio {ratio:6.1f}x")


if __name__ == "__main__":
    main()
