"""Benchmark: `import_articles` on synthetic JSON-lines files (extraction inline) against a COPY of the same rows.

    uv run python bench/imports.py --articles 1000,10000 --batch-size 200

For each size: writes a JSON-lines file of fresh synthetic articles (about a dozen attributed quotations each,
speakers drawn from a directory that grows as the corpus does), imports it into an empty database
(`ct_perf_import_<count>`) with the real command in a child process, and reports articles/s, claims/s, the
rate in each tenth of the claims (steady or not) and the child's peak RSS. Then it copies the rows the import
wrote (outlets, articles, speakers, claims) into a second empty database (`ct_perf_import_<count>_copy`) with
COPY, history triggers on (foreign keys checked per statement, as the import checks them), and reports that
rate beside it, with the load average of the machine.
"""

import argparse
import io
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Amara", "Bastian", "Corin", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Idris", "Jolene", "Kofi", "Lena"]
LAST = ["Abernethy", "Bellamy", "Castellano", "Drummond", "Eriksen", "Fairclough", "Gallagher", "Hargreaves"]
ROLES = ["the health secretary", "the shadow chancellor", "the council leader", "a union official", "the mayor"]
VERBS = ["said", "told reporters", "added", "warned", "claimed"]
WORDS = [
    "budget",
    "hospital",
    "waiting",
    "lists",
    "rose",
    "fell",
    "record",
    "figures",
    "council",
    "schools",
    "funding",
    "police",
    "housing",
    "rents",
    "wages",
    "inflation",
    "transport",
    "trains",
    "delays",
    "promise",
    "plan",
    "report",
    "survey",
    "million",
    "billion",
    "per",
    "cent",
    "year",
    "month",
    "families",
    "workers",
    "patients",
    "teachers",
    "nurses",
    "services",
    "tax",
    "cuts",
    "growth",
    "jobs",
    "unemployment",
    "energy",
    "bills",
    "prices",
    "local",
    "national",
    "government",
    "opposition",
    "party",
    "members",
    "vote",
    "election",
    "campaign",
    "policy",
    "reform",
    "investment",
]
TABLES = ["articles_outlet", "articles_article", "claims_speaker", "claims_claim"]


def server_url(db: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(parts._replace(path=f"/{db}"))


def fresh_database(name: str) -> str:
    with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": server_url(name), "DJANGO_DEBUG": "1"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return server_url(name)


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def synthetic_articles(count: int, seed: int = 7):
    """Article records: paragraphs of narration and attributed quotations, as a news desk writes them."""
    rng = random.Random(seed)
    directory: list[str] = []
    for n in range(count):
        if rng.random() < 0.6 or len(directory) < 20:
            surname = f"{rng.choice(LAST)}-{rng.choice(LAST)}" if rng.random() < 0.5 else rng.choice(LAST)
            directory.append(f"{rng.choice(FIRST)} {surname}{'' if rng.random() < 0.7 else ' ' + rng.choice(LAST)}")
        paragraphs = [f"{sentence(rng, 14)}."]
        for _ in range(rng.randint(8, 16)):
            name = rng.choice(directory[-200:] if rng.random() < 0.7 else directory)
            quote = f"{sentence(rng, rng.randint(7, 18))}."
            if rng.random() < 0.5:
                paragraphs.append(f"{name}, {rng.choice(ROLES)}, {rng.choice(VERBS)}: “{quote}”")
            else:
                paragraphs.append(f"“{quote[:-1]},” {rng.choice(VERBS)} {name}.")
            paragraphs.append(f"{sentence(rng, rng.randint(10, 20))}.")
        yield {
            "headline": f"{sentence(rng, 7)} ({n})",
            "url": f"https://news.example/{n}",
            "outlet": f"The {rng.choice(WORDS).title()} Gazette",
            "published": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "body": "\n\n".join(paragraphs),
        }


def run_import(path: Path, url: str, batch_size: int) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-not-a-secret"}
    samples: list[tuple[float, int]] = []
    done = threading.Event()

    def poll() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            while not done.wait(1.0):
                samples.append((time.perf_counter(), conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]))

    poller = threading.Thread(target=poll, daemon=True)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "manage.py", "import_articles", str(path), "--no-progress", "--batch-size", str(batch_size)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    poller.start()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    poller.join()
    out, err = child.stdout.read().decode(), child.stderr.read().decode()
    if status != 0:
        raise SystemExit(f"import failed ({status}): {err[-2000:] or out[-2000:]}")
    with psycopg.connect(url) as conn:
        claims = conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    # Claims become visible a batch at a time, so each tenth is timed by when its last claim committed.
    crossings = [0.0]
    for i in range(1, 11):
        crossings.append(next((t - started for t, n in samples if n >= claims * i / 10), elapsed))
    tenths = [claims / 10 / (b - a) if b > a else 0.0 for a, b in itertools.pairwise(crossings)]
    return {
        "seconds": elapsed,
        "claims": claims,
        "articles": articles,
        "rss_mb": usage.ru_maxrss / 1024,
        "tenths": tenths,
    }


