"""Benchmark extraction on one core: `uv run python bench/extraction.py [--articles N]`.

Builds a corpus by recombining paragraphs of the demo fixtures and the extraction test articles, with
the names swapped per article, and prints articles/s and ms/article (median and p95). No database.
"""

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def corpus(count: int, seed: int = 7) -> list[str]:
    """`count` articles of about 3 KB with recombined paragraphs and fresh two-word names."""
    rng = random.Random(seed)
    pool = paragraphs()
    articles = []
    for _ in range(count):
        chosen, size = [], 0
        while size < 3000:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            size += len(paragraph) + 2
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


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    bodies = corpus(args.articles)
    for body in bodies[:20]:  # warm caches and imports
        extract(body)
    timings = []
    statements = 0
    started = time.perf_counter()
    for body in bodies:
        t0 = time.perf_counter()
        statements += len(extract(body).statements)
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    size = sum(map(len, bodies)) / len(bodies)
    print(f"{len(bodies)} articles (mean {size:.0f} chars), {statements} statements")
    print(f"{len(bodies) / total:.0f} articles/s on one core")
    print(f"ms/article: median {statistics.median(timings) * 1000:.2f}, p95 {p95 * 1000:.2f}")


if __name__ == "__main__":
    main()
