"""Benchmark extraction on one core: `uv run python bench/extraction.py [--articles N] [--big-mb M] [--pathological]`.

Builds a corpus by recombining paragraphs of the demo fixtures and the extraction test articles, with
the names swapped per article, and prints the corpus size, articles/s and ms/article (median and p95)
measured both as wall-clock time and as CPU time of this process (`time.process_time`, which a busy
machine disturbs much less). With `--big-mb`, also times one body of that many megabytes. No database.
"""

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from articles.cleaning import clean_article  # noqa: E402
from claims.extraction import extract  # noqa: E402

SOURCES = [ROOT / "fixtures" / "articles", ROOT / "tests" / "extraction" / "articles"]
GIVEN = ["Ada", "Bram", "Cleo", "Dario", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lina", "Priya"]
FAMILY = ["Achebe", "Brandt", "Castillo", "Dubois", "Eriksen", "Fontaine", "Gallo", "Haddad", "Jansen", "Moreau"]
_NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")


def paragraphs() -> list[str]:
    """Every paragraph of the source articles (cleaned bodies)."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            body = clean_article(path.read_text(encoding="utf-8")).body
            found.extend(p for p in body.split("\n\n") if p.strip())
    return found


def corpus(count: int, seed: int = 7, size: int = 3000) -> list[str]:
    """`count` articles of about `size` characters with recombined paragraphs and fresh two-word names."""
    rng = random.Random(seed)
    pool = paragraphs()
    articles = []
    for _ in range(count):
        chosen, total = [], 0
        while total < size:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            total += len(paragraph) + 2
        articles.append(_swap_names("\n\n".join(chosen), rng))
    return articles


def _swap_names(text: str, rng: random.Random) -> str:
    """Replace each two-word capitalised name with an invented one, consistently within the text."""
    names: dict[str, str] = {}

    def swap(match: re.Match) -> str:
        if match.group(0) not in names:
            names[match.group(0)] = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        return names[match.group(0)]

    return _NAME.sub(swap, text)


def _figures(label: str, seconds: list[float], total: float) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"{label:>5}: {len(ordered) / total:7.0f} articles/s   "
        f"ms/article median {statistics.median(ordered) * 1000:6.2f}  p95 {p95 * 1000:6.2f}"
    )


def run(bodies: list[str]) -> None:
    """Extract every body, timing each one by the wall clock and by CPU time."""
    for body in bodies[:20]:  # warm caches and imports
        extract(body)
    wall, cpu = [], []
    statements = 0
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    for body in bodies:
        w0, c0 = time.perf_counter(), time.process_time()
        statements += len(extract(body).statements)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    wall_total = time.perf_counter() - wall_start
    cpu_total = time.process_time() - cpu_start
    chars = sum(map(len, bodies))
    print(
        f"corpus: {len(bodies)} articles, {chars / 1e6:.2f} MB (mean {chars / len(bodies):.0f} chars), "
        f"{statements} statements"
    )
    print(_figures("wall", wall, wall_total))
    print(_figures("cpu", cpu, cpu_total))


def run_big(megabytes: float) -> None:
    """Time one body of about `megabytes` MB made of corpus articles."""
    body = ""
    count = max(1, int(megabytes * 1e6 / 3100))
    body = "\n\n".join(corpus(count, seed=11))
    w0, c0 = time.perf_counter(), time.process_time()
    statements = len(extract(body).statements)
    print(
        f"one body of {len(body) / 1e6:.2f} MB, {statements} statements: "
        f"wall {time.perf_counter() - w0:.2f} s, cpu {time.process_time() - c0:.2f} s"
    )


# Inputs that would expose quadratic behaviour: an unclosed quote before a long text, a run of apostrophes.
PATHOLOGICAL = {
    "unbalanced quotes, 1 MB": ('"' + "word " * 50_000 + "\n") * 4,
    "100,000 apostrophes": "'" * 100_000,
}


def run_pathological() -> None:
    """Time the inputs most likely to be slow; each should take about as long as text of its size."""
    for name, body in PATHOLOGICAL.items():
        w0 = time.perf_counter()
        extract(body)
        print(f"{name}: wall {time.perf_counter() - w0:.2f} s")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--big-mb", type=float, default=0.0, help="also time one body of this many MB")
    parser.add_argument("--pathological", action="store_true", help="also time the worst-case inputs")
    args = parser.parse_args()
    run(corpus(args.articles))
    if args.big_mb:
        run_big(args.big_mb)
    if args.pathological:
        run_pathological()


if __name__ == "__main__":
    main()