def copy_baseline(source_url: str, target_url: str) -> float:
    """Seconds to COPY the import's rows into an empty database in one transaction, history triggers firing
    and foreign keys checked as each COPY ends."""
    dumps = {}
    with psycopg.connect(source_url) as src:
        for table in TABLES:
            names = src.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_generated = 'NEVER'"
                " ORDER BY ordinal_position",
                [table],
            ).fetchall()
            columns = ", ".join(f'"{name}"' for (name,) in names)
            buffer = io.BytesIO()
            with src.cursor().copy(f"COPY (SELECT {columns} FROM {table} ORDER BY id) TO STDOUT") as copy:
                for chunk in copy:
                    buffer.write(chunk)
            dumps[table] = (columns, buffer.getvalue())
    started = time.perf_counter()
    with psycopg.connect(target_url) as dst:
        # As the import does: a deferred check per row would slow every history trigger after it.
        dst.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, (columns, data) in dumps.items():
            with dst.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(data)
        dst.commit()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--batch-size", type=int, default=200, help="articles committed together by the import")
    args = parser.parse_args()
    rows = []
    for count in (int(n) for n in args.articles.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"articles-{count}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for record in synthetic_articles(count):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            imported = run_import(path, fresh_database(f"ct_perf_import_{count}"), args.batch_size)
        print(f"{count:,} articles imported: {imported}", flush=True)
        copy_seconds = copy_baseline(
            server_url(f"ct_perf_import_{count}"), fresh_database(f"ct_perf_import_{count}_copy")
        )
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        claims_per_s = imported["claims"] / imported["seconds"]
        copy_per_s = imported["claims"] / copy_seconds
        steady = " ".join(f"{rate:,.0f}" for rate in imported["tenths"])
        rows.append((count, imported, claims_per_s, copy_per_s, load))
        print(
            f"{count:,} articles: {imported['claims']:,} claims in {imported['seconds']:.1f} s = "
            f"{imported['articles'] / imported['seconds']:,.1f} articles/s, {claims_per_s:,.0f} claims/s, "
            f"peak RSS {imported['rss_mb']:.0f} MB; COPY of the same rows {copy_per_s:,.0f} claims/s "
            f"({copy_per_s / claims_per_s:.1f}x); claims/s by tenth of the claims: {steady}; load average {load}",
            flush=True,
        )
    print(f"\nbatch size {args.batch_size}")
    print("| articles | claims | import s | articles/s | claims/s | peak RSS MB | COPY claims/s | COPY / import | load")
    print("|---|---|---|---|---|---|---|---|---|")
    for count, imported, claims_per_s, copy_per_s, load in rows:
        print(
            f"| {count:,} | {imported['claims']:,} | {imported['seconds']:.1f} | "
            f"{imported['articles'] / imported['seconds']:,.1f} | {claims_per_s:,.0f} | {imported['rss_mb']:.0f} | "
            f"{copy_per_s:,.0f} | {copy_per_s / claims_per_s:.1f}x | {load}"
        )


if __name__ == "__main__":
    main()
